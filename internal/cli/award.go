package cli

import (
	"context"
	"errors"

	"gorm.io/gorm"

	"chungsuc/internal/award"
	"chungsuc/internal/document"
	"chungsuc/internal/dossier"
	"chungsuc/internal/store"
)

// awardCmd runs "award dossier PROPOSAL_ID|latest --out FILE.pdf".
func awardCmd(ctx context.Context, env Env, dsn string, a Args) int {
	fail := func(err error) int {
		env.sayErr("cli.error", "message", Explain(env.Messages, err))
		return ExitError
	}
	switch {
	case len(a.Command) == 3 && a.Command[1] == "dossier" && a.Out != "":
		return runOrFail(fail, awardDossier(ctx, env, dsn, a.Command[2], a.Out))
	case len(a.Command) == 2 && a.Command[1] == "dossier":
		env.sayErr("cli.award.missingID")
		return ExitUsage
	case len(a.Command) == 3 && a.Command[1] == "dossier":
		env.sayErr("cli.missingFile", "command", "award dossier --out")
		return ExitUsage
	}
	env.sayErr("cli.unknownCommand", "command", joinWords(a.Command))
	return ExitUsage
}

// awardDossier renders the combined dossier of a proposal batch ("latest"
// is the newest) headless. It runs in a transaction that is rolled back:
// the Tờ trình and Biên bản not yet in the register are drafted in memory
// and nothing is written to the database.
func awardDossier(ctx context.Context, env Env, dsn, id, out string) error {
	db, agencyID, err := openForDoc(ctx, dsn, out)
	if err != nil {
		return err
	}
	defer db.Close()
	dataDir, err := store.DataDir()
	if err != nil {
		return err
	}
	var (
		res  dossier.Result
		name string
	)
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// A database from an older release gets the templates and the
		// catalogue the forms need (rolled back with the rest).
		if err := document.Seed(tx, agencyID); err != nil {
			return err
		}
		if err := award.Seed(tx, agencyID); err != nil {
			return err
		}
		aw := award.NewService(tx)
		if id == "latest" {
			if id, err = aw.LatestProposalID(ctx, agencyID); err != nil {
				return err
			}
		}
		p, err := aw.GetProposal(ctx, agencyID, id)
		if err != nil {
			return err
		}
		name = p.Name
		if res, err = dossier.NewService(tx, dataDir).Dossier(ctx, agencyID, id, nil); err != nil {
			return err
		}
		return errRollback
	})
	if !errors.Is(err, errRollback) {
		return err
	}
	if err := writeOut(out, res.PDF); err != nil {
		return err
	}
	reports := 0
	for _, p := range res.Parts {
		if p.Level == 1 {
			reports++
		}
	}
	env.say("cli.award.dossierWritten", "proposal", name, "path", out, "pages", res.Pages, "reports", reports, "font", res.Font)
	if res.Drafts {
		env.say("cli.award.drafts")
	}
	return nil
}
