package grade

import (
	"fmt"
	"strings"
)

// Scheme names a grading system. Its value is what is stored and exchanged.
type Scheme string

// The grading schemes accepted on intake.
const (
	UK         Scheme = "3x5x2"
	Admiralty  Scheme = "admiralty"
	FiveByFive Scheme = "5x5x5"
)

// Schemes returns every known scheme, 3x5x2 first.
func Schemes() []Scheme { return []Scheme{UK, Admiralty, FiveByFive} }

// ParseScheme validates a scheme name as entered.
func ParseScheme(s string) (Scheme, error) {
	switch Scheme(s) {
	case UK, Admiralty, FiveByFive:
		return Scheme(s), nil
	}
	return "", schemeError(s)
}

func schemeError(s string) *InvalidError {
	return &InvalidError{What: "grading scheme", Value: s, Want: "one of 3x5x2, admiralty, 5x5x5"}
}

// InvalidError reports a value that is not a valid grade, handling code or scheme.
// Callers map it to a field error; What names the kind of value ("admiralty reliability"),
// Want says what would have been accepted.
type InvalidError struct {
	What  string
	Value string
	Want  string
}

func (e *InvalidError) Error() string {
	return fmt.Sprintf("%s %q: want %s", e.What, e.Value, e.Want)
}

// codeSet describes the codes of one scale of one scheme.
type codeSet struct {
	what  string   // e.g. "admiralty reliability"
	want  string   // e.g. "one of A–F"
	codes []string // in order, best first
}

func (c codeSet) check(code string) error {
	for _, v := range c.codes {
		if v == code {
			return nil
		}
	}
	return &InvalidError{What: c.what, Value: code, Want: c.want}
}

// The scales are built by functions rather than held in package variables so that no
// caller can change them.

func sourceSet(s Scheme) (codeSet, bool) {
	switch s {
	case UK:
		return codeSet{"3x5x2 source evaluation", "one of 1–3", []string{"1", "2", "3"}}, true
	case Admiralty:
		return codeSet{"admiralty reliability", "one of A–F", []string{"A", "B", "C", "D", "E", "F"}}, true
	case FiveByFive:
		return codeSet{"5x5x5 source evaluation", "one of A–E", []string{"A", "B", "C", "D", "E"}}, true
	}
	return codeSet{}, false
}

func informationSet(s Scheme) (codeSet, bool) {
	switch s {
	case UK:
		return codeSet{"3x5x2 intelligence assessment", "one of A–E", []string{"A", "B", "C", "D", "E"}}, true
	case Admiralty:
		return codeSet{"admiralty credibility", "one of 1–6", []string{"1", "2", "3", "4", "5", "6"}}, true
	case FiveByFive:
		return codeSet{"5x5x5 intelligence evaluation", "one of 1–5", []string{"1", "2", "3", "4", "5"}}, true
	}
	return codeSet{}, false
}

func handlingSet(s Scheme) (codeSet, bool) {
	switch s {
	case UK:
		return codeSet{"3x5x2 handling code", "one of P, C", []string{"P", "C"}}, true
	case FiveByFive:
		return codeSet{"5x5x5 handling code", "one of 1–5", []string{"1", "2", "3", "4", "5"}}, true
	}
	return codeSet{}, false
}

// SourceCodes returns the source evaluation codes of a scheme, best first, or nil for an
// unknown scheme.
func SourceCodes(s Scheme) []string {
	set, _ := sourceSet(s)
	return set.codes
}

// InformationCodes returns the information grade codes of a scheme, best first, or nil for
// an unknown scheme.
func InformationCodes(s Scheme) []string {
	set, _ := informationSet(s)
	return set.codes
}

// HandlingCodes returns the handling codes of a scheme, or nil when it has none (Admiralty).
func HandlingCodes(s Scheme) []string {
	set, _ := handlingSet(s)
	return set.codes
}

// SourceGrade is a source evaluation as entered: 3x5x2 "1".."3", Admiralty reliability
// "A".."F" or 5x5x5 source "A".."E". The zero value means "not graded yet".
type SourceGrade struct {
	Scheme Scheme
	Code   string
}

// ParseSource validates a source evaluation in the given scheme.
func ParseSource(s Scheme, code string) (SourceGrade, error) {
	set, ok := sourceSet(s)
	if !ok {
		return SourceGrade{}, schemeError(string(s))
	}
	if err := set.check(code); err != nil {
		return SourceGrade{}, err
	}
	return SourceGrade{Scheme: s, Code: code}, nil
}

// IsZero reports whether the source has not been graded.
func (s SourceGrade) IsZero() bool { return s == SourceGrade{} }

// NeedsRegrade reports whether the grade has no safe 3x5x2 equivalent and must be
// re-graded by a person: Admiralty C ("fairly reliable") and 5x5x5 C ("sometimes
// reliable") sit between 3x5x2 "reliable" and "untested" and could be read as either.
func (s SourceGrade) NeedsRegrade() bool {
	return (s.Scheme == Admiralty || s.Scheme == FiveByFive) && s.Code == "C"
}

func (s SourceGrade) String() string { return string(s.Scheme) + " " + s.Code }

// IntelligenceAssessment is the 3x5x2 letter grading the information in a report.
// (Assessment alone, elsewhere in Vigil, means the risk assessment of a subject.)
type IntelligenceAssessment string

// The 3x5x2 intelligence assessments.
const (
	KnownDirectly               IntelligenceAssessment = "A"
	KnownIndirectlyCorroborated IntelligenceAssessment = "B"
	KnownIndirectly             IntelligenceAssessment = "C"
	NotKnown                    IntelligenceAssessment = "D"
	SuspectedFalse              IntelligenceAssessment = "E"
)

// Meaning returns the 3x5x2 wording of the letter, or "" if it is not one.
func (a IntelligenceAssessment) Meaning() string {
	switch a {
	case KnownDirectly:
		return "known directly to the source"
	case KnownIndirectlyCorroborated:
		return "known indirectly to the source but corroborated"
	case KnownIndirectly:
		return "known indirectly to the source"
	case NotKnown:
		return "not known"
	case SuspectedFalse:
		return "suspected to be false or malicious"
	}
	return ""
}

// InformationGrade is a report's information grade as entered: 3x5x2 assessment "A".."E",
// Admiralty credibility "1".."6" or 5x5x5 intelligence "1".."5". The zero value means
// "not graded yet".
type InformationGrade struct {
	Scheme Scheme
	Code   string
}

// ParseInformation validates an information grade in the given scheme.
func ParseInformation(s Scheme, code string) (InformationGrade, error) {
	set, ok := informationSet(s)
	if !ok {
		return InformationGrade{}, schemeError(string(s))
	}
	if err := set.check(code); err != nil {
		return InformationGrade{}, err
	}
	return InformationGrade{Scheme: s, Code: code}, nil
}

// IsZero reports whether the information has not been graded.
func (i InformationGrade) IsZero() bool { return i == InformationGrade{} }

// IntelligenceAssessment returns the 3x5x2 letter when the grade was entered in 3x5x2.
// Grades in other schemes are not translated (see the package comment).
func (i InformationGrade) IntelligenceAssessment() (IntelligenceAssessment, bool) {
	if i.Scheme != UK {
		return "", false
	}
	return IntelligenceAssessment(i.Code), true
}

func (i InformationGrade) String() string { return string(i.Scheme) + " " + i.Code }

// SuspectedFalse reports whether the grader judged the report suspected to be false or
// malicious in the grade's own words: 3x5x2 E, or 5x5x5 intelligence 5. Admiralty has no
// such grade (credibility 5 is "improbable", a judgement of likelihood, not of malice), so
// no Admiralty grade is one.
func (i InformationGrade) SuspectedFalse() bool {
	return i.Scheme == UK && i.Code == string(SuspectedFalse) || i.Scheme == FiveByFive && i.Code == "5"
}

// Handling is how a report may be shared: 3x5x2 P (lawful sharing permitted) or C
// (permitted with Conditions, which travel with the item), or a 5x5x5 handling code 1–5.
type Handling struct {
	Scheme     Scheme
	Code       string
	Conditions string
}

// ParseHandling validates a handling code and its conditions. Conditions are trimmed.
// In 3x5x2 they are required for C and forbidden for P, so that "P" never silently carries
// restrictions nobody enforces. In 5x5x5 they are optional for every code, since codes 3
// and 5 are commonly qualified by the originator. The Admiralty code has no handling code.
func ParseHandling(s Scheme, code, conditions string) (Handling, error) {
	set, ok := handlingSet(s)
	if !ok {
		if s == Admiralty {
			return Handling{}, &InvalidError{What: "handling scheme", Value: string(s),
				Want: "3x5x2 or 5x5x5 (the Admiralty code has no handling code)"}
		}
		return Handling{}, schemeError(string(s))
	}
	if err := set.check(code); err != nil {
		return Handling{}, err
	}
	conditions = strings.TrimSpace(conditions)
	if s == UK {
		switch {
		case code == "C" && conditions == "":
			return Handling{}, &InvalidError{What: "3x5x2 handling conditions", Value: conditions,
				Want: "the conditions of sharing, required with code C"}
		case code == "P" && conditions != "":
			return Handling{}, &InvalidError{What: "3x5x2 handling conditions", Value: conditions,
				Want: "none with code P (use C to share with conditions)"}
		}
	}
	return Handling{Scheme: s, Code: code, Conditions: conditions}, nil
}
