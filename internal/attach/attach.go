// Package attach keeps the copies of attached files in the data folder:
// each file is copied once under its SHA-256 ("attachments/ab/<sha256>.pdf"),
// written to a temporary file, synced and renamed into place, and checked
// against its hash again before it is opened. Attachment is the row that
// points at a copy; sponsor (activity attachments) and assessment
// (evidence) each keep the rules of their own owner type.
package attach

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"

	"chungsuc/internal/fault"
	"chungsuc/internal/vntext"
)

// Dir is the folder under the data folder that holds the copies.
const Dir = "attachments"

// MaxBytes bounds one attached file.
const MaxBytes = 50 << 20

// Files copies and checks files. Prefix is the vi.json key prefix of its
// errors, with the final dot ("errors.sponsor." gives
// "errors.sponsor.attachmentMissing"), so each screen words them for its
// own files.
type Files struct {
	Prefix string
}

// Stored describes a copy made by Copy.
type Stored struct {
	FileName   string
	StoredPath string
	SHA256     string
	Size       int64
	MimeType   string
}

func (f Files) key(name string) string { return f.Prefix + name }

// Copy checks the file at src and copies it into dataDir unless a copy with
// the same content is already there.
func (f Files) Copy(dataDir, src string) (Stored, error) {
	fi, err := os.Stat(src)
	switch {
	case src == "" || errors.Is(err, fs.ErrNotExist):
		return Stored{}, fault.New(fault.ErrNotFound, f.key("attachmentMissing"), "path", src)
	case err != nil:
		return Stored{}, fault.Wrap(err, fault.ErrRefused, f.key("attachmentUnreadable"), "path", src)
	case fi.IsDir() || !fi.Mode().IsRegular():
		return Stored{}, fault.New(fault.ErrRefused, f.key("attachmentNotFile"), "path", src)
	case fi.Size() == 0:
		return Stored{}, fault.New(fault.ErrRefused, f.key("attachmentEmpty"), "path", src)
	case fi.Size() > MaxBytes:
		return Stored{}, fault.New(fault.ErrRefused, f.key("attachmentTooLarge"), "max", MaxBytes>>20)
	}
	sum, size, err := hashFile(src)
	if err != nil {
		return Stored{}, fault.Wrap(err, fault.ErrRefused, f.key("attachmentUnreadable"), "path", src)
	}
	if size == 0 || size > MaxBytes {
		return Stored{}, fault.New(fault.ErrRefused, f.key("attachmentChanged"), "path", src)
	}
	ext := safeExt(src)
	rel := storedPathFor(sum, ext)
	head, err := f.storeCopy(src, filepath.Join(dataDir, filepath.FromSlash(rel)), sum)
	if err != nil {
		return Stored{}, err
	}
	st := Stored{FileName: fileName(src), StoredPath: rel, SHA256: sum, Size: size, MimeType: mimeOf(ext, head)}
	if len(st.MimeType) > 100 {
		st.MimeType = st.MimeType[:100]
	}
	return st, nil
}

// CheckStoredPath refuses a stored path that is absolute, climbs out with
// "..", uses backslashes or lies outside the attachments folder.
func (f Files) CheckStoredPath(p string) error {
	bad := p == "" || strings.Contains(p, `\`) || path.IsAbs(p) || filepath.IsAbs(p) ||
		filepath.VolumeName(p) != "" || strings.Contains(p, ":")
	if !bad {
		for _, part := range strings.Split(p, "/") {
			if part == ".." || part == "." || part == "" {
				bad = true
			}
		}
	}
	if bad || !strings.HasPrefix(p, Dir+"/") {
		return fault.New(fault.ErrRefused, f.key("attachmentPath"))
	}
	return nil
}

// Resolve returns the absolute path of a stored copy after checking that
// it lies inside the data folder and still has the recorded SHA-256; name
// is the file name the user knows (for the message).
func (f Files) Resolve(dataDir, storedPath, sum, name string) (string, error) {
	if err := f.CheckStoredPath(storedPath); err != nil {
		return "", err
	}
	root, err := filepath.Abs(dataDir)
	if err != nil {
		return "", fault.Wrap(err, fault.ErrRefused, f.key("attachmentPath"))
	}
	abs := filepath.Join(root, filepath.FromSlash(storedPath))
	if rel, err := filepath.Rel(root, abs); err != nil || strings.HasPrefix(rel, "..") {
		return "", fault.New(fault.ErrRefused, f.key("attachmentPath"))
	}
	got, _, err := hashFile(abs)
	if err != nil || got != sum {
		return "", fault.Wrap(err, fault.ErrRefused, f.key("attachmentDamaged"), "name", name)
	}
	return abs, nil
}

// storedPathFor is where content with this hash and extension lives,
// relative to the data folder, with forward slashes.
func storedPathFor(sum, ext string) string {
	return path.Join(Dir, sum[:2], sum+ext)
}

// safeExt keeps a short, plain extension (".pdf", ".jpg") and drops
// anything else, so a name can never steer the stored path.
func safeExt(name string) string {
	ext := strings.ToLower(filepath.Ext(name))
	if len(ext) < 2 || len(ext) > 11 {
		return ""
	}
	for _, r := range ext[1:] {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') {
			return ""
		}
	}
	return ext
}

// hashFile returns the SHA-256 (hex) and size of a file.
func hashFile(p string) (string, int64, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// mimeOf names the file's type by its extension, else by its first bytes.
func mimeOf(ext string, head []byte) string {
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return http.DetectContentType(head)
}

// fileName is the base name as the user sees it: NFC, at most 255 characters.
func fileName(src string) string {
	name := vntext.Clean(filepath.Base(src))
	if r := []rune(name); len(r) > 255 {
		ext := []rune(filepath.Ext(name))
		if len(ext) > 20 {
			ext = nil
		}
		name = string(r[:255-len(ext)]) + string(ext)
	}
	return name
}

// storeCopy copies src to dest unless dest already holds content with the
// expected hash. It writes a temporary file beside dest, syncs it and
// renames it into place, so a crash never leaves a half-written copy under
// the final name. It returns the first bytes of the content (for the type).
func (f Files) storeCopy(src, dest, sum string) ([]byte, error) {
	refuse := func(err error) ([]byte, error) {
		return nil, fault.Wrap(err, fault.ErrRefused, f.key("attachmentWrite"))
	}
	if got, _, err := hashFile(dest); err == nil && got == sum {
		return f.readHead(dest)
	}
	dir := filepath.Dir(dest)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return refuse(err)
	}
	in, err := os.Open(src)
	if err != nil {
		return nil, fault.Wrap(err, fault.ErrRefused, f.key("attachmentUnreadable"), "path", src)
	}
	defer in.Close()
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return refuse(err)
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	h := sha256.New()
	head := &headWriter{max: 512}
	n, err := io.Copy(io.MultiWriter(tmp, h, head), io.LimitReader(in, MaxBytes+1))
	if err != nil {
		return refuse(err)
	}
	if n > MaxBytes || hex.EncodeToString(h.Sum(nil)) != sum {
		// The file changed between hashing and copying.
		return nil, fault.New(fault.ErrRefused, f.key("attachmentChanged"), "path", src)
	}
	if err := tmp.Sync(); err != nil {
		return refuse(err)
	}
	if err := tmp.Close(); err != nil {
		return refuse(err)
	}
	if err := os.Rename(tmp.Name(), dest); err != nil {
		return refuse(err)
	}
	done = true
	if d, err := os.Open(dir); err == nil {
		d.Sync() // best effort: the rename itself reaches the disk
		d.Close()
	}
	return head.b, nil
}

type headWriter struct {
	b   []byte
	max int
}

func (w *headWriter) Write(p []byte) (int, error) {
	if room := w.max - len(w.b); room > 0 {
		if room > len(p) {
			room = len(p)
		}
		w.b = append(w.b, p[:room]...)
	}
	return len(p), nil
}

func (f Files) readHead(p string) ([]byte, error) {
	fh, err := os.Open(p)
	if err != nil {
		return nil, fault.Wrap(err, fault.ErrRefused, f.key("attachmentWrite"))
	}
	defer fh.Close()
	b := make([]byte, 512)
	n, _ := io.ReadFull(fh, b)
	return b[:n], nil
}
