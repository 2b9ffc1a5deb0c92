package ndjson

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vigil-oss/vigil"
)

// object reads the fields of one JSON object, remembering which it used and
// every problem found, each with its JSON path.
//
// The line is checked for JSON syntax once, up front; objects and lists
// inside it are then split by the small scanner in scan.go rather than by
// encoding/json, which would re-validate every value it is handed.
type object struct {
	line   int
	prefix string // path of this object, "" at top level, with a trailing "."
	fields []field
	errs   *[]vigil.FieldError
	arena  *[]field // backing store for the fields of every object of the line
}

// field is one member of an object. A dropped field is treated as absent.
type field struct {
	key     []byte // decoded
	rawKey  []byte // the key as written, quotes included
	val     []byte // the value as written, without surrounding space
	used    bool
	dropped bool
}

// newObject splits raw, which must be valid JSON, into its fields. A value
// that is not an object, and a key given twice (which parsers resolve
// differently, so the record would be ambiguous), are problems.
func newObject(line int, prefix string, raw []byte, errs *[]vigil.FieldError, arena *[]field) (*object, bool) {
	o := &object{line: line, prefix: prefix, errs: errs, arena: arena}
	start := len(*arena)
	all, ok := splitObject(raw, *arena)
	if ok {
		*arena = all
	}
	fields := all[start:len(all):len(all)]
	if !ok {
		*errs = append(*errs, vigil.FieldError{Line: line, Field: strings.TrimSuffix(prefix, "."),
			Reason: "want a JSON object, got " + describe(raw)})
		return nil, false
	}
	o.fields = fields
	for i := 1; i < len(fields); i++ {
		for j := range i {
			if string(fields[j].key) == string(fields[i].key) {
				o.fail(string(fields[i].key), "field given more than once")
				fields[i].used = true
				return o, false
			}
		}
	}
	return o, true
}

// child reads the object raw found at field path (with a trailing ".").
func (o *object) child(path string, raw []byte) (*object, bool) {
	return newObject(o.line, o.prefix+path, raw, o.errs, o.arena)
}

func (o *object) fail(field, format string, args ...any) {
	reason := format
	if len(args) > 0 {
		reason = fmt.Sprintf(format, args...)
	}
	*o.errs = append(*o.errs, vigil.FieldError{Line: o.line, Field: o.prefix + field, Reason: reason})
}

// raw returns a field's value; absent and null are the same.
func (o *object) raw(name string) ([]byte, bool) {
	for i := range o.fields {
		f := &o.fields[i]
		if string(f.key) != name || f.dropped {
			continue
		}
		f.used = true
		if isNull(f.val) {
			return nil, false
		}
		return f.val, true
	}
	return nil, false
}

func (o *object) has(name string) bool {
	_, ok := o.raw(name)
	return ok
}

// len counts the fields not dropped.
func (o *object) len() int {
	n := 0
	for _, f := range o.fields {
		if !f.dropped {
			n++
		}
	}
	return n
}

// str reads a trimmed, non-empty string of at most max bytes.
func (o *object) str(name string, required bool, max int) string {
	v, ok := o.raw(name)
	if !ok {
		if required {
			o.fail(name, "required")
		}
		return ""
	}
	return o.strValue(name, v, max)
}

// strValue checks that v, a present value of the field at path name, is a
// trimmed, non-empty string of at most max bytes.
func (o *object) strValue(name string, v []byte, max int) string {
	s, ok := unquote(v)
	if !ok {
		o.fail(name, "want a string, got %s", describe(v))
		return ""
	}
	return o.checkString(name, s, max)
}

func (o *object) checkString(name, s string, max int) string {
	s = strings.TrimSpace(s)
	switch {
	case !utf8.ValidString(s):
		o.fail(name, "not valid UTF-8")
	case s == "":
		o.fail(name, "empty")
	case len(s) > max:
		o.fail(name, "longer than %d bytes", max)
	default:
		return s
	}
	return ""
}

// id reads a record id: printable, no spaces, at most 200 bytes.
func (o *object) id(name string, required bool) string {
	v, ok := o.raw(name)
	if !ok {
		if required {
			o.fail(name, "required")
		}
		return ""
	}
	return o.idValue(name, v)
}

func (o *object) idValue(name string, v []byte) string {
	s := o.strValue(name, v, maxID)
	if s != "" && strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		o.fail(name, "id %q contains spaces or control characters", s)
		return ""
	}
	return s
}

// oneOf reads a string that must be one of the allowed values.
func (o *object) oneOf(name string, required bool, allowed []string) string {
	// Fast path, without allocating: the value is exactly an allowed one.
	if v, ok := o.raw(name); ok {
		if b, ok := unquoteBytes(v); ok {
			for _, a := range allowed {
				if string(b) == a {
					return a
				}
			}
		}
	}
	s := o.str(name, required, maxID)
	if s != "" && !slices.Contains(allowed, s) {
		o.fail(name, "unknown value %q: want one of %s", s, strings.Join(allowed, ", "))
		return ""
	}
	return s
}

// time reads an RFC 3339 time and returns it in UTC.
func (o *object) time(name string, required bool) time.Time {
	s := o.str(name, required, 64)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || !strictRFC3339(s) {
		o.fail(name, "not an RFC 3339 time such as 2026-01-02T15:04:05Z: %q", s)
		return time.Time{}
	}
	t = t.UTC()
	// Checked in UTC, since that is the form stored and echoed: a year the
	// canonical form could not write back must not get in.
	if t.Year() < minYear || t.Year() > maxYear {
		o.fail(name, "year out of range (want %d to %d in UTC): %q", minYear, maxYear, s)
		return time.Time{}
	}
	return t
}

const minYear, maxYear = 1900, 9999

// strictRFC3339 rejects what time.Parse lets through but RFC 3339 does not:
// a comma before the fraction, and offsets beyond 23:59.
func strictRFC3339(s string) bool {
	if len(s) > 19 && s[19] == ',' {
		return false
	}
	if n := len(s); n >= 6 && (s[n-6] == '+' || s[n-6] == '-') {
		h, err1 := strconv.Atoi(s[n-5 : n-3])
		m, err2 := strconv.Atoi(s[n-2:])
		return err1 == nil && err2 == nil && h <= 23 && m <= 59
	}
	return true
}

// list splits a present value that must be a JSON list; want describes the
// expected members for the error.
func (o *object) list(name string, v []byte, want string) ([][]byte, bool) {
	elems, ok := splitArray(v)
	if !ok {
		o.fail(name, "want a list of %s, got %s", want, describe(v))
	}
	return elems, ok
}

// ids reads a list of ids as a sorted set. Refs come back for each distinct
// id with the path of its first mention in the input.
func (o *object) ids(name string, required bool) ([]string, []idAt) {
	v, ok := o.raw(name)
	if !ok {
		if required {
			o.fail(name, "required")
		}
		return nil, nil
	}
	list, ok := o.list(name, v, "ids")
	if !ok {
		return nil, nil
	}
	at := make([]idAt, 0, len(list))
	for i, e := range list {
		path := name + "[" + strconv.Itoa(i) + "]"
		if s := o.idValue(path, e); s != "" && !slices.ContainsFunc(at, func(a idAt) bool { return a.id == s }) {
			at = append(at, idAt{s, path})
		}
	}
	out := make([]string, len(at))
	for i, a := range at {
		out[i] = a.id
	}
	slices.Sort(out)
	return out, at
}

// idAt is an id and the path it was read from.
type idAt struct{ id, path string }

// finish reports every field that was present but never read.
func (o *object) finish() {
	var unknown []string
	for _, f := range o.fields {
		if !f.used && !f.dropped {
			unknown = append(unknown, string(f.key))
		}
	}
	slices.Sort(unknown)
	for _, k := range unknown {
		o.fail(k, "unknown field")
	}
}

// describe names a JSON value's type for error messages.
func describe(v []byte) string {
	v = trimSpace(v)
	if len(v) == 0 {
		return "nothing"
	}
	switch v[0] {
	case '"':
		return "a string"
	case '{':
		return "an object"
	case '[':
		return "a list"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// unmarshal is json.Unmarshal for the rare values the scanner leaves to it.
func unmarshal(v []byte, dst any) error { return json.Unmarshal(v, dst) }
