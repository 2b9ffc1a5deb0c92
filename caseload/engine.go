package caseload

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/catalogue"
	"github.com/vigil-oss/vigil/risk"
)

// Options configure an Engine. The zero value is usable.
type Options struct {
	Logger     *slog.Logger          // nil: discard
	Registerer prometheus.Registerer // nil: no metrics
	// Workers is how many subjects are assessed at once; 0 means GOMAXPROCS.
	Workers int
	// Now is the clock for queries that do not name a moment; nil means time.Now.
	Now func() time.Time
	// Catalogue is the version in force from the beginning of time until a loaded one
	// takes effect; nil means catalogue.Default().
	Catalogue *catalogue.Catalogue
}

func (o Options) withDefaults() Options {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Catalogue == nil {
		o.Catalogue = catalogue.Default()
	}
	return o
}

// Engine is the caseload in memory, kept current with one store. Its methods are safe
// for concurrent use: queries share a read lock, following the log takes the write lock.
type Engine struct {
	st  vigil.Store
	opt Options
	met *metrics

	mu   sync.RWMutex
	size uint64 // log size read so far: the next Feed starts here
	tables
	versions []version

	sources    []source
	sourceIDs  interner
	subjects   []subject
	subjectIDs interner
	itemStore
	invs    []investigation
	invIDs  interner
	changes []itemChanges
}

// version is a catalogue version in the engine: in force from eff, known from seq.
type version struct {
	eff int64
	seq uint64
	cat *catalogue.Catalogue
	opt risk.Options
	acc [][]float64 // accuracies under cat, by grade index; refreshed by Follow
}

// Open builds an engine from everything in st. The actor in ctx is recorded as the
// reader of the log; the engine applies compartments itself, per query.
func Open(ctx context.Context, st vigil.Store, opt Options) (*Engine, error) {
	opt = opt.withDefaults()
	ro, err := risk.OptionsFrom(opt.Catalogue)
	if err != nil {
		return nil, fmt.Errorf("caseload: %w", err)
	}
	ro.Logger = opt.Logger
	e := &Engine{
		st:         st,
		opt:        opt,
		tables:     newTables(),
		versions:   []version{{eff: minTime, seq: 0, cat: opt.Catalogue, opt: ro}},
		sourceIDs:  interner{},
		subjectIDs: interner{},
		itemStore:  newItemStore(),
		invIDs:     interner{},
	}
	if e.met, err = newMetrics(opt.Registerer); err != nil {
		return nil, err
	}
	start := time.Now()
	if _, err := e.Follow(ctx); err != nil {
		return nil, err
	}
	opt.Logger.Info("caseload loaded", "subjects", len(e.subjects), "items", e.count(),
		"log_size", e.size, "took", time.Since(start).Round(time.Millisecond))
	return e, nil
}

// Follow reads whatever the store's log gained since the last read — an import by this
// process or another — and returns how many records it applied.
func (e *Engine) Follow(ctx context.Context) (int, error) {
	// The write lock is held while the store streams, so that a query never sees half of
	// an import and a cold start never holds the whole log in memory as records.
	e.mu.Lock()
	defer e.mu.Unlock()
	from, n := e.size, 0
	size, err := e.st.Feed(ctx, from, func(r *vigil.Record) error {
		if err := e.apply(r); err != nil {
			return fmt.Errorf("%s %s (event %d): %w", r.Kind, r.ID, r.Seq, err)
		}
		n++
		return nil
	})
	if err != nil {
		// Records applied before the failure stay: each was whole, and the next Follow
		// starts from the same size again, re-applying them idempotently.
		return n, fmt.Errorf("caseload: follow the log from %d: %w", from, err)
	}
	e.size = max(e.size, size)
	if n > 0 {
		for i := range e.versions {
			e.versions[i].acc = e.accuracies(e.versions[i].cat)
		}
	}
	e.met.applied(n, e)
	return n, nil
}

// Size returns the log size the engine has read.
func (e *Engine) Size() uint64 {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return e.size
}

const minTime = -1 << 63

// version returns the catalogue version in force at at among those known before size
// known: the latest effective by then, a later load winning a tie.
func (e *Engine) version(at int64, known uint64) *version {
	best := &e.versions[0]
	for i := range e.versions[1:] {
		v := &e.versions[i+1]
		if v.eff <= at && v.seq < known && (v.eff > best.eff || v.eff == best.eff && v.seq > best.seq) {
			best = v
		}
	}
	return best
}
