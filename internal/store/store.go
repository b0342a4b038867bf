// Package store opens the database (embedded SQLite by default, PostgreSQL on
// request), runs the append-only migrations, and holds the pieces every
// domain package shares: the base columns, optimistic locking, paging,
// backup and restore.
package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"chungsuc/internal/fault"
)

// Kind names the database engine.
type Kind string

const (
	SQLite   Kind = "sqlite"
	Postgres Kind = "postgres"
)

// AppName is written into every Chung Sức database so that a file or a server
// that belongs to something else is recognised and left alone.
const AppName = "chungsuc"

// DB is an open Chung Sức database.
type DB struct {
	*gorm.DB
	Kind Kind
	// Path is the SQLite file; empty for PostgreSQL.
	Path string
	dsn  string
}

// Options tune Open.
type Options struct {
	// Logger receives slow-query and error lines from GORM; nil discards them.
	Logger *slog.Logger
	// NoMigrate opens without migrating (used by "db migrate" to report first).
	NoMigrate bool
	// BackupDir receives the copy of an SQLite file taken before a migration;
	// empty means beside the database file.
	BackupDir string
}

// DataDir is the folder that holds the default database, logs and backups:
// CHUNGSUC_DATA_DIR if set, else <user config dir>/ChungSuc.
func DataDir() (string, error) {
	if d := os.Getenv("CHUNGSUC_DATA_DIR"); d != "" {
		return filepath.Abs(d)
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("user config dir: %w", err)
	}
	return filepath.Join(base, "ChungSuc"), nil
}

// ResolveDSN picks the database: the flag value, else CHUNGSUC_DB, else the
// default SQLite file in DataDir.
func ResolveDSN(flag string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	if env := os.Getenv("CHUNGSUC_DB"); env != "" {
		return env, nil
	}
	dir, err := DataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "chungsuc.db"), nil
}

// IsPostgres reports whether dsn names a PostgreSQL server.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Describe is dsn for display: the file path, or the server URL without its password.
func Describe(dsn string) string {
	if !IsPostgres(dsn) {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://…"
	}
	if u.User != nil {
		if _, has := u.User.Password(); has {
			u.User = url.UserPassword(u.User.Username(), "***")
		}
	}
	return u.String()
}

// Open opens and (unless opts.NoMigrate) migrates the database named by dsn.
func Open(ctx context.Context, dsn string, opts Options) (*DB, error) {
	var (
		db  *DB
		err error
	)
	if IsPostgres(dsn) {
		db, err = openPostgres(ctx, dsn, opts)
	} else {
		db, err = openSQLite(ctx, dsn, opts)
	}
	if err != nil {
		return nil, err
	}
	if err := db.checkOurs(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if db.Kind == SQLite {
		// WAL is written into the file header, so it is switched on only once
		// the file is known to be ours (or new): a foreign file stays untouched.
		if err := db.WithContext(ctx).Exec("PRAGMA journal_mode=WAL").Error; err != nil {
			db.Close()
			return nil, fault.Wrap(err, fault.ErrRefused, "errors.db.cannotOpen", "path", db.Path)
		}
	}
	if !opts.NoMigrate {
		if _, err := db.Migrate(ctx, Migrations, opts.BackupDir); err != nil {
			db.Close()
			return nil, err
		}
		if err := db.analyseOnce(ctx); err != nil {
			db.Close()
			return nil, err
		}
	}
	return db, nil
}

// analysisLimit bounds the rows ANALYZE reads per index: approximate
// statistics are enough for the query planner and stay quick on a
// national-size file.
const analysisLimit = 1000

// analyseOnce gives a SQLite file its first planner statistics. Without
// them SQLite guesses, and on large data it picks the agency index where
// a narrower one exists (the checklist read every assessment of the
// agency). PostgreSQL keeps its statistics itself.
func (db *DB) analyseOnce(ctx context.Context) error {
	if db.Kind != SQLite {
		return nil
	}
	var n int64
	if err := db.WithContext(ctx).Raw("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").Scan(&n).Error; err != nil {
		return fmt.Errorf("planner statistics: %w", err)
	}
	if n > 0 {
		return nil
	}
	return db.Analyse(ctx)
}

// Analyse refreshes the planner statistics (SQLite; a no-op on
// PostgreSQL). Bulk loads call it once they are done.
func (db *DB) Analyse(ctx context.Context) error {
	if db.Kind != SQLite {
		return nil
	}
	if err := db.WithContext(ctx).Exec(fmt.Sprintf("PRAGMA analysis_limit=%d", analysisLimit)).Error; err != nil {
		return fmt.Errorf("analysis limit: %w", err)
	}
	if err := db.WithContext(ctx).Exec("ANALYZE").Error; err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	return nil
}

func gormConfig(l *slog.Logger) *gorm.Config {
	cfg := &gorm.Config{
		Logger:         logger.Discard,
		NowFunc:        func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) },
		TranslateError: true,
	}
	if l != nil {
		cfg.Logger = logger.NewSlogLogger(l, logger.Config{
			SlowThreshold:             500 * time.Millisecond,
			LogLevel:                  logger.Warn,
			IgnoreRecordNotFoundError: true,
		})
	}
	return cfg
}

var sqliteMagic = []byte("SQLite format 3\x00")

func openSQLite(ctx context.Context, path string, opts Options) (*DB, error) {
	path = strings.TrimPrefix(path, "file:")
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fault.Wrap(err, fault.ErrInvalid, "errors.db.badPath", "path", path)
	}
	if err := checkSQLiteHeader(abs); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return nil, fault.Wrap(err, fault.ErrRefused, "errors.db.cannotCreate", "path", abs)
	}
	// WAL lets the window read while a backup or an import writes (set in
	// Open after checkOurs, since it changes the file);
	// foreign_keys is off by default in SQLite and our schema relies on it;
	// busy_timeout makes a second process (the CLI backup) wait, not fail.
	q := url.Values{}
	for _, p := range []string{"foreign_keys(1)", "busy_timeout(10000)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	g, err := gorm.Open(sqlite.Open(abs+"?"+q.Encode()), gormConfig(opts.Logger))
	if err != nil {
		return nil, fault.Wrap(err, fault.ErrRefused, "errors.db.cannotOpen", "path", abs)
	}
	sqlDB, err := g.DB()
	if err != nil {
		return nil, fault.Wrap(err, fault.ErrRefused, "errors.db.cannotOpen", "path", abs)
	}
	// One connection: SQLite serialises writers anyway, and a single
	// connection avoids SQLITE_BUSY when a read transaction upgrades to write.
	sqlDB.SetMaxOpenConns(1)
	if err := sqlDB.PingContext(ctx); err != nil {
		sqlDB.Close()
		return nil, fault.Wrap(err, fault.ErrRefused, "errors.db.cannotOpen", "path", abs)
	}
	return &DB{DB: g, Kind: SQLite, Path: abs, dsn: abs}, nil
}

// checkSQLiteHeader refuses an existing non-empty file that is not SQLite.
func checkSQLiteHeader(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fault.Wrap(err, fault.ErrRefused, "errors.db.cannotOpen", "path", path)
	}
	defer f.Close()
	head := make([]byte, len(sqliteMagic))
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF || err == nil) {
		return nil // empty file: a new database
	}
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return fault.Wrap(err, fault.ErrRefused, "errors.db.cannotOpen", "path", path)
	}
	if !bytes.Equal(head[:n], sqliteMagic) || n < len(sqliteMagic) {
		return fault.New(fault.ErrRefused, "errors.db.notOurs", "path", path)
	}
	return nil
}

func openPostgres(ctx context.Context, dsn string, opts Options) (*DB, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return nil, fault.Wrap(err, fault.ErrInvalid, "errors.db.badDSN")
	}
	q := u.Query()
	if q.Get("connect_timeout") == "" {
		q.Set("connect_timeout", "5")
	}
	if q.Get("sslmode") == "" && isLoopback(u.Hostname()) {
		q.Set("sslmode", "disable")
	}
	u.RawQuery = q.Encode()
	g, err := gorm.Open(postgres.Open(u.String()), gormConfig(opts.Logger))
	if err != nil {
		return nil, fault.Wrap(err, fault.ErrRefused, "errors.db.unreachable", "server", Describe(dsn))
	}
	sqlDB, err := g.DB()
	if err != nil {
		return nil, fault.Wrap(err, fault.ErrRefused, "errors.db.unreachable", "server", Describe(dsn))
	}
	sqlDB.SetMaxOpenConns(8)
	if err := sqlDB.PingContext(ctx); err != nil {
		sqlDB.Close()
		return nil, fault.Wrap(err, fault.ErrRefused, "errors.db.unreachable", "server", Describe(dsn))
	}
	return &DB{DB: g, Kind: Postgres, dsn: u.String()}, nil
}

func isLoopback(host string) bool {
	return host == "localhost" || strings.HasPrefix(host, "127.") || host == "::1"
}

// Describe is the database for display (no password).
func (db *DB) Describe() string { return Describe(db.dsn) }

// Close releases the connections. On SQLite it first lets the planner
// refresh the statistics of the tables this session used whose size
// changed a lot (PRAGMA optimize, as the SQLite documentation advises).
func (db *DB) Close() error {
	sqlDB, err := db.DB.DB()
	if err != nil {
		return err
	}
	if db.Kind == SQLite {
		db.Exec(fmt.Sprintf("PRAGMA analysis_limit=%d", analysisLimit))
		db.Exec("PRAGMA optimize")
	}
	return sqlDB.Close()
}

// checkOurs refuses a database that has tables but is not a Chung Sức one.
func (db *DB) checkOurs(ctx context.Context) error {
	tables, err := db.Migrator().GetTables()
	if err != nil {
		return fault.Wrap(err, fault.ErrRefused, "errors.db.cannotOpen", "path", db.Describe())
	}
	if len(tables) == 0 {
		return nil
	}
	if !db.Migrator().HasTable(metaTable) {
		return fault.New(fault.ErrRefused, "errors.db.notOurs", "path", db.Describe())
	}
	app, err := db.Meta(ctx, "app")
	if err != nil || app != AppName {
		return fault.New(fault.ErrRefused, "errors.db.notOurs", "path", db.Describe())
	}
	return nil
}
