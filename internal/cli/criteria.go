package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"text/tabwriter"

	"chungsuc/internal/criteria"
	"chungsuc/internal/fault"
	"chungsuc/internal/msg"
	"chungsuc/internal/org"
	"chungsuc/internal/store"
)

// criteriaCmd runs "criteria list", "criteria import FILE.xlsx [--dry-run]"
// and "criteria export SET_CODE FILE.xlsx"; it returns the exit code.
func criteriaCmd(ctx context.Context, env Env, dsn string, a Args) int {
	fail := func(err error) int {
		fmt.Fprintln(env.Stderr, env.Messages.T("cli.error", map[string]any{"message": Explain(env.Messages, err)}))
		return ExitError
	}
	usage := func() int {
		fmt.Fprintln(env.Stderr, env.Messages.T("cli.criteria.usage", nil))
		return ExitUsage
	}
	words := a.Command[1:]
	if len(words) == 0 {
		return usage()
	}
	switch {
	case words[0] == "list" && len(words) == 1:
	case words[0] == "import" && len(words) == 2:
	case words[0] == "export" && len(words) == 3:
	case words[0] == "import" || words[0] == "export":
		fmt.Fprintln(env.Stderr, env.Messages.T("cli.missingFile", map[string]any{"command": "criteria " + words[0]}))
		return usage()
	default:
		return usage()
	}
	if words[0] == "export" {
		if _, err := os.Lstat(words[2]); err == nil {
			return fail(fault.New(fault.ErrRefused, "cli.fileExists", "path", words[2]))
		}
	}
	if err := mustExist(dsn); err != nil {
		return fail(err)
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
	svc := criteria.NewService(db.DB)
	switch words[0] {
	case "list":
		return runOrFail(fail, criteriaList(ctx, env, svc, agency.ID, a.JSON))
	case "export":
		return runOrFail(fail, criteriaExport(ctx, env, svc, agency.ID, words[1], words[2]))
	}
	return criteriaImport(ctx, env, svc, db, agency.ID, words[1], a.DryRun, fail)
}

// criteriaList prints every live revision of every set, current first
// within a code; with --json the rows as JSON.
func criteriaList(ctx context.Context, env Env, svc *criteria.Service, agencyID string, asJSON bool) error {
	var rows []criteria.SetRow
	for p := 1; ; p++ {
		page, err := svc.List(ctx, agencyID, criteria.Query{ListQuery: store.ListQuery{Page: p, PageSize: store.MaxPageSize, SortBy: "code"}})
		if err != nil {
			return err
		}
		rows = append(rows, page.Items...)
		if len(page.Items) == 0 || int64(len(rows)) >= page.Total {
			break
		}
	}
	if asJSON {
		type row struct {
			Code        string `json:"code"`
			Revision    int    `json:"revision"`
			Current     bool   `json:"current"`
			Name        string `json:"name"`
			Phase       string `json:"phase"`
			Target      string `json:"target"`
			Criteria    int    `json:"criteria"`
			Indicators  int    `json:"indicators"`
			Unconfirmed int    `json:"unconfirmed"`
			Assessments int    `json:"assessments"`
		}
		out := []row{}
		for _, r := range rows {
			out = append(out, row{r.Code, r.Revision, r.Current, r.Name, r.Phase, r.Target, r.CriteriaCount,
				r.IndicatorCount, r.UnconfirmedCount, r.AssessmentCount})
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if len(rows) == 0 {
		env.say("cli.criteria.none")
		return nil
	}
	m := env.Messages
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	col := func(k string) string { return m.T("cli.criteria.column."+k, nil) }
	fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", col("code"), col("revision"), col("criteria"), col("indicators"),
		col("unconfirmed"), col("assessments"), col("name"))
	for _, r := range rows {
		rev := strconv.Itoa(r.Revision)
		if r.Current {
			rev += " " + m.T("cli.criteria.current", nil)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%s\n", r.Code, rev, r.CriteriaCount, r.IndicatorCount,
			r.UnconfirmedCount, r.AssessmentCount, r.Name)
	}
	return tw.Flush()
}

// criteriaExport writes the current revision of a code to file.
func criteriaExport(ctx context.Context, env Env, svc *criteria.Service, agencyID, code, file string) error {
	s, err := svc.GetCurrent(ctx, agencyID, code)
	if err != nil {
		return err
	}
	if err := svc.ExportTo(ctx, agencyID, s.ID, file); err != nil {
		return err
	}
	indicators := 0
	for _, c := range s.Criteria {
		indicators += len(c.Indicators)
	}
	env.say("cli.criteria.exported", "code", s.Code, "revision", s.Revision, "criteria", len(s.Criteria),
		"indicators", indicators, "path", file)
	return nil
}

// criteriaImport prints the preview and writes the set unless --dry-run;
// exit 1 when the file is refused.
func criteriaImport(ctx context.Context, env Env, svc *criteria.Service, db *store.DB, agencyID, file string, dryRun bool, fail func(error) int) int {
	pv, err := svc.PreviewImport(ctx, agencyID, file)
	if err != nil {
		return fail(err)
	}
	PrintCriteriaPreview(env, pv)
	if len(pv.Problems) > 0 {
		fmt.Fprintln(env.Stderr, env.Messages.T("cli.criteria.refused", map[string]any{"count": len(pv.Problems)}))
		return ExitError
	}
	if pv.Action == criteria.ActionIdentical {
		return ExitOK
	}
	if dryRun {
		env.say("cli.import.dryRun")
		return ExitOK
	}
	res, err := svc.CommitImport(ctx, agencyID, file, pv.SHA256)
	if err != nil {
		return fail(err)
	}
	env.say("cli.criteria.imported", "code", res.Code, "revision", res.Revision, "db", db.Describe())
	return ExitOK
}

// PrintCriteriaPreview writes the import report: problems by sheet, line
// and column, or the summary, what the import will do and the changes.
func PrintCriteriaPreview(env Env, pv criteria.ImportPreview) {
	m := env.Messages
	for _, p := range pv.Problems {
		text := criteriaProblemText(m, p)
		switch {
		case p.Sheet == "":
			env.say("cli.criteria.problemFile", "file", pv.FileName, "message", text)
		case p.Line == 0:
			env.say("cli.criteria.problemSheet", "sheet", p.Sheet, "column", p.Column, "message", text)
		default:
			env.say("cli.criteria.problem", "sheet", p.Sheet, "line", p.Line, "column", p.Column, "message", text)
		}
	}
	if len(pv.Problems) > 0 {
		return
	}
	c := pv.Counts
	env.say("cli.criteria.summary", "file", pv.FileName, "code", pv.Code, "name", pv.Name, "criteria", c.Criteria,
		"indicators", c.Indicators, "thresholds", c.Thresholds, "conditions", c.Conditions, "unconfirmed", c.Unconfirmed)
	env.say("cli.criteria.action."+pv.Action, "code", pv.Code, "revision", pv.NewRevision,
		"existing", pv.ExistingRevision, "assessed", pv.ExistingAssessed)
	for _, ch := range pv.Changes {
		env.say("cli.criteria.change", "kind", m.T("cli.criteria.changeKind."+ch.Kind, nil), "item", ch.Label)
	}
}

func criteriaProblemText(m msg.Catalog, p criteria.Problem) string {
	params := map[string]any{}
	for k, v := range p.Params {
		params[k] = v
	}
	return m.T(p.Key, params)
}
