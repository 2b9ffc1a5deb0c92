package grade

import (
	"math"
	"testing"
)

// testValues is a complete, valid table. The real numbers are the catalogue's and are
// checked there; these only need to be distinct enough to tell lookups apart.
func testValues() Values {
	v := Values{Source: map[Scheme]map[string]float64{}, Information: map[Scheme]map[string]float64{}}
	for _, s := range Schemes() {
		v.Source[s] = map[string]float64{}
		for i, c := range SourceCodes(s) {
			v.Source[s][c] = 1 - float64(i)/10
		}
		v.Information[s] = map[string]float64{}
		for i, c := range InformationCodes(s) {
			v.Information[s][c] = 1 - float64(i)/5
		}
	}
	return v
}

func TestAccuracy(t *testing.T) {
	v := testValues()
	for _, tc := range []struct {
		s    SourceGrade
		i    InformationGrade
		want float64
	}{
		{SourceGrade{UK, "1"}, InformationGrade{UK, "A"}, 1},
		{SourceGrade{UK, "2"}, InformationGrade{UK, "C"}, 0.9 * 0.6},
		{SourceGrade{Admiralty, "F"}, InformationGrade{Admiralty, "6"}, 0.5 * 0},
		{SourceGrade{FiveByFive, "B"}, InformationGrade{FiveByFive, "2"}, 0.9 * 0.8},
		// Mixed schemes read each factor from its own table.
		{SourceGrade{UK, "3"}, InformationGrade{Admiralty, "2"}, 0.8 * 0.8},
	} {
		got, err := v.Accuracy(tc.s, tc.i)
		if err != nil {
			t.Fatalf("%v/%v: %v", tc.s, tc.i, err)
		}
		if math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("%v/%v = %v, want %v", tc.s, tc.i, got, tc.want)
		}
	}
	for _, tc := range []struct {
		s    SourceGrade
		i    InformationGrade
		want string
	}{
		{SourceGrade{Admiralty, "G"}, InformationGrade{Admiralty, "1"}, `accuracy table has no value for admiralty reliability "G"`},
		{SourceGrade{UK, "1"}, InformationGrade{FiveByFive, "9"}, `accuracy table has no value for 5x5x5 intelligence evaluation "9"`},
		{SourceGrade{}, InformationGrade{UK, "A"}, `accuracy table has no value for source grade "" in unknown scheme ""`},
		{SourceGrade{"x", "1"}, InformationGrade{UK, "A"}, `accuracy table has no value for source grade "1" in unknown scheme "x"`},
	} {
		_, err := v.Accuracy(tc.s, tc.i)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%v/%v: error %v, want %s", tc.s, tc.i, err, tc.want)
		}
	}
	delete(v.Source[Admiralty], "C")
	if _, err := v.Accuracy(SourceGrade{Admiralty, "C"}, InformationGrade{Admiralty, "1"}); err == nil ||
		err.Error() != `accuracy table has no value for admiralty reliability "C"` {
		t.Errorf("missing entry: %v", err)
	}
}

func TestValidate(t *testing.T) {
	if err := testValues().Validate(); err != nil {
		t.Fatalf("valid table: %v", err)
	}
	for _, tc := range []struct {
		name   string
		mutate func(v *Values)
		want   string
	}{
		{"no source table", func(v *Values) { v.Source = nil }, "source: missing"},
		{"no information table", func(v *Values) { v.Information = nil }, "information: missing"},
		{"missing scheme", func(v *Values) { delete(v.Information, FiveByFive) }, "information.5x5x5: missing"},
		{"unknown scheme", func(v *Values) { v.Source["nato"] = map[string]float64{} }, "source.nato: unknown scheme"},
		{"missing code", func(v *Values) { delete(v.Source[Admiralty], "C") }, "source.admiralty.C: missing"},
		{"unknown code", func(v *Values) { v.Source[UK]["4"] = 0.1 }, "source.3x5x2.4: unknown code, want one of 1–3"},
		{"lowercase code", func(v *Values) { v.Information[UK]["a"] = 1 }, "information.3x5x2.a: unknown code, want one of A–E"},
		{"negative", func(v *Values) { v.Information[Admiralty]["3"] = -0.1 }, "information.admiralty.3: must be in [0, 1], got -0.1"},
		{"above one", func(v *Values) { v.Source[FiveByFive]["A"] = 1.5 }, "source.5x5x5.A: must be in [0, 1], got 1.5"},
		{"NaN", func(v *Values) { v.Source[UK]["2"] = math.NaN() }, "source.3x5x2.2: must be in [0, 1], got NaN"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := testValues()
			tc.mutate(&v)
			err := v.Validate()
			if err == nil || err.Error() != tc.want {
				t.Errorf("error %v, want %s", err, tc.want)
			}
		})
	}
	// Bounds are inclusive: 0 (3x5x2 E) and 1 (3x5x2 A) are real values.
	v := testValues()
	v.Source[UK]["3"], v.Information[UK]["E"] = 0, 0
	if err := v.Validate(); err != nil {
		t.Errorf("zero rejected: %v", err)
	}
}
