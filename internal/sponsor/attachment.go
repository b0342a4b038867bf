package sponsor

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"

	"gorm.io/gorm"

	"chungsuc/internal/fault"
	"chungsuc/internal/store"
	"chungsuc/internal/vntext"
)

// Attachment is a file attached to an activity. The file itself is a copy
// kept in the data folder under its SHA-256, so the same content attached
// twice is stored once; StoredPath is relative to the data folder.
type Attachment struct {
	store.Base
	AgencyID   string `gorm:"size:36" json:"agencyId"`
	OwnerType  string `json:"ownerType"`
	OwnerID    string `gorm:"size:36" json:"ownerId"`
	FileName   string `json:"fileName"`
	StoredPath string `json:"storedPath"`
	SHA256     string `gorm:"column:sha256" json:"sha256"`
	Size       int64  `json:"size"`
	MimeType   string `json:"mimeType"`
}

// TableName is the attachments table.
func (Attachment) TableName() string { return "attachments" }

const (
	ownerActivity = "activity"
	// attachmentDir is the folder under the data folder that holds the copies.
	attachmentDir = "attachments"
)

// storedPathFor is where content with this hash and extension lives,
// relative to the data folder, with forward slashes.
func storedPathFor(sum, ext string) string {
	return path.Join(attachmentDir, sum[:2], sum+ext)
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

// CheckStoredPath refuses a stored path that is absolute, climbs out with
// "..", uses backslashes or lies outside the attachments folder.
func CheckStoredPath(p string) error {
	bad := p == "" || strings.Contains(p, `\`) || path.IsAbs(p) || filepath.IsAbs(p) ||
		filepath.VolumeName(p) != "" || strings.Contains(p, ":")
	if !bad {
		for _, part := range strings.Split(p, "/") {
			if part == ".." || part == "." || part == "" {
				bad = true
			}
		}
	}
	if bad || !strings.HasPrefix(p, attachmentDir+"/") {
		return fault.New(fault.ErrRefused, "errors.sponsor.attachmentPath")
	}
	return nil
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

// AddAttachment copies the file at srcPath into the data folder and attaches
// it to the activity. The same content attached again to the same activity
// returns the existing attachment.
func (s *Service) AddAttachment(ctx context.Context, agencyID, dataDir, activityID, srcPath string) (Attachment, error) {
	db := s.db.WithContext(ctx)
	var act Activity
	if err := liveActivity(db, agencyID, activityID, &act); err != nil {
		return Attachment{}, err
	}
	fi, err := os.Stat(srcPath)
	switch {
	case srcPath == "" || errors.Is(err, fs.ErrNotExist):
		return Attachment{}, fault.New(fault.ErrNotFound, "errors.sponsor.attachmentMissing", "path", srcPath)
	case err != nil:
		return Attachment{}, fault.Wrap(err, fault.ErrRefused, "errors.sponsor.attachmentUnreadable", "path", srcPath)
	case fi.IsDir() || !fi.Mode().IsRegular():
		return Attachment{}, fault.New(fault.ErrRefused, "errors.sponsor.attachmentNotFile", "path", srcPath)
	case fi.Size() == 0:
		return Attachment{}, fault.New(fault.ErrRefused, "errors.sponsor.attachmentEmpty", "path", srcPath)
	case fi.Size() > MaxAttachmentBytes:
		return Attachment{}, fault.New(fault.ErrRefused, "errors.sponsor.attachmentTooLarge", "max", MaxAttachmentBytes>>20)
	}
	sum, size, err := hashFile(srcPath)
	if err != nil {
		return Attachment{}, fault.Wrap(err, fault.ErrRefused, "errors.sponsor.attachmentUnreadable", "path", srcPath)
	}
	if size == 0 || size > MaxAttachmentBytes {
		return Attachment{}, fault.New(fault.ErrRefused, "errors.sponsor.attachmentChanged", "path", srcPath)
	}
	ext := safeExt(srcPath)
	rel := storedPathFor(sum, ext)
	head, err := storeCopy(srcPath, filepath.Join(dataDir, filepath.FromSlash(rel)), sum)
	if err != nil {
		return Attachment{}, err
	}
	a := Attachment{
		AgencyID: agencyID, OwnerType: ownerActivity, OwnerID: activityID,
		FileName: fileName(srcPath), StoredPath: rel, SHA256: sum, Size: size, MimeType: mimeOf(ext, head),
	}
	if len(a.MimeType) > 100 {
		a.MimeType = a.MimeType[:100]
	}
	err = db.Transaction(func(tx *gorm.DB) error {
		var old Attachment
		if err := tx.Where("agency_id = ? AND owner_type = ? AND owner_id = ? AND sha256 = ?",
			agencyID, ownerActivity, activityID, sum).Limit(1).Find(&old).Error; err != nil {
			return fmt.Errorf("find attachment: %w", err)
		}
		if old.ID != "" {
			a = old
			return nil
		}
		if err := tx.Create(&a).Error; err != nil {
			return fmt.Errorf("create attachment: %w", err)
		}
		return nil
	})
	return a, err
}

// storeCopy copies src to dest unless dest already holds content with the
// expected hash. It writes a temporary file beside dest, syncs it and
// renames it into place, so a crash never leaves a half-written copy under
// the final name. It returns the first bytes of the content (for the type).
func storeCopy(src, dest, sum string) ([]byte, error) {
	refuse := func(err error) ([]byte, error) {
		return nil, fault.Wrap(err, fault.ErrRefused, "errors.sponsor.attachmentWrite")
	}
	if got, _, err := hashFile(dest); err == nil && got == sum {
		return readHead(dest)
	}
	dir := filepath.Dir(dest)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return refuse(err)
	}
	in, err := os.Open(src)
	if err != nil {
		return nil, fault.Wrap(err, fault.ErrRefused, "errors.sponsor.attachmentUnreadable", "path", src)
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
	n, err := io.Copy(io.MultiWriter(tmp, h, head), io.LimitReader(in, MaxAttachmentBytes+1))
	if err != nil {
		return refuse(err)
	}
	if n > MaxAttachmentBytes || hex.EncodeToString(h.Sum(nil)) != sum {
		// The file changed between hashing and copying.
		return nil, fault.New(fault.ErrRefused, "errors.sponsor.attachmentChanged", "path", src)
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

func readHead(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, fault.Wrap(err, fault.ErrRefused, "errors.sponsor.attachmentWrite")
	}
	defer f.Close()
	b := make([]byte, 512)
	n, _ := io.ReadFull(f, b)
	return b[:n], nil
}

// GetAttachment returns one live attachment of the agency.
func (s *Service) GetAttachment(ctx context.Context, agencyID, id string) (Attachment, error) {
	var a Attachment
	err := store.Get(s.db.WithContext(ctx).Where("agency_id = ?", agencyID), &a, "attachment", id)
	return a, err
}

// Path returns the absolute path of the stored copy after checking that it
// lies inside the data folder and still has the recorded SHA-256.
func (s *Service) Path(ctx context.Context, agencyID, dataDir, id string) (string, error) {
	a, err := s.GetAttachment(ctx, agencyID, id)
	if err != nil {
		return "", err
	}
	if err := CheckStoredPath(a.StoredPath); err != nil {
		return "", err
	}
	root, err := filepath.Abs(dataDir)
	if err != nil {
		return "", fault.Wrap(err, fault.ErrRefused, "errors.sponsor.attachmentPath")
	}
	abs := filepath.Join(root, filepath.FromSlash(a.StoredPath))
	if rel, err := filepath.Rel(root, abs); err != nil || strings.HasPrefix(rel, "..") {
		return "", fault.New(fault.ErrRefused, "errors.sponsor.attachmentPath")
	}
	sum, _, err := hashFile(abs)
	if err != nil || sum != a.SHA256 {
		return "", fault.Wrap(err, fault.ErrRefused, "errors.sponsor.attachmentDamaged", "name", a.FileName)
	}
	return abs, nil
}

// DeleteAttachment soft-deletes an attachment; the stored copy stays (it may
// be shared, and the attachment may be restored).
func (s *Service) DeleteAttachment(ctx context.Context, agencyID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var a Attachment
		if err := store.Get(tx.Where("agency_id = ?", agencyID), &a, "attachment", id); err != nil {
			return err
		}
		return store.SoftDelete(tx, &Attachment{}, "attachment", id)
	})
}

// RestoreAttachment undeletes an attachment.
func (s *Service) RestoreAttachment(ctx context.Context, agencyID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var a Attachment
		if err := store.Get(tx.Unscoped().Where("agency_id = ? AND deleted_at IS NOT NULL", agencyID), &a, "attachment", id); err != nil {
			return err
		}
		return store.Restore(tx, &Attachment{}, "attachment", id)
	})
}
