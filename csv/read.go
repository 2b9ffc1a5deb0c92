// Package csv adapts comma-separated files to Vigil: it reads a person
// register — one row per record, an id column and columns that map to the
// identity object's fields — for batch deduplication and linkage, and writes
// the dedupe output contract (record_id, cluster_id and, when linking two
// files, file).
//
// Registers arrive messy, and the reader takes them as they come: a UTF-8
// byte-order mark, whitespace around headers and values (Febrl writes ", "
// between fields), quoted fields holding commas and line breaks, CRLF line
// ends, empty fields (read as absent) and a date-of-birth column that mixes
// formats, normalised to the identity object's YYYY, YYYY-MM or YYYY-MM-DD.
//
// Two kinds of problem are kept apart. A malformed file — bad quoting, a row
// whose field count differs from the header's, a missing id or mapped
// column, an empty or duplicate id — cannot be read safely, so Read rejects
// it with an EInvalid *vigil.Error listing every problem by line, up to
// Options.MaxProblems. A bad value in a well-formed row — a date of birth
// that is not a real date, or is ambiguous under the stated date order — is
// dropped from the record and reported on the record's Problems, so the
// caller sees it and the matcher never compares a guessed value.
package csv

import (
	"bytes"
	stdcsv "encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/identity"
)

// Options say how to read a register.
type Options struct {
	// ID names the column holding each row's record id. Required.
	ID string
	// Map maps an identity field name (given_name, dob, …; see
	// identity.Fields) to the column that holds it.
	Map map[string]string
	// DateOrder says how to read a numeric date whose year comes last,
	// such as 03/04/1990. DMY and MDY read it strictly in that order. YMD,
	// or no order, reads it only when it cannot be misread (a part over 12,
	// or day equal to month); otherwise it is a problem that asks for the
	// order. Year-first and month-name dates never depend on the order.
	DateOrder DateOrder
	// MaxProblems caps the file-level problems reported before reading
	// stops; 0 means DefaultMaxProblems.
	MaxProblems int
}

// DefaultMaxProblems is the brief's cap on reported problems.
const DefaultMaxProblems = 100

// maxValue bounds one value, as package identity bounds an attribute.
const maxValue = 1000

// Record is one row of a register.
type Record struct {
	ID   string
	Line int // 1-based line on which the row starts
	// Identity holds the mapped values, trimmed; an empty cell is absent.
	// List fields (alias, phone, email, handle, document) hold one value.
	Identity identity.Identity
	// Problems are values dropped from this row, with the column and the
	// reason: a date of birth that is not a real date, say.
	Problems []vigil.FieldError
}

// column is one mapped identity field and where it sits in a row.
type column struct {
	field string // identity field name
	name  string // column name in the header
	index int
}

// Read reads a whole register. A malformed file returns a nil slice and an
// EInvalid *vigil.Error whose Fields give every problem found (up to the
// cap); a reader that fails returns EUnavailable.
func Read(r io.Reader, opt Options) ([]Record, error) {
	cols, err := opt.check()
	if err != nil {
		return nil, err
	}
	maxProbs := opt.MaxProblems
	if maxProbs <= 0 {
		maxProbs = DefaultMaxProblems
	}

	// The whole file is read first: a register is held in memory anyway,
	// and its line count bounds the rows, so the records and the id index
	// are allocated once. Growing a slice of a million records instead
	// copies it again and again, and those long copies stall the collector.
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, readError(err)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	rows := bytes.Count(data, []byte{'\n'}) + 1
	cr := stdcsv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1    // ragged rows are reported here, with both counts
	cr.TrimLeadingSpace = true // Febrl's ", " and a quote after a space
	cr.ReuseRecord = true

	fail := func(probs []vigil.FieldError, capped bool) error {
		msg := "malformed CSV"
		if capped {
			msg = fmt.Sprintf("malformed CSV: stopped after %d problems", len(probs))
		}
		return &vigil.Error{Code: vigil.EInvalid, Op: "read csv", Message: msg, Fields: probs}
	}

	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fail([]vigil.FieldError{{Line: 1, Reason: "empty file: want a header line"}}, false)
		}
		if p, ok := parseProblem(err); ok {
			return nil, fail([]vigil.FieldError{p}, false)
		}
		return nil, readError(err)
	}
	headerLine, _ := cr.FieldPos(0)
	idIndex, probs := place(header, headerLine, opt.ID, cols)
	if len(probs) > 0 {
		// Nothing below the header can be read against a header that is wrong.
		return nil, fail(probs, false)
	}
	width := len(header)

	recs := make([]Record, 0, rows-1)
	first := make(map[string]int, rows-1) // id → line it first appeared on
	add := func(p vigil.FieldError) bool {
		probs = append(probs, p)
		return len(probs) >= maxProbs
	}
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			p, ok := parseProblem(err)
			if !ok {
				return nil, readError(err)
			}
			if add(p) {
				return nil, fail(probs, true)
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		if len(row) == 1 && strings.TrimSpace(row[0]) == "" {
			continue // a line of whitespace is a blank line
		}
		if len(row) != width {
			if add(vigil.FieldError{Line: line, Reason: fmt.Sprintf("%d fields, the header has %d", len(row), width)}) {
				return nil, fail(probs, true)
			}
			continue
		}
		id := strings.TrimSpace(row[idIndex])
		switch {
		case id == "":
			if add(vigil.FieldError{Line: line, Field: opt.ID, Reason: "empty id"}) {
				return nil, fail(probs, true)
			}
			continue
		case !utf8.ValidString(id):
			if add(vigil.FieldError{Line: line, Field: opt.ID, Reason: "id is not valid UTF-8"}) {
				return nil, fail(probs, true)
			}
			continue
		}
		if at, dup := first[id]; dup {
			if add(vigil.FieldError{Line: line, Field: opt.ID, Reason: fmt.Sprintf("duplicate id %q, first on line %d", id, at)}) {
				return nil, fail(probs, true)
			}
			continue
		}
		first[id] = line
		if len(probs) > 0 {
			continue // the file is rejected; only look for further problems
		}
		rec := Record{ID: id, Line: line}
		for _, c := range cols {
			v := strings.TrimSpace(row[c.index])
			if v == "" {
				continue
			}
			if reason := rec.set(c.field, v, opt.DateOrder); reason != "" {
				rec.Problems = append(rec.Problems, vigil.FieldError{Line: line, Field: c.name, Reason: reason})
			}
		}
		recs = append(recs, rec)
	}
	if len(probs) > 0 {
		return nil, fail(probs, false)
	}
	if len(recs) == 0 {
		return nil, nil
	}
	return recs, nil
}

// check validates the options and returns the mapped columns in the
// identity object's field order, so problems come out in a stable order.
func (opt Options) check() ([]column, error) {
	invalid := func(format string, args ...any) error {
		e := vigil.Errorf(vigil.EInvalid, format, args...)
		e.Op = "read csv"
		return e
	}
	if strings.TrimSpace(opt.ID) == "" {
		return nil, invalid("no id column named")
	}
	switch opt.DateOrder {
	case "", DMY, MDY, YMD:
	default:
		return nil, invalid("date order %q: want DMY, MDY or YMD", string(opt.DateOrder))
	}
	var cols []column
	for field, name := range opt.Map {
		if !slices.Contains(identity.Fields(), field) {
			return nil, invalid("map: unknown identity field %q; want one of %s", field, strings.Join(identity.Fields(), ", "))
		}
		if strings.TrimSpace(name) == "" {
			return nil, invalid("map: no column named for %s", field)
		}
		cols = append(cols, column{field: field, name: strings.TrimSpace(name)})
	}
	order := identity.Fields()
	slices.SortFunc(cols, func(a, b column) int {
		return slices.Index(order, a.field) - slices.Index(order, b.field)
	})
	return cols, nil
}

// place finds the id column and each mapped column in the header. Header
// names are compared after trimming whitespace.
func place(header []string, line int, id string, cols []column) (int, []vigil.FieldError) {
	where := map[string][]int{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		where[h] = append(where[h], i)
	}
	var probs []vigil.FieldError
	find := func(name, role string) int {
		switch at := where[name]; len(at) {
		case 0:
			probs = append(probs, vigil.FieldError{Line: line, Field: name, Reason: "no such column in the header (" + role + ")"})
			return -1
		case 1:
			return at[0]
		default:
			probs = append(probs, vigil.FieldError{Line: line, Field: name, Reason: fmt.Sprintf("column appears %d times in the header (%s)", len(at), role)})
			return -1
		}
	}
	idIndex := find(strings.TrimSpace(id), "the id column")
	for i := range cols {
		cols[i].index = find(cols[i].name, "mapped to "+cols[i].field)
	}
	return idIndex, probs
}

// set stores one trimmed, non-empty value, or returns why it cannot.
func (rec *Record) set(field, v string, order DateOrder) string {
	switch {
	case !utf8.ValidString(v):
		return "not valid UTF-8"
	case len(v) > maxValue:
		return fmt.Sprintf("longer than %d bytes", maxValue)
	}
	id := &rec.Identity
	switch field {
	case "full_name":
		id.FullName = v
	case "given_name":
		id.GivenName = v
	case "family_name":
		id.FamilyName = v
	case "alias":
		id.Alias = []string{v}
	case "dob":
		d, err := parseDate(v, order)
		if err != nil {
			return err.Error()
		}
		id.DOB = d
	case "sex":
		id.Sex = v
	case "phone":
		id.Phone = []string{v}
	case "email":
		id.Email = []string{v}
	case "handle":
		id.Handle = []string{v}
	case "document":
		id.Document = []string{v}
	case "street_number":
		id.StreetNumber = v
	case "address":
		id.Address = v
	case "address2":
		id.Address2 = v
	case "city":
		id.City = v
	case "postcode":
		id.Postcode = v
	case "state":
		id.State = v
	case "country":
		id.Country = v
	}
	return ""
}

// parseProblem turns encoding/csv's syntax errors into a problem at the
// line where the record starts.
func parseProblem(err error) (vigil.FieldError, bool) {
	var pe *stdcsv.ParseError
	if !errors.As(err, &pe) {
		return vigil.FieldError{}, false
	}
	reason := pe.Err.Error()
	if pe.Line != pe.StartLine {
		reason += fmt.Sprintf(" (at line %d, column %d)", pe.Line, pe.Column)
	} else {
		reason += fmt.Sprintf(" (at column %d)", pe.Column)
	}
	return vigil.FieldError{Line: pe.StartLine, Reason: reason}, true
}

func readError(err error) error {
	return &vigil.Error{Code: vigil.EUnavailable, Op: "read csv", Message: "cannot read the file", Err: err}
}
