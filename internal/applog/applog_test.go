package applog

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestNewCode(t *testing.T) {
	re := regexp.MustCompile(`^E-[0-9A-F]{6}$`)
	seen := map[string]bool{}
	for i := 0; i < 50; i++ {
		c := NewCode()
		if !re.MatchString(c) {
			t.Fatalf("code %q", c)
		}
		seen[c] = true
	}
	if len(seen) < 45 {
		t.Fatalf("codes repeat: %d distinct of 50", len(seen))
	}
}

func TestOpenWritesInDataDir(t *testing.T) {
	dir := t.TempDir()
	log, closer, err := Open(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	log.Info("khởi động", "code", "E-ABCDEF")
	closer.Close()
	b, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil || !strings.Contains(string(b), "E-ABCDEF") || !strings.Contains(string(b), "khởi động") {
		t.Fatalf("log file: %q %v", b, err)
	}
}
