package caseload

import (
	"context"
	"time"

	"github.com/vigil-oss/vigil"
)

// Moment is the "when" of a query: the world as it stood At, as recorded by KnownAt.
type Moment struct {
	// At is the moment assessed; zero means KnownAt when that is set, else now.
	At time.Time
	// KnownAt, when set, drops everything Vigil recorded after it: what an analyst could
	// have seen on screen then.
	KnownAt time.Time
}

// open starts a query: it names the actor, brings the engine up to date with the log, and
// turns the moment into a view. The caller holds no lock; the returned view is read under
// e.mu's read lock, which the caller must then take.
func (e *Engine) open(ctx context.Context, op string, m Moment) (vigil.Actor, view, error) {
	a, err := vigil.RequireActor(ctx, op)
	if err != nil {
		return a, view{}, err
	}
	if _, err := e.Follow(ctx); err != nil {
		return a, view{}, &vigil.Error{Code: vigil.EUnavailable, Op: op, Message: "cannot read the log", Err: err}
	}
	at := m.At
	if at.IsZero() {
		at = m.KnownAt
	}
	if at.IsZero() {
		at = e.opt.Now()
	}
	known := uint64(1<<64 - 1)
	if !m.KnownAt.IsZero() {
		if known, err = e.st.SizeAt(ctx, m.KnownAt); err != nil {
			return a, view{}, err
		}
	}
	return a, newView(at, known), nil
}

// query returns the parameters of a consultation, as recorded in the log.
func (m Moment) query(at time.Time) map[string]string {
	q := map[string]string{"at": at.UTC().Format(time.RFC3339Nano)}
	if !m.KnownAt.IsZero() {
		q["known_at"] = m.KnownAt.UTC().Format(time.RFC3339Nano)
	}
	return q
}

// consulted records the consultation before the answer is returned: no personal data
// leaves without its reading in the log.
func (e *Engine) consulted(ctx context.Context, op string, c vigil.Consultation) error {
	if err := e.st.Consulted(ctx, c); err != nil {
		return &vigil.Error{Code: vigil.EUnavailable, Op: op, Message: "cannot record the consultation; nothing is shown without it", Err: err}
	}
	return nil
}

func knownAt(m Moment) *time.Time {
	if m.KnownAt.IsZero() {
		return nil
	}
	t := m.KnownAt.UTC()
	return &t
}
