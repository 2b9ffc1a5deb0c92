package csv_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/csv"
	"github.com/vigil-oss/vigil/identity"
)

// The names in these fixtures are invented.

var basic = csv.Options{
	ID:  "id",
	Map: map[string]string{"given_name": "first_name", "family_name": "surname", "dob": "born", "city": "town"},
}

func TestReadMessy(t *testing.T) {
	quill := identity.Identity{GivenName: "Ada", FamilyName: "Quill", DOB: "1984-03-07", City: "Harrowmere"}
	vell := identity.Identity{GivenName: "Brannoc", FamilyName: "Vell", DOB: "1990-11-30", City: "Osterby"}
	tests := []struct {
		name string
		in   string
		opt  csv.Options
		want []csv.Record
	}{
		{
			name: "plain",
			in:   "id,first_name,surname,born,town\nR1,Ada,Quill,1984-03-07,Harrowmere\nR2,Brannoc,Vell,1990-11-30,Osterby\n",
			want: []csv.Record{{ID: "R1", Line: 2, Identity: quill}, {ID: "R2", Line: 3, Identity: vell}},
		},
		{
			name: "byte-order mark",
			in:   "\uFEFFid,first_name,surname,born,town\nR1,Ada,Quill,1984-03-07,Harrowmere\n",
			want: []csv.Record{{ID: "R1", Line: 2, Identity: quill}},
		},
		{
			name: "byte-order mark before a quoted header",
			in:   "\uFEFF\"id\",\"first_name\",surname,born,town\nR1,Ada,Quill,1984-03-07,Harrowmere\n",
			want: []csv.Record{{ID: "R1", Line: 2, Identity: quill}},
		},
		{
			name: "comma-space separators as in Febrl",
			in:   "id, first_name, surname, born, town\nR1, Ada, Quill, 19840307, Harrowmere\n",
			want: []csv.Record{{ID: "R1", Line: 2, Identity: quill}},
		},
		{
			name: "whitespace around headers and values",
			in:   "  id ,\tfirst_name\t, surname  ,born,town \n R1 ,  Ada  ,Quill\t, 1984-03-07 ,Harrowmere   \n",
			want: []csv.Record{{ID: "R1", Line: 2, Identity: quill}},
		},
		{
			name: "quoted fields and a quote after a space",
			in:   "id,first_name,surname,born,town\n\"R1\", \"Ada\",\"Quill\",\"1984-03-07\", \"Harrowmere\"\n",
			want: []csv.Record{{ID: "R1", Line: 2, Identity: quill}},
		},
		{
			name: "whitespace inside quotes is trimmed",
			in:   "id,first_name,surname,born,town\nR1,\"  Ada \",Quill,1984-03-07,\" Harrowmere\"\n",
			want: []csv.Record{{ID: "R1", Line: 2, Identity: quill}},
		},
		{
			name: "embedded comma and escaped quote",
			in:   "id,first_name,surname,born,town\nR1,\"Ada \"\"Dee\"\"\",\"Quill, Jr\",1984-03-07,Harrowmere\n",
			want: []csv.Record{{ID: "R1", Line: 2, Identity: identity.Identity{GivenName: `Ada "Dee"`, FamilyName: "Quill, Jr", DOB: "1984-03-07", City: "Harrowmere"}}},
		},
		{
			name: "embedded newline moves later line numbers",
			in:   "id,first_name,surname,born,town\nR1,Ada,Quill,1984-03-07,\"Harrowmere\nNorth\"\nR2,Brannoc,Vell,1990-11-30,Osterby\n",
			want: []csv.Record{
				{ID: "R1", Line: 2, Identity: identity.Identity{GivenName: "Ada", FamilyName: "Quill", DOB: "1984-03-07", City: "Harrowmere\nNorth"}},
				{ID: "R2", Line: 4, Identity: vell},
			},
		},
		{
			name: "CRLF line ends, also inside quotes",
			in:   "id,first_name,surname,born,town\r\nR1,Ada,Quill,1984-03-07,\"Harrowmere\r\nNorth\"\r\nR2,Brannoc,Vell,1990-11-30,Osterby\r\n",
			want: []csv.Record{
				{ID: "R1", Line: 2, Identity: identity.Identity{GivenName: "Ada", FamilyName: "Quill", DOB: "1984-03-07", City: "Harrowmere\nNorth"}},
				{ID: "R2", Line: 4, Identity: vell},
			},
		},
		{
			name: "empty and blank fields are absent",
			in:   "id,first_name,surname,born,town\nR1,,Quill,  ,\"\"\nR2,Brannoc, , ,\" \"\n",
			want: []csv.Record{
				{ID: "R1", Line: 2, Identity: identity.Identity{FamilyName: "Quill"}},
				{ID: "R2", Line: 3, Identity: identity.Identity{GivenName: "Brannoc"}},
			},
		},
		{
			name: "a row with no mapped values is kept",
			in:   "id,first_name,surname,born,town\nR1,,,,\n",
			want: []csv.Record{{ID: "R1", Line: 2}},
		},
		{
			name: "blank and whitespace-only lines are skipped",
			in:   "id,first_name,surname,born,town\n\nR1,Ada,Quill,1984-03-07,Harrowmere\n   \n\t\nR2,Brannoc,Vell,1990-11-30,Osterby\n\n",
			want: []csv.Record{{ID: "R1", Line: 3, Identity: quill}, {ID: "R2", Line: 6, Identity: vell}},
		},
		{
			name: "no final newline",
			in:   "id,first_name,surname,born,town\nR1,Ada,Quill,1984-03-07,Harrowmere",
			want: []csv.Record{{ID: "R1", Line: 2, Identity: quill}},
		},
		{
			name: "header only",
			in:   "id,first_name,surname,born,town\n",
			want: nil,
		},
		{
			name: "columns in any order, unmapped columns ignored",
			in:   "town,notes,born,surname,id,first_name\nHarrowmere,\"likes, commas\",1984-03-07,Quill,R1,Ada\n",
			want: []csv.Record{{ID: "R1", Line: 2, Identity: quill}},
		},
		{
			name: "list fields hold one value",
			in:   "ref,tel,mail,nick\nR1, +44 7700 900123 ,ada@example.org,Dee\n",
			opt:  csv.Options{ID: "ref", Map: map[string]string{"phone": "tel", "email": "mail", "alias": "nick"}},
			want: []csv.Record{{ID: "R1", Line: 2, Identity: identity.Identity{Phone: []string{"+44 7700 900123"}, Email: []string{"ada@example.org"}, Alias: []string{"Dee"}}}},
		},
		{
			name: "every identity field",
			in: "id,fn,gn,sn,al,db,sx,ph,em,ha,doc,no,a1,a2,ci,pc,st,co\n" +
				"R1,Ada Quill,Ada,Quill,Dee,1984,F,07700 900123,ada@example.org,@adaq,FICT-1,12,Lark Row,Flat 2,Harrowmere,Q1 2AB,Wessex,GB\n",
			opt: csv.Options{ID: "id", Map: map[string]string{"full_name": "fn", "given_name": "gn", "family_name": "sn", "alias": "al",
				"dob": "db", "sex": "sx", "phone": "ph", "email": "em", "handle": "ha", "document": "doc", "street_number": "no",
				"address": "a1", "address2": "a2", "city": "ci", "postcode": "pc", "state": "st", "country": "co"}},
			want: []csv.Record{{ID: "R1", Line: 2, Identity: identity.Identity{FullName: "Ada Quill", GivenName: "Ada", FamilyName: "Quill",
				Alias: []string{"Dee"}, DOB: "1984", Sex: "F", Phone: []string{"07700 900123"}, Email: []string{"ada@example.org"},
				Handle: []string{"@adaq"}, Document: []string{"FICT-1"}, StreetNumber: "12", Address: "Lark Row", Address2: "Flat 2",
				City: "Harrowmere", Postcode: "Q1 2AB", State: "Wessex", Country: "GB"}}},
		},
		{
			name: "one column may feed two fields",
			in:   "id,name\nR1,Ada Quill\n",
			opt:  csv.Options{ID: "id", Map: map[string]string{"full_name": "name", "alias": "name"}},
			want: []csv.Record{{ID: "R1", Line: 2, Identity: identity.Identity{FullName: "Ada Quill", Alias: []string{"Ada Quill"}}}},
		},
		{
			name: "the id column may also be mapped",
			in:   "doc\nFICT-9\n",
			opt:  csv.Options{ID: "doc", Map: map[string]string{"document": "doc"}},
			want: []csv.Record{{ID: "FICT-9", Line: 2, Identity: identity.Identity{Document: []string{"FICT-9"}}}},
		},
		{
			name: "mixed date formats in one column",
			in: "id,born\nR1,19840307\nR2,1984-03-07\nR3,07/03/1984\nR4,7 Mar 1984\nR5,1984-03\nR6,1984\n" +
				"R7,7 March 1984\nR8,\"March 7, 1984\"\nR9,1984/03/07\nR10,07.03.1984\n",
			opt: csv.Options{ID: "id", Map: map[string]string{"dob": "born"}, DateOrder: csv.DMY},
			want: []csv.Record{
				{ID: "R1", Line: 2, Identity: identity.Identity{DOB: "1984-03-07"}},
				{ID: "R2", Line: 3, Identity: identity.Identity{DOB: "1984-03-07"}},
				{ID: "R3", Line: 4, Identity: identity.Identity{DOB: "1984-03-07"}},
				{ID: "R4", Line: 5, Identity: identity.Identity{DOB: "1984-03-07"}},
				{ID: "R5", Line: 6, Identity: identity.Identity{DOB: "1984-03"}},
				{ID: "R6", Line: 7, Identity: identity.Identity{DOB: "1984"}},
				{ID: "R7", Line: 8, Identity: identity.Identity{DOB: "1984-03-07"}},
				{ID: "R8", Line: 9, Identity: identity.Identity{DOB: "1984-03-07"}},
				{ID: "R9", Line: 10, Identity: identity.Identity{DOB: "1984-03-07"}},
				{ID: "R10", Line: 11, Identity: identity.Identity{DOB: "1984-03-07"}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := tt.opt
			if opt.ID == "" {
				opt = basic
			}
			got, err := csv.Read(strings.NewReader(tt.in), opt)
			if err != nil {
				t.Fatalf("Read: %v (%v)", err, vigil.ErrorFields(err))
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("records (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadDates(t *testing.T) {
	tests := []struct {
		in    string
		order csv.DateOrder
		want  string // the dob, or "" when the value is a problem
		why   string // a substring of the problem's reason
	}{
		// Unambiguous forms read the same under every order.
		{"19840307", "", "1984-03-07", ""},
		{"19840307", csv.MDY, "1984-03-07", ""},
		{"1984-03-07", csv.DMY, "1984-03-07", ""},
		{"1984/3/7", "", "1984-03-07", ""},
		{"1984.03.07", csv.YMD, "1984-03-07", ""},
		{"1984-03", "", "1984-03", ""},
		{"1984-3", "", "1984-03", ""},
		{"03/1984", "", "1984-03", ""},
		{"1984", csv.MDY, "1984", ""},
		{"7 Mar 1984", csv.MDY, "1984-03-07", ""},
		{"07-mar-1984", "", "1984-03-07", ""},
		{"7 MARCH 1984", "", "1984-03-07", ""},
		{"7 Sept 1984", "", "1984-09-07", ""},
		{"Mar 7 1984", csv.DMY, "1984-03-07", ""},
		{"March 7, 1984", "", "1984-03-07", ""},
		{"1984-Mar-07", "", "1984-03-07", ""},
		{"Mar 1984", "", "1984-03", ""},
		{"29/02/2000", csv.DMY, "2000-02-29", ""},

		// Year-last numeric dates follow the order.
		{"07/03/1984", csv.DMY, "1984-03-07", ""},
		{"07/03/1984", csv.MDY, "1984-07-03", ""},
		{"7-3-1984", csv.DMY, "1984-03-07", ""},
		{"25/03/1984", csv.DMY, "1984-03-25", ""},
		{"03/25/1984", csv.MDY, "1984-03-25", ""},
		{"03/25/1984", csv.DMY, "", "not a real date"},
		{"25/03/1984", csv.MDY, "", "not a real date"},
		// Without an order, or with YMD, only what cannot be misread.
		{"25/03/1984", "", "1984-03-25", ""},
		{"03/25/1984", "", "1984-03-25", ""},
		{"03/03/1984", csv.YMD, "1984-03-03", ""},
		{"07/03/1984", "", "", "ambiguous"},
		{"07/03/1984", csv.YMD, "", "ambiguous"},
		{"25/13/1984", "", "", "no month"},

		// Not dates, or not real ones.
		{"1984-02-30", "", "", "not a real date"},
		{"19840230", "", "", "not a real date"},
		{"19371233", "", "", "not a real date"},
		{"1984-13", "", "", "not a real date"},
		{"1984-00-10", "", "", "not a real date"},
		{"1984-03-00", "", "", "not a real date"},
		{"29/02/1983", csv.DMY, "", "not a real date"},
		{"07/03/84", csv.DMY, "", "two-digit year"},
		{"7 Mar 84", "", "", "two-digit year"},
		{"7 Marzo 1984", "", "", "no month"},
		{"7 Ma 1984", "", "", "no month"},
		{"840307", "", "", "not a date"},
		{"1984-03-07T00:00:00Z", "", "", "not a date"},
		{"unknown", "", "", "not a date"},
		{"1984-03-07-01", "", "", "not a date"},
		{"٢٠٠٠", "", "", "not a date"},
	}
	for _, tt := range tests {
		t.Run(string(tt.order)+" "+tt.in, func(t *testing.T) {
			in := "id,born\nR1,\"" + tt.in + "\"\n"
			recs, err := csv.Read(strings.NewReader(in), csv.Options{ID: "id", Map: map[string]string{"dob": "born"}, DateOrder: tt.order})
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if len(recs) != 1 {
				t.Fatalf("got %d records, want 1", len(recs))
			}
			rec := recs[0]
			if rec.Identity.DOB != tt.want {
				t.Errorf("dob = %q, want %q (problems %v)", rec.Identity.DOB, tt.want, rec.Problems)
			}
			if tt.why == "" {
				if len(rec.Problems) > 0 {
					t.Errorf("unexpected problems %v", rec.Problems)
				}
				return
			}
			if len(rec.Problems) != 1 {
				t.Fatalf("problems = %v, want one", rec.Problems)
			}
			p := rec.Problems[0]
			if p.Line != 2 || p.Field != "born" || !strings.Contains(p.Reason, tt.why) || !strings.Contains(p.Reason, tt.in) {
				t.Errorf("problem = %q, want line 2, field born, a reason naming %q and containing %q", p, tt.in, tt.why)
			}
		})
	}
}

func TestReadValueProblemsKeepTheRow(t *testing.T) {
	in := "id,first_name,surname,born,town\nR1,Ada,Quill,1984-02-30,Harrowmere\nR2,Bran\xffnoc,Vell,1990-11-30,Osterby\nR3,Cael,Ostrow,1975,Lindqvist Cross\n"
	got, err := csv.Read(strings.NewReader(in), basic)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	want := []csv.Record{
		{ID: "R1", Line: 2, Identity: identity.Identity{GivenName: "Ada", FamilyName: "Quill", City: "Harrowmere"},
			Problems: []vigil.FieldError{{Line: 2, Field: "born", Reason: `not a real date: "1984-02-30"`}}},
		{ID: "R2", Line: 3, Identity: identity.Identity{FamilyName: "Vell", DOB: "1990-11-30", City: "Osterby"},
			Problems: []vigil.FieldError{{Line: 3, Field: "first_name", Reason: "not valid UTF-8"}}},
		{ID: "R3", Line: 4, Identity: identity.Identity{GivenName: "Cael", FamilyName: "Ostrow", DOB: "1975", City: "Lindqvist Cross"}},
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	long := "id,first_name\nR1," + strings.Repeat("a", 1001) + "\n"
	got, err = csv.Read(strings.NewReader(long), csv.Options{ID: "id", Map: map[string]string{"given_name": "first_name"}})
	if err != nil || len(got) != 1 || got[0].Identity.GivenName != "" || len(got[0].Problems) != 1 {
		t.Errorf("over-long value: records %+v, err %v; want the value dropped with one problem", got, err)
	}
}

func TestReadRejects(t *testing.T) {
	const header = "id,first_name,surname,born,town\n"
	tests := []struct {
		name string
		in   string
		opt  csv.Options
		want []vigil.FieldError
	}{
		{
			name: "duplicate id",
			in:   header + "R1,Ada,Quill,1984-03-07,Harrowmere\nR2,Brannoc,Vell,,\n R1 ,Ada,Quill,,\n",
			want: []vigil.FieldError{{Line: 4, Field: "id", Reason: `duplicate id "R1", first on line 2`}},
		},
		{
			name: "ragged rows, short and long",
			in:   header + "R1,Ada,Quill,1984-03-07\nR2,Brannoc,Vell,1990-11-30,Osterby\nR3,Cael,Ostrow,1975,Lindqvist,Cross\n",
			want: []vigil.FieldError{
				{Line: 2, Reason: "4 fields, the header has 5"},
				{Line: 4, Reason: "6 fields, the header has 5"},
			},
		},
		{
			name: "trailing comma makes a row ragged",
			in:   header + "R1,Ada,Quill,1984-03-07,Harrowmere,\n",
			want: []vigil.FieldError{{Line: 2, Reason: "6 fields, the header has 5"}},
		},
		{
			name: "bare quote",
			in:   header + "R1,Ada,Qu\"ill,1984-03-07,Harrowmere\nR2,Brannoc,Vell,1990-11-30,Osterby\n",
			want: []vigil.FieldError{{Line: 2, Reason: `bare " in non-quoted-field (at column 10)`}},
		},
		{
			name: "text after a closing quote",
			in:   header + "R1,\"Ada\"x,Quill,1984-03-07,Harrowmere\n",
			want: []vigil.FieldError{{Line: 2, Reason: `extraneous or missing " in quoted-field (at column 8)`}},
		},
		{
			name: "unterminated quote runs to the end",
			in:   header + "R1,\"Ada,Quill,1984-03-07,Harrowmere\nR2,Brannoc,Vell,1990-11-30,Osterby\n",
			want: []vigil.FieldError{{Line: 2, Reason: `extraneous or missing " in quoted-field (at line 3, column 36)`}},
		},
		{
			name: "empty id",
			in:   header + "R1,Ada,Quill,,\n  ,Brannoc,Vell,,\n",
			want: []vigil.FieldError{{Line: 3, Field: "id", Reason: "empty id"}},
		},
		{
			name: "id not UTF-8",
			in:   header + "R\xff1,Ada,Quill,,\n",
			want: []vigil.FieldError{{Line: 2, Field: "id", Reason: "id is not valid UTF-8"}},
		},
		{
			name: "missing id and mapped columns",
			in:   "ref,first_name,family,born,town\nR1,Ada,Quill,,\n",
			want: []vigil.FieldError{
				{Line: 1, Field: "id", Reason: "no such column in the header (the id column)"},
				{Line: 1, Field: "surname", Reason: "no such column in the header (mapped to family_name)"},
			},
		},
		{
			name: "a mapped column twice in the header",
			in:   "id,first_name,surname,born,town, surname\nR1,Ada,Quill,,,\n",
			want: []vigil.FieldError{{Line: 1, Field: "surname", Reason: "column appears 2 times in the header (mapped to family_name)"}},
		},
		{
			name: "header after blank lines keeps its line",
			in:   "\n\nid,first_name\nR1,Ada\n",
			want: []vigil.FieldError{
				{Line: 3, Field: "surname", Reason: "no such column in the header (mapped to family_name)"},
				{Line: 3, Field: "born", Reason: "no such column in the header (mapped to dob)"},
				{Line: 3, Field: "town", Reason: "no such column in the header (mapped to city)"},
			},
		},
		{
			name: "bad quoting in the header",
			in:   "id,\"first_name,surname\n",
			want: []vigil.FieldError{{Line: 1, Reason: `extraneous or missing " in quoted-field (at column 24)`}},
		},
		{
			name: "empty file",
			in:   "",
			want: []vigil.FieldError{{Line: 1, Reason: "empty file: want a header line"}},
		},
		{
			name: "byte-order mark only",
			in:   "\uFEFF",
			want: []vigil.FieldError{{Line: 1, Reason: "empty file: want a header line"}},
		},
		{
			name: "every problem, in file order",
			in: header + "R1,Ada,Quill,1984-03-07,Harrowmere\nR2,Brannoc\nR1,Ada,Quill,,\nR3,\"Cael\"x,Ostrow,,\n" +
				",Dorn,Ashby,,\nR4,Edda,Fenwick,1970-02-30,Marlow Gate\nR4,Edda,Fenwick,,\n",
			want: []vigil.FieldError{
				{Line: 3, Reason: "2 fields, the header has 5"},
				{Line: 4, Field: "id", Reason: `duplicate id "R1", first on line 2`},
				{Line: 5, Reason: `extraneous or missing " in quoted-field (at column 9)`},
				{Line: 6, Field: "id", Reason: "empty id"},
				{Line: 8, Field: "id", Reason: `duplicate id "R4", first on line 7`},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := tt.opt
			if opt.ID == "" {
				opt = basic
			}
			recs, err := csv.Read(strings.NewReader(tt.in), opt)
			if recs != nil {
				t.Errorf("got %d records from a rejected file, want none", len(recs))
			}
			if code := vigil.ErrorCode(err); code != vigil.EInvalid {
				t.Fatalf("error %v has code %q, want %q", err, code, vigil.EInvalid)
			}
			if diff := cmp.Diff(tt.want, vigil.ErrorFields(err)); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadRejectsRendersLines(t *testing.T) {
	in := "id,first_name,surname,born,town\nR1,Ada,Quill,,\nR1,Ada,Quill,,\n"
	_, err := csv.Read(strings.NewReader(in), basic)
	const want = `read csv: malformed CSV: line 3: field id: duplicate id "R1", first on line 2`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
}

func TestReadCapsProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,first_name,surname,born,town\n")
	for range 250 {
		b.WriteString("R,Ada\n")
	}
	for _, tt := range []struct{ max, want int }{{0, csv.DefaultMaxProblems}, {10, 10}, {1000, 250}} {
		opt := basic
		opt.MaxProblems = tt.max
		_, err := csv.Read(strings.NewReader(b.String()), opt)
		probs := vigil.ErrorFields(err)
		if len(probs) != tt.want {
			t.Errorf("MaxProblems %d: %d problems, want %d", tt.max, len(probs), tt.want)
		}
		if capped := strings.Contains(err.Error(), "stopped after"); capped != (tt.want < 250) {
			t.Errorf("MaxProblems %d: error %q; want it to say whether reading stopped", tt.max, err)
		}
		if len(probs) > 0 && probs[0].Line != 2 {
			t.Errorf("MaxProblems %d: first problem %v, want line 2", tt.max, probs[0])
		}
	}
}

func TestReadOptions(t *testing.T) {
	tests := []struct {
		name string
		opt  csv.Options
	}{
		{"no id column", csv.Options{Map: map[string]string{"dob": "born"}}},
		{"unknown field", csv.Options{ID: "id", Map: map[string]string{"birthday": "born"}}},
		{"empty column", csv.Options{ID: "id", Map: map[string]string{"dob": " "}}},
		{"unknown date order", csv.Options{ID: "id", DateOrder: "DYM"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := csv.Read(strings.NewReader("id,born\nR1,1984\n"), tt.opt)
			if vigil.ErrorCode(err) != vigil.EInvalid {
				t.Errorf("error %v, want %s", err, vigil.EInvalid)
			}
		})
	}
}

type failing struct{}

func (failing) Read([]byte) (int, error) { return 0, errBroken }

var errBroken = errors.New("broken pipe")

func TestReadIOError(t *testing.T) {
	_, err := csv.Read(failing{}, basic)
	if vigil.ErrorCode(err) != vigil.EUnavailable {
		t.Errorf("error %v, want %s", err, vigil.EUnavailable)
	}
}
