package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/grade"
	"github.com/vigil-oss/vigil/ndjson"
)

// reader starts a read on behalf of the actor in ctx.
func (s *Store) reader(ctx context.Context, op string) (vigil.Actor, error) {
	return vigil.RequireActor(ctx, op)
}

// notFound is the answer both for a missing record and for one outside the
// actor's compartments: the actor must not learn which.
func notFound(op string, k vigil.Kind, id string) error {
	return &vigil.Error{Code: vigil.ENotFound, Op: op, Message: string(k) + " " + id + " not found"}
}

func readErr(op string, k vigil.Kind, id string, err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return notFound(op, k, id)
	}
	return &vigil.Error{Code: vigil.EUnavailable, Op: op, Message: "cannot read " + string(k) + " " + id, Err: err}
}

func parseTime(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

func fields(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, " ")
}

// Source returns a source.
func (s *Store) Source(ctx context.Context, id string) (vigil.Source, error) {
	const op = "source"
	if _, err := s.reader(ctx, op); err != nil {
		return vigil.Source{}, err
	}
	var src vigil.Source
	var kind, scheme string
	err := s.db.QueryRowContext(ctx, `SELECT id, kind, scheme, code, originator FROM sources WHERE id = ?`, id).
		Scan(&src.ID, &kind, &scheme, &src.Grade.Code, &src.Originator)
	if err != nil {
		return vigil.Source{}, readErr(op, vigil.KindSource, id, err)
	}
	src.Kind, src.Grade.Scheme = vigil.SourceKind(kind), grade.Scheme(scheme)
	return src, nil
}

// Subject returns a subject visible to the actor.
func (s *Store) Subject(ctx context.Context, id string) (vigil.Subject, error) {
	const op = "subject"
	a, err := s.reader(ctx, op)
	if err != nil {
		return vigil.Subject{}, err
	}
	var sub vigil.Subject
	var status string
	err = s.db.QueryRowContext(ctx, `SELECT id, status, compartment FROM subjects WHERE id = ?`, id).
		Scan(&sub.ID, &status, &sub.Compartment)
	if err != nil {
		return vigil.Subject{}, readErr(op, vigil.KindSubject, id, err)
	}
	if !a.CanSee(sub.Compartment) {
		return vigil.Subject{}, notFound(op, vigil.KindSubject, id)
	}
	sub.Status = vigil.Status(status)
	return sub, nil
}

// Investigation returns an investigation visible to the actor.
func (s *Store) Investigation(ctx context.Context, id string) (vigil.Investigation, error) {
	const op = "investigation"
	a, err := s.reader(ctx, op)
	if err != nil {
		return vigil.Investigation{}, err
	}
	var v vigil.Investigation
	var tier string
	err = s.db.QueryRowContext(ctx, `SELECT id, name, tier, compartment FROM investigations WHERE id = ?`, id).
		Scan(&v.ID, &v.Name, &tier, &v.Compartment)
	if err != nil {
		return vigil.Investigation{}, readErr(op, vigil.KindInvestigation, id, err)
	}
	if !a.CanSee(v.Compartment) {
		return vigil.Investigation{}, notFound(op, vigil.KindInvestigation, id)
	}
	v.Tier = vigil.Tier(tier)
	rows, err := s.db.QueryContext(ctx, `SELECT subject FROM investigation_subjects WHERE investigation = ? ORDER BY subject`, id)
	if err != nil {
		return vigil.Investigation{}, readErr(op, vigil.KindInvestigation, id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var sub string
		if err := rows.Scan(&sub); err != nil {
			return vigil.Investigation{}, readErr(op, vigil.KindInvestigation, id, err)
		}
		v.Subjects = append(v.Subjects, sub)
	}
	return v, rows.Err()
}

// Item returns an item visible to the actor, as first recorded; its
// amendments and retractions are read apart. The details live in the
// item's payload, which is decoded exactly as it was at intake.
func (s *Store) Item(ctx context.Context, id string) (vigil.Item, error) {
	const op = "item"
	a, err := s.reader(ctx, op)
	if err != nil {
		return vigil.Item{}, err
	}
	var compartment string
	var payload []byte
	err = s.db.QueryRowContext(ctx, `SELECT i.compartment, e.payload FROM items i JOIN events e ON e.seq = i.seq
		WHERE i.id = ?`, id).Scan(&compartment, &payload)
	if err != nil {
		return vigil.Item{}, readErr(op, vigil.KindItem, id, err)
	}
	if !a.CanSee(compartment) {
		return vigil.Item{}, notFound(op, vigil.KindItem, id)
	}
	if payload == nil {
		return vigil.Item{}, &vigil.Error{Code: vigil.ENotFound, Op: op, Message: "item " + id + " was erased"}
	}
	rec, probs := ndjson.DecodeLine(0, payload, nil)
	if len(probs) > 0 || rec.Item == nil {
		return vigil.Item{}, &vigil.Error{Code: vigil.EIntegrity, Op: op, Message: "item " + id + ": stored payload does not decode"}
	}
	it := *rec.Item
	if it.Indicators == nil {
		it.Indicators = []string{}
	}
	return it, nil
}

// Link returns a link; it is visible when both its subjects are.
func (s *Store) Link(ctx context.Context, id string) (vigil.Link, error) {
	const op = "link"
	if _, err := s.reader(ctx, op); err != nil {
		return vigil.Link{}, err
	}
	var l vigil.Link
	var kind, received string
	err := s.db.QueryRowContext(ctx, `SELECT id, from_id, to_id, kind, received_at, source, item FROM links WHERE id = ?`, id).
		Scan(&l.ID, &l.From, &l.To, &kind, &received, &l.Source, &l.Item)
	if err != nil {
		return vigil.Link{}, readErr(op, vigil.KindLink, id, err)
	}
	for _, sub := range []string{l.From, l.To} {
		if _, err := s.Subject(ctx, sub); vigil.ErrorCode(err) == vigil.ENotFound {
			return vigil.Link{}, notFound(op, vigil.KindLink, id)
		}
	}
	l.Kind, l.ReceivedAt = vigil.LinkKind(kind), parseTime(received)
	return l, nil
}

// Amendments returns the amendments of a record in log order.
func (s *Store) Amendments(ctx context.Context, t vigil.Target) ([]vigil.Amendment, error) {
	const op = "amendments"
	if _, err := s.reader(ctx, op); err != nil {
		return nil, err
	}
	if ok, err := s.visible(ctx, t); err != nil || !ok {
		return []vigil.Amendment{}, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT effective_at, fields, rationale FROM amendments
		WHERE target_type = ? AND target_id = ? ORDER BY seq`, string(t.Type), t.ID)
	if err != nil {
		return nil, readErr(op, t.Type, t.ID, err)
	}
	defer rows.Close()
	out := []vigil.Amendment{}
	for rows.Next() {
		var eff string
		var set []byte
		a := vigil.Amendment{Target: t}
		if err := rows.Scan(&eff, &set, &a.Rationale); err != nil {
			return nil, readErr(op, t.Type, t.ID, err)
		}
		if a.Set, err = splitSet(set); err != nil {
			return nil, readErr(op, t.Type, t.ID, err)
		}
		a.EffectiveAt = parseTime(eff)
		out = append(out, a)
	}
	return out, rows.Err()
}

// Retractions returns the retractions of an item or link in log order.
func (s *Store) Retractions(ctx context.Context, t vigil.Target) ([]vigil.Retraction, error) {
	const op = "retractions"
	if _, err := s.reader(ctx, op); err != nil {
		return nil, err
	}
	if ok, err := s.visible(ctx, t); err != nil || !ok {
		return []vigil.Retraction{}, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT effective_at, rationale FROM retractions
		WHERE target_type = ? AND target_id = ? ORDER BY seq`, string(t.Type), t.ID)
	if err != nil {
		return nil, readErr(op, t.Type, t.ID, err)
	}
	defer rows.Close()
	out := []vigil.Retraction{}
	for rows.Next() {
		var eff string
		r := vigil.Retraction{Target: t}
		if err := rows.Scan(&eff, &r.Rationale); err != nil {
			return nil, readErr(op, t.Type, t.ID, err)
		}
		r.EffectiveAt = parseTime(eff)
		out = append(out, r)
	}
	return out, rows.Err()
}

// Counts returns how many records of each kind the actor can see.
func (s *Store) Counts(ctx context.Context) (map[vigil.Kind]int, error) {
	const op = "counts"
	a, err := s.reader(ctx, op)
	if err != nil {
		return nil, err
	}
	// vis renders "the row aliased x is visible", appending its arguments.
	type query struct {
		sql  string
		args []any
	}
	var args []any
	vis := func(x string) string {
		if a.SeesAll() {
			return "1"
		}
		cond := x + ".compartment = ''"
		for _, c := range a.Compartments {
			cond += " OR " + x + ".compartment = ?"
			args = append(args, c)
		}
		return "(" + cond + ")"
	}
	// A link is visible when both its subjects are (see Link).
	link := func(l string) string {
		return "(EXISTS (SELECT 1 FROM subjects f WHERE f.id = " + l + ".from_id AND " + vis("f") + ")" +
			" AND EXISTS (SELECT 1 FROM subjects t WHERE t.id = " + l + ".to_id AND " + vis("t") + "))"
	}
	// A change is visible when its target is.
	target := func(c string) string {
		return "(" + c + ".target_type = 'source'" +
			" OR (" + c + ".target_type = 'subject' AND " + c + ".target_id IN (SELECT id FROM subjects s WHERE " + vis("s") + "))" +
			" OR (" + c + ".target_type = 'investigation' AND " + c + ".target_id IN (SELECT id FROM investigations v WHERE " + vis("v") + "))" +
			" OR (" + c + ".target_type = 'item' AND " + c + ".target_id IN (SELECT id FROM items i WHERE " + vis("i") + "))" +
			" OR (" + c + ".target_type = 'link' AND " + c + ".target_id IN (SELECT id FROM links l WHERE " + link("l") + ")))"
	}
	q := func(sql string) query { out := query{sql, args}; args = nil; return out }
	queries := map[vigil.Kind]query{
		vigil.KindSource:        q(`SELECT count(*) FROM sources`),
		vigil.KindSubject:       q(`SELECT count(*) FROM subjects x WHERE ` + vis("x")),
		vigil.KindInvestigation: q(`SELECT count(*) FROM investigations x WHERE ` + vis("x")),
		vigil.KindItem:          q(`SELECT count(*) FROM items x WHERE ` + vis("x")),
		vigil.KindLink:          q(`SELECT count(*) FROM links x WHERE ` + link("x")),
		vigil.KindAmend:         q(`SELECT count(*) FROM amendments x WHERE ` + target("x")),
		vigil.KindRetract:       q(`SELECT count(*) FROM retractions x WHERE ` + target("x")),
		vigil.KindImport:        q(`SELECT count(*) FROM imports`),
	}
	out := map[vigil.Kind]int{}
	for k, q := range queries {
		var n int
		if err := s.db.QueryRowContext(ctx, q.sql, q.args...).Scan(&n); err != nil {
			return nil, &vigil.Error{Code: vigil.EUnavailable, Op: op, Err: err}
		}
		out[k] = n
	}
	return out, nil
}

// visible reports whether the record t names exists and the actor may see
// it, so that the changes of a hidden record read as those of a missing one.
func (s *Store) visible(ctx context.Context, t vigil.Target) (bool, error) {
	var err error
	switch t.Type {
	case vigil.KindSubject:
		_, err = s.Subject(ctx, t.ID)
	case vigil.KindInvestigation:
		_, err = s.Investigation(ctx, t.ID)
	case vigil.KindItem:
		_, err = s.Item(ctx, t.ID)
	case vigil.KindLink:
		_, err = s.Link(ctx, t.ID)
	}
	if vigil.ErrorCode(err) == vigil.ENotFound {
		return false, nil
	}
	return err == nil, err
}
