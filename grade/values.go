package grade

import (
	"fmt"
	"slices"
	"sort"
)

// Values are the accuracy tables: for every native grade of every scheme, the probability
// that a source, or a piece of information so graded, is accurate. The numbers belong to
// the risk catalogue, so that changing them is a new catalogue version, not a code change.
type Values struct {
	Source      map[Scheme]map[string]float64 `json:"source"`
	Information map[Scheme]map[string]float64 `json:"information"`
}

// Accuracy returns p = p_source × p_information. The two grades may be in different
// schemes (a source evaluated in 3x5x2 may report an item graded in Admiralty): each
// factor is read from its own native table, so no crosswalk is needed.
func (v Values) Accuracy(s SourceGrade, i InformationGrade) (float64, error) {
	ps, ok := v.Source[s.Scheme][s.Code]
	if !ok {
		set, _ := sourceSet(s.Scheme)
		return 0, fmt.Errorf("accuracy table has no value for %s", describe(set.what, "source", s.Scheme, s.Code))
	}
	pi, ok := v.Information[i.Scheme][i.Code]
	if !ok {
		set, _ := informationSet(i.Scheme)
		return 0, fmt.Errorf("accuracy table has no value for %s", describe(set.what, "information", i.Scheme, i.Code))
	}
	return ps * pi, nil
}

func describe(what, table string, s Scheme, code string) string {
	if what == "" {
		return fmt.Sprintf("%s grade %q in unknown scheme %q", table, code, s)
	}
	return fmt.Sprintf("%s %q", what, code)
}

// Validate checks that both tables hold exactly the known schemes and codes, each with a
// value in [0, 1]. Errors are located by path, e.g. `source.admiralty.C: missing`.
func (v Values) Validate() error {
	if err := validateTable("source", v.Source, sourceSet); err != nil {
		return err
	}
	return validateTable("information", v.Information, informationSet)
}

func validateTable(name string, t map[Scheme]map[string]float64, set func(Scheme) (codeSet, bool)) error {
	if t == nil {
		return fmt.Errorf("%s: missing", name)
	}
	var extra []string
	for s := range t {
		if _, ok := set(s); !ok {
			extra = append(extra, string(s))
		}
	}
	if len(extra) > 0 {
		sort.Strings(extra)
		return fmt.Errorf("%s.%s: unknown scheme", name, extra[0])
	}
	for _, s := range Schemes() {
		codes, ok := t[s]
		if !ok {
			return fmt.Errorf("%s.%s: missing", name, s)
		}
		known, _ := set(s)
		for _, c := range known.codes {
			p, ok := codes[c]
			if !ok {
				return fmt.Errorf("%s.%s.%s: missing", name, s, c)
			}
			// Written so that NaN fails too.
			if !(p >= 0 && p <= 1) {
				return fmt.Errorf("%s.%s.%s: must be in [0, 1], got %v", name, s, c, p)
			}
		}
		for c := range codes {
			if !slices.Contains(known.codes, c) {
				extra = append(extra, c)
			}
		}
		if len(extra) > 0 {
			sort.Strings(extra)
			return fmt.Errorf("%s.%s.%s: unknown code, want %s", name, s, extra[0], known.want)
		}
	}
	return nil
}
