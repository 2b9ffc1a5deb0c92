package vigil

import (
	"bytes"
	"encoding/json"
	"strings"
	"time"
)

// The kinds of event Vigil records itself, beside the imported records.
const (
	KindDecision     Kind = "decision"     // a named person's choice, with rationale
	KindConsultation Kind = "consultation" // a reading of personal data, with purpose
)

// DecisionType says what a decision decides.
type DecisionType string

// The decision types.
const (
	// DecisionCatalogue loads a version of the risk catalogue; its Body is the
	// catalogue's JSON and it takes effect from the catalogue's effective_from.
	DecisionCatalogue DecisionType = "catalogue.load"
)

// Decision is a named person's recorded choice with a rationale: the system
// proposes, people decide, and each decision is an event in the log.
type Decision struct {
	// ID identifies the decision; re-recording an identical decision under
	// the same id is a no-op, a different one a conflict.
	ID          string
	Type        DecisionType
	Subject     string    // the subject it concerns, if any
	EffectiveAt time.Time // zero: from when it is recorded
	Rationale   string
	Body        json.RawMessage // the decision's content: a JSON object

	// Set by the store.
	Seq        uint64
	Actor      string
	Purpose    string
	RecordedAt time.Time
}

// Validate checks the decision can be recorded, with a field error per
// problem.
func (d *Decision) Validate() error {
	var probs []FieldError
	bad := func(field, reason string) { probs = append(probs, FieldError{Field: field, Reason: reason}) }
	if strings.TrimSpace(d.ID) == "" {
		bad("id", "required")
	}
	if !isToken(string(d.Type)) {
		bad("type", "required, of lower-case letters, dots and underscores")
	}
	if strings.TrimSpace(d.Rationale) == "" {
		bad("rationale", "required: a decision states its reason")
	}
	if b := bytes.TrimSpace(d.Body); len(b) == 0 || b[0] != '{' || !json.Valid(b) {
		bad("body", "want a JSON object")
	}
	if len(probs) > 0 {
		return &Error{Code: EInvalid, Op: "decide", Message: "decision " + d.ID + " is invalid", Fields: probs}
	}
	return nil
}

func isToken(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !('a' <= c && c <= 'z' || c == '.' || c == '_') {
			return false
		}
	}
	return true
}

// Consultation records that the actor in the context read personal data,
// and so is logged with who and why like any change.
type Consultation struct {
	What     string            // what was read: "board", "explain", "alerts", ...
	Subjects []string          // the subjects shown one by one (explain: the subject)
	Rows     int               // how many subjects a listing showed
	Query    map[string]string // the parameters asked for, such as at and known_at
}
