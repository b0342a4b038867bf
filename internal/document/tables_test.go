package document_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"chungsuc/internal/document"
	"chungsuc/internal/fault"
	"chungsuc/internal/pdf"
	"chungsuc/internal/store"
)

// ownTable is a small frozen table with a group row.
func ownTable(first string) pdf.Table {
	return pdf.Table{RepeatHeader: true, Columns: []pdf.Column{{Title: "TT", Width: 6, Align: "C"}, {Title: "Tên tập thể", Width: 60}, {Title: "Hình thức đề nghị", Width: 34}},
		Rows: [][]pdf.Cell{
			{{Text: "I. TẬP THỂ", Bold: true, Span: 3}, {}, {}},
			{{Text: "1"}, {Text: first}, {Text: "Giấy khen"}},
		}}
}

func TestDataTables(t *testing.T) {
	ctx := context.Background()
	fixedToday(t, "2025-12-20")
	_, svc, aid, _, _ := bareAgency(t)

	// A {{bang:KEY}} line of a document that holds no such table is refused.
	d := simpleDraft("bao_cao", document.IssuerAgency, "Danh sách đề nghị")
	d.Appendices = []document.Appendix{{Label: "Phụ lục", Title: "Danh sách", Landscape: true, Markup: "{{bang:danh_sach_rieng}}"}}
	_, err := svc.Save(ctx, aid, d)
	fe := wantKey(t, err, "errors.invalid")
	if fe.Fields[0].Field != "appendices.0.markup" || fe.Fields[0].Key != "validation.document.unknownTable" {
		t.Fatalf("fields %+v", fe.Fields)
	}

	// With the table frozen in the document it saves, builds and prints.
	d.DataTables = map[string]pdf.Table{"danh_sach_rieng": ownTable("Văn phòng Sở")}
	saved, err := svc.Save(ctx, aid, d)
	if err != nil {
		t.Fatal(err)
	}
	got, err := svc.Get(ctx, aid, saved.ID)
	if err != nil || len(got.DataTables["danh_sach_rieng"].Rows) != 2 {
		t.Fatalf("stored tables %+v %v", got.DataTables, err)
	}
	doc, err := svc.BuildDoc(ctx, aid, got)
	if err != nil {
		t.Fatal(err)
	}
	if tb := doc.Appendices[0].Body[0].Table; tb == nil || tb.Rows[1][1].Text != "Văn phòng Sở" {
		t.Fatalf("appendix table %+v", doc.Appendices[0].Body)
	}
	p, err := svc.Preview(ctx, aid, saved.ID)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, p.PDF)
	for _, want := range []string{"I. TẬP THỂ", "Văn phòng Sở", "Hình thức đề nghị"} {
		if !strings.Contains(text, want) {
			t.Errorf("preview lacks %q: %s", want, text)
		}
	}

	// Saving without tables (as the register's list gives a document)
	// keeps the stored ones; the list leaves them out.
	got.DataTables = nil
	got.Summary = "Danh sách đề nghị (sửa)"
	if _, err := svc.Save(ctx, aid, got); err != nil {
		t.Fatal(err)
	}
	again, _ := svc.Get(ctx, aid, saved.ID)
	if len(again.DataTables) != 1 || again.Summary != "Danh sách đề nghị (sửa)" {
		t.Fatalf("tables lost on save: %+v", again.DataTables)
	}
	page, err := svc.List(ctx, aid, document.Query{})
	if err != nil || len(page.Items) != 1 || page.Items[0].DataTables != nil {
		t.Fatalf("list %+v %v", page.Items, err)
	}
	// The unsaved editor content without its tables previews with the stored ones.
	again.DataTables = nil
	pd, err := svc.PreviewDraft(ctx, aid, again)
	if err != nil || !strings.Contains(pdfText(t, pd.PDF), "Văn phòng Sở") {
		t.Fatalf("preview draft %v", err)
	}

	// A document's own table comes before the register's table of the same key.
	again.DataTables = map[string]pdf.Table{"danh_sach_rieng": ownTable("Thanh tra Sở"), "dang_ky": ownTable("Bảng riêng của văn bản")}
	again.Sections[0].Markup += "\n{{bang:dang_ky}}"
	if _, err := svc.Save(ctx, aid, again); err != nil {
		t.Fatal(err)
	}
	again, _ = svc.Get(ctx, aid, saved.ID)
	doc, err = svc.BuildDoc(ctx, aid, again)
	if err != nil {
		t.Fatal(err)
	}
	var own *pdf.Table
	for _, b := range doc.Body {
		if b.Ref == "dang_ky" {
			own = b.Table
		}
	}
	if own == nil || own.Rows[1][1].Text != "Bảng riêng của văn bản" {
		t.Fatalf("own table not first: %+v", own)
	}

	// Issue freezes the tables into the final content.
	issued, err := svc.Issue(ctx, aid, document.IssueRequest{ID: saved.ID, Date: "2025-12-20"})
	if err != nil {
		t.Fatal(err)
	}
	final, err := document.FinalDoc(issued)
	if err != nil || final.Appendices[0].Body[0].Table == nil || final.Appendices[0].Body[0].Table.Rows[1][1].Text != "Thanh tra Sở" {
		t.Fatalf("final %+v %v", final.Appendices, err)
	}

	// Malformed tables are refused field by field.
	bad := simpleDraft("bao_cao", document.IssuerAgency, "Sai bảng")
	tb := ownTable("X")
	tb.Rows = append(tb.Rows, []pdf.Cell{{Text: "thiếu ô"}})
	bad.DataTables = map[string]pdf.Table{"bang hong": ownTable("Y"), "thieu_o": tb, "khong_cot": {}}
	_, err = svc.Save(ctx, aid, bad)
	fe = wantKey(t, err, "errors.invalid")
	fields := map[string]string{}
	for _, f := range fe.Fields {
		fields[f.Field] = f.Key
	}
	for _, want := range []string{"dataTables.bang hong", "dataTables.thieu_o.rows.2", "dataTables.khong_cot.columns"} {
		if fields[want] == "" {
			t.Errorf("no error on %s: %+v", want, fe.Fields)
		}
	}
}

func TestAwardTemplates(t *testing.T) {
	ctx := context.Background()
	fixedToday(t, "2025-12-20")
	_, svc, aid, _ := sampleSvc(t)

	// Drafted without a proposal, the award templates are refused.
	for _, code := range []string{document.TemplateAwardSubmission, document.TemplateAwardMinutes} {
		_, err := svc.Generate(ctx, aid, code)
		fe, ok := fault.As(err)
		if !ok || fe.Key != "errors.dossier.fromProposal" || !errors.Is(err, fault.ErrRefused) {
			t.Fatalf("%s without a proposal: %v", code, err)
		}
	}

	// With the values and the table a proposal gives.
	issuers, _ := svc.Issuers(ctx, aid)
	council := issuers[1]
	f := document.Fill{Year: 2025, AsOf: "2025-12-15",
		Values: map[string]string{
			"de_nghi.ten": "Đề nghị khen thưởng tổng kết", "de_nghi.hinh_thuc": "tặng Giấy khen của Giám đốc Sở",
			"de_nghi.so_luong": "01 tập thể và 02 cá nhân", "de_nghi.cap_trinh": "Giám đốc Sở",
		},
		Blocks: map[string][]string{
			"de_nghi.can_cu":         {"> Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;", "> Căn cứ kết quả họp Hội đồng."},
			"de_nghi.theo_hinh_thuc": {"- Giấy khen của Giám đốc Sở: 01 tập thể, 02 cá nhân."},
		},
		Tables: map[string]pdf.Table{"danh_sach_khen_thuong": ownTable("Văn phòng Sở")},
	}
	d, err := svc.DraftFilled(ctx, aid, document.TemplateAwardSubmission, f)
	if err != nil {
		t.Fatal(err)
	}
	if d.TypeCode != "to_trinh" || d.Year != 2025 || d.AsOf != "2025-12-15" || d.Symbol != "TTr-STNMT" ||
		!strings.HasPrefix(d.Summary, "Về việc đề nghị tặng Giấy khen của Giám đốc Sở cho 01 tập thể và 02 cá nhân") ||
		d.Recipients[0] != "Như trên" || d.KinhGui[0] != "Ủy ban nhân dân tỉnh Quảng Bình" || len(d.DataTables) != 1 {
		t.Fatalf("tờ trình draft %+v", d)
	}
	if !strings.Contains(d.Sections[0].Markup, "> Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;") ||
		!strings.Contains(d.Sections[2].Markup, "- Giấy khen của Giám đốc Sở: 01 tập thể, 02 cá nhân.") {
		t.Fatalf("sections %+v", d.Sections)
	}
	saved, err := svc.Save(ctx, aid, d)
	if err != nil {
		t.Fatal(err)
	}
	p, err := svc.Preview(ctx, aid, saved.ID)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, p.PDF)
	for _, want := range []string{"TỜ TRÌNH", "Kính gửi: Ủy ban nhân dân tỉnh Quảng Bình", "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
		"(Có danh sách và báo cáo thành tích kèm theo)", "kính trình Giám đốc Sở xem xét, quyết định./.", "Như trên;",
		"DANH SÁCH ĐỀ NGHỊ TẶNG GIẤY KHEN CỦA GIÁM ĐỐC SỞ", "(Kèm theo Tờ trình số", "I. TẬP THỂ"} {
		if !strings.Contains(text, want) {
			t.Errorf("tờ trình lacks %q: %s", want, text)
		}
	}

	// The Biên bản is drafted for the council, in its own series.
	f.IssuerKey = council.Key
	f.Tables = map[string]pdf.Table{"ket_qua_bo_phieu": ownTable("Văn phòng Sở")}
	f.Values["de_nghi.hop_ngay"] = "ngày 15 tháng 12 năm 2025"
	_, err = svc.DraftFilled(ctx, aid, document.TemplateAwardMinutes, f)
	if fe, ok := fault.As(err); !ok || fe.Key != "errors.dossier.fromProposal" || !strings.HasPrefix(fe.Params["name"].(string), "de_nghi.") {
		t.Fatalf("missing value: %v", err)
	}
	for _, k := range []string{"de_nghi.so_luong_xet", "de_nghi.hop_dia_diem", "de_nghi.hop_thanh_phan", "de_nghi.hop_tong_so", "de_nghi.hop_co_mat",
		"de_nghi.hop_chu_toa", "de_nghi.hop_thu_ky", "de_nghi.nguong"} {
		f.Values[k] = "giá trị " + k
	}
	f.Blocks["de_nghi.ket_luan"] = []string{"Hội đồng thống nhất đề nghị."}
	bb, err := svc.DraftFilled(ctx, aid, document.TemplateAwardMinutes, f)
	if err != nil {
		t.Fatal(err)
	}
	if bb.TypeCode != "bien_ban" || bb.IssuerKey != council.Key || bb.Symbol != "BB-HĐTĐKT" || bb.HeadTitle != "CHỦ TỊCH" || len(bb.KinhGui) != 0 {
		t.Fatalf("biên bản draft %+v", bb)
	}

	// The templates are documented and marked as practice.
	list, _ := svc.Templates(ctx, aid)
	for _, tp := range list {
		if tp.Code == document.TemplateAwardSubmission || tp.Code == document.TemplateAwardMinutes {
			if !tp.Practice || !strings.Contains(tp.Source, "CHƯA ĐỐI CHIẾU") {
				t.Errorf("%s not marked unconfirmed: %+v", tp.Code, tp.Source)
			}
		}
	}
	b, _ := json.Marshal(document.Placeholders())
	for _, name := range []string{"de_nghi.can_cu", "bang:danh_sach_khen_thuong", "bang:ket_qua_bo_phieu"} {
		if !strings.Contains(string(b), `"`+name+`"`) {
			t.Errorf("placeholder %s undocumented", name)
		}
	}
}

// awardRecord is a row of the award history (internal/award's Record,
// written here without importing the award package).
type awardRecord struct {
	store.Base
	AgencyID, SubjectKind, SubjectName, Kind, Title string
	DecisionNumber, DecisionDate, DecisionIssuer    string
	Year                                            int
	CampaignID                                      *string
	Origin                                          string
}

func (awardRecord) TableName() string { return "award_records" }

func TestAwardSummaryPlaceholder(t *testing.T) {
	ctx := context.Background()
	fixedToday(t, "2026-02-01")
	db, svc, aid, _ := sampleSvc(t)
	d, err := svc.Draft(ctx, aid, document.TemplateFinalReview)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.Sections[1].Markup, "chưa có dữ liệu về việc đề nghị và quyết định khen thưởng") {
		t.Fatalf("no awards yet: %s", d.Sections[1].Markup)
	}
	var campaignID string
	if err := db.Table("campaigns").Select("id").Where("agency_id = ?", aid).Scan(&campaignID).Error; err != nil {
		t.Fatal(err)
	}
	recs := []awardRecord{
		{SubjectKind: "unit", SubjectName: "Văn phòng Sở", Title: "Giấy khen của Giám đốc Sở"},
		{SubjectKind: "staff", SubjectName: "Nguyễn Văn A", Title: "Giấy khen của Giám đốc Sở"},
		{SubjectKind: "staff", SubjectName: "Trần Thị B", Title: "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
			DecisionNumber: "120/QĐ-UBND", DecisionDate: "2026-01-20", DecisionIssuer: "Chủ tịch Ủy ban nhân dân tỉnh Quảng Bình"},
	}
	for i := range recs {
		r := &recs[i]
		r.AgencyID, r.CampaignID, r.Year, r.Kind, r.Origin = aid, &campaignID, 2025, "hinh_thuc", "nhap_tay"
		if r.DecisionNumber == "" {
			r.DecisionNumber, r.DecisionDate, r.DecisionIssuer = "15/QĐ-STNMT", "2026-01-10", "Giám đốc Sở"
		}
		if err := db.Create(r).Error; err != nil {
			t.Fatal(err)
		}
	}
	d, err = svc.Draft(ctx, aid, document.TemplateFinalReview)
	if err != nil {
		t.Fatal(err)
	}
	want := "Trong Phong trào thi đua, 01 tập thể và 02 cá nhân được khen thưởng (Giấy khen của Giám đốc Sở: 01 tập thể, 01 cá nhân; " +
		"Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh: 01 cá nhân) theo Quyết định số 15/QĐ-STNMT ngày 10/01/2026 của Giám đốc Sở; " +
		"Quyết định số 120/QĐ-UBND ngày 20/01/2026 của Chủ tịch Ủy ban nhân dân tỉnh Quảng Bình."
	if !strings.Contains(d.Sections[1].Markup, want) {
		t.Fatalf("awards summary:\n%s\nwant %s", d.Sections[1].Markup, want)
	}
}

func TestLeftSigner(t *testing.T) {
	ctx := context.Background()
	fixedToday(t, "2025-12-20")
	_, svc, aid, council, _ := bareAgency(t)
	d := simpleDraft("bien_ban", council, "Họp Hội đồng")
	d.Recipients = nil
	d.HeadTitle, d.SignerTitle, d.SignerName = "CHỦ TỌA", "CHỦ TỌA", "Trần Văn An"
	d.LeftSigner = &pdf.Signer{Authority: []string{"thư ký"}, Name: " Lê Thị Bình "}
	saved, err := svc.Save(ctx, aid, d)
	if err != nil {
		t.Fatal(err)
	}
	if saved.LeftSigner == nil || saved.LeftSigner.Authority[0] != "THƯ KÝ" || saved.LeftSigner.Name != "Lê Thị Bình" {
		t.Fatalf("left signer %+v", saved.LeftSigner)
	}
	// Without Nơi nhận the check passes: the secretary signs in its place.
	if problems, err := svc.Check(ctx, aid, saved); err != nil || len(problems) != 0 {
		t.Fatalf("check %+v %v", problems, err)
	}
	p, err := svc.Preview(ctx, aid, saved.ID)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, p.PDF)
	for _, want := range []string{"THƯ KÝ", "CHỦ TỌA", "Lê Thị Bình", "Trần Văn An"} {
		if !strings.Contains(text, want) {
			t.Errorf("preview lacks %q: %s", want, text)
		}
	}
	if strings.Contains(text, "Nơi nhận") {
		t.Error("Nơi nhận printed beside the second signer")
	}
	// An empty signer is none; without it and without Nơi nhận the check complains.
	saved.LeftSigner = &pdf.Signer{Authority: []string{" "}}
	saved, err = svc.Save(ctx, aid, saved)
	if err != nil || saved.LeftSigner != nil {
		t.Fatalf("empty signer %+v %v", saved.LeftSigner, err)
	}
	problems, _ := svc.Check(ctx, aid, saved)
	if len(problems) == 0 || problems[0].Key != "document.check.recipients" {
		t.Fatalf("problems %+v", problems)
	}
}
