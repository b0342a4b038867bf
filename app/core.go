// Package app is the only package Wails binds. Each bound struct is a thin
// facade for one area of the window; it resolves the current agency, calls
// the domain package and turns every error into a UIError the frontend can
// translate. No business rule lives here.
package app

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"path/filepath"
	"sync"
	"time"

	"chungsuc/internal/applog"
	"chungsuc/internal/fault"
	"chungsuc/internal/msg"
	"chungsuc/internal/org"
	"chungsuc/internal/store"
)

// Core is the state the facades share: the open database (replaced by a
// restore), the data folder and the log.
type Core struct {
	mu      sync.RWMutex
	db      *store.DB
	dsn     string
	dataDir string
	log     *slog.Logger
	version string
	wails   context.Context
	// openErr is why the database could not be opened; the window starts
	// anyway and shows it, with a retry.
	openErr error
	started time.Time
	// ready is closed once the first attempt to open the database is over;
	// calls from the page wait for it (Wails may run Startup concurrently
	// with the page's first calls).
	ready     chan struct{}
	readyOnce sync.Once
	messages  msg.Catalog
	// flush holds a window close while a screen saves what is typed.
	flush flusher
}

// New returns a Core that opens its database when the window starts
// (Startup), so that a second instance, which Wails stops before that,
// never touches the database.
func New(dsn, dataDir, version string, log *slog.Logger) *Core {
	return &Core{dsn: dsn, dataDir: dataDir, log: log, version: version, started: ProcessStart,
		ready: make(chan struct{})}
}

func (c *Core) markReady() { c.readyOnce.Do(func() { close(c.ready) }) }

// NewCore is New followed by opening the database now. If the database
// cannot be opened the Core is still returned, with the error kept for the
// window to show; the error is also returned for the caller to log.
func NewCore(ctx context.Context, dsn, dataDir, version string, log *slog.Logger) (*Core, error) {
	c := New(dsn, dataDir, version, log)
	defer c.markReady()
	return c, c.Reconnect(ctx)
}

// Reconnect (re)opens the database if it is not open.
func (c *Core) Reconnect(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.db != nil {
		return nil
	}
	db, err := c.open(ctx)
	c.openErr = err
	if err != nil {
		c.log.Error("open database", "db", store.Describe(c.dsn), "err", err)
		return err
	}
	c.db = db
	if p, err := db.DailyBackup(ctx, c.BackupDir(), time.Now(), 14); err != nil {
		c.log.Error("daily backup failed", "err", err)
	} else if p != "" {
		c.log.Info("daily backup", "path", p)
	}
	if err := seedCriteria(ctx, db); err != nil {
		c.log.Error("criteria seed failed", "err", err)
	}
	return nil
}

func (c *Core) open(ctx context.Context) (*store.DB, error) {
	db, err := store.Open(ctx, c.dsn, store.Options{Logger: c.log, BackupDir: c.BackupDir()})
	if err != nil {
		return nil, err
	}
	c.log.Info("database open", "db", db.Describe(), "kind", db.Kind)
	return db, nil
}

// BackupDir is where backups go.
func (c *Core) BackupDir() string { return filepath.Join(c.dataDir, "backups") }

// ProcessStart is when the process started (set by main as early as it can).
var ProcessStart = time.Now()

// Startup is called by Wails with the window's context (kept for dialogs)
// before the page loads; it opens the database. An error is kept and shown
// by the window, which offers a retry.
func (c *Core) Startup(ctx context.Context) {
	c.wails = ctx
	defer c.markReady()
	_ = c.Reconnect(ctx)
}

// Shutdown closes the database when the window closes.
func (c *Core) Shutdown(context.Context) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.db != nil {
		if err := c.db.Close(); err != nil {
			c.log.Error("close database", "err", err)
		}
		c.db = nil
	}
	c.log.Info("shutdown")
}

// Close is Shutdown for callers without a Wails context (tests).
func (c *Core) Close() { c.Shutdown(context.Background()) }

// with runs fn with the database under a read lock (a restore takes the write lock).
func (c *Core) with(fn func(db *store.DB) error) error {
	<-c.ready
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.db == nil {
		if c.openErr != nil {
			return c.openErr
		}
		return fault.New(fault.ErrRefused, "errors.db.closed")
	}
	return fn(c.db)
}

// agency returns the current agency's id.
func agencyID(ctx context.Context, db *store.DB) (string, error) {
	a, err := org.NewService(db.DB).CurrentAgency(ctx)
	return a.ID, err
}

// UIError is what a rejected call carries to the frontend, as JSON in the
// error text: a translation key, its params, field errors and a code that
// matches the log line.
type UIError struct {
	Key    string             `json:"key"`
	Params map[string]any     `json:"params,omitempty"`
	Fields []fault.FieldError `json:"fields,omitempty"`
	Code   string             `json:"code,omitempty"`
}

func (e *UIError) Error() string {
	b, err := json.Marshal(e)
	if err != nil {
		return `{"key":"errors.internal"}`
	}
	return string(b)
}

// fail logs err with a fresh code and returns the UIError to show. Known
// domain errors keep their key; anything else becomes "errors.internal".
func (c *Core) fail(op string, err error) error {
	if err == nil {
		return nil
	}
	code := applog.NewCode()
	var fe *fault.Error
	if errors.As(err, &fe) {
		level := slog.LevelInfo
		if fe.Err != nil || errors.Is(fe, fault.ErrRefused) {
			level = slog.LevelError
		}
		c.log.Log(context.Background(), level, "request refused", "op", op, "code", code, "key", fe.Key, "err", err.Error())
		return &UIError{Key: fe.Key, Params: fe.Params, Fields: fe.Fields, Code: code}
	}
	if errors.Is(err, context.Canceled) {
		return &UIError{Key: "errors.cancelled", Code: code}
	}
	c.log.Error("request failed", "op", op, "code", code, "err", err.Error())
	return &UIError{Key: "errors.internal", Code: code}
}

func ctxOf(c *Core) context.Context {
	<-c.ready // c.wails is set before ready closes
	if c.wails != nil {
		return c.wails
	}
	return context.Background()
}

// WindowContext is the Wails context once the window has started, else nil.
func (c *Core) WindowContext() context.Context {
	select {
	case <-c.ready:
		return c.wails
	default:
		return nil
	}
}
