package vigil

import (
	"errors"
	"fmt"
	"strings"
)

// Code classifies an error for the caller: the CLI maps it to an exit
// status, the HTTP adapter to a status code. The list is closed.
type Code string

const (
	EInvalid      Code = "invalid"      // the input is wrong; Fields say where
	ENotFound     Code = "not_found"    // no such record, or not visible to the actor
	EConflict     Code = "conflict"     // an id already exists with other content
	EForbidden    Code = "forbidden"    // the actor may not do this
	EUnauthorized Code = "unauthorized" // no or bad credentials
	EIntegrity    Code = "integrity"    // the record failed verification
	EUnavailable  Code = "unavailable"  // the store or a file cannot be used
	EInternal     Code = "internal"     // a bug or an unexpected failure
)

// FieldError locates one problem in the input: the record (by line, 1-based,
// when the input has lines), the field (a JSON path such as mentions[0].dob,
// empty when the problem is with the whole record) and the reason.
type FieldError struct {
	Line   int    `json:"line,omitempty"`
	Field  string `json:"field,omitempty"`
	Reason string `json:"reason"`
}

// String renders the brief's form: "line N: field F: reason".
func (f FieldError) String() string {
	var b strings.Builder
	if f.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", f.Line)
	}
	if f.Field != "" {
		fmt.Fprintf(&b, "field %s: ", f.Field)
	}
	b.WriteString(f.Reason)
	return b.String()
}

// Error is Vigil's one error type. Message is safe to show to a user; Err,
// the cause, is for logs.
type Error struct {
	Code    Code
	Op      string       // the operation that failed, e.g. "import"
	Message string       // safe for users
	Fields  []FieldError // for EInvalid: every problem found
	Err     error        // the cause, if any
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Op != "" {
		b.WriteString(e.Op)
		b.WriteString(": ")
	}
	switch {
	case e.Message != "":
		b.WriteString(e.Message)
	case e.Err != nil:
		b.WriteString(e.Err.Error())
	default:
		b.WriteString(string(e.Code))
	}
	if len(e.Fields) == 1 {
		b.WriteString(": ")
		b.WriteString(e.Fields[0].String())
	} else if len(e.Fields) > 1 {
		fmt.Fprintf(&b, " (%d problems, first: %s)", len(e.Fields), e.Fields[0])
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with a formatted, user-safe message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EInternal
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrorFields returns the field errors carried by err, if any.
func ErrorFields(err error) []FieldError {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}
