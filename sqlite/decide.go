package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/eventlog"
)

// Decide records a decision as one event, signed and checkpointed like an
// import. An identical decision already stored is returned as it is.
func (s *Store) Decide(ctx context.Context, d vigil.Decision) (vigil.Decision, error) {
	const op = "decide"
	a, err := vigil.RequireActor(ctx, op)
	if err != nil {
		return vigil.Decision{}, err
	}
	if err := d.Validate(); err != nil {
		return vigil.Decision{}, err
	}
	payload, err := (&eventlog.Decision{Body: d.Body, Rationale: d.Rationale, Subject: d.Subject, Type: string(d.Type)}).Encode()
	if err != nil {
		return vigil.Decision{}, invalid(op, "decision "+d.ID, err)
	}
	// Project the payload as replay will (the body compacted), so the row
	// written now is the row a rebuild writes.
	p, err := eventlog.DecodeDecision(payload)
	if err != nil {
		return vigil.Decision{}, &vigil.Error{Code: vigil.EInternal, Op: op, Err: err}
	}
	var out vigil.Decision
	committed, err := s.commit(ctx, op, a.Name, func(tx *sql.Tx, w *writer) error {
		// Asked inside the write transaction: no one can record the same id
		// between the question and the answer.
		stored, found, err := decisionByID(ctx, tx, d.ID)
		if err != nil {
			return &vigil.Error{Code: vigil.EUnavailable, Op: op, Message: "cannot read decision " + d.ID, Err: err}
		}
		if found {
			if !sameDecision(stored, payload, d) {
				return &vigil.Error{Code: vigil.EConflict, Op: op,
					Message: fmt.Sprintf("decision %s already exists with different content", d.ID)}
			}
			out = stored.Decision
			return nil
		}
		e := eventlog.Event{Kind: eventlog.KindDecision, ID: d.ID, EffectiveAt: d.EffectiveAt.UTC()}
		if err := w.append(ctx, &e, payload, eventlog.PayloadHash(payload)); err != nil {
			return invalid(op, "decision "+d.ID, err)
		}
		if err := w.pr.decision(ctx, &e, &p); err != nil {
			return &vigil.Error{Code: vigil.EInternal, Op: op, Err: err}
		}
		out = decisionOf(&e, &p)
		return nil
	})
	if err != nil && !committed {
		return vigil.Decision{}, err
	}
	return out, err
}

// invalid reports a field the envelope or payload refused (such as a
// control character in an id) as the caller's error, naming the field;
// anything else is the store's.
func invalid(op, what string, err error) error {
	var fe *eventlog.FieldError
	if errors.As(err, &fe) {
		return &vigil.Error{Code: vigil.EInvalid, Op: op, Message: what + " is invalid",
			Fields: []vigil.FieldError{{Field: fe.Field, Reason: fe.Reason}}}
	}
	return &vigil.Error{Code: vigil.EInternal, Op: op, Message: "cannot record " + what, Err: err}
}

// sameDecision reports whether d re-records the stored decision: the same
// payload, and the same effective time unless d leaves it to the store.
func sameDecision(stored storedDecision, payload []byte, d vigil.Decision) bool {
	if stored.hash != eventlog.PayloadHash(payload) {
		return false
	}
	return d.EffectiveAt.IsZero() || d.EffectiveAt.Equal(stored.EffectiveAt)
}

// decisionOf builds a decision as stored from its event and payload.
func decisionOf(e *eventlog.Event, p *eventlog.Decision) vigil.Decision {
	return vigil.Decision{ID: e.ID, Type: vigil.DecisionType(p.Type), Subject: p.Subject, EffectiveAt: e.EffectiveAt,
		Rationale: p.Rationale, Body: bytes.Clone(p.Body), Seq: e.Seq, Actor: e.Actor, Purpose: e.Purpose, RecordedAt: e.RecordedAt}
}

type storedDecision struct {
	vigil.Decision
	hash [32]byte
}

// decisionColumns are the columns scanDecision reads: the projection row
// and the envelope, which says who decided, why and when.
const decisionColumns = `d.id, d.seq, d.hash, d.type, d.subject, d.effective_at, d.rationale, d.body, e.envelope`

// scanDecision reads decisionColumns, then any extra columns into extra.
func scanDecision(sc interface{ Scan(...any) error }, extra ...any) (storedDecision, error) {
	var d storedDecision
	var seq int64
	var hash, env []byte
	var typ, eff, body string
	dst := append([]any{&d.ID, &seq, &hash, &typ, &d.Subject, &eff, &d.Rationale, &body, &env}, extra...)
	if err := sc.Scan(dst...); err != nil {
		return d, err
	}
	e, err := eventlog.Decode(env)
	if err != nil {
		return d, fmt.Errorf("decision %s: event %d: %w", d.ID, seq, err)
	}
	copy(d.hash[:], hash)
	d.Seq, d.Type, d.EffectiveAt, d.Body = uint64(seq), vigil.DecisionType(typ), parseTime(eff), []byte(body)
	d.Actor, d.Purpose, d.RecordedAt = e.Actor, e.Purpose, e.RecordedAt
	return d, nil
}

func decisionByID(ctx context.Context, tx *sql.Tx, id string) (storedDecision, bool, error) {
	d, err := scanDecision(tx.QueryRowContext(ctx, `SELECT `+decisionColumns+`
		FROM decisions d JOIN events e ON e.seq = d.seq WHERE d.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return d, false, nil
	}
	return d, err == nil, err
}

// Decisions returns the decisions of one type in log order. A decision
// about a subject the actor cannot see is left out, as the subject is.
func (s *Store) Decisions(ctx context.Context, t vigil.DecisionType) ([]vigil.Decision, error) {
	const op = "decisions"
	a, err := s.reader(ctx, op)
	if err != nil {
		return nil, err
	}
	fail := func(err error) error {
		return &vigil.Error{Code: vigil.EUnavailable, Op: op, Message: "cannot read decisions of type " + string(t), Err: err}
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+decisionColumns+`, coalesce(sub.compartment, '')
		FROM decisions d JOIN events e ON e.seq = d.seq LEFT JOIN subjects sub ON sub.id = d.subject
		WHERE d.type = ? ORDER BY d.seq`, string(t))
	if err != nil {
		return nil, fail(err)
	}
	defer rows.Close()
	out := []vigil.Decision{}
	for rows.Next() {
		var compartment string
		d, err := scanDecision(rows, &compartment)
		if err != nil {
			return nil, fail(err)
		}
		if a.CanSee(compartment) {
			out = append(out, d.Decision)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fail(err)
	}
	return out, nil
}

// Consulted records a reading of personal data as one event, signed and
// checkpointed like any change.
func (s *Store) Consulted(ctx context.Context, c vigil.Consultation) error {
	const op = "consulted"
	a, err := vigil.RequireActor(ctx, op)
	if err != nil {
		return err
	}
	p := eventlog.Consultation{Query: c.Query, Rows: c.Rows, Subjects: c.Subjects, What: c.What}
	if err := p.Validate(); err != nil {
		return invalid(op, "consultation", err)
	}
	payload := p.Encode()
	_, err = s.commit(ctx, op, a.Name, func(tx *sql.Tx, w *writer) error {
		// The id is the event's seq: unique, and fixed by the log itself.
		e := eventlog.Event{Kind: eventlog.KindConsultation, ID: "consultation-" + strconv.FormatUint(w.f.Size(), 10)}
		if err := w.append(ctx, &e, payload, eventlog.PayloadHash(payload)); err != nil {
			return invalid(op, "consultation", err)
		}
		if err := w.pr.consultation(ctx, &e, &p); err != nil {
			return &vigil.Error{Code: vigil.EInternal, Op: op, Err: err}
		}
		return nil
	})
	return err
}
