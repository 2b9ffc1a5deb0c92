package grade

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseSource(t *testing.T) {
	valid := map[Scheme][]string{
		UK:         {"1", "2", "3"},
		Admiralty:  {"A", "B", "C", "D", "E", "F"},
		FiveByFive: {"A", "B", "C", "D", "E"},
	}
	for s, codes := range valid {
		for _, c := range codes {
			t.Run("accepts "+string(s)+" "+c, func(t *testing.T) {
				got, err := ParseSource(s, c)
				if err != nil {
					t.Fatal(err)
				}
				if want := (SourceGrade{Scheme: s, Code: c}); got != want {
					t.Errorf("got %+v, want %+v", got, want)
				}
			})
		}
		if diff := cmp.Diff(codes, SourceCodes(s)); diff != "" {
			t.Errorf("SourceCodes(%s) (-want +got):\n%s", s, diff)
		}
	}
	for _, tc := range []struct {
		scheme Scheme
		code   string
		want   string
	}{
		{UK, "0", `3x5x2 source evaluation "0": want one of 1–3`},
		{UK, "4", `3x5x2 source evaluation "4": want one of 1–3`},
		{UK, "A", `3x5x2 source evaluation "A": want one of 1–3`},
		{UK, "", `3x5x2 source evaluation "": want one of 1–3`},
		{UK, " 1", `3x5x2 source evaluation " 1": want one of 1–3`},
		{Admiralty, "G", `admiralty reliability "G": want one of A–F`},
		{Admiralty, "a", `admiralty reliability "a": want one of A–F`},
		{Admiralty, "1", `admiralty reliability "1": want one of A–F`},
		{Admiralty, "A ", `admiralty reliability "A ": want one of A–F`},
		{FiveByFive, "F", `5x5x5 source evaluation "F": want one of A–E`},
		{FiveByFive, "c", `5x5x5 source evaluation "c": want one of A–E`},
		{FiveByFive, "", `5x5x5 source evaluation "": want one of A–E`},
		{"", "1", `grading scheme "": want one of 3x5x2, admiralty, 5x5x5`},
		{"UK", "1", `grading scheme "UK": want one of 3x5x2, admiralty, 5x5x5`},
	} {
		t.Run("rejects "+string(tc.scheme)+" "+tc.code, func(t *testing.T) {
			_, err := ParseSource(tc.scheme, tc.code)
			checkInvalid(t, err, tc.want)
		})
	}
}

func TestParseInformation(t *testing.T) {
	valid := map[Scheme][]string{
		UK:         {"A", "B", "C", "D", "E"},
		Admiralty:  {"1", "2", "3", "4", "5", "6"},
		FiveByFive: {"1", "2", "3", "4", "5"},
	}
	for s, codes := range valid {
		for _, c := range codes {
			t.Run("accepts "+string(s)+" "+c, func(t *testing.T) {
				got, err := ParseInformation(s, c)
				if err != nil {
					t.Fatal(err)
				}
				if want := (InformationGrade{Scheme: s, Code: c}); got != want {
					t.Errorf("got %+v, want %+v", got, want)
				}
			})
		}
		if diff := cmp.Diff(codes, InformationCodes(s)); diff != "" {
			t.Errorf("InformationCodes(%s) (-want +got):\n%s", s, diff)
		}
	}
	for _, tc := range []struct {
		scheme Scheme
		code   string
		want   string
	}{
		{UK, "F", `3x5x2 intelligence assessment "F": want one of A–E`},
		{UK, "a", `3x5x2 intelligence assessment "a": want one of A–E`},
		{UK, "", `3x5x2 intelligence assessment "": want one of A–E`},
		{UK, "1", `3x5x2 intelligence assessment "1": want one of A–E`},
		{Admiralty, "0", `admiralty credibility "0": want one of 1–6`},
		{Admiralty, "7", `admiralty credibility "7": want one of 1–6`},
		{Admiralty, "A", `admiralty credibility "A": want one of 1–6`},
		{Admiralty, "\t2", `admiralty credibility "\t2": want one of 1–6`},
		{FiveByFive, "6", `5x5x5 intelligence evaluation "6": want one of 1–5`},
		{FiveByFive, "0", `5x5x5 intelligence evaluation "0": want one of 1–5`},
		{FiveByFive, "", `5x5x5 intelligence evaluation "": want one of 1–5`},
		{"nato", "1", `grading scheme "nato": want one of 3x5x2, admiralty, 5x5x5`},
	} {
		t.Run("rejects "+string(tc.scheme)+" "+tc.code, func(t *testing.T) {
			_, err := ParseInformation(tc.scheme, tc.code)
			checkInvalid(t, err, tc.want)
		})
	}
}

func checkInvalid(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %s", want)
	}
	var ie *InvalidError
	if !errors.As(err, &ie) {
		t.Fatalf("error %v is %T, want *InvalidError", err, err)
	}
	if err.Error() != want {
		t.Errorf("error:\n got %s\nwant %s", err, want)
	}
}

func TestParseScheme(t *testing.T) {
	for _, s := range Schemes() {
		if got, err := ParseScheme(string(s)); err != nil || got != s {
			t.Errorf("ParseScheme(%q) = %q, %v", s, got, err)
		}
	}
	for _, s := range []string{"", "3X5X2", "Admiralty", " 5x5x5", "3x5x2 "} {
		if _, err := ParseScheme(s); err == nil {
			t.Errorf("ParseScheme(%q) accepted", s)
		}
	}
}

func TestNeedsRegrade(t *testing.T) {
	// Every source grade of every scheme, so a new code cannot slip through unconsidered.
	want := map[SourceGrade]bool{
		{UK, "1"}: false, {UK, "2"}: false, {UK, "3"}: false,
		{Admiralty, "A"}: false, {Admiralty, "B"}: false, {Admiralty, "C"}: true,
		{Admiralty, "D"}: false, {Admiralty, "E"}: false, {Admiralty, "F"}: false,
		{FiveByFive, "A"}: false, {FiveByFive, "B"}: false, {FiveByFive, "C"}: true,
		{FiveByFive, "D"}: false, {FiveByFive, "E"}: false,
	}
	n := 0
	for _, s := range Schemes() {
		for _, c := range SourceCodes(s) {
			n++
			g, err := ParseSource(s, c)
			if err != nil {
				t.Fatal(err)
			}
			w, ok := want[g]
			if !ok {
				t.Errorf("%v: no expectation", g)
			}
			if got := g.NeedsRegrade(); got != w {
				t.Errorf("%v.NeedsRegrade() = %v, want %v", g, got, w)
			}
		}
	}
	if n != len(want) {
		t.Errorf("checked %d grades, expected %d", n, len(want))
	}
	if (SourceGrade{}).NeedsRegrade() {
		t.Error("ungraded source needs regrade")
	}
}

func TestIntelligenceAssessment(t *testing.T) {
	for _, c := range InformationCodes(UK) {
		g, _ := ParseInformation(UK, c)
		a, ok := g.IntelligenceAssessment()
		if !ok || string(a) != c || a.Meaning() == "" {
			t.Errorf("%v: got %q, %v, meaning %q", g, a, ok, a.Meaning())
		}
	}
	if a, ok := (InformationGrade{Admiralty, "1"}).IntelligenceAssessment(); ok {
		t.Errorf("admiralty 1 translated to %q", a)
	}
	if SuspectedFalse != "E" || KnownDirectly != "A" {
		t.Error("letters moved")
	}
	if IntelligenceAssessment("F").Meaning() != "" {
		t.Error("F has a meaning")
	}
}

func TestIsZero(t *testing.T) {
	if !(SourceGrade{}).IsZero() || !(InformationGrade{}).IsZero() {
		t.Error("zero value not zero")
	}
	if (SourceGrade{UK, "1"}).IsZero() || (InformationGrade{UK, "A"}).IsZero() {
		t.Error("grade reported zero")
	}
}

func TestParseHandling(t *testing.T) {
	for _, tc := range []struct {
		name             string
		scheme           Scheme
		code, conditions string
		want             Handling
		wantErr          string
	}{
		{name: "P", scheme: UK, code: "P", want: Handling{UK, "P", ""}},
		{name: "P with blank conditions", scheme: UK, code: "P", conditions: "  \n", want: Handling{UK, "P", ""}},
		{name: "C with conditions trimmed", scheme: UK, code: "C", conditions: " not to be shared with X \n",
			want: Handling{UK, "C", "not to be shared with X"}},
		{name: "C without conditions", scheme: UK, code: "C",
			wantErr: `3x5x2 handling conditions "": want the conditions of sharing, required with code C`},
		{name: "C with blank conditions", scheme: UK, code: "C", conditions: " \t",
			wantErr: `3x5x2 handling conditions "": want the conditions of sharing, required with code C`},
		{name: "P with conditions", scheme: UK, code: "P", conditions: "police only",
			wantErr: `3x5x2 handling conditions "police only": want none with code P (use C to share with conditions)`},
		{name: "lowercase p", scheme: UK, code: "p", wantErr: `3x5x2 handling code "p": want one of P, C`},
		{name: "empty 3x5x2", scheme: UK, code: "", wantErr: `3x5x2 handling code "": want one of P, C`},
		{name: "numeric 3x5x2", scheme: UK, code: "1", wantErr: `3x5x2 handling code "1": want one of P, C`},
		{name: "5x5x5 1", scheme: FiveByFive, code: "1", want: Handling{FiveByFive, "1", ""}},
		{name: "5x5x5 2", scheme: FiveByFive, code: "2", want: Handling{FiveByFive, "2", ""}},
		{name: "5x5x5 3 with conditions", scheme: FiveByFive, code: "3", conditions: "UK only",
			want: Handling{FiveByFive, "3", "UK only"}},
		{name: "5x5x5 4", scheme: FiveByFive, code: "4", want: Handling{FiveByFive, "4", ""}},
		{name: "5x5x5 5", scheme: FiveByFive, code: "5", conditions: "refer to originator",
			want: Handling{FiveByFive, "5", "refer to originator"}},
		{name: "5x5x5 0", scheme: FiveByFive, code: "0", wantErr: `5x5x5 handling code "0": want one of 1–5`},
		{name: "5x5x5 6", scheme: FiveByFive, code: "6", wantErr: `5x5x5 handling code "6": want one of 1–5`},
		{name: "5x5x5 P", scheme: FiveByFive, code: "P", wantErr: `5x5x5 handling code "P": want one of 1–5`},
		{name: "admiralty", scheme: Admiralty, code: "P",
			wantErr: `handling scheme "admiralty": want 3x5x2 or 5x5x5 (the Admiralty code has no handling code)`},
		{name: "unknown scheme", scheme: "x", code: "P",
			wantErr: `grading scheme "x": want one of 3x5x2, admiralty, 5x5x5`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseHandling(tc.scheme, tc.code, tc.conditions)
			if tc.wantErr != "" {
				checkInvalid(t, err, tc.wantErr)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
	if HandlingCodes(Admiralty) != nil {
		t.Error("admiralty has handling codes")
	}
}

func TestSuspectedFalse(t *testing.T) {
	for _, s := range Schemes() {
		for _, code := range InformationCodes(s) {
			want := s == UK && code == "E" || s == FiveByFive && code == "5"
			if got := (InformationGrade{Scheme: s, Code: code}).SuspectedFalse(); got != want {
				t.Errorf("%s %s: SuspectedFalse() = %v, want %v", s, code, got, want)
			}
		}
	}
	if (InformationGrade{}).SuspectedFalse() {
		t.Error("an ungraded report is not suspected false")
	}
}
