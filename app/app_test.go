package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"chungsuc/app"
	"chungsuc/internal/campaign"
	"chungsuc/internal/org"
	"chungsuc/internal/sample/sampletest"
	"chungsuc/internal/store"
	"chungsuc/internal/store/storetest"
)

// logBuf collects the log output of a Core.
type logBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

type fixture struct {
	core    *app.Core
	sys     *app.System
	org     *app.Org
	camp    *app.Campaigns
	log     *logBuf
	dsn     string
	dataDir string
}

func newCore(t *testing.T, dsn string) fixture {
	t.Helper()
	lb := &logBuf{}
	dataDir := t.TempDir()
	logger := slog.New(slog.NewTextHandler(lb, &slog.HandlerOptions{Level: slog.LevelDebug}))
	core, err := app.NewCore(context.Background(), dsn, dataDir, "test", logger)
	if core == nil {
		t.Fatalf("NewCore returned no Core (err %v)", err)
	}
	t.Cleanup(core.Close)
	return fixture{core, app.NewSystem(core), app.NewOrg(core), app.NewCampaigns(core), lb, dsn, dataDir}
}

// withSample opens a copy of a database set up with the sample data
// (TestFirstRunAndSetupWithSample covers the setup itself).
func withSample(t *testing.T) fixture {
	t.Helper()
	return newCore(t, sampletest.DSN(t))
}

func uiError(t *testing.T, err error, key string) *app.UIError {
	t.Helper()
	var ue *app.UIError
	if !errors.As(err, &ue) {
		t.Fatalf("got %T %v, want *app.UIError %s", err, err, key)
	}
	if ue.Key != key {
		t.Fatalf("key %q (%v), want %q", ue.Key, err, key)
	}
	// What the window receives is the JSON in Error().
	var decoded map[string]any
	if err := json.Unmarshal([]byte(ue.Error()), &decoded); err != nil || decoded["key"] != key {
		t.Fatalf("Error() is not the JSON of the key: %q %v", ue.Error(), err)
	}
	if !strings.HasPrefix(ue.Code, "E-") {
		t.Fatalf("no error code: %+v", ue)
	}
	return ue
}

func TestFirstRunAndSetupWithSample(t *testing.T) {
	f := newCore(t, storetest.DSN(t))
	st, err := f.sys.Status()
	if err != nil || !st.FirstRun || st.AgencyName != "" || st.ActiveCampaign != nil || st.SampleLoaded {
		t.Fatalf("status before setup: %+v %v", st, err)
	}
	if st.SchemaVersion != store.Latest(store.Migrations) || st.AppVersion != "test" || st.DataDir != f.dataDir {
		t.Fatalf("status: %+v", st)
	}
	wantKind := "sqlite"
	if storetest.OnPostgres() {
		wantKind = "postgres"
	}
	if st.DBKind != wantKind || st.CanBackup != (wantKind == "sqlite") || strings.Contains(st.DBLocation, "password") {
		t.Fatalf("db kind %q canBackup %v", st.DBKind, st.CanBackup)
	}
	// Facades that need an agency say so before setup.
	if _, err := f.org.GetAgency(); err != nil {
		uiError(t, err, "errors.agency.missing")
	} else {
		t.Fatal("GetAgency before setup succeeded")
	}

	st, err = f.sys.Setup(org.Agency{}, true)
	if err != nil {
		t.Fatal(err)
	}
	if st.FirstRun || !st.SampleLoaded || st.AgencyName != "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG" || st.ParentBody != "UBND TỈNH QUẢNG BÌNH" {
		t.Fatalf("status after setup: %+v", st)
	}
	if st.ActiveCampaign == nil || st.ActiveCampaign.FromYear != 2021 || st.ActiveCampaign.ToYear != 2025 {
		t.Fatalf("active campaign %+v", st.ActiveCampaign)
	}
	_, err = f.sys.Setup(org.Agency{Name: "SỞ KHÁC", Abbrev: "SK", PlaceName: "Huế"}, false)
	uiError(t, err, "errors.setup.done")
	if st2, _ := f.sys.Status(); st2.AgencyName != st.AgencyName {
		t.Fatal("a second setup changed the agency")
	}
}

func TestSetupWithProfile(t *testing.T) {
	f := newCore(t, storetest.DSN(t))
	_, err := f.sys.Setup(org.Agency{Name: "", Abbrev: "A B", PlaceName: "Huế"}, false)
	ue := uiError(t, err, "errors.invalid")
	fields := map[string]string{}
	for _, fe := range ue.Fields {
		fields[fe.Field] = fe.Key
	}
	if fields["name"] != "validation.required" || fields["abbrev"] != "validation.abbrev" {
		t.Fatalf("fields %v", ue.Fields)
	}
	st, err := f.sys.Setup(org.Agency{Name: "SỞ Y TẾ", ParentBody: "UBND TỈNH HUẾ", Abbrev: "SYT", PlaceName: "Huế", Base: store.Base{ID: "forged"}}, false)
	if err != nil || st.FirstRun || st.SampleLoaded || st.AgencyName != "SỞ Y TẾ" || st.ActiveCampaign != nil {
		t.Fatalf("setup with a profile: %+v %v", st, err)
	}
}

func TestValidationErrorIsUIErrorJSON(t *testing.T) {
	f := withSample(t)
	_, err := f.camp.Save(campaign.Campaign{Name: "", FromYear: 2025, ToYear: 2021})
	ue := uiError(t, err, "errors.invalid")
	var decoded struct {
		Key    string `json:"key"`
		Code   string `json:"code"`
		Fields []struct {
			Field, Key string
			Params     map[string]any
		} `json:"fields"`
	}
	if err := json.Unmarshal([]byte(err.Error()), &decoded); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, fe := range decoded.Fields {
		got[fe.Field] = fe.Key
	}
	if got["name"] != "validation.required" || got["toYear"] != "validation.campaign.period" || decoded.Code != ue.Code {
		t.Fatalf("decoded %+v", decoded)
	}
	if !strings.Contains(f.log.String(), ue.Code) {
		t.Fatalf("code %s not in the log", ue.Code)
	}
	page, _ := f.camp.List(store.ListQuery{})
	if page.Total != 1 {
		t.Fatalf("a refused save wrote a campaign: %d", page.Total)
	}
}

func TestStaleSaveThroughFacade(t *testing.T) {
	f := withSample(t)
	a, err := f.org.GetAgency()
	if err != nil {
		t.Fatal(err)
	}
	first := a
	first.Phone = "0232 3822 111"
	if _, err := f.org.SaveAgency(first); err != nil {
		t.Fatal(err)
	}
	a.Phone = "0232 0000 000"
	_, err = f.org.SaveAgency(a)
	ue := uiError(t, err, "errors.stale")
	if ue.Params["entity"] != "agency" {
		t.Fatalf("params %v", ue.Params)
	}
}

func TestInternalErrorHasLoggedCode(t *testing.T) {
	f := withSample(t)
	st, _ := f.sys.Status()
	// Break the database under the Core from another connection, as a
	// damaged or half-migrated database would.
	other, err := store.Open(context.Background(), f.dsn, store.Options{NoMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := other.Exec("DROP TABLE campaign_milestones").Error; err != nil {
		t.Fatal(err)
	}
	other.Close()
	_, err = f.camp.Get(st.ActiveCampaign.ID)
	ue := uiError(t, err, "errors.internal")
	if len(ue.Params) != 0 || len(ue.Fields) != 0 || strings.Contains(ue.Error(), "campaign_milestones") {
		t.Fatalf("the raw error reached the window: %s", ue.Error())
	}
	logged := f.log.String()
	var line string
	for _, l := range strings.Split(logged, "\n") {
		if strings.Contains(l, ue.Code) {
			line = l
		}
	}
	if line == "" || !strings.Contains(line, "campaign_milestones") || !strings.Contains(line, "campaign.get") {
		t.Fatalf("log line for %s lacks the full error: %q", ue.Code, line)
	}
}

func TestCoreWithForeignFileStillConstructs(t *testing.T) {
	if storetest.OnPostgres() {
		t.Skip("SQLite only: a foreign file on disk")
	}
	path := filepath.Join(t.TempDir(), "photo.db")
	content := []byte("\x89PNG\r\n\x1a\n not a database")
	os.WriteFile(path, content, 0o644)
	f := newCore(t, path)
	st, err := f.sys.Status()
	ue := uiError(t, err, "errors.db.notOurs")
	if ue.Params["path"] != path || st.AgencyName != "" {
		t.Fatalf("params %v", ue.Params)
	}
	_, err = f.camp.List(store.ListQuery{})
	uiError(t, err, "errors.db.notOurs")
	_, err = f.sys.Reconnect()
	uiError(t, err, "errors.db.notOurs")
	if got, _ := os.ReadFile(path); !bytes.Equal(got, content) {
		t.Fatal("the foreign file was changed")
	}
}

func TestCoreWithServerDown(t *testing.T) {
	f := newCore(t, "postgres://x@127.0.0.1:1/db")
	_, err := f.sys.Status()
	uiError(t, err, "errors.db.unreachable")
}

func countUnits(t *testing.T, f fixture) int {
	t.Helper()
	units, err := f.org.AllUnits()
	if err != nil {
		t.Fatal(err)
	}
	return len(units)
}

func TestRestoreSwapsDataAndKeepsSafetyCopy(t *testing.T) {
	if storetest.OnPostgres() {
		t.Skip("SQLite only: restore replaces the database file")
	}
	f := withSample(t)
	dailies, _ := filepath.Glob(filepath.Join(f.core.BackupDir(), "auto-*.db"))
	if len(dailies) != 1 {
		t.Fatalf("daily backups after start: %v", dailies)
	}
	bk, err := f.sys.BackupNow()
	if err != nil || bk.Size == 0 || !strings.HasPrefix(bk.Name, "manual-") {
		t.Fatalf("backup now: %+v %v", bk, err)
	}
	list, _ := f.sys.ListBackups()
	if len(list) != 2 {
		t.Fatalf("list backups: %+v", list)
	}
	n0 := countUnits(t, f)
	if _, err := f.org.SaveUnit(org.Unit{Name: "Tổ công tác mới", Kind: org.KindKhac, Active: true}); err != nil {
		t.Fatal(err)
	}

	// A bad file: refused, the current data stays in use and unchanged.
	bad := filepath.Join(t.TempDir(), "bad.db")
	os.WriteFile(bad, []byte("không phải"), 0o644)
	res, err := f.sys.Restore(bad)
	uiError(t, err, "errors.db.notOurs")
	if res.SafetyBackup != "" {
		t.Fatalf("a refused restore reported a safety backup %q", res.SafetyBackup)
	}
	if n := countUnits(t, f); n != n0+1 {
		t.Fatalf("units after refused restore: %d, want %d", n, n0+1)
	}
	var safety string
	err = f.core.Restore(context.Background(), filepath.Join(t.TempDir(), "missing.db"), &safety)
	if err == nil || safety != "" {
		t.Fatalf("restore from a missing file: %v %q", err, safety)
	}

	// A good backup: the data is swapped, the old data is kept aside.
	if err := f.core.Restore(context.Background(), bk.Path, &safety); err != nil {
		t.Fatal(err)
	}
	if n := countUnits(t, f); n != n0 {
		t.Fatalf("units after restore: %d, want %d", n, n0)
	}
	if filepath.Dir(safety) != f.core.BackupDir() || !strings.HasPrefix(filepath.Base(safety), "before-restore-") {
		t.Fatalf("safety backup %q", safety)
	}
	old, err := store.Open(context.Background(), safety, store.Options{NoMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	old.Model(&org.Unit{}).Where("name = ?", "Tổ công tác mới").Count(&n)
	old.Close()
	if n != 1 {
		t.Fatal("the safety backup does not hold the data from before the restore")
	}
	st, err := f.sys.Status()
	if err != nil || !st.SampleLoaded || st.ActiveCampaign == nil {
		t.Fatalf("status after restore: %+v %v", st, err)
	}
	// The facade reports the same.
	res, err = f.sys.Restore(bk.Path)
	if err != nil || res.SafetyBackup == "" || res.Status.AgencyName == "" {
		t.Fatalf("facade restore: %+v %v", res, err)
	}
}

func TestBackupRefusedOnPostgresThroughFacade(t *testing.T) {
	if !storetest.OnPostgres() {
		t.Skip("PostgreSQL only")
	}
	f := withSample(t)
	_, err := f.sys.BackupNow()
	uiError(t, err, "errors.backup.postgres")
}

func TestCampaignFacadeRoundTrip(t *testing.T) {
	f := withSample(t)
	st, _ := f.sys.Status()
	c, err := f.camp.Get(st.ActiveCampaign.ID)
	if err != nil || len(c.Targets) != 6 {
		t.Fatalf("get: %d targets %v", len(c.Targets), err)
	}
	c.Name = "Giai đoạn 2026 - 2030"
	c.FromYear, c.ToYear = 2026, 2030
	saved, err := f.camp.Save(c)
	if err != nil || saved.Version != c.Version+1 {
		t.Fatalf("save: %v", err)
	}
	if err := f.camp.Delete(saved.ID); err != nil {
		t.Fatal(err)
	}
	if st, _ := f.sys.Status(); st.ActiveCampaign != nil {
		t.Fatal("a deleted campaign is still active")
	}
	if err := f.camp.Restore(saved.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.camp.SetActive(saved.ID); err != nil {
		t.Fatal(err)
	}
	if st, _ := f.sys.Status(); st.ActiveCampaign == nil || st.ActiveCampaign.FromYear != 2026 {
		t.Fatalf("active after restore: %+v", st.ActiveCampaign)
	}
	err = f.camp.Delete(store.NewID())
	ue := uiError(t, err, "errors.notFound")
	if ue.Params["entity"] != "campaign" {
		t.Fatalf("params %v", ue.Params)
	}
}
