package cli_test

import (
	"strings"
	"testing"

	"chungsuc/internal/cli"
	"chungsuc/internal/store/storetest"
)

func TestSampleScaleCommand(t *testing.T) {
	m := messages(t)
	env(t)
	dsn := storetest.DSN(t)
	r := run(t, m, "sample", "--scale", "0.002", "--db", dsn)
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, "21 xã") || !strings.Contains(r.stdout, "105 đánh giá") {
		t.Fatalf("sample --scale 0.002: %+v", r)
	}
	// Progress goes to stderr, one line per stage at least, in Vietnamese.
	for _, stage := range []string{"localities", "statuses", "registrations", "assessments"} {
		if !strings.Contains(r.stderr, m.T("cli.sampleStage."+stage, nil)+":") {
			t.Errorf("no progress for %s in %q", stage, r.stderr)
		}
	}
	r = run(t, m, "sample", "--scale=0.002", "--db", dsn)
	if r.code != cli.ExitError || !strings.Contains(r.stderr, m.T("errors.sample.nationalExists", nil)) {
		t.Fatalf("second national sample: %+v", r)
	}
	for _, bad := range []string{"0", "mười", "-1", "5"} {
		r = run(t, m, "sample", "--scale", bad, "--db", dsn)
		if r.code != cli.ExitError || !strings.Contains(r.stderr, "--scale national") {
			t.Fatalf("sample --scale %s: %+v", bad, r)
		}
	}
}

func TestSampleScaleBesideSample(t *testing.T) {
	m := messages(t)
	env(t)
	if storetest.OnPostgres() {
		t.Skip("SQLite only: uses the SQLite sample file (the refusal itself is tested in internal/sample)")
	}
	live := sampleDB(t)
	// The regular sample is sample data: the national set goes beside it.
	if r := run(t, m, "sample", "--scale", "0.002", "--db", live); r.code != cli.ExitOK {
		t.Fatalf("national beside the sample: %+v", r)
	}
	if n := agencies(t, live); n != 2 {
		t.Fatalf("%d agencies", n)
	}
}
