package fileout_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"chungsuc/internal/fileout"
)

func TestWriteReplacesOnlyWithACompleteFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "bao-cao.pdf")
	if err := fileout.WriteBytes(p, []byte("first")); err != nil {
		t.Fatal(err)
	}
	// A writer that fails half-way leaves the earlier file untouched and no
	// temporary file behind.
	boom := errors.New("boom")
	err := fileout.Write(p, func(w io.Writer) error {
		if _, err := w.Write([]byte("half")); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("error %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "first" {
		t.Fatalf("file now %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("left behind: %v", entries)
	}
	if err := fileout.WriteBytes(p, []byte("second")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "second" {
		t.Fatalf("file now %q", b)
	}
	if err := fileout.WriteBytes("", nil); err == nil {
		t.Fatal("an empty path was accepted")
	}
	if err := fileout.WriteBytes(filepath.Join(dir, "no-such-dir", "x.pdf"), nil); err == nil {
		t.Fatal("a missing folder was accepted")
	}
}
