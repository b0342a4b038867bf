package award_test

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"chungsuc/internal/award"
	"chungsuc/internal/fault"
)

func TestSeedIsIdempotentAndKeepsEdits(t *testing.T) {
	w := newWorld(t) // seeded once
	forms, rules := w.count("award_forms"), w.count("award_rules")
	if forms != int64(len(award.BuiltinForms())) || rules != int64(len(award.BuiltinRules())) {
		t.Fatalf("seeded %d forms, %d rules", forms, rules)
	}
	must(t, award.Seed(w.db.DB, w.agency))
	if w.count("award_forms") != forms || w.count("award_rules") != rules {
		t.Fatal("a second seed added rows")
	}
	// An edit and a deactivation survive a seed; a deleted built-in is not brought back.
	w.editForm(award.FormBKTinh, func(f *award.Form) { f.Note = "Theo Quyết định 25/2024/QĐ-UBND của tỉnh" })
	w.editForm(award.FormLDTT, nil)
	must(t, w.db.Exec("UPDATE award_rules SET deleted_at = CURRENT_TIMESTAMP WHERE agency_id = ? AND code = ?", w.agency, "ldtt.tieu_chuan").Error)
	must(t, award.Seed(w.db.DB, w.agency))
	list, err := w.svc.Forms(ctx, w.agency)
	must(t, err)
	for _, f := range list {
		if f.Code == award.FormBKTinh && f.Note != "Theo Quyết định 25/2024/QĐ-UBND của tỉnh" {
			t.Fatalf("edit lost: %q", f.Note)
		}
		if f.Code == award.FormLDTT && f.Active {
			t.Fatal("deactivation lost")
		}
	}
	if w.count("award_rules") != rules-1 {
		t.Fatal("a deleted rule came back")
	}
	// Another agency gets its own copy.
	must(t, award.Seed(w.db.DB, w.otherAg))
	other, err := w.svc.Forms(ctx, w.otherAg)
	must(t, err)
	if len(other) != len(award.BuiltinForms()) {
		t.Fatalf("other agency: %d forms", len(other))
	}
}

// TestBuiltinCatalogueFollowsTheReference checks the legal status of the
// built-in data against OFFICIAL-FORMAT.md part B.
func TestBuiltinCatalogueFollowsTheReference(t *testing.T) {
	confirmedForms := map[string]bool{award.FormHCLDBa: true, award.FormBKTTg: true}
	codes := map[string]award.Form{}
	for _, f := range award.BuiltinForms() {
		codes[f.Code] = f
		if f.Confirmed != confirmedForms[f.Code] {
			t.Errorf("form %s confirmed %v", f.Code, f.Confirmed)
		}
		if f.ValidFrom != "2024-01-01" || f.Source == "" || f.LegalBasis == "" || f.Authority == "" || !f.Builtin || !f.Active {
			t.Errorf("form %s: %+v", f.Code, f)
		}
		if !f.Confirmed && !strings.Contains(f.LegalBasis+f.Note, "chưa xác nhận") && !strings.Contains(f.Note, "Chưa xác nhận") {
			t.Errorf("unconfirmed form %s is not marked", f.Code)
		}
	}
	want := []string{award.FormHCLDBa, award.FormBKTTg, award.FormBKTinh, award.FormGiayKhen, award.FormCSTDCS, award.FormLDTT, award.FormTTLDXS}
	for _, c := range want {
		if _, ok := codes[c]; !ok {
			t.Errorf("form %s missing", c)
		}
	}
	// Only the confirmed clauses are evaluated; everything else is guidance.
	evaluatedPrefixes := []string{"bk_ttg.k1.", "hcld.k2.", "bk_ttg.nd152.", "hcld.nd152.", "bk_tinh.nd152."}
	seen := map[string]bool{}
	for _, r := range award.BuiltinRules() {
		if seen[r.Code] {
			t.Errorf("duplicate rule code %s", r.Code)
		}
		seen[r.Code] = true
		if r.FormCode != "*" {
			if _, ok := codes[r.FormCode]; !ok {
				t.Errorf("rule %s: unknown form %s", r.Code, r.FormCode)
			}
		}
		ok := r.Check == award.CheckGuidance
		for _, p := range evaluatedPrefixes {
			ok = ok || strings.HasPrefix(r.Code, p)
		}
		if !ok {
			t.Errorf("rule %s is evaluated (%s) but is not a confirmed clause", r.Code, r.Check)
		}
		if !r.Confirmed && !strings.Contains(strings.ToLower(r.Quote+r.Article), "chưa xác nhận") {
			t.Errorf("unconfirmed rule %s is not marked in its quote or article", r.Code)
		}
		if r.Article == "" || r.Source == "" || r.ValidFrom == "" {
			t.Errorf("rule %s lacks article, source or validity", r.Code)
		}
		if _, err := award.ParseParams(r.Params); err != nil {
			t.Errorf("rule %s params: %v", r.Code, err)
		}
		if strings.Contains(r.Code, "nd152") && r.ValidFrom != "2025-07-01" {
			t.Errorf("rule %s: NĐ 152/2025 is in force from 2025-07-01", r.Code)
		}
	}
}

func TestFormAndRuleEditing(t *testing.T) {
	w := newWorld(t)
	_, err := w.svc.SaveForm(ctx, w.agency, award.Form{Code: "Bằng khen", Kind: "x", Target: "y", Level: 500, ValidFrom: "2025-01-01", ValidTo: "2024-01-01"})
	fk := fieldKeys(t, err)
	for field, key := range map[string]string{"code": "validation.award.code", "name": "validation.required", "kind": "validation.oneOf",
		"target": "validation.oneOf", "level": "validation.range", "validTo": "validation.award.period"} {
		if fk[field] != key {
			t.Errorf("%s: %q, want %q", field, fk[field], key)
		}
	}
	if _, err := w.svc.SaveForm(ctx, w.agency, award.Form{Code: award.FormBKTinh, Name: "Trùng", Kind: award.KindForm, Target: award.TargetBoth}); fieldKeys(t, err)["code"] != "validation.award.codeTaken" {
		t.Fatalf("taken code: %v", err)
	}
	f, err := w.svc.SaveForm(ctx, w.agency, award.Form{Code: "bk_bo", Name: "Bằng khen của Bộ trưởng", Kind: award.KindForm, Target: award.TargetBoth,
		Level: 20, Authority: "Bộ trưởng", LegalBasis: "Luật Thi đua, khen thưởng 2022, Điều 74"})
	must(t, err)
	if f.Builtin || !f.Active {
		t.Fatalf("new form %+v", f)
	}
	f.Code, f.Name = "doi_ma", "Bằng khen của Bộ trưởng Bộ Tài nguyên và Môi trường"
	f2, err := w.svc.SaveForm(ctx, w.agency, f)
	must(t, err)
	if f2.Code != "bk_bo" || f2.Name != f.Name {
		t.Fatalf("code changed: %+v", f2)
	}
	if _, err := w.svc.SaveForm(ctx, w.agency, f); !errors.Is(err, fault.ErrStale) {
		t.Fatalf("stale form: %v", err)
	}

	cases := []struct {
		name  string
		r     award.Rule
		field string
		key   string
	}{
		{"unknown check", award.Rule{Check: "magic"}, "check", "validation.oneOf"},
		{"bad JSON", award.Rule{Check: award.CheckHistoryHas, Params: "{forms"}, "params", "validation.award.paramsJSON"},
		{"unknown field", award.Rule{Check: award.CheckHistoryHas, Params: `{"form":["x"]}`}, "params", "validation.award.paramsJSON"},
		{"unknown form in params", award.Rule{Check: award.CheckHistoryHas, Params: `{"forms":["khong_co"]}`}, "params", "validation.award.paramsForm"},
		{"count without min", award.Rule{Check: award.CheckHistoryCount, Params: `{"forms":["cstdcs"]}`}, "params", "validation.award.paramsMin"},
		{"nothing to count", award.Rule{Check: award.CheckHistoryHas, Params: `{}`}, "params", "validation.award.paramsForms"},
		{"bad stage", award.Rule{Check: award.CheckCampaignYears, Params: `{"min":5,"stages":["cuoi_nam"]}`}, "params", "validation.award.paramsStage"},
		{"bad category", award.Rule{Check: award.CheckStaffCategory, Params: `{"in":["nong_dan"]}`}, "params", "validation.award.paramsCategory"},
		{"bad otherwise", award.Rule{Check: award.CheckStaffCategory, Params: `{"in":["vien_chuc"],"otherwise":"met"}`}, "params", "validation.award.paramsOtherwise"},
		{"nested all_of", award.Rule{Check: award.CheckAllOf, Params: `{"parts":[{"check":"all_of","params":{}}]}`}, "params", "validation.award.paramsParts"},
		{"empty all_of", award.Rule{Check: award.CheckAllOf, Params: `{"parts":[]}`}, "params", "validation.award.paramsParts"},
		{"unknown form", award.Rule{Check: award.CheckGuidance, FormCode: "khong_co"}, "formCode", "validation.award.formMissing"},
		{"no article", award.Rule{Check: award.CheckGuidance, Article: " "}, "article", "validation.required"},
		{"taken code", award.Rule{Code: "bk_ttg.k1.a", Check: award.CheckGuidance}, "code", "validation.award.codeTaken"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := c.r
			if r.Code == "" {
				r.Code = "thu.moi"
			}
			if r.FormCode == "" {
				r.FormCode = award.FormBKTinh
			}
			if r.Target == "" {
				r.Target = award.TargetBoth
			}
			if r.Article == "" {
				r.Article = "Quy chế"
			} else if strings.TrimSpace(r.Article) == "" {
				r.Article = ""
			}
			_, err := w.svc.SaveRule(ctx, w.agency, r)
			if got := fieldKeys(t, err)[c.field]; got != c.key {
				t.Fatalf("%s: %q, want %q (%v)", c.field, got, c.key, err)
			}
		})
	}
	r, err := w.svc.SaveRule(ctx, w.agency, award.Rule{Code: "chung.quy_che", FormCode: "*", Target: award.TargetBoth, Check: award.CheckGuidance,
		Article: "Quy chế thi đua, khen thưởng của tỉnh", Quote: "Số lượng khen thưởng theo quy chế"})
	must(t, err)
	rules, err := w.svc.Rules(ctx, w.agency, award.FormGiayKhen)
	must(t, err)
	found := false
	for _, x := range rules {
		found = found || x.ID == r.ID
		if x.FormCode != award.FormGiayKhen && x.FormCode != "*" {
			t.Fatalf("rule of another form listed: %s", x.Code)
		}
	}
	if !found {
		t.Fatal("a rule of every form is not listed with the form's")
	}
	// A built-in rule is editable; its code is not.
	var builtin award.Rule
	for _, x := range rules {
		if x.Code == "giay_khen.d75" {
			builtin = x
		}
	}
	builtin.Code, builtin.Quote = "khac", "Quy chế của tỉnh: hoàn thành tốt nhiệm vụ"
	saved, err := w.svc.SaveRule(ctx, w.agency, builtin)
	must(t, err)
	if saved.Code != "giay_khen.d75" || !saved.Builtin || saved.Quote != builtin.Quote {
		t.Fatalf("builtin edit %+v", saved)
	}
}

// TestReasonKeysAreInViJSON: every reason the check gives, and the notices
// of the import, have a Vietnamese message.
func TestReasonKeysAreInViJSON(t *testing.T) {
	data, err := os.ReadFile("../../frontend/src/locales/vi.json")
	must(t, err)
	var vi map[string]any
	must(t, json.Unmarshal(data, &vi))
	has := func(key string) bool {
		var node any = vi
		for _, part := range strings.Split(key, ".") {
			m, ok := node.(map[string]any)
			if !ok {
				return false
			}
			node = m[part]
		}
		s, ok := node.(string)
		return ok && s != ""
	}
	keys := append([]string{"award.import.otherUnit"}, award.ReasonKeys...)
	for _, s := range award.Statuses {
		keys = append(keys, "award.status."+s)
	}
	for _, k := range keys {
		if !has(k) {
			t.Errorf("vi.json lacks %s", k)
		}
	}
}
