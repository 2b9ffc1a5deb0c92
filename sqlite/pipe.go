package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sync/atomic"
)

// pipe runs an import's inserts on a goroutine of their own, in order, so
// that preparing rows — decoding, canonical encoding, hashing, the tree —
// overlaps SQLite's work on the other core. It is owned by one writer and
// closed by it; close reports the first failed insert.
type pipe struct {
	ctx     context.Context
	batches chan []op
	done    chan struct{}
	failed  atomic.Bool
	err     error // set by the goroutine, read after done
	cur     []op
}

type op struct {
	st    *sql.Stmt
	table string
	args  []any
}

const pipeBatch = 2048

// The inserts run without ctx's cancellation: mattn/go-sqlite3 watches a
// cancellable context with a goroutine per statement, which would double the
// cost of a million-row import. The import checks ctx between chunks instead,
// and rolls back when it is done.
func newPipe(ctx context.Context) *pipe {
	p := &pipe{ctx: context.WithoutCancel(ctx), batches: make(chan []op, 4), done: make(chan struct{}), cur: make([]op, 0, pipeBatch)}
	go p.run()
	return p
}

func (p *pipe) run() {
	defer close(p.done)
	for b := range p.batches {
		if p.err != nil {
			continue // drain, so the sender never blocks
		}
		for _, o := range b {
			if _, err := o.st.ExecContext(p.ctx, o.args...); err != nil {
				p.err = fmt.Errorf("insert into %s: %w", o.table, err)
				p.failed.Store(true)
				break
			}
		}
	}
}

// add queues one insert; it fails fast once an earlier insert has failed.
func (p *pipe) add(st *sql.Stmt, table string, args ...any) error {
	if p.failed.Load() {
		return fmt.Errorf("an earlier insert failed")
	}
	p.cur = append(p.cur, op{st, table, args})
	if len(p.cur) == pipeBatch {
		p.batches <- p.cur
		p.cur = make([]op, 0, pipeBatch)
	}
	return nil
}

// close sends what is queued, waits for every insert and returns the first
// error.
func (p *pipe) close() error {
	if len(p.cur) > 0 {
		p.batches <- p.cur
		p.cur = nil
	}
	close(p.batches)
	<-p.done
	return p.err
}
