package app

import (
	"context"
	"sync"
	"time"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"
)

// flushTimeout bounds how long closing the window waits for the page to
// save what is still being typed.
const flushTimeout = 2 * time.Second

// flusher lets a screen with pending edits (the checklist) say so, so that
// closing the window first asks the page to save them.
type flusher struct {
	mu      sync.Mutex
	wanted  bool
	closing bool
	done    chan struct{}
}

// WantFlush is called by a screen that autosaves: true while it is open,
// false when it is left. While true, closing the window first emits
// "app:flush" and waits (at most two seconds) for FlushDone.
func (s *System) WantFlush(on bool) {
	f := &s.core.flush
	f.mu.Lock()
	defer f.mu.Unlock()
	f.wanted = on
}

// FlushDone is called by the page once every pending edit is saved.
func (s *System) FlushDone() {
	f := &s.core.flush
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.done != nil {
		close(f.done)
		f.done = nil
	}
}

// BeforeClose runs when the user closes the window. When a screen has
// pending edits it holds the close, asks the page to save ("app:flush"),
// waits at most two seconds for FlushDone, then quits for real: the wait
// runs on its own goroutine because on Windows this hook is called on the
// window's thread, which the page needs in order to answer.
func (c *Core) BeforeClose(ctx context.Context) (prevent bool) {
	f := &c.flush
	f.mu.Lock()
	if !f.wanted || f.closing {
		f.mu.Unlock()
		return false
	}
	f.closing = true
	done := make(chan struct{})
	f.done = done
	f.mu.Unlock()
	go func() {
		start := time.Now()
		wruntime.EventsEmit(ctx, "app:flush")
		select {
		case <-done:
			c.log.Info("page flushed before close", "ms", time.Since(start).Milliseconds())
		case <-time.After(flushTimeout):
			c.log.Warn("page did not confirm its flush before close")
		}
		wruntime.Quit(ctx)
	}()
	return true
}
