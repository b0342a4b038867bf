package criteria_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"chungsuc/internal/criteria"
)

// workbookText encodes sheets as text for the fuzzer: sheets separated by
// "\f" (the first line is the name), rows by "\n", cells by "\t".
func workbookText(sheets []sheetRows) string {
	var parts []string
	for _, s := range sheets {
		lines := []string{s.name}
		for _, r := range s.rows {
			cells := make([]string, len(r))
			for i, c := range r {
				cells[i] = fmt.Sprint(c)
			}
			lines = append(lines, strings.Join(cells, "\t"))
		}
		parts = append(parts, strings.Join(lines, "\n"))
	}
	return strings.Join(parts, "\f")
}

func textWorkbook(s string) criteria.Workbook {
	wb := criteria.Workbook{}
	for _, part := range strings.Split(s, "\f") {
		lines := strings.Split(part, "\n")
		var grid [][]string
		for _, l := range lines[1:] {
			grid = append(grid, strings.Split(l, "\t"))
		}
		wb[lines[0]] = grid
	}
	return wb
}

// FuzzParseWorkbook: parsing never panics, every problem names a message
// key, and a file read without problems exports and reads back identical.
func FuzzParseWorkbook(f *testing.F) {
	for _, name := range []string{"group-valid.xlsx", "bad-rows.xlsx", "missing-sheet.xlsx"} {
		f.Add(workbookText(fixtures[name]))
	}
	sets, err := criteria.SeedSets()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range sets[:2] {
		var buf bytes.Buffer
		if err := criteria.WriteTemplate(&buf, &s); err != nil {
			f.Fatal(err)
		}
		wb, err := criteria.ReadWorkbook(buf.Bytes())
		if err != nil {
			f.Fatal(err)
		}
		var sheets []sheetRows
		for name, grid := range wb {
			rows := [][]any{}
			for _, r := range grid {
				row := []any{}
				for _, c := range r {
					row = append(row, c)
				}
				rows = append(rows, row)
			}
			sheets = append(sheets, sheetRows{name, rows})
		}
		f.Add(workbookText(sheets))
	}
	f.Fuzz(func(t *testing.T, text string) {
		s, problems := criteria.ParseWorkbook(textWorkbook(text))
		for _, p := range problems {
			if !strings.HasPrefix(p.Key, "errors.") && !strings.HasPrefix(p.Key, "validation.") {
				t.Fatalf("problem without a message key: %+v", p)
			}
		}
		if len(problems) > 0 {
			return
		}
		if err := s.Validate().Err(); err != nil {
			t.Fatalf("read without problems but invalid: %v", err)
		}
		var buf bytes.Buffer
		if err := criteria.WriteTemplate(&buf, &s); err != nil {
			t.Fatal(err)
		}
		back, problems := criteria.ParseFile(buf.Bytes())
		if len(problems) > 0 {
			t.Fatalf("export reads back with problems: %+v", problems)
		}
		if d := criteria.Diff(&s, &back); len(d) > 0 {
			t.Fatalf("export reads back different: %+v", d)
		}
	})
}

// FuzzParseFile: arbitrary bytes never panic the importer's parse step.
func FuzzParseFile(f *testing.F) {
	for _, name := range []string{"group-valid.xlsx", "bad-rows.xlsx", "not-a-workbook.xlsx"} {
		f.Add(readFixture(f, name))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, problems := criteria.ParseFile(data)
		_ = problems
	})
}

// FuzzParseLevel: a level cell that reads, written back, reads the same.
func FuzzParseLevel(f *testing.F) {
	for _, s := range []string{"≥80", "> 85%", "≥80,5; thấp nhất (chưa đối chiếu)", "Đạt", "; 100%", "100", "Đạt (đã đối chiếu)",
		"≥ abc", ";", "; ; x", "1e3", "=0", "<=-2,5", "abc (chưa đối chiếu) (chưa đối chiếu)"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, cell string, confirmed bool) {
		th, ok := criteria.ParseLevel(cell, confirmed)
		if !ok {
			return
		}
		if th.Threshold == nil && th.Requirement == "" {
			t.Fatalf("%q read as an empty level", cell)
		}
		if th.Threshold != nil && th.Comparator == "" {
			th.Comparator = ">="
		}
		out := criteria.FormatLevel(th, confirmed)
		back, ok := criteria.ParseLevel(out, confirmed)
		if !ok {
			t.Fatalf("%q → %q does not read back", cell, out)
		}
		if back.Threshold != nil && back.Comparator == "" {
			back.Comparator = ">="
		}
		if back.Comparator != th.Comparator || back.Requirement != th.Requirement || back.Confirmed != th.Confirmed ||
			!sameFloat(back.Threshold, th.Threshold) {
			t.Fatalf("%q → %+v → %q → %+v", cell, th, out, back)
		}
	})
}
