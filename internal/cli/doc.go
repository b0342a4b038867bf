package cli

import (
	"context"
	"errors"
	"os"

	"gorm.io/gorm"

	"chungsuc/internal/document"
	"chungsuc/internal/fault"
	"chungsuc/internal/fileout"
	"chungsuc/internal/org"
	"chungsuc/internal/pdf"
	"chungsuc/internal/store"
)

// docCmd runs "doc render ID --out FILE.pdf" and "doc plan --out FILE.pdf".
func docCmd(ctx context.Context, env Env, dsn string, a Args) int {
	fail := func(err error) int {
		env.sayErr("cli.error", "message", Explain(env.Messages, err))
		return ExitError
	}
	switch {
	case len(a.Command) == 3 && a.Command[1] == "render" && a.Out != "":
		return runOrFail(fail, docRender(ctx, env, dsn, a.Command[2], a.Out))
	case len(a.Command) == 2 && a.Command[1] == "plan" && a.Out != "":
		return runOrFail(fail, docPlan(ctx, env, dsn, a.Out))
	case len(a.Command) >= 2 && (a.Command[1] == "render" || a.Command[1] == "plan") && a.Out == "":
		env.sayErr("cli.missingFile", "command", "doc "+a.Command[1]+" --out")
		return ExitUsage
	case len(a.Command) == 2 && a.Command[1] == "render":
		env.sayErr("cli.doc.missingID")
		return ExitUsage
	}
	env.sayErr("cli.unknownCommand", "command", joinWords(a.Command))
	return ExitUsage
}

func (e Env) sayErr(key string, kv ...any) {
	e.Stderr.Write([]byte(e.Messages.T(key, pairs(kv)) + "\n"))
}

func joinWords(w []string) string {
	s := ""
	for i, x := range w {
		if i > 0 {
			s += " "
		}
		s += x
	}
	return s
}

// openForDoc opens an existing database as the window opens it, with the
// agency whose documents it prints. It refuses an existing output file
// before touching the database.
func openForDoc(ctx context.Context, dsn, out string) (*store.DB, string, error) {
	if _, err := os.Lstat(out); err == nil {
		return nil, "", fault.New(fault.ErrRefused, "cli.fileExists", "path", out)
	}
	if err := mustExist(dsn); err != nil {
		return nil, "", err
	}
	db, err := store.Open(ctx, dsn, store.Options{BackupDir: backupDir()})
	if err != nil {
		return nil, "", err
	}
	a, err := org.NewService(db.DB).CurrentAgency(ctx)
	if err != nil {
		db.Close()
		return nil, "", err
	}
	return db, a.ID, nil
}

// writeOut writes the PDF under its final name, complete or not at all.
func writeOut(out string, b []byte) error {
	if err := fileout.WriteBytes(out, b); err != nil {
		return fault.Wrap(err, fault.ErrRefused, "errors.document.writePDF", "path", out)
	}
	return nil
}

// docRender writes the PDF of a document of the register: the archived
// copy of an issued one, the current rendering of a draft.
func docRender(ctx context.Context, env Env, dsn, id, out string) error {
	db, agencyID, err := openForDoc(ctx, dsn, out)
	if err != nil {
		return err
	}
	defer db.Close()
	dataDir, err := store.DataDir()
	if err != nil {
		return err
	}
	svc := document.NewService(db, dataDir)
	d, err := svc.Get(ctx, agencyID, id)
	if err != nil {
		return err
	}
	b, _, err := svc.PDF(ctx, agencyID, id)
	if err != nil {
		return err
	}
	if err := writeOut(out, b); err != nil {
		return err
	}
	env.say("cli.doc.rendered", "document", docLabel(d), "path", out)
	return nil
}

func docLabel(d document.Document) string {
	if d.NumberText != "" {
		return d.TypeName + " " + d.NumberText
	}
	return d.TypeName + " (dự thảo)"
}

// errRollback undoes the plan's transaction: nothing it did is kept.
var errRollback = errors.New("rollback")

// docPlan renders the plan of the active campaign, generated in memory
// from the plan template and the data. It runs in a transaction that is
// rolled back, so nothing is written, not even the seeded templates of a
// database from an older release.
func docPlan(ctx context.Context, env Env, dsn, out string) error {
	db, agencyID, err := openForDoc(ctx, dsn, out)
	if err != nil {
		return err
	}
	defer db.Close()
	e, err := pdf.Default()
	if err != nil {
		return fault.Wrap(err, fault.ErrRefused, "errors.document.pdfEngine")
	}
	var (
		b     []byte
		res   pdf.Result
		title string
	)
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := document.Seed(tx, agencyID); err != nil {
			return err
		}
		svc := document.NewServiceDB(tx, "")
		d, err := svc.Draft(ctx, agencyID, document.TemplatePlan)
		if err != nil {
			return err
		}
		doc, err := svc.BuildDoc(ctx, agencyID, d)
		if err != nil {
			return err
		}
		if b, res, err = e.RenderBytes(doc); err != nil {
			return fault.Wrap(err, fault.ErrRefused, "errors.document.render")
		}
		title = d.Summary
		return errRollback
	})
	if !errors.Is(err, errRollback) {
		return err
	}
	if err := writeOut(out, b); err != nil {
		return err
	}
	env.say("cli.doc.planRendered", "summary", title, "path", out, "pages", res.Pages, "font", res.Font)
	return nil
}
