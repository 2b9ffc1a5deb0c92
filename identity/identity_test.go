package identity

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  Identity
		probs []Problem
	}{
		{"dob year", `{"dob":"1990"}`, Identity{DOB: "1990"}, nil},
		{"dob year and month", `{"dob":"1990-02"}`, Identity{DOB: "1990-02"}, nil},
		{"dob full", `{"dob":"1990-02-28"}`, Identity{DOB: "1990-02-28"}, nil},
		{"dob leap day", `{"dob":"2000-02-29"}`, Identity{DOB: "2000-02-29"}, nil},
		{"dob 30 February", `{"dob":"1990-02-30"}`, Identity{}, []Problem{{"dob", `not a real date: "1990-02-30"`}}},
		{"dob not a leap year", `{"dob":"1900-02-29"}`, Identity{}, []Problem{{"dob", `not a real date: "1900-02-29"`}}},
		{"dob month 13", `{"dob":"1990-13"}`, Identity{}, []Problem{{"dob", `not a real date: "1990-13"`}}},
		{"dob two-digit year", `{"dob":"90-01-01"}`, Identity{}, []Problem{{"dob", `want YYYY, YYYY-MM or YYYY-MM-DD, got "90-01-01"`}}},
		{"dob unpadded", `{"dob":"1990-1-1"}`, Identity{}, []Problem{{"dob", `want YYYY, YYYY-MM or YYYY-MM-DD, got "1990-1-1"`}}},
		{"dob with time", `{"dob":"1990-01-01T00:00:00Z"}`, Identity{}, []Problem{{"dob", `want YYYY, YYYY-MM or YYYY-MM-DD, got "1990-01-01T00:00:00Z"`}}},
		{"dob non-ASCII digits", `{"dob":"١٩٩٠"}`, Identity{}, []Problem{{"dob", `want YYYY, YYYY-MM or YYYY-MM-DD, got "١٩٩٠"`}}},
		{"dob trimmed", `{"dob":" 1990-02 "}`, Identity{DOB: "1990-02"}, nil},
		{"list from a string", `{"phone":"+447700900123"}`, Identity{Phone: []string{"+447700900123"}}, nil},
		{"list sorted and deduplicated", `{"alias":["Nan","Annie"," Nan"],"email":["b@x","a@x","b@x"]}`,
			Identity{Alias: []string{"Annie", "Nan"}, Email: []string{"a@x", "b@x"}}, nil},
		{"every field", `{"full_name":"Ann Bell","given_name":"Ann","family_name":"Bell","alias":"Nan","dob":"1990","sex":"F","phone":"1","email":"e","handle":"@h","document":"D","street_number":"1","address":"High St","address2":"Flat 2","city":"Leeds","postcode":"LS1","state":"WY","country":"GB"}`,
			Identity{FullName: "Ann Bell", GivenName: "Ann", FamilyName: "Bell", Alias: []string{"Nan"}, DOB: "1990", Sex: "F",
				Phone: []string{"1"}, Email: []string{"e"}, Handle: []string{"@h"}, Document: []string{"D"}, StreetNumber: "1",
				Address: "High St", Address2: "Flat 2", City: "Leeds", Postcode: "LS1", State: "WY", Country: "GB"}, nil},
		{"null is absent", `{"full_name":"A","dob":null,"phone":null}`, Identity{FullName: "A"}, nil},
		{"unknown field", `{"full_name":"A","religion":"x"}`, Identity{FullName: "A"}, []Problem{{"religion", "unknown identity field"}}},
		{"empty value", `{"full_name":"  "}`, Identity{}, []Problem{{"full_name", "empty value"}}},
		{"empty list member", `{"phone":["1",""]}`, Identity{Phone: []string{"", "1"}}, []Problem{{"phone[1]", "empty value"}}},
		{"null list member", `{"phone":["1",null]}`, Identity{}, []Problem{{"phone[1]", "want a string, got null"}}},
		{"list for a string", `{"full_name":["A","B"]}`, Identity{}, []Problem{{"full_name", "want a string, got a list"}}},
		{"number for a string", `{"sex":1}`, Identity{}, []Problem{{"sex", "want a string, got a number"}}},
		{"object for a list", `{"phone":{"mobile":"1"}}`, Identity{}, []Problem{{"phone", "want a string or a list of strings, got an object"}}},
		{"too long", `{"city":"` + long(1001) + `"}`, Identity{}, []Problem{{"city", "longer than 1000 bytes"}}},
		{"empty object", `{}`, Identity{}, []Problem{{"", "identity object has no attributes"}}},
		{"only nulls", `{"dob":null}`, Identity{}, []Problem{{"", "identity object has no attributes"}}},
		{"empty list", `{"alias":[]}`, Identity{}, []Problem{{"", "identity object has no attributes"}}},
		{"a list", `["A"]`, Identity{}, []Problem{{"", "want an identity object, got a list"}}},
		{"a string", `"Ann Bell"`, Identity{}, []Problem{{"", "want an identity object, got a string"}}},
		{"null", `null`, Identity{}, []Problem{{"", "want an identity object, got null"}}},
		{"not JSON", `{"dob":`, Identity{}, []Problem{{"", "malformed JSON"}}},
		{"problems in field order", `{"zz":1,"phone":[1,"2",3],"dob":"x","aa":2}`, Identity{DOB: "x"}, []Problem{
			{"aa", "unknown identity field"},
			{"dob", `want YYYY, YYYY-MM or YYYY-MM-DD, got "x"`},
			{"phone[0]", "want a string, got a number"},
			{"phone[2]", "want a string, got a number"},
			{"zz", "unknown identity field"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, probs := Parse([]byte(tt.in))
			if diff := cmp.Diff(tt.probs, probs); diff != "" {
				t.Errorf("Parse(%s) problems (-want +got):\n%s", tt.in, diff)
			}
			if len(tt.probs) == 0 {
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("Parse(%s) (-want +got):\n%s", tt.in, diff)
				}
			}
		})
	}
}

func long(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = 'x'
	}
	return string(b)
}

func TestAttributes(t *testing.T) {
	id, probs := Parse([]byte(`{"country":"GB","phone":["2","1"],"alias":["B","A"],"full_name":"Ann Bell","dob":"1990","document":"D","handle":"@h","email":"e","city":"Leeds","postcode":"LS1","state":"WY","address2":"Flat 2","address":"High St","street_number":"1","sex":"F","family_name":"Bell","given_name":"Ann"}`))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	want := []Attr{
		{"full_name", "Ann Bell"}, {"given_name", "Ann"}, {"family_name", "Bell"},
		{"alias", "A"}, {"alias", "B"}, {"dob", "1990"}, {"sex", "F"},
		{"phone", "1"}, {"phone", "2"}, {"email", "e"}, {"handle", "@h"}, {"document", "D"},
		{"street_number", "1"}, {"address", "High St"}, {"address2", "Flat 2"}, {"city", "Leeds"},
		{"postcode", "LS1"}, {"state", "WY"}, {"country", "GB"},
	}
	if diff := cmp.Diff(want, id.Attributes()); diff != "" {
		t.Errorf("Attributes (-want +got):\n%s", diff)
	}
	// The order is Fields' order, which every attribute follows.
	var fields []string
	for _, a := range want {
		if len(fields) == 0 || fields[len(fields)-1] != a.Field {
			fields = append(fields, a.Field)
		}
	}
	if diff := cmp.Diff(Fields(), fields); diff != "" {
		t.Errorf("Attributes order differs from Fields (-Fields +Attributes):\n%s", diff)
	}
	if (Identity{}).Attributes() != nil || !(Identity{}).Empty() || id.Empty() {
		t.Errorf("Empty: zero identity should be empty, parsed one not")
	}
}

func TestIsList(t *testing.T) {
	var lists []string
	for _, f := range Fields() {
		if IsList(f) {
			lists = append(lists, f)
		}
	}
	if diff := cmp.Diff([]string{"alias", "phone", "email", "handle", "document"}, lists); diff != "" {
		t.Errorf("list fields (-want +got):\n%s", diff)
	}
}
