package cli

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"chungsuc/internal/sample"
	"chungsuc/internal/store"
)

// loadNationalSample runs "sample --scale national|FACTOR": it generates
// the national-size synthetic dataset (or a fraction of it) into the
// database, reporting progress on stderr.
func loadNationalSample(ctx context.Context, env Env, dsn string, a Args) error {
	scale, err := sample.ParseScale(a.Scale)
	if err != nil {
		return err
	}
	db, err := store.Open(ctx, dsn, store.Options{BackupDir: backupDir()})
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	res, err := sample.LoadNational(ctx, db, sample.NationalOptions{
		Scale: scale,
		Force: a.Force,
		Progress: func(stage string, done, total int) {
			fmt.Fprintln(env.Stderr, env.Messages.T("cli.sampleProgress", map[string]any{
				"stage": env.Messages.T("cli.sampleStage."+stage, nil), "done": done, "total": total,
				"seconds": strconv.FormatFloat(time.Since(start).Seconds(), 'f', 0, 64),
			}))
		},
	})
	if err != nil {
		return err
	}
	env.say("cli.sampleNationalLoaded", "scale", strconv.FormatFloat(res.Scale, 'f', -1, 64), "db", db.Describe(),
		"seconds", strconv.FormatFloat(time.Since(start).Seconds(), 'f', 1, 64),
		"provinces", res.Provinces, "districts", res.Districts, "communes", res.Communes, "villages", res.Villages,
		"assessments", res.Assessments, "values", res.Values, "registrations", res.Registrations)
	return nil
}
