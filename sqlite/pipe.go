package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"sync/atomic"
)

// pipe runs an import's inserts on a goroutine of their own, in order, so
// that preparing rows — decoding, canonical encoding, hashing, the tree —
// overlaps SQLite's work on the other core. It is owned by one writer and
// closed by it; close reports the first failed insert.
//
// The inserts go straight to the driver, on the import's own connection
// and so inside its transaction, a batch at a time: database/sql's per-call
// locking and argument conversion would otherwise cost a tenth of a
// million-row import. Between batches the connection is free for the
// import's lookups.
type pipe struct {
	conn    *sql.Conn
	wal     *walSyncer
	stmts   map[string]driver.Stmt // by table, prepared on first use
	batches chan []op
	done    chan struct{}
	failed  atomic.Bool
	err     error // set by the goroutine, read after done
	cur     []op
	closed  bool
}

type op struct {
	table string
	args  []driver.NamedValue
}

const pipeBatch = 2048

// walEvery is how many batches pass between background WAL flushes: about
// every 16 MB of log.
const walEvery = 8

func newPipe(conn *sql.Conn, path string) *pipe {
	p := &pipe{conn: conn, wal: newWALSyncer(path), stmts: map[string]driver.Stmt{}, batches: make(chan []op, 4),
		done: make(chan struct{}), cur: make([]op, 0, pipeBatch)}
	go p.run()
	return p
}

func (p *pipe) run() {
	defer close(p.done)
	defer p.wal.stop()
	n := 0
	for b := range p.batches {
		if p.err != nil {
			continue // drain, so the sender never blocks
		}
		if p.err = p.conn.Raw(func(dc any) error { return p.exec(dc, b) }); p.err != nil {
			p.failed.Store(true)
		}
		if n++; n%walEvery == 0 {
			p.wal.poke()
		}
	}
	p.conn.Raw(func(any) error {
		for _, st := range p.stmts {
			st.Close()
		}
		return nil
	})
}

// exec runs a batch on the driver connection. The context is a plain
// background one on purpose: mattn/go-sqlite3 watches a cancellable context
// with a goroutine per statement. The import checks its own context between
// chunks instead, and rolls back when it is done.
func (p *pipe) exec(dc any, b []op) error {
	conn, ok := dc.(driver.ConnPrepareContext)
	if !ok {
		return fmt.Errorf("driver connection %T cannot prepare statements", dc)
	}
	ctx := context.Background()
	for _, o := range b {
		st, ok := p.stmts[o.table]
		if !ok {
			q, known := insertSQL()[o.table]
			if !known {
				return fmt.Errorf("no insert for table %s", o.table)
			}
			var err error
			if st, err = conn.PrepareContext(ctx, q); err != nil {
				return fmt.Errorf("prepare insert into %s: %w", o.table, err)
			}
			p.stmts[o.table] = st
		}
		ex, ok := st.(driver.StmtExecContext)
		if !ok {
			return fmt.Errorf("driver statement %T cannot execute with a context", st)
		}
		if _, err := ex.ExecContext(ctx, o.args); err != nil {
			return fmt.Errorf("insert into %s: %w", o.table, err)
		}
	}
	return nil
}

// add queues one insert; it fails fast once an earlier insert has failed.
func (p *pipe) add(table string, args ...any) error {
	switch {
	case p.closed:
		return fmt.Errorf("insert into %s after the import's writes were flushed", table)
	case p.failed.Load():
		return fmt.Errorf("an earlier insert failed")
	}
	named := make([]driver.NamedValue, len(args))
	for i, a := range args {
		v, err := driver.DefaultParameterConverter.ConvertValue(a) // int to int64
		if err != nil {
			return fmt.Errorf("insert into %s: argument %d: %w", table, i+1, err)
		}
		named[i] = driver.NamedValue{Ordinal: i + 1, Value: v}
	}
	p.cur = append(p.cur, op{table, named})
	if len(p.cur) == pipeBatch {
		p.batches <- p.cur
		p.cur = make([]op, 0, pipeBatch)
	}
	return nil
}

// close sends what is queued, waits for every insert and returns the first
// error. Closing again returns the same.
func (p *pipe) close() error {
	if p.closed {
		return p.err
	}
	p.closed = true
	if len(p.cur) > 0 {
		p.batches <- p.cur
		p.cur = nil
	}
	close(p.batches)
	<-p.done
	return p.err
}
