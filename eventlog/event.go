package eventlog

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/transparency-dev/merkle/rfc6962"
)

// Version is the envelope format version written in the "v" member.
const Version = 1

// NotStated is the purpose recorded when the actor stated none.
const NotStated = "not stated"

// timeLayout is RFC 3339 in UTC with a literal Z and the fraction trimmed of
// trailing zeros (omitted when zero), so that each instant has one spelling.
const timeLayout = "2006-01-02T15:04:05.999999999Z"

// Event is the envelope of one change in the log. It is what the Merkle tree
// commits to; the change itself (the payload) is committed to only through
// PayloadHash, so that it can be erased later without breaking the tree.
type Event struct {
	Seq         uint64     // 0-based position in the log = leaf index
	Kind        string     // "source", "subject", "item", "amend", "decision", "erase", ... ([a-z_]+)
	ID          string     // the record's id (for amend/retract a content-derived id from the store)
	Actor       string     // who made the change
	Purpose     string     // stated purpose; NotStated when none
	RecordedAt  time.Time  // set by Vigil, UTC
	EffectiveAt time.Time  // when the change takes effect (RecordedAt unless the caller set it), UTC
	ReceivedAt  *time.Time // items and links; nil otherwise
	OccurredAt  *time.Time // items, optional
	Compartment string     // "" when none
	Batch       string     // import batch id, "" when none
	PayloadHash [32]byte   // SHA-256 of the canonical payload bytes
}

// PayloadHash returns the SHA-256 of the payload bytes, as recorded in an
// envelope's payload_sha256.
func PayloadHash(payload []byte) [32]byte {
	return sha256.Sum256(payload)
}

// LeafHash returns the RFC 6962 leaf hash of an envelope:
// SHA-256(0x00 || envelope).
func LeafHash(envelope []byte) [32]byte {
	return [32]byte(rfc6962.DefaultHasher.HashLeaf(envelope))
}

// Encode returns the canonical envelope bytes of e (FORMAT.md section 2):
// compact JSON with a fixed member order, times in UTC with the fraction
// trimmed, absent optional members omitted.
//
// Encode does not validate e; call Validate before appending. Times are
// converted to UTC, and invalid UTF-8 in a string is written as U+FFFD so the
// output always decodes; an event that fails Validate may therefore not
// survive a round trip unchanged.
func (e *Event) Encode() []byte {
	b := make([]byte, 0, 512) // a full envelope is about 420 bytes
	b = append(b, `{"v":`...)
	b = strconv.AppendUint(b, Version, 10)
	b = append(b, `,"seq":`...)
	b = strconv.AppendUint(b, e.Seq, 10)
	b = appendMember(b, "kind", e.Kind)
	b = appendMember(b, "id", e.ID)
	b = appendMember(b, "actor", e.Actor)
	b = appendMember(b, "purpose", e.Purpose)
	b = appendTime(b, "recorded_at", e.RecordedAt)
	b = appendTime(b, "effective_at", e.EffectiveAt)
	if e.ReceivedAt != nil {
		b = appendTime(b, "received_at", *e.ReceivedAt)
	}
	if e.OccurredAt != nil {
		b = appendTime(b, "occurred_at", *e.OccurredAt)
	}
	if e.Compartment != "" {
		b = appendMember(b, "compartment", e.Compartment)
	}
	if e.Batch != "" {
		b = appendMember(b, "batch", e.Batch)
	}
	b = append(b, `,"payload_sha256":"`...)
	b = hex.AppendEncode(b, e.PayloadHash[:])
	b = append(b, `"}`...)
	return b
}

func appendMember(b []byte, key, value string) []byte {
	b = append(b, ',', '"')
	b = append(b, key...)
	b = append(b, '"', ':')
	return appendString(b, value)
}

func appendTime(b []byte, key string, t time.Time) []byte {
	b = append(b, ',', '"')
	b = append(b, key...)
	b = append(b, `":"`...)
	b = t.UTC().AppendFormat(b, timeLayout)
	return append(b, '"')
}

// appendString writes s as a JSON string escaped as in RFC 8785 (JCS): only
// '"', '\\' and control characters are escaped, the five with short forms
// using them; everything else is literal UTF-8.
func appendString(b []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\b':
				b = append(b, '\\', 'b')
			case c == '\t':
				b = append(b, '\\', 't')
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\f':
				b = append(b, '\\', 'f')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = utf8.AppendRune(b, utf8.RuneError)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}

// wire is the decoding target. Pointers tell a missing member from a zero one.
type wire struct {
	V             *uint64 `json:"v"`
	Seq           *uint64 `json:"seq"`
	Kind          *string `json:"kind"`
	ID            *string `json:"id"`
	Actor         *string `json:"actor"`
	Purpose       *string `json:"purpose"`
	RecordedAt    *string `json:"recorded_at"`
	EffectiveAt   *string `json:"effective_at"`
	ReceivedAt    *string `json:"received_at"`
	OccurredAt    *string `json:"occurred_at"`
	Compartment   *string `json:"compartment"`
	Batch         *string `json:"batch"`
	PayloadSHA256 *string `json:"payload_sha256"`
}

// Decode parses canonical envelope bytes. It is strict: it accepts exactly
// the bytes Encode produces and rejects everything else (invalid UTF-8,
// unknown or missing members, bad times or hash, and any other spelling of
// the same content, found by re-encoding and comparing). Errors for a
// particular member are *FieldError.
//
// Decode checks the format, not the content: call Validate on the result to
// apply the rules an event must meet to be appended.
func Decode(b []byte) (Event, error) {
	if !utf8.Valid(b) {
		return Event{}, fmt.Errorf("decode envelope: invalid UTF-8")
	}
	var w wire
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		return Event{}, fmt.Errorf("decode envelope: %w", err)
	}
	var e Event
	switch {
	case w.V == nil:
		return Event{}, decodeErr("v", "missing")
	case *w.V != Version:
		return Event{}, decodeErr("v", fmt.Sprintf("unsupported version %d, want %d", *w.V, Version))
	case w.Seq == nil:
		return Event{}, decodeErr("seq", "missing")
	}
	e.Seq = *w.Seq
	for _, f := range []struct {
		name string
		src  *string
		dst  *string
	}{
		{"kind", w.Kind, &e.Kind},
		{"id", w.ID, &e.ID},
		{"actor", w.Actor, &e.Actor},
		{"purpose", w.Purpose, &e.Purpose},
	} {
		if f.src == nil {
			return Event{}, decodeErr(f.name, "missing")
		}
		*f.dst = *f.src
	}
	var err error
	if e.RecordedAt, err = parseTime("recorded_at", w.RecordedAt); err != nil {
		return Event{}, err
	}
	if e.EffectiveAt, err = parseTime("effective_at", w.EffectiveAt); err != nil {
		return Event{}, err
	}
	if w.ReceivedAt != nil {
		t, err := parseTime("received_at", w.ReceivedAt)
		if err != nil {
			return Event{}, err
		}
		e.ReceivedAt = &t
	}
	if w.OccurredAt != nil {
		t, err := parseTime("occurred_at", w.OccurredAt)
		if err != nil {
			return Event{}, err
		}
		e.OccurredAt = &t
	}
	if w.Compartment != nil {
		if *w.Compartment == "" {
			return Event{}, decodeErr("compartment", "empty (omit the member instead)")
		}
		e.Compartment = *w.Compartment
	}
	if w.Batch != nil {
		if *w.Batch == "" {
			return Event{}, decodeErr("batch", "empty (omit the member instead)")
		}
		e.Batch = *w.Batch
	}
	if w.PayloadSHA256 == nil {
		return Event{}, decodeErr("payload_sha256", "missing")
	}
	if e.PayloadHash, err = parseHash(*w.PayloadSHA256); err != nil {
		return Event{}, decodeErr("payload_sha256", err.Error())
	}
	if !bytes.Equal(e.Encode(), b) {
		return Event{}, fmt.Errorf("decode envelope: event %d: not in canonical form", e.Seq)
	}
	return e, nil
}

func decodeErr(field, reason string) error {
	return fmt.Errorf("decode envelope: %w", &FieldError{Field: field, Reason: reason})
}

func parseTime(field string, s *string) (time.Time, error) {
	if s == nil {
		return time.Time{}, decodeErr(field, "missing")
	}
	t, err := time.Parse(timeLayout, *s)
	if err != nil || t.Format(timeLayout) != *s {
		return time.Time{}, decodeErr(field, fmt.Sprintf("%q is not a UTC time in the form 2006-01-02T15:04:05.999999999Z", *s))
	}
	return t, nil
}

// parseHash accepts exactly 64 lowercase hex digits.
func parseHash(s string) ([32]byte, error) {
	var h [32]byte
	if len(s) != 64 {
		return h, fmt.Errorf("want 64 lowercase hex digits, got %d characters", len(s))
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return h, fmt.Errorf("want lowercase hex digits, got %q at offset %d", c, i)
		}
	}
	_, err := hex.Decode(h[:], []byte(s))
	return h, err
}

// FieldError reports an event member that is invalid, naming it by its
// envelope key (for example "recorded_at").
type FieldError struct {
	Field  string
	Reason string
}

func (e *FieldError) Error() string {
	return "field " + e.Field + ": " + e.Reason
}

// Validate reports whether e may be appended to the log: kind matches
// [a-z_]+; id, actor and purpose are non-empty; strings are valid UTF-8 with
// no control characters; recorded_at and effective_at (and received_at and
// occurred_at when present) are non-zero UTC times between years 1 and 9999.
// The error names the event and the field.
func (e *Event) Validate() error {
	if err := e.validate(); err != nil {
		return fmt.Errorf("event %d: %w", e.Seq, err)
	}
	return nil
}

func (e *Event) validate() error {
	if e.Kind == "" {
		return &FieldError{"kind", "missing"}
	}
	for i := 0; i < len(e.Kind); i++ {
		if c := e.Kind[i]; !('a' <= c && c <= 'z' || c == '_') {
			return &FieldError{"kind", fmt.Sprintf("%q must match [a-z_]+", e.Kind)}
		}
	}
	for _, f := range []struct {
		name, value string
		required    bool
	}{
		{"id", e.ID, true},
		{"actor", e.Actor, true},
		{"purpose", e.Purpose, true},
		{"compartment", e.Compartment, false},
		{"batch", e.Batch, false},
	} {
		if f.required && f.value == "" {
			return &FieldError{f.name, "missing"}
		}
		if err := checkText(f.value); err != "" {
			return &FieldError{f.name, err}
		}
	}
	if err := checkTime(e.RecordedAt); err != "" {
		return &FieldError{"recorded_at", err}
	}
	if err := checkTime(e.EffectiveAt); err != "" {
		return &FieldError{"effective_at", err}
	}
	if e.ReceivedAt != nil {
		if err := checkTime(*e.ReceivedAt); err != "" {
			return &FieldError{"received_at", err}
		}
	}
	if e.OccurredAt != nil {
		if err := checkTime(*e.OccurredAt); err != "" {
			return &FieldError{"occurred_at", err}
		}
	}
	return nil
}

func checkText(s string) string {
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return fmt.Sprintf("invalid UTF-8 at byte %d", i)
			}
		case r < 0x20 || r == 0x7f:
			return fmt.Sprintf("control character %U at byte %d", r, i)
		}
	}
	return ""
}

func checkTime(t time.Time) string {
	switch {
	case t.IsZero():
		return "missing"
	case t.Location() != time.UTC:
		return fmt.Sprintf("%s is not in UTC", t.Format(time.RFC3339Nano))
	case t.Year() < 1 || t.Year() > 9999:
		return fmt.Sprintf("year %d outside 1-9999", t.Year())
	}
	return ""
}
