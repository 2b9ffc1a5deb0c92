package sqlite

import (
	"os"
	"sync"
)

// walSyncer flushes the write-ahead log to disk in the background while a
// large import is still being written, so that the fsync SQLite makes at
// commit finds little left to do: the disk works while the CPUs do. It only
// starts writeback early; durability still rests on SQLite's own fsync.
type walSyncer struct {
	f    *os.File
	kick chan struct{}
	wg   sync.WaitGroup
}

// newWALSyncer watches path's WAL (SQLite names it PATH-wal); with no WAL
// file it does nothing.
func newWALSyncer(path string) *walSyncer {
	w := &walSyncer{kick: make(chan struct{}, 1)}
	f, err := os.Open(path + "-wal")
	if err != nil {
		return w
	}
	w.f = f
	w.wg.Go(func() {
		for range w.kick {
			w.f.Sync() // best effort: an error here costs only speed
		}
	})
	return w
}

// poke asks for a flush; pokes while one runs are merged.
func (w *walSyncer) poke() {
	if w.f == nil {
		return
	}
	select {
	case w.kick <- struct{}{}:
	default:
	}
}

// stop waits for any flush under way and releases the file.
func (w *walSyncer) stop() {
	close(w.kick)
	w.wg.Wait()
	if w.f != nil {
		w.f.Close()
	}
}
