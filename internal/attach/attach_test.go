package attach_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chungsuc/internal/attach"
	"chungsuc/internal/fault"
)

func key(err error) string {
	if fe, ok := fault.As(err); ok {
		return fe.Key
	}
	return ""
}

// The copies are named by content, written once, checked on the way out;
// each caller's errors carry its own key prefix.
func TestCopyResolveAndPrefix(t *testing.T) {
	f := attach.Files{Prefix: "errors.thu."}
	data, src := t.TempDir(), t.TempDir()
	p := filepath.Join(src, "Ảnh chụp.JPG")
	if err := os.WriteFile(p, []byte("jpeg bytes"), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := f.Copy(data, p)
	if err != nil {
		t.Fatal(err)
	}
	b, err := f.Copy(data, p)
	if err != nil || b != a || !strings.HasPrefix(a.StoredPath, attach.Dir+"/"+a.SHA256[:2]+"/") || !strings.HasSuffix(a.StoredPath, ".jpg") ||
		a.FileName != "Ảnh chụp.JPG" || a.MimeType != "image/jpeg" {
		t.Fatalf("copies %+v %+v %v", a, b, err)
	}
	abs, err := f.Resolve(data, a.StoredPath, a.SHA256, a.FileName)
	if err != nil || !strings.HasPrefix(abs, data) {
		t.Fatalf("resolve %s %v", abs, err)
	}
	if _, err := f.Resolve(data, a.StoredPath, strings.Repeat("0", 64), a.FileName); key(err) != "errors.thu.attachmentDamaged" {
		t.Fatalf("damaged: %v", err)
	}
	if _, err := f.Resolve(data, "../x", a.SHA256, a.FileName); key(err) != "errors.thu.attachmentPath" {
		t.Fatalf("path: %v", err)
	}
	if _, err := f.Copy(data, filepath.Join(src, "none")); key(err) != "errors.thu.attachmentMissing" {
		t.Fatalf("missing: %v", err)
	}
}
