package cli

import (
	"context"
	"os"

	"chungsuc/internal/fault"
	"chungsuc/internal/org"
	"chungsuc/internal/sponsor"
	"chungsuc/internal/store"
)

// sponsorExport runs "sponsor export FILE.xlsx": it writes the sponsorship
// workbook of the database's agency, refusing to overwrite a file.
func sponsorExport(ctx context.Context, env Env, dsn, file string) error {
	if _, err := os.Lstat(file); err == nil {
		return fault.New(fault.ErrRefused, "cli.fileExists", "path", file)
	}
	if err := mustExist(dsn); err != nil {
		return err
	}
	// Opened as the window opens it: an older database is upgraded (after a
	// backup) so that the sponsorship tables exist.
	db, err := store.Open(ctx, dsn, store.Options{BackupDir: backupDir()})
	if err != nil {
		return err
	}
	defer db.Close()
	a, err := org.NewService(db.DB).CurrentAgency(ctx)
	if err != nil {
		return err
	}
	sum, err := sponsor.NewService(db.DB).ExportTo(ctx, a.ID, file, sponsor.Today())
	if err != nil {
		return err
	}
	env.say("cli.sponsorExported", "registrations", sum.Registrations, "units", sum.Units,
		"communes", sum.Communes, "path", file)
	return nil
}
