// Package cli is the command-line face of the chungsuc binary: version,
// db migrate/backup/restore and sample. Messages come from vi.json, the
// same catalogue the window uses.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"chungsuc/internal/fault"
	"chungsuc/internal/msg"
	"chungsuc/internal/sample"
	"chungsuc/internal/store"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitError = 1
	ExitUsage = 2
)

// Args is the parsed command line.
type Args struct {
	// Command is empty for the GUI.
	Command []string
	DB      string
	Force   bool
	DryRun  bool
	// JSON asks for machine-readable output (dashboard --json).
	JSON bool
	// Scale selects a sample size ("national"); Out a file to write.
	Scale string
	Out   string
}

// Parse splits flags (--db X, --db=X, --force) from the command words.
func Parse(argv []string) (Args, error) {
	var a Args
	for i := 0; i < len(argv); i++ {
		s := argv[i]
		switch {
		case s == "--db" || s == "-db":
			if i+1 >= len(argv) {
				return a, errors.New("--db")
			}
			a.DB = argv[i+1]
			i++
		case strings.HasPrefix(s, "--db="):
			a.DB = strings.TrimPrefix(s, "--db=")
		case s == "--force":
			a.Force = true
		case s == "--dry-run":
			a.DryRun = true
		case s == "--json":
			a.JSON = true
		case s == "--scale" || s == "--out":
			if i+1 >= len(argv) {
				return a, errors.New(s)
			}
			if s == "--scale" {
				a.Scale = argv[i+1]
			} else {
				a.Out = argv[i+1]
			}
			i++
		case strings.HasPrefix(s, "--scale="):
			a.Scale = strings.TrimPrefix(s, "--scale=")
		case strings.HasPrefix(s, "--out="):
			a.Out = strings.TrimPrefix(s, "--out=")
		case strings.HasPrefix(s, "-"):
			return a, errors.New(s)
		default:
			a.Command = append(a.Command, s)
		}
	}
	return a, nil
}

// Env is what a command needs from its surroundings.
type Env struct {
	Stdout, Stderr io.Writer
	Messages       msg.Catalog
	Version        string
}

func (e Env) say(key string, kv ...any) {
	fmt.Fprintln(e.Stdout, e.Messages.T(key, pairs(kv)))
}

func pairs(kv []any) map[string]any {
	m := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[fmt.Sprint(kv[i])] = kv[i+1]
	}
	return m
}

// Explain renders an error in Vietnamese: a domain error by its key, with
// its field errors; anything else as the internal-error text plus detail.
func Explain(m msg.Catalog, err error) string {
	fe, ok := fault.As(err)
	if !ok {
		return m.T("errors.internal", map[string]any{"code": "CLI"}) + " (" + err.Error() + ")"
	}
	params := map[string]any{}
	for k, v := range fe.Params {
		params[k] = v
	}
	if ent, ok := params["entity"].(string); ok {
		params["entity"] = m.T("errors.entity."+ent, nil)
	}
	text := m.T(fe.Key, params)
	for _, f := range fe.Fields {
		text += "\n  " + f.Field + ": " + m.T(f.Key, f.Params)
	}
	return text
}

// Run executes a parsed command and returns the exit code.
func Run(ctx context.Context, a Args, env Env) int {
	fail := func(err error) int {
		fmt.Fprintln(env.Stderr, env.Messages.T("cli.error", map[string]any{"message": Explain(env.Messages, err)}))
		return ExitError
	}
	dsn, err := store.ResolveDSN(a.DB)
	if err != nil {
		return fail(err)
	}
	cmd := strings.Join(a.Command, " ")
	switch {
	case cmd == "version":
		fmt.Fprintf(env.Stdout, "Chung Sức %s\n", env.Version)
		return ExitOK
	case cmd == "help":
		fmt.Fprintln(env.Stdout, env.Messages.T("cli.usage", map[string]any{"default": dsn}))
		return ExitOK
	case cmd == "db migrate":
		return runOrFail(fail, migrate(ctx, env, dsn))
	case len(a.Command) == 3 && a.Command[0] == "db" && a.Command[1] == "backup":
		return runOrFail(fail, backup(ctx, env, dsn, a.Command[2]))
	case len(a.Command) == 3 && a.Command[0] == "db" && a.Command[1] == "restore":
		return runOrFail(fail, restore(ctx, env, dsn, a.Command[2]))
	case cmd == "db backup" || cmd == "db restore":
		fmt.Fprintln(env.Stderr, env.Messages.T("cli.missingFile", map[string]any{"command": a.Command[1]}))
		return ExitUsage
	case len(a.Command) == 3 && a.Command[0] == "locality" && a.Command[1] == "import":
		return localityImport(ctx, env, dsn, a.Command[2], a.DryRun)
	case len(a.Command) == 3 && a.Command[0] == "sponsor" && a.Command[1] == "export":
		return runOrFail(fail, sponsorExport(ctx, env, dsn, a.Command[2]))
	case len(a.Command) >= 1 && a.Command[0] == "criteria":
		return criteriaCmd(ctx, env, dsn, a)
	case len(a.Command) >= 1 && a.Command[0] == "doc":
		return docCmd(ctx, env, dsn, a)
	case len(a.Command) >= 1 && a.Command[0] == "award":
		return awardCmd(ctx, env, dsn, a)
	case cmd == "dashboard":
		return runOrFail(fail, dashboardCmd(ctx, env, dsn, a.JSON))
	case cmd == "locality import" || cmd == "sponsor export":
		fmt.Fprintln(env.Stderr, env.Messages.T("cli.missingFile", map[string]any{"command": cmd}))
		return ExitUsage
	case cmd == "sample" && a.Scale != "":
		return runOrFail(fail, loadNationalSample(ctx, env, dsn, a))
	case cmd == "sample":
		return runOrFail(fail, loadSample(ctx, env, dsn, a.Force))
	default:
		fmt.Fprintln(env.Stderr, env.Messages.T("cli.unknownCommand", map[string]any{"command": cmd}))
		return ExitUsage
	}
}

func runOrFail(fail func(error) int, err error) int {
	if err != nil {
		return fail(err)
	}
	return ExitOK
}

func backupDir() string {
	d, err := store.DataDir()
	if err != nil {
		return "."
	}
	return filepath.Join(d, "backups")
}

// mustExist refuses to act on an SQLite file that is not there, rather than
// creating an empty database by accident.
func mustExist(dsn string) error {
	if store.IsPostgres(dsn) {
		return nil
	}
	if fi, err := os.Stat(dsn); err != nil || fi.Size() == 0 {
		return fault.New(fault.ErrNotFound, "errors.db.missing", "path", dsn)
	}
	return nil
}

// openExisting opens an existing database as it is, without migrating it.
func openExisting(ctx context.Context, dsn string) (*store.DB, error) {
	if err := mustExist(dsn); err != nil {
		return nil, err
	}
	return store.Open(ctx, dsn, store.Options{NoMigrate: true})
}

func migrate(ctx context.Context, env Env, dsn string) error {
	db, err := openExisting(ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := db.Migrate(ctx, store.Migrations, backupDir())
	if err != nil {
		return err
	}
	if len(rep.Applied) == 0 {
		env.say("cli.upToDate", "db", db.Describe(), "to", rep.To)
		return nil
	}
	env.say("cli.migrated", "db", db.Describe(), "from", rep.From, "to", rep.To)
	if rep.BackupPath != "" {
		env.say("cli.migrateBackup", "path", rep.BackupPath)
	}
	return nil
}

func backup(ctx context.Context, env Env, dsn, dest string) error {
	if _, err := os.Stat(dest); err == nil {
		return fault.New(fault.ErrRefused, "cli.fileExists", "path", dest)
	}
	// A backup copies the data as it is, unmigrated.
	db, err := openExisting(ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.BackupTo(ctx, dest); err != nil {
		return err
	}
	env.say("cli.backedUp", "db", db.Describe(), "path", dest)
	return nil
}

func restore(ctx context.Context, env Env, dsn, src string) error {
	if store.IsPostgres(dsn) {
		return fault.New(fault.ErrRefused, "errors.backup.postgres")
	}
	if _, err := store.CheckBackupFile(ctx, src); err != nil {
		return err
	}
	dbPath, err := filepath.Abs(dsn)
	if err != nil {
		return err
	}
	if fi, err := os.Stat(dbPath); err == nil && fi.Size() > 0 {
		cur, err := store.Open(ctx, dbPath, store.Options{NoMigrate: true})
		if err != nil {
			return err
		}
		safety := filepath.Join(backupDir(), store.BackupName("before-restore", time.Now()))
		err = cur.BackupTo(ctx, safety)
		cur.Close()
		if err != nil {
			return err
		}
		env.say("cli.safetyBackup", "path", safety)
	}
	if err := store.RestoreFile(ctx, dbPath, src); err != nil {
		return err
	}
	db, err := store.Open(ctx, dbPath, store.Options{BackupDir: backupDir()})
	if err != nil {
		return err
	}
	defer db.Close()
	env.say("cli.restored", "db", db.Describe(), "path", src)
	return nil
}

func loadSample(ctx context.Context, env Env, dsn string, force bool) error {
	db, err := store.Open(ctx, dsn, store.Options{BackupDir: backupDir()})
	if err != nil {
		return err
	}
	defer db.Close()
	a, err := sample.Load(ctx, db, force)
	if err != nil {
		return err
	}
	env.say("cli.sampleLoaded", "agency", a.Name, "db", db.Describe())
	return nil
}
