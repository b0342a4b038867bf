package locality_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"chungsuc/internal/locality"
	"chungsuc/internal/store"
	"chungsuc/internal/vntext"
)

// Sizes of the national lists: before 1/7/2025 (63 provinces, ~700
// districts, 10,600 communes) and after (34 provinces, 3,321 communes).
const (
	natProvinces3, natDistricts3, natCommunes3 = 63, 700, 10600
	natProvinces2, natCommunes2                = 34, 3321
)

var benchWords = []string{"Phước", "Hòa", "Tân", "Thạnh", "Bình", "Đông", "Quảng", "Mỹ", "Long", "Hưng", "Xuân", "Vĩnh"}

func benchName(prefix string, i int) string {
	return fmt.Sprintf("%s %s %s %d", prefix, benchWords[i%len(benchWords)], benchWords[(i/len(benchWords))%len(benchWords)], i)
}

type benchRow struct {
	pcode, pname, dcode, dname, code, name, level string
}

// nationalRows builds a synthetic national list; districts = 0 gives the two-level form.
func nationalRows(provinces, districts, communes int) []benchRow {
	rows := make([]benchRow, communes)
	for i := range rows {
		// Districts nest in provinces: the province follows from the district.
		p := i * provinces / communes
		if districts > 0 {
			p = (i * districts / communes) * provinces / districts
		}
		r := benchRow{pcode: fmt.Sprintf("%02d", p+1), pname: benchName("Tỉnh", p),
			code: fmt.Sprintf("%05d", i+1), name: benchName("Xã", i), level: "Xã"}
		if i%7 == 0 {
			r.name, r.level = benchName("Phường", i), "Phường"
		}
		if districts > 0 {
			d := i * districts / communes
			r.dcode, r.dname = fmt.Sprintf("%03d", d+1), benchName("Huyện", d)
		}
		rows[i] = r
	}
	return rows
}

func writeNational(b *testing.B, rows []benchRow, gso3 bool) string {
	b.Helper()
	p := filepath.Join(b.TempDir(), "national.csv")
	f, err := os.Create(p)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	if gso3 {
		fmt.Fprintln(w, "Tỉnh / Thành phố,Mã TP,Quận Huyện,Mã QH,Phường Xã,Mã PX,Cấp")
	} else {
		fmt.Fprintln(w, "Tỉnh / Thành phố,Mã TP,Phường Xã,Mã PX,Cấp")
	}
	for _, r := range rows {
		if gso3 {
			fmt.Fprintf(w, "%s,%s,%s,%s,%s,%s,%s\n", r.pname, r.pcode, r.dname, r.dcode, r.name, r.code, r.level)
		} else {
			fmt.Fprintf(w, "%s,%s,%s,%s,%s\n", r.pname, r.pcode, r.name, r.code, r.level)
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return p
}

func benchImport(b *testing.B, rows []benchRow, gso3 bool, want int) {
	path := writeNational(b, rows, gso3)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		f := setup(b)
		b.StartTimer()
		pv, err := f.svc.PreviewImport(ctx, f.agency, path)
		if err != nil || !pv.CanCommit {
			b.Fatalf("preview %v %+v", err, pv.Counts)
		}
		res, err := f.svc.CommitImport(ctx, f.agency, path, pv.SHA256)
		if err != nil || res.Created != want {
			b.Fatalf("commit %+v %v", res, err)
		}
	}
}

// baselineInsert is the floor: the same localities (province, district and
// commune rows, same columns) written by a prepared INSERT loop in one
// transaction through database/sql, with nothing read, checked or repaired.
func baselineInsert(b *testing.B, rows []benchRow, want int) {
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		f := setup(b)
		sqlDB, err := f.db.DB.DB()
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		tx, err := sqlDB.Begin()
		if err != nil {
			b.Fatal(err)
		}
		q := "INSERT INTO localities (id, created_at, updated_at, version, agency_id, parent_id, code, name, kind, level, search_key, sort_key) " +
			"VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8, $9, $10, $11)"
		stmt, err := tx.Prepare(q)
		if err != nil {
			b.Fatal(err)
		}
		now := time.Now().UTC()
		ids := map[string]string{}
		n := 0
		insert := func(key string, parent *string, code, name, kind string, level int) {
			id := store.NewID()
			ids[key] = id
			if _, err := stmt.Exec(id, now, now, f.agency, parent, code, name, kind, level, vntext.Fold(name+" "+code), vntext.Fold(name)); err != nil {
				b.Fatal(err)
			}
			n++
		}
		for _, r := range rows {
			if _, ok := ids["p"+r.pcode]; !ok {
				insert("p"+r.pcode, nil, r.pcode, r.pname, "tinh", 1)
			}
			parent := ids["p"+r.pcode]
			if r.dcode != "" {
				if _, ok := ids["d"+r.dcode]; !ok {
					insert("d"+r.dcode, &parent, r.dcode, r.dname, "huyen", 2)
				}
				parent = ids["d"+r.dcode]
			}
			insert("c"+r.code, &parent, r.code, r.name, "xa", 3)
		}
		if err := stmt.Close(); err != nil {
			b.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
		if n != want {
			b.Fatalf("%d rows, want %d", n, want)
		}
	}
}

func BenchmarkImportNational(b *testing.B) {
	benchImport(b, nationalRows(natProvinces3, natDistricts3, natCommunes3), true, natProvinces3+natDistricts3+natCommunes3)
}

func BenchmarkImportBaselineInsert(b *testing.B) {
	baselineInsert(b, nationalRows(natProvinces3, natDistricts3, natCommunes3), natProvinces3+natDistricts3+natCommunes3)
}

func BenchmarkImportNational2025(b *testing.B) {
	benchImport(b, nationalRows(natProvinces2, 0, natCommunes2), false, natProvinces2+natCommunes2)
}

func BenchmarkImportBaselineInsert2025(b *testing.B) {
	baselineInsert(b, nationalRows(natProvinces2, 0, natCommunes2), natProvinces2+natCommunes2)
}

// searchFixture imports the 10,600-commune list once, with a status for
// every commune, so that the list computes current levels for real.
func searchFixture(b *testing.B) fx {
	b.Helper()
	f := setup(b)
	path := writeNational(b, nationalRows(natProvinces3, natDistricts3, natCommunes3), true)
	pv, err := f.svc.PreviewImport(ctx, f.agency, path)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := f.svc.CommitImport(ctx, f.agency, path, pv.SHA256); err != nil {
		b.Fatal(err)
	}
	var ids []string
	if err := f.db.Model(&locality.Locality{}).Where("level = 3").Pluck("id", &ids).Error; err != nil {
		b.Fatal(err)
	}
	st := make([]locality.NTMStatus, 0, len(ids))
	for i, id := range ids {
		s := locality.NTMStatus{LocalityID: id, Level: locality.NTMLevelsFor(3)[i%4], Year: 2021 + i%5}
		s.ID = store.NewID()
		st = append(st, s)
	}
	if err := f.db.CreateInBatches(st, 500).Error; err != nil {
		b.Fatal(err)
	}
	return f
}

// The searches: a folded two-word query and, for the baseline, the same
// words as typed with diacritics (which LIKE needs to find anything).
const (
	benchSearch     = "phuoc hoa"
	benchSearchLike = "%Phước Hòa%"
)

func BenchmarkSearchCommunes(b *testing.B) {
	f := searchFixture(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p, err := f.svc.List(ctx, f.agency, locality.Query{Level: 3, ListQuery: store.ListQuery{Search: benchSearch, PageSize: 20}})
		if err != nil || p.Total == 0 || len(p.Items) != 20 {
			b.Fatalf("%v %d", err, p.Total)
		}
	}
}

func BenchmarkSearchBaselineLike(b *testing.B) {
	f := searchFixture(b)
	sqlDB, err := f.db.DB.DB()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var total int
		if err := sqlDB.QueryRow("SELECT COUNT(*) FROM localities WHERE level = 3 AND name LIKE $1", benchSearchLike).Scan(&total); err != nil {
			b.Fatal(err)
		}
		rs, err := sqlDB.Query("SELECT id, name FROM localities WHERE level = 3 AND name LIKE $1 ORDER BY name LIMIT 20", benchSearchLike)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rs.Next() {
			var id, name string
			if err := rs.Scan(&id, &name); err != nil {
				b.Fatal(err)
			}
			n++
		}
		rs.Close()
		if total == 0 || n != 20 {
			b.Fatalf("%d %d", total, n)
		}
	}
}
