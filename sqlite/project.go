package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/eventlog"
	"github.com/vigil-oss/vigil/identity"
)

// projection lists the tables derived from the log, each with its key
// columns: rebuild empties them and audit verify compares them row by row.
func projection() []table {
	return []table{
		{"sources", []string{"id"}},
		{"subjects", []string{"id"}},
		{"identity_attributes", []string{"subject", "field", "value", "item"}},
		{"investigations", []string{"id"}},
		{"investigation_subjects", []string{"investigation", "subject"}},
		{"items", []string{"id"}},
		{"item_subjects", []string{"item", "subject"}},
		{"links", []string{"id"}},
		{"amendments", []string{"id"}},
		{"retractions", []string{"id"}},
		{"imports", []string{"id"}},
		{"decisions", []string{"id"}},
		{"consultations", []string{"id"}},
		{"consultation_subjects", []string{"subject", "consultation"}},
	}
}

type table struct {
	name string
	key  []string
}

type preparer interface {
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// projector writes projection rows for events; the same code serves
// import, rebuild and verification, so they cannot disagree.
type projector struct {
	stmts map[string]*sql.Stmt
	pipe  *pipe // if set, inserts go through it; else they run at once
}

func insertSQL() map[string]string {
	return map[string]string{
		"sources":                `INSERT INTO sources (id, seq, hash, kind, scheme, code, originator) VALUES (?,?,?,?,?,?,?)`,
		"subjects":               `INSERT INTO subjects (id, seq, hash, status, compartment) VALUES (?,?,?,?,?)`,
		"identity_attributes":    `INSERT OR IGNORE INTO identity_attributes (subject, field, value, item, seq) VALUES (?,?,?,?,?)`,
		"investigations":         `INSERT INTO investigations (id, seq, hash, name, tier, compartment) VALUES (?,?,?,?,?,?)`,
		"investigation_subjects": `INSERT INTO investigation_subjects (investigation, subject, seq) VALUES (?,?,?)`,
		"items": `INSERT INTO items (id, seq, hash, source, received_at, occurred_at, grade_scheme, grade_code,
			indicators, derived_from, compartment) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
		"item_subjects": `INSERT INTO item_subjects (item, subject, role, seq) VALUES (?,?,?,?)`,
		"links": `INSERT INTO links (id, seq, hash, from_id, to_id, kind, received_at, source, item)
			VALUES (?,?,?,?,?,?,?,?,?)`,
		"amendments": `INSERT INTO amendments (id, seq, hash, target_type, target_id, effective_at, fields, rationale)
			VALUES (?,?,?,?,?,?,?,?)`,
		"retractions": `INSERT INTO retractions (id, seq, hash, target_type, target_id, effective_at, rationale)
			VALUES (?,?,?,?,?,?,?)`,
		"events": `INSERT INTO events (seq, envelope, leaf, payload) VALUES (?,?,?,?)`,
		"imports": `INSERT INTO imports (id, seq, hash, actor, purpose, file, sha256, added, unchanged, rejected)
			VALUES (?,?,?,?,?,?,?,?,?,?)`,
		"decisions": `INSERT INTO decisions (id, seq, hash, type, subject, effective_at, rationale, body)
			VALUES (?,?,?,?,?,?,?,?)`,
		"consultations": `INSERT INTO consultations (id, seq, hash, actor, purpose, what, subjects, rows, query)
			VALUES (?,?,?,?,?,?,?,?,?)`,
		"consultation_subjects": `INSERT INTO consultation_subjects (subject, consultation, seq) VALUES (?,?,?)`,
	}
}

func newProjector(ctx context.Context, p preparer) (*projector, error) {
	pr := &projector{stmts: map[string]*sql.Stmt{}}
	for name, q := range insertSQL() {
		st, err := p.PrepareContext(ctx, q)
		if err != nil {
			pr.close()
			return nil, fmt.Errorf("prepare insert into %s: %w", name, err)
		}
		pr.stmts[name] = st
	}
	return pr, nil
}

func (p *projector) close() {
	for _, st := range p.stmts {
		st.Close()
	}
}

func (p *projector) exec(ctx context.Context, table string, args ...any) error {
	if p.pipe != nil {
		return p.pipe.add(table, args...)
	}
	if _, err := p.stmts[table].ExecContext(ctx, args...); err != nil {
		return fmt.Errorf("insert into %s: %w", table, err)
	}
	return nil
}

// apply writes the rows that event e, with its decoded record, produces.
func (p *projector) apply(ctx context.Context, e *eventlog.Event, rec *vigil.Record) error {
	seq := int64(e.Seq)
	hash := e.PayloadHash[:]
	switch {
	case rec.Source != nil:
		s := rec.Source
		return p.exec(ctx, "sources", s.ID, seq, hash, string(s.Kind), string(s.Grade.Scheme), s.Grade.Code, s.Originator)
	case rec.Subject != nil:
		return p.subject(ctx, seq, hash, rec)
	case rec.Investigation != nil:
		v := rec.Investigation
		if err := p.exec(ctx, "investigations", v.ID, seq, hash, v.Name, string(v.Tier), v.Compartment); err != nil {
			return err
		}
		for _, s := range v.Subjects {
			if err := p.exec(ctx, "investigation_subjects", v.ID, s, seq); err != nil {
				return err
			}
		}
		return nil
	case rec.Item != nil:
		return p.item(ctx, seq, hash, rec)
	case rec.Link != nil:
		l := rec.Link
		return p.exec(ctx, "links", l.ID, seq, hash, l.From, l.To, string(l.Kind), timeText(l.ReceivedAt), l.Source, l.Item)
	case rec.Amendment != nil:
		a := rec.Amendment
		return p.exec(ctx, "amendments", rec.ID, seq, hash, string(a.Target.Type), a.Target.ID, timeText(a.EffectiveAt), setJSON(a.Set), a.Rationale)
	case rec.Retraction != nil:
		r := rec.Retraction
		return p.exec(ctx, "retractions", rec.ID, seq, hash, string(r.Target.Type), r.Target.ID, timeText(r.EffectiveAt), r.Rationale)
	}
	return fmt.Errorf("event %d: nothing to project for kind %s", e.Seq, e.Kind)
}

// importRow records one import from its summary event.
func (p *projector) importRow(ctx context.Context, e *eventlog.Event, s importSummary) error {
	return p.exec(ctx, "imports", e.ID, int64(e.Seq), e.PayloadHash[:], e.Actor, e.Purpose,
		s.File, s.SHA256, s.Added, s.Unchanged, s.Rejected)
}

// decision records one decision from its event and payload.
func (p *projector) decision(ctx context.Context, e *eventlog.Event, d *eventlog.Decision) error {
	return p.exec(ctx, "decisions", e.ID, int64(e.Seq), e.PayloadHash[:], d.Type, d.Subject,
		timeText(e.EffectiveAt), d.Rationale, string(d.Body))
}

// consultation records one consultation, and each subject it showed, from
// its event and payload.
func (p *projector) consultation(ctx context.Context, e *eventlog.Event, c *eventlog.Consultation) error {
	seq := int64(e.Seq)
	subjects := c.SortedSubjects()
	err := p.exec(ctx, "consultations", e.ID, seq, e.PayloadHash[:], e.Actor, e.Purpose, c.What,
		strings.Join(subjects, " "), c.Rows, string(c.QueryJSON()))
	if err != nil {
		return err
	}
	for _, s := range subjects {
		if err := p.exec(ctx, "consultation_subjects", s, e.ID, seq); err != nil {
			return err
		}
	}
	return nil
}

// importSummary is the payload of an import event.
type importSummary struct {
	Added     int            `json:"added"`
	ByKind    map[string]int `json:"by_kind"`
	File      string         `json:"file"`
	Partial   bool           `json:"partial"`
	Rejected  int            `json:"rejected"`
	SHA256    string         `json:"sha256"`
	Unchanged int            `json:"unchanged"`
}

func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// setJSON renders an amendment's fields as one canonical JSON object (keys
// sorted); the values are already canonical JSON.
func setJSON(set map[string][]byte) string {
	m := make(map[string]json.RawMessage, len(set))
	for k, v := range set {
		m[k] = v
	}
	b, _ := json.Marshal(m)
	return string(b)
}

func (p *projector) subject(ctx context.Context, seq int64, hash []byte, rec *vigil.Record) error {
	s := rec.Subject
	if err := p.exec(ctx, "subjects", s.ID, seq, hash, string(s.Status), s.Compartment); err != nil {
		return err
	}
	var body struct {
		Identity json.RawMessage `json:"identity"`
	}
	if err := json.Unmarshal(rec.Payload, &body); err != nil {
		return fmt.Errorf("subject %s: payload: %w", s.ID, err)
	}
	if body.Identity == nil {
		return nil
	}
	id, probs := identity.Parse(body.Identity)
	if len(probs) > 0 {
		return fmt.Errorf("subject %s: identity: %v", s.ID, probs[0])
	}
	for _, a := range id.Attributes() {
		if err := p.exec(ctx, "identity_attributes", s.ID, a.Field, a.Value, "", seq); err != nil {
			return err
		}
	}
	return nil
}

func (p *projector) item(ctx context.Context, seq int64, hash []byte, rec *vigil.Record) error {
	it := rec.Item
	err := p.exec(ctx, "items", it.ID, seq, hash, it.Source, timeText(it.ReceivedAt), timeText(it.OccurredAt),
		string(it.Grade.Scheme), it.Grade.Code, strings.Join(it.Indicators, " "), strings.Join(it.DerivedFrom, " "), it.Compartment)
	if err != nil {
		return err
	}
	for _, s := range it.Subjects {
		if err := p.exec(ctx, "item_subjects", it.ID, s.ID, string(s.Role), seq); err != nil {
			return err
		}
	}
	return nil
}
