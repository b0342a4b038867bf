package app

import (
	"errors"
	"os"
	"strings"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"chungsuc/internal/fault"
	"chungsuc/internal/msg"
)

// SetMessages gives the Core the vi.json catalogue, for the few strings the
// backend shows itself (native dialog titles and filters).
func (c *Core) SetMessages(m msg.Catalog) { c.messages = m }

// t renders a vi.json message; without a catalogue it returns the key.
func (c *Core) t(key string) string { return c.messages.T(key, nil) }

// DialogAnswerEnv names a file whose content answers the next native file
// dialog instead of showing it. The end-to-end tests drive the real window
// through a browser, which cannot reach the operating system's dialogs; they
// write the path they would have picked there. Unset in normal use.
const DialogAnswerEnv = "CHUNGSUC_DIALOG_ANSWER_FILE"

// scriptedAnswer returns the scripted answer, if any, and consumes it.
func scriptedAnswer() (string, bool) {
	f := os.Getenv(DialogAnswerEnv)
	if f == "" {
		return "", false
	}
	b, err := os.ReadFile(f)
	if errors.Is(err, os.ErrNotExist) {
		return "", true // no answer written: as if the user cancelled
	}
	if err != nil {
		return "", true
	}
	_ = os.Remove(f)
	return strings.TrimSpace(string(b)), true
}

// openFileDialog asks for a file to open; "" means the user cancelled.
func (c *Core) openFileDialog(opts wruntime.OpenDialogOptions) (string, error) {
	if p, ok := scriptedAnswer(); ok {
		return p, nil
	}
	ctx := c.WindowContext()
	if ctx == nil {
		return "", fault.New(fault.ErrRefused, "errors.noWindow")
	}
	return wruntime.OpenFileDialog(ctx, opts)
}

// saveFileDialog asks where to save; "" means the user cancelled.
func (c *Core) saveFileDialog(opts wruntime.SaveDialogOptions) (string, error) {
	if p, ok := scriptedAnswer(); ok {
		return p, nil
	}
	ctx := c.WindowContext()
	if ctx == nil {
		return "", fault.New(fault.ErrRefused, "errors.noWindow")
	}
	return wruntime.SaveFileDialog(ctx, opts)
}
