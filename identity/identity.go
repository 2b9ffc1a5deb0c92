// Package identity holds a person's identifying attributes — names, dates of
// birth, contact details, documents, addresses — and where each came from.
//
// Identity serves resolution and display only. It is never an input to risk
// assessment, and the root package vigil refers to a subject's identity only
// by the subject's id: nothing that can score a person can import this
// package.
package identity

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Identity is the identity object of the NDJSON intake: what one record says
// about who someone is. Alias, Phone, Email, Handle and Document may hold
// several values.
type Identity struct {
	FullName     string   `json:"full_name,omitempty"`
	GivenName    string   `json:"given_name,omitempty"`
	FamilyName   string   `json:"family_name,omitempty"`
	Alias        []string `json:"alias,omitempty"`
	DOB          string   `json:"dob,omitempty"`
	Sex          string   `json:"sex,omitempty"`
	Phone        []string `json:"phone,omitempty"`
	Email        []string `json:"email,omitempty"`
	Handle       []string `json:"handle,omitempty"`
	Document     []string `json:"document,omitempty"`
	StreetNumber string   `json:"street_number,omitempty"`
	Address      string   `json:"address,omitempty"`
	Address2     string   `json:"address2,omitempty"`
	City         string   `json:"city,omitempty"`
	Postcode     string   `json:"postcode,omitempty"`
	State        string   `json:"state,omitempty"`
	Country      string   `json:"country,omitempty"`
}

// Fields lists the identity object's field names in canonical order.
func Fields() []string {
	return []string{"full_name", "given_name", "family_name", "alias", "dob", "sex", "phone",
		"email", "handle", "document", "street_number", "address", "address2", "city",
		"postcode", "state", "country"}
}

// IsList reports whether a field may hold several values.
func IsList(field string) bool { return isList(field) }

func isList(field string) bool {
	switch field {
	case "alias", "phone", "email", "handle", "document":
		return true
	}
	return false
}

// Problem is one thing wrong with an identity object: Field is the field
// name (with an index for list members, e.g. "phone[1]").
type Problem struct {
	Field  string
	Reason string
}

func (p Problem) Error() string { return p.Field + ": " + p.Reason }

// maxValue bounds any one attribute; real identity values are short.
const maxValue = 1000

var dobPattern = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// Parse decodes one identity object strictly: unknown fields, wrong types,
// bad dates of birth and empty objects are problems. It returns every
// problem found, in field name order (list members in index order). Values
// are trimmed; list fields accept a string or a list of strings and come
// back sorted without duplicates, which is their canonical form. A null
// field is the same as an absent one.
func Parse(data []byte) (Identity, []Problem) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil || raw == nil {
		if !json.Valid(data) {
			return Identity{}, []Problem{{Reason: "malformed JSON"}}
		}
		return Identity{}, []Problem{{Reason: "want an identity object, got " + describe(data)}}
	}
	names := make([]string, 0, len(raw))
	for field := range raw {
		names = append(names, field)
	}
	slices.Sort(names)
	var id Identity
	var probs []Problem
	for _, field := range names {
		v := raw[field]
		if !slices.Contains(Fields(), field) {
			probs = append(probs, Problem{field, "unknown identity field"})
			continue
		}
		if bytes.Equal(bytes.TrimSpace(v), []byte("null")) {
			continue
		}
		var vals []string
		if isList(field) {
			var ok bool
			if vals, ok = parseList(field, v, &probs); !ok {
				continue
			}
		} else {
			var s string
			if err := json.Unmarshal(v, &s); err != nil {
				probs = append(probs, Problem{field, "want a string, got " + describe(v)})
				continue
			}
			vals = []string{s}
		}
		for i, s := range vals {
			name := field
			if isList(field) {
				name = fmt.Sprintf("%s[%d]", field, i)
			}
			if p, ok := checkValue(name, field, s); !ok {
				probs = append(probs, p)
			}
		}
		id.set(field, vals)
	}
	if len(probs) == 0 && id.Empty() {
		probs = append(probs, Problem{Reason: "identity object has no attributes"})
	}
	return id, probs
}

// parseList reads a string or a list of strings.
func parseList(field string, v json.RawMessage, probs *[]Problem) ([]string, bool) {
	var one string
	if err := json.Unmarshal(v, &one); err == nil {
		return []string{one}, true
	}
	var many []json.RawMessage
	if err := json.Unmarshal(v, &many); err != nil {
		*probs = append(*probs, Problem{field, "want a string or a list of strings, got " + describe(v)})
		return nil, false
	}
	out := make([]string, len(many))
	ok := true
	for i, e := range many {
		if err := json.Unmarshal(e, &out[i]); err != nil || bytes.Equal(bytes.TrimSpace(e), []byte("null")) {
			*probs = append(*probs, Problem{fmt.Sprintf("%s[%d]", field, i), "want a string, got " + describe(e)})
			ok = false
		}
	}
	return out, ok
}

// describe names a JSON value's type for problems.
func describe(v []byte) string {
	v = bytes.TrimSpace(v)
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

func checkValue(name, field, s string) (Problem, bool) {
	s = strings.TrimSpace(s)
	switch {
	case !utf8.ValidString(s):
		return Problem{name, "not valid UTF-8"}, false
	case s == "":
		return Problem{name, "empty value"}, false
	case len(s) > maxValue:
		return Problem{name, fmt.Sprintf("longer than %d bytes", maxValue)}, false
	}
	if field == "dob" {
		if err := checkDOB(s); err != nil {
			return Problem{name, err.Error()}, false
		}
	}
	return Problem{}, true
}

// checkDOB accepts YYYY, YYYY-MM and YYYY-MM-DD naming a real date.
func checkDOB(s string) error {
	if !dobPattern.MatchString(s) {
		return fmt.Errorf("want YYYY, YYYY-MM or YYYY-MM-DD, got %q", s)
	}
	layout := map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}[len(s)]
	if _, err := time.Parse(layout, s); err != nil {
		return fmt.Errorf("not a real date: %q", s)
	}
	return nil
}

func (id *Identity) set(field string, vals []string) {
	for i := range vals {
		vals[i] = strings.TrimSpace(vals[i])
	}
	one := ""
	if len(vals) > 0 {
		one = vals[0]
	}
	switch field {
	case "full_name":
		id.FullName = one
	case "given_name":
		id.GivenName = one
	case "family_name":
		id.FamilyName = one
	case "dob":
		id.DOB = one
	case "sex":
		id.Sex = one
	case "street_number":
		id.StreetNumber = one
	case "address":
		id.Address = one
	case "address2":
		id.Address2 = one
	case "city":
		id.City = one
	case "postcode":
		id.Postcode = one
	case "state":
		id.State = one
	case "country":
		id.Country = one
	default:
		slices.Sort(vals)
		vals = slices.Compact(vals)
		switch field {
		case "alias":
			id.Alias = vals
		case "phone":
			id.Phone = vals
		case "email":
			id.Email = vals
		case "handle":
			id.Handle = vals
		case "document":
			id.Document = vals
		}
	}
}

// Empty reports whether the identity has no attribute.
func (id Identity) Empty() bool { return len(id.Attributes()) == 0 }

// Attr is one identifying attribute.
type Attr struct {
	Field string
	Value string
}

// Attributes lists every attribute in canonical field order.
func (id Identity) Attributes() []Attr {
	var out []Attr
	add := func(f, v string) {
		if v != "" {
			out = append(out, Attr{f, v})
		}
	}
	addAll := func(f string, vs []string) {
		for _, v := range vs {
			add(f, v)
		}
	}
	add("full_name", id.FullName)
	add("given_name", id.GivenName)
	add("family_name", id.FamilyName)
	addAll("alias", id.Alias)
	add("dob", id.DOB)
	add("sex", id.Sex)
	addAll("phone", id.Phone)
	addAll("email", id.Email)
	addAll("handle", id.Handle)
	addAll("document", id.Document)
	add("street_number", id.StreetNumber)
	add("address", id.Address)
	add("address2", id.Address2)
	add("city", id.City)
	add("postcode", id.Postcode)
	add("state", id.State)
	add("country", id.Country)
	return out
}

// Attribute is one identifying attribute of a subject with its provenance:
// the item that asserted it, or "" when it came from the subject record.
type Attribute struct {
	Subject string
	Attr
	Item string
	Seq  uint64 // the event that recorded it
}

// Mention is an identity fragment in an item, waiting to be resolved to a
// subject, with the role the person has in the item.
type Mention struct {
	Identity
	Role string `json:"role,omitempty"`
}
