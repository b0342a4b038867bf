// Package applog writes the log file: structured lines (log/slog) in the data
// folder, rotated by size so that a PC left running for years never fills.
package applog

import (
	"crypto/rand"
	"encoding/hex"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/natefinch/lumberjack.v2"
)

// FileName is the log file inside the data folder.
const FileName = "log/chungsuc.log"

// Open returns a logger writing to dataDir/log/chungsuc.log (5 MB a file,
// 5 old files kept) and, when echo is set, also to stderr.
func Open(dataDir string, echo bool) (*slog.Logger, io.Closer, error) {
	path := filepath.Join(dataDir, FileName)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, nil, err
	}
	// Create the file in append mode first: lumberjack truncates a file it
	// creates, and a second process writing the same log would then have its
	// lines overwritten.
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, nil, err
	}
	f.Close()
	rot := &lumberjack.Logger{Filename: path, MaxSize: 5, MaxBackups: 5, LocalTime: true}
	var w io.Writer = rot
	if echo {
		w = io.MultiWriter(rot, os.Stderr)
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo})), rot, nil
}

// Discard is a logger that writes nothing.
func Discard() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// NewCode returns a short error code such as "E-7F3A2C": shown to the user
// and written on the log line, so support can find the full error.
func NewCode() string {
	var b [3]byte
	_, _ = rand.Read(b[:])
	return "E-" + strings.ToUpper(hex.EncodeToString(b[:]))
}
