package assessment_test

import (
	"fmt"
	"strings"
	"testing"

	"chungsuc/internal/assessment"
	"chungsuc/internal/criteria"
)

// matrixWorld: finalised assessments in 2022–2024 for three communes, a
// draft that must not count, and a commune dissolved at the end of 2023.
func matrixWorld(t *testing.T) *world {
	w := newWorld(t)
	for _, c := range []struct {
		place, date string
		met         map[int]bool
		final       bool
	}{
		{"Xã Bình Minh", "2022-10-01", map[int]bool{1: true}, true},
		{"Xã Bình Minh", "2023-10-01", map[int]bool{1: true, 2: true}, true},
		{"Xã Bình Minh", "2024-10-01", map[int]bool{1: true, 2: true, 3: true}, false}, // draft
		{"Xã Khó Khăn", "2023-06-01", map[int]bool{2: true}, true},
		{"Xã Khó Khăn", "2024-06-01", map[int]bool{1: true, 2: true, 3: true}, true},
		{"Xã Đã Nhập", "2023-03-01", map[int]bool{3: true}, true},
	} {
		a := w.create(c.place, c.date)
		w.fill(a.ID, c.met)
		if c.final {
			w.finalise(a.ID)
		}
	}
	return w
}

// render writes a matrix as "name:met/total:cells" rows.
func render(m assessment.Matrix) string {
	var rows []string
	for _, r := range m.Rows {
		cells := make([]string, len(r.Met))
		for i, c := range r.Met {
			cells[i] = map[int8]string{1: "+", 0: "-", -1: "."}[c]
		}
		rows = append(rows, fmt.Sprintf("%s:%d/%d:%s", strings.TrimPrefix(r.Name, "Xã "), r.CriteriaMet, r.CriteriaTotal, strings.Join(cells, "")))
	}
	return strings.Join(rows, " ")
}

func TestMatrixFilters(t *testing.T) {
	w := matrixWorld(t)
	cases := []struct {
		name  string
		q     assessment.MatrixQuery
		want  string
		total int64
	}{
		// Up to today: latest finalised per commune; the draft of Bình
		// Minh does not count; Đã Nhập was dissolved; phường are not rows.
		{"latest", assessment.MatrixQuery{SetCode: "xa-thu"},
			"Bình Minh:2/3:++- Đồng Bằng:0/0:... Khó Khăn:3/3:+++", 3},
		{"year 2023", assessment.MatrixQuery{SetCode: "xa-thu", Year: 2023},
			"Bình Minh:2/3:++- Đã Nhập:1/3:--+ Đồng Bằng:0/0:... Khó Khăn:1/3:-+-", 4},
		{"year 2022", assessment.MatrixQuery{SetCode: "xa-thu", Year: 2022},
			"Bình Minh:1/3:+-- Đã Nhập:0/0:... Đồng Bằng:0/0:... Khó Khăn:0/0:...", 4},
		{"parent district", assessment.MatrixQuery{SetCode: "xa-thu", ParentID: w.places["Huyện Một"]},
			"Bình Minh:2/3:++- Khó Khăn:3/3:+++", 2},
		{"parent province (grandchildren)", assessment.MatrixQuery{SetCode: "xa-thu", ParentID: w.places["Tỉnh Thử"]},
			"Bình Minh:2/3:++- Đồng Bằng:0/0:... Khó Khăn:3/3:+++", 3},
		{"unit registered on the commune, in its years", assessment.MatrixQuery{SetCode: "xa-thu", Year: 2023, UnitID: w.units["VP"]},
			"Bình Minh:2/3:++-", 1},
		{"unit registered on the commune, outside its years", assessment.MatrixQuery{SetCode: "xa-thu", Year: 2024, UnitID: w.units["VP"]},
			"", 0},
		{"unit registered on a village; cancelled one ignored", assessment.MatrixQuery{SetCode: "xa-thu", UnitID: w.units["KH"]},
			"Khó Khăn:3/3:+++", 1},
		{"search", assessment.MatrixQuery{SetCode: "xa-thu", Search: "kho khan"},
			"Khó Khăn:3/3:+++", 1},
		{"only not meeting criterion 3", assessment.MatrixQuery{SetCode: "xa-thu", OnlyNotMet: 3},
			"Bình Minh:2/3:++-", 1},
		{"only not meeting criterion 2 in 2023", assessment.MatrixQuery{SetCode: "xa-thu", Year: 2023, OnlyNotMet: 2},
			"Đã Nhập:1/3:--+", 1},
		{"assessed only", assessment.MatrixQuery{SetCode: "xa-thu", Assessed: "yes", Year: 2023},
			"Bình Minh:2/3:++- Đã Nhập:1/3:--+ Khó Khăn:1/3:-+-", 3},
		{"unassessed only", assessment.MatrixQuery{SetCode: "xa-thu", Assessed: "no", Year: 2023},
			"Đồng Bằng:0/0:...", 1},
		{"sorted by criteria met, most first", assessment.MatrixQuery{SetCode: "xa-thu", SortBy: "criteriaMet", Desc: true},
			"Khó Khăn:3/3:+++ Bình Minh:2/3:++- Đồng Bằng:0/0:...", 3},
		{"paging: second page of two", assessment.MatrixQuery{SetCode: "xa-thu", Year: 2023, Page: 2, PageSize: 2},
			"Đồng Bằng:0/0:... Khó Khăn:1/3:-+-", 4},
		{"paging with a filter, past the end", assessment.MatrixQuery{SetCode: "xa-thu", Year: 2023, Assessed: "yes", Page: 3, PageSize: 2},
			"", 3},
		{"default set code", assessment.MatrixQuery{},
			"Bình Minh:2/3:++- Đồng Bằng:0/0:... Khó Khăn:3/3:+++", 3},
	}
	// Both ways of finding the latest assessments give the same rows.
	for _, grouped := range []bool{false, true} {
		restore := assessment.SetGroupLatest(grouped)
		for _, c := range cases {
			m, err := w.svc.Matrix(w.ctx, w.agency, c.q)
			if err != nil {
				t.Fatalf("%s (grouped %v): %v", c.name, grouped, err)
			}
			if got := render(m); got != c.want || m.Total != c.total {
				t.Errorf("%s (grouped %v):\n got %q (total %d)\nwant %q (total %d)", c.name, grouped, got, m.Total, c.want, c.total)
			}
		}
		restore()
	}
	m, err := w.svc.Matrix(w.ctx, w.agency, assessment.MatrixQuery{SetCode: "xa-thu", Search: "binh minh"})
	must(t, err)
	if len(m.Criteria) != 3 || m.Criteria[1].Name != "Giao thông" || m.SetName == "" || m.Rows[0].Path != "Tỉnh Thử › Huyện Một" ||
		m.Rows[0].AssessmentID == "" || m.Rows[0].Date != "2023-10-01" || m.Rows[0].SetRevision != 1 {
		t.Fatalf("matrix %+v", m)
	}
	for _, bad := range []assessment.MatrixQuery{
		{SetCode: "xa-thu", OnlyNotMet: 9}, {SetCode: "xa-thu", Assessed: "maybe"}, {SetCode: "xa-thu", SortBy: "x"}, {SetCode: "xa-thu", Year: 12},
	} {
		_, err := w.svc.Matrix(w.ctx, w.agency, bad)
		wantKey(t, err, "errors.assessment.badFilter")
	}
	if _, err := w.svc.Matrix(w.ctx, w.agency, assessment.MatrixQuery{SetCode: "khong-co"}); !isNotFound(err) {
		t.Fatalf("unknown set code: %v", err)
	}
	if m, err := w.svc.Matrix(w.ctx, w.other, assessment.MatrixQuery{}); err != nil || len(m.Rows) != 0 {
		t.Fatalf("other agency: %v %+v", err, m)
	}
}

// A later revision adds a criterion: older assessments have no data (-1)
// in its column, and the matrix reads the latest assessment over all
// revisions of the code.
func TestMatrixAcrossRevisions(t *testing.T) {
	w := matrixWorld(t)
	rev2, ind2 := w.makeSet("xa-thu", 2, &w.set.ID)
	must(t, w.db.Model(&criteria.Set{}).Where("id = ?", w.set.ID).Update("current", false).Error)
	c4 := criteria.Criterion{SetID: rev2.ID, No: 4, Name: "Môi trường", SortOrder: 4}
	must(t, w.db.Create(&c4).Error)
	i4 := criteria.Indicator{SetID: rev2.ID, CriterionID: c4.ID, Code: "4.1", Name: "Thu gom rác", Kind: criteria.KindPassFail}
	must(t, w.db.Create(&i4).Error)
	a, err := w.svc.Create(w.ctx, w.agency, assessment.NewInput{LocalityID: w.places["Xã Đồng Bằng"], SetID: rev2.ID, Date: "2025-03-01"})
	must(t, err)
	for code, id := range ind2 {
		in := assessment.ValueInput{AssessmentID: a.ID, IndicatorID: id, Value: criteria.ValueDat, Number: f64(100)}
		if code == "2.2" {
			in.Number = f64(1)
		}
		if code == "3.1" {
			in.Override, in.OverrideReason = bp(true), "Đã kiểm tra thực tế"
		}
		_, err := w.svc.SaveValue(w.ctx, w.agency, in)
		must(t, err)
	}
	_, err = w.svc.SaveValue(w.ctx, w.agency, assessment.ValueInput{AssessmentID: a.ID, IndicatorID: i4.ID, Value: criteria.ValueKhongDat})
	must(t, err)
	w.finalise(a.ID)
	for _, grouped := range []bool{false, true} {
		restore := assessment.SetGroupLatest(grouped)
		m, err := w.svc.Matrix(w.ctx, w.agency, assessment.MatrixQuery{SetCode: "xa-thu", SortBy: "criteriaMet", Desc: true})
		must(t, err)
		restore()
		if got := render(m); got != "Đồng Bằng:3/4:+++- Khó Khăn:3/3:+++. Bình Minh:2/3:++-." || m.Rows[0].SetRevision != 2 {
			t.Fatalf("matrix across revisions (grouped %v) %q", grouped, got)
		}
	}
	tl, err := w.svc.Timeline(w.ctx, w.agency, w.places["Xã Khó Khăn"], "xa-thu")
	must(t, err)
	if len(tl.Criteria) != 4 || fmt.Sprint(tl.Years[1].Met) != "[1 1 1 -1]" {
		t.Fatalf("timeline across revisions %+v", tl.Years)
	}
}
