package app

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"time"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"chungsuc/internal/applog"
	"chungsuc/internal/campaign"
	"chungsuc/internal/fault"
	"chungsuc/internal/org"
	"chungsuc/internal/sample"
	"chungsuc/internal/store"
)

// System is the facade for first run, settings, backups and the header.
type System struct{ core *Core }

// NewSystem binds the system facade.
func NewSystem(c *Core) *System { return &System{core: c} }

// CampaignRef names a campaign in the header.
type CampaignRef struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	FromYear int    `json:"fromYear"`
	ToYear   int    `json:"toYear"`
}

// Status is what the header and the settings screen show.
type Status struct {
	AppVersion     string       `json:"appVersion"`
	DBKind         string       `json:"dbKind"`
	DBLocation     string       `json:"dbLocation"`
	DataDir        string       `json:"dataDir"`
	LogFile        string       `json:"logFile"`
	BackupDir      string       `json:"backupDir"`
	SchemaVersion  int          `json:"schemaVersion"`
	FirstRun       bool         `json:"firstRun"`
	SampleLoaded   bool         `json:"sampleLoaded"`
	AgencyName     string       `json:"agencyName"`
	ParentBody     string       `json:"parentBody"`
	ActiveCampaign *CampaignRef `json:"activeCampaign"`
	CanBackup      bool         `json:"canBackup"`
}

// Status reports the database, the data folder and what the header shows.
func (s *System) Status() (Status, error) {
	ctx := ctxOf(s.core)
	var st Status
	err := s.core.with(func(db *store.DB) error {
		st = Status{
			AppVersion: s.core.version, DBKind: string(db.Kind), DBLocation: db.Describe(),
			DataDir: s.core.dataDir, LogFile: filepath.Join(s.core.dataDir, applog.FileName),
			BackupDir: s.core.BackupDir(), CanBackup: db.Kind == store.SQLite,
		}
		var err error
		if st.SchemaVersion, err = db.SchemaVersion(ctx); err != nil {
			return err
		}
		flag, err := db.Meta(ctx, sample.MetaKey)
		if err != nil {
			return err
		}
		st.SampleLoaded = flag == "1"
		a, err := org.NewService(db.DB).CurrentAgency(ctx)
		if errors.Is(err, fault.ErrNotFound) {
			st.FirstRun = true
			return nil
		}
		if err != nil {
			return err
		}
		st.AgencyName, st.ParentBody = a.Name, a.ParentBody
		c, err := campaign.NewService(db.DB).Active(ctx, a.ID)
		if errors.Is(err, fault.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		st.ActiveCampaign = &CampaignRef{ID: c.ID, Name: c.Name, FromYear: c.FromYear, ToYear: c.ToYear}
		return nil
	})
	return st, s.core.fail("system.status", err)
}

// Reconnect retries opening the database (after a server came back).
func (s *System) Reconnect() (Status, error) {
	if err := s.core.Reconnect(ctx(s)); err != nil {
		return Status{}, s.core.fail("system.reconnect", err)
	}
	return s.Status()
}

// Setup completes the first run: either the given agency profile, or the
// sample data when useSample is set.
func (s *System) Setup(profile org.Agency, useSample bool) (Status, error) {
	ctx := ctxOf(s.core)
	err := s.core.with(func(db *store.DB) error {
		empty, err := db.IsEmpty(ctx)
		if err != nil {
			return err
		}
		if !empty {
			return fault.New(fault.ErrConflict, "errors.setup.done")
		}
		if useSample {
			_, err := sample.Load(ctx, db, false)
			return err
		}
		profile.ID = ""
		if _, err = org.NewService(db.DB).SaveAgency(ctx, profile); err != nil {
			return err
		}
		return seedCriteria(ctx, db)
	})
	if err != nil {
		return Status{}, s.core.fail("system.setup", err)
	}
	s.core.log.Info("setup done", "sample", useSample)
	return s.Status()
}

// BackupNow writes a backup into the backup folder.
func (s *System) BackupNow() (store.BackupInfo, error) {
	var info store.BackupInfo
	err := s.core.with(func(db *store.DB) error {
		p := filepath.Join(s.core.BackupDir(), store.BackupName("manual", time.Now()))
		if err := db.BackupTo(ctx(s), p); err != nil {
			return err
		}
		fi, err := os.Stat(p)
		if err != nil {
			return err
		}
		info = store.BackupInfo{Name: filepath.Base(p), Path: p, Size: fi.Size(), ModTime: fi.ModTime()}
		s.core.log.Info("backup", "path", p)
		return nil
	})
	return info, s.core.fail("system.backup", err)
}

func ctx(s *System) context.Context { return ctxOf(s.core) }

// ListBackups lists the backup folder, newest first.
func (s *System) ListBackups() ([]store.BackupInfo, error) {
	list, err := store.ListBackups(s.core.BackupDir())
	return list, s.core.fail("system.listBackups", err)
}

// PickBackupFile opens the native file dialog; "" means the user cancelled.
func (s *System) PickBackupFile() (string, error) {
	p, err := s.core.openFileDialog(wruntime.OpenDialogOptions{
		Title:            s.core.t("dialog.pickBackup"),
		DefaultDirectory: s.core.BackupDir(),
		Filters:          []wruntime.FileFilter{{DisplayName: s.core.t("dialog.backupFilter"), Pattern: "*.db"}},
	})
	return p, s.core.fail("system.pick", err)
}

// RestoreResult says what a restore did.
type RestoreResult struct {
	// SafetyBackup is the copy of the data as it was just before the restore.
	SafetyBackup string `json:"safetyBackup"`
	Status       Status `json:"status"`
}

// Restore replaces the database with the backup at path, after checking it
// and taking a backup of the current data. On any failure the current
// database stays in use.
func (s *System) Restore(path string) (RestoreResult, error) {
	var res RestoreResult
	err := s.core.Restore(ctx(s), path, &res.SafetyBackup)
	if err != nil {
		return res, s.core.fail("system.restore", err)
	}
	st, err := s.Status()
	res.Status = st
	return res, err
}

// Restore is the restore procedure shared by the window and the CLI tests.
func (c *Core) Restore(ctx context.Context, path string, safety *string) error {
	if _, err := store.CheckBackupFile(ctx, path); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.db == nil {
		return fault.New(fault.ErrRefused, "errors.db.closed")
	}
	if c.db.Kind != store.SQLite {
		return fault.New(fault.ErrRefused, "errors.backup.postgres")
	}
	p := filepath.Join(c.BackupDir(), store.BackupName("before-restore", time.Now()))
	if err := c.db.BackupTo(ctx, p); err != nil {
		return err
	}
	*safety = p
	dbPath := c.db.Path
	if err := c.db.Close(); err != nil {
		return err
	}
	c.db = nil
	restoreErr := store.RestoreFile(ctx, dbPath, path)
	db, err := c.open(ctx)
	if err != nil {
		// The restored file would not open: put the safety copy back.
		c.log.Error("restored database will not open; rolling back", "err", err)
		if rerr := store.RestoreFile(ctx, dbPath, p); rerr != nil {
			c.log.Error("rollback failed", "err", rerr)
		}
		db, err2 := c.open(ctx)
		if err2 == nil {
			c.db = db
		}
		return err
	}
	c.db = db
	if restoreErr != nil {
		return restoreErr
	}
	c.log.Info("restored", "from", path, "safety", p)
	return nil
}

// OpenDataFolder shows the data folder in the system file manager.
func (s *System) OpenDataFolder() error {
	return s.core.fail("system.openFolder", openWithOS(s.core.dataDir))
}

// openWithOS opens a folder or file with the desktop's default program.
// Wails' BrowserOpenURL refuses plain paths, so this asks the OS directly.
func openWithOS(path string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", path)
	case "darwin":
		cmd = exec.Command("open", path)
	default:
		cmd = exec.Command("xdg-open", path)
	}
	if err := cmd.Start(); err != nil {
		return fault.Wrap(err, fault.ErrRefused, "errors.openFolder", "path", path)
	}
	go cmd.Wait()
	return nil
}

// UIReady is called by the window once a view has painted for the first
// time; the log line carries the time since the process started, which the
// start-up benchmark reads.
func (s *System) UIReady(view string) {
	s.core.log.Info("ui ready", "view", view, "sinceStartMs", time.Since(s.core.started).Milliseconds())
}

// Choices are the codes the forms offer; their labels live in vi.json.
type Choices struct {
	UnitKinds        []string `json:"unitKinds"`
	StaffCategories  []string `json:"staffCategories"`
	Genders          []string `json:"genders"`
	MilestoneKinds   []string `json:"milestoneKinds"`
	TargetComparator []string `json:"targetComparators"`
}

// Choices returns the code lists used by the forms.
func (s *System) Choices() Choices {
	return Choices{
		UnitKinds: org.UnitKinds, StaffCategories: org.Categories, Genders: org.Genders,
		MilestoneKinds: campaign.MilestoneKinds, TargetComparator: campaign.Comparators,
	}
}
