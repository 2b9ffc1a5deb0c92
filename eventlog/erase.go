package eventlog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// KindErase is the kind of the event that records a person-level erasure.
const KindErase = "erase"

// Erasure is the payload of an erase event: which earlier events' payloads
// were deleted, and why. The envelopes of those events stay in the log, so
// the tree still verifies; a verifier accepts a missing payload only if an
// erase event with a greater seq lists it (FORMAT.md section 6).
type Erasure struct {
	Seqs   []uint64 // strictly increasing, each below the erase event's seq
	Reason string   // the legal basis or retention rule, non-empty
}

// Encode returns the canonical payload bytes:
// {"v":1,"seqs":[...],"reason":"..."}.
func (e *Erasure) Encode() []byte {
	b := make([]byte, 0, 32+8*len(e.Seqs)+len(e.Reason))
	b = append(b, `{"v":`...)
	b = strconv.AppendUint(b, Version, 10)
	b = append(b, `,"seqs":[`...)
	for i, s := range e.Seqs {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendUint(b, s, 10)
	}
	b = append(b, `],"reason":`...)
	b = appendString(b, e.Reason)
	return append(b, '}')
}

// Validate checks the erasure against the seq of the erase event that
// carries it.
func (e *Erasure) Validate(eraseSeq uint64) error {
	if len(e.Seqs) == 0 {
		return &FieldError{"seqs", "empty"}
	}
	for i, s := range e.Seqs {
		if s >= eraseSeq {
			return &FieldError{fmt.Sprintf("seqs[%d]", i), fmt.Sprintf("%d is not before the erase event %d", s, eraseSeq)}
		}
		if i > 0 && s <= e.Seqs[i-1] {
			return &FieldError{fmt.Sprintf("seqs[%d]", i), "not strictly increasing"}
		}
	}
	if e.Reason == "" {
		return &FieldError{"reason", "missing"}
	}
	if err := checkText(e.Reason); err != "" {
		return &FieldError{"reason", err}
	}
	return nil
}

// DecodeErasure parses an erase payload, accepting only the bytes Encode
// produces. It does not call Validate.
func DecodeErasure(b []byte) (Erasure, error) {
	if !utf8.Valid(b) {
		return Erasure{}, fmt.Errorf("decode erasure: invalid UTF-8")
	}
	var w struct {
		V      *uint64  `json:"v"`
		Seqs   []uint64 `json:"seqs"`
		Reason *string  `json:"reason"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		return Erasure{}, fmt.Errorf("decode erasure: %w", err)
	}
	switch {
	case w.V == nil || *w.V != Version:
		return Erasure{}, fmt.Errorf("decode erasure: %w", &FieldError{"v", fmt.Sprintf("want %d", Version)})
	case w.Seqs == nil:
		return Erasure{}, fmt.Errorf("decode erasure: %w", &FieldError{"seqs", "missing"})
	case w.Reason == nil:
		return Erasure{}, fmt.Errorf("decode erasure: %w", &FieldError{"reason", "missing"})
	}
	e := Erasure{Seqs: w.Seqs, Reason: *w.Reason}
	if !bytes.Equal(e.Encode(), b) {
		return Erasure{}, fmt.Errorf("decode erasure: not in canonical form")
	}
	return e, nil
}
