package cli

import (
	"context"
	"fmt"

	"chungsuc/internal/locality"
	"chungsuc/internal/msg"
	"chungsuc/internal/org"
	"chungsuc/internal/store"
)

// localityImport runs "locality import FILE [--dry-run]": it prints the
// preview report (row, column, problem, repair) and writes all or nothing.
// It returns the exit code: non-zero when the file is refused.
func localityImport(ctx context.Context, env Env, dsn, file string, dryRun bool) int {
	fail := func(err error) int {
		fmt.Fprintln(env.Stderr, env.Messages.T("cli.error", map[string]any{"message": Explain(env.Messages, err)}))
		return ExitError
	}
	db, err := store.Open(ctx, dsn, store.Options{BackupDir: backupDir()})
	if err != nil {
		return fail(err)
	}
	defer db.Close()
	agency, err := org.NewService(db.DB).CurrentAgency(ctx)
	if err != nil {
		return fail(err)
	}
	svc := locality.NewService(db.DB)
	pv, err := svc.PreviewImport(ctx, agency.ID, file)
	if err != nil {
		return fail(err)
	}
	PrintPreview(env, pv)
	if len(pv.FileProblems) > 0 || pv.Counts.Error > 0 {
		fmt.Fprintln(env.Stderr, env.Messages.T("cli.import.refused", map[string]any{"count": pv.Counts.Error}))
		return ExitError
	}
	if dryRun {
		env.say("cli.import.dryRun")
		return ExitOK
	}
	res, err := svc.CommitImport(ctx, agency.ID, file, pv.SHA256)
	if err != nil {
		return fail(err)
	}
	env.say("cli.import.done", "created", res.Created, "updated", res.Updated, "unchanged", res.Unchanged, "db", db.Describe())
	return ExitOK
}

// PrintPreview writes the import report: a summary line, then one line per
// file problem, row problem and repair.
func PrintPreview(env Env, pv locality.ImportPreview) {
	m := env.Messages
	for _, p := range pv.FileProblems {
		fmt.Fprintln(env.Stdout, m.T("cli.import.fileProblem", map[string]any{"file": pv.FileName, "message": problemText(m, p)}))
	}
	if len(pv.FileProblems) > 0 {
		return
	}
	env.say("cli.import.summary", "file", pv.FileName, "format", m.T("cli.importFormat."+pv.Format, nil),
		"create", pv.Counts.Create, "update", pv.Counts.Update, "unchanged", pv.Counts.Unchanged,
		"error", pv.Counts.Error, "repairs", pv.Repairs)
	for _, r := range pv.Rows {
		for _, p := range r.Problems {
			fmt.Fprintln(env.Stdout, m.T("cli.import.problem", map[string]any{"row": r.Row, "column": p.Column, "message": problemText(m, p)}))
		}
		for _, rp := range r.Repairs {
			key := "cli.import.repair"
			if rp.Column == "" {
				key = "cli.import.repairFile"
			}
			fmt.Fprintln(env.Stdout, m.T(key, map[string]any{"row": r.Row, "column": rp.Column,
				"how": m.T("cli.importHow."+rp.How, nil), "from": rp.From, "to": rp.To}))
		}
	}
}

func problemText(m msg.Catalog, p locality.Problem) string {
	params := map[string]any{}
	for k, v := range p.Params {
		params[k] = v
	}
	return m.T(p.Key, params)
}
