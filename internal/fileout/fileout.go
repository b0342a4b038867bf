// Package fileout writes a file the user asked for (an export, a PDF)
// through a temporary file beside it that is synced and renamed into place,
// so a failed or interrupted write never leaves half a file under the
// chosen name, and an existing file is replaced only by a complete one.
package fileout

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
)

// Write calls write with a temporary file in path's folder and renames it
// to path once write, the sync and the close have all succeeded. On any
// error the temporary file is removed and path is left as it was.
func Write(path string, write func(w io.Writer) error) (err error) {
	if path == "" {
		return os.ErrInvalid
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".chungsuc-*"+filepath.Ext(path))
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// WriteBytes writes b to path as Write does.
func WriteBytes(path string, b []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := io.Copy(w, bytes.NewReader(b))
		return err
	})
}
