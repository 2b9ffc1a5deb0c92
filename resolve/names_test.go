package resolve

import (
	"math"
	"testing"
)

func TestJaroWinkler(t *testing.T) {
	// Published reference values (Winkler 1990 / the record-linkage
	// literature), to three decimals.
	tests := []struct {
		a, b string
		want float64
	}{
		{"martha", "marhta", 0.961},
		{"dwayne", "duane", 0.840},
		{"dixon", "dicksonx", 0.813},
		{"", "", 1},
		{"abc", "", 0},
		{"abc", "xyz", 0},
	}
	for _, tt := range tests {
		if got := JaroWinkler(tt.a, tt.b); math.Abs(got-tt.want) > 0.0005 {
			t.Errorf("JaroWinkler(%q, %q) = %.4f, want %.3f", tt.a, tt.b, got, tt.want)
		}
	}
}

// The examples, with what the comparator reaches. Names alone never
// link in Vigil; these say only that the variants score as near-certain
// name agreements and that different people do not.
func TestNamesExamples(t *testing.T) {
	tests := []struct {
		a, b string
		min  float64 // at least
		max  float64 // at most
		rule string  // the rule of the first match
	}{
		{"Jon Smyth", "Jonathan Smith", 0.95, 1, RuleNickname},
		{"J. Smith", "Jonathan Smith", 0.9, 0.95, RuleInitial},
		{"Jon Smyth", "J. Smith", 0.9, 0.95, RuleInitial},
		{"Aleksandr Volkov", "Alexander Wolkow", 0.95, 1, RuleNickname},
		{"Oleksandr Volkov", "Alexander Wolkow", 0.95, 1, RuleNickname},
		{"Александр Волков", "Alexander Wolkow", 0.95, 1, RuleNickname},
		{"Nguyễn Văn An", "Nguyen Van An", 1, 1, RuleExact},
		{"Siobhán", "Shivaun", 0.9, 1, RulePhonetic},
		{"Mohammed", "Muhammad", 0.9, 1, RulePhonetic},
		{"محمد", "Mohamed", 0.9, 1, RulePhonetic},
		{"Yusuf", "Youssef", 0.9, 1, RulePhonetic},
		{"Bill Smith", "William Smith", 0.95, 1, RuleNickname},
		{"Smith, John", "John Smith", 1, 1, RuleExact},
		{"Dr Ahmed al-Hassan", "Ahmed Hassan", 0.9, 1, ""},
		{"Abdul Rahman", "Abdulrahman", 0.9, 1, RuleJoined},
		{"John Smith", "Mary Smith", 0, 0.55, ""},
		{"John Smith", "Mary Jones", 0, 0.5, ""},
		{"J. Smith", "K. Smith", 0, 0.6, ""},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			s := Names(tt.a, tt.b)
			if s.Value < tt.min || s.Value > tt.max {
				t.Errorf("Names(%q, %q) = %.3f, want in [%.2f, %.2f]; matches %+v", tt.a, tt.b, s.Value, tt.min, tt.max, s.Matches)
			}
			if tt.rule != "" {
				found := false
				for _, m := range s.Matches {
					found = found || m.Rule == tt.rule
				}
				if !found {
					t.Errorf("Names(%q, %q): no %s match in %+v", tt.a, tt.b, tt.rule, s.Matches)
				}
			}
		})
	}
}

func TestNamesExplains(t *testing.T) {
	s := Names("J. Smyth", "John Smith")
	if len(s.Matches) != 2 {
		t.Fatalf("matches = %+v, want two aligned pairs", s.Matches)
	}
	for _, m := range s.Matches {
		if m.A == "j" && (m.B != "john" || m.Rule != RuleInitial) {
			t.Errorf("j aligned as %+v, want john by initial", m)
		}
		if m.A == "smyth" && m.B != "smith" {
			t.Errorf("smyth aligned as %+v, want smith", m)
		}
	}
	s = Names("Anna Maria Berg", "Anna Berg")
	if len(s.UnmatchedA) != 1 || s.UnmatchedA[0].Text != "maria" {
		t.Errorf("unmatched = %+v, want maria", s.UnmatchedA)
	}
}

var propertyNames = []string{
	"", "John Smith", "Smith, John", "J. Smith", "Jon Smyth", "Aleksandr Volkov", "Alexander Wolkow",
	"Nguyễn Văn An", "Siobhán", "Shivaun", "محمد الحسن", "Γιώργος", "王 小明", "al", "De La Cruz",
	"Mary-Jane O'Neill", "a b c d e f g h i j k", "x", "!!!",
}

func TestNamesProperties(t *testing.T) {
	for _, a := range propertyNames {
		for _, b := range propertyNames {
			checkPair(t, a, b)
		}
	}
}

func checkPair(t *testing.T, a, b string) {
	t.Helper()
	ab, ba := Names(a, b).Value, Names(b, a).Value
	if ab < 0 || ab > 1 || math.IsNaN(ab) {
		t.Errorf("Names(%q, %q) = %v, outside [0,1]", a, b, ab)
	}
	if ab != ba {
		t.Errorf("Names(%q, %q) = %v but Names(%q, %q) = %v: not symmetric", a, b, ab, b, a, ba)
	}
	if len(Normalise(a).Tokens) > 0 {
		if v := Names(a, a).Value; v != 1 {
			t.Errorf("Names(%q, itself) = %v, want 1", a, v)
		}
	}
}

func FuzzNames(f *testing.F) {
	for i, a := range propertyNames {
		f.Add(a, propertyNames[(i+1)%len(propertyNames)])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if len(a) > 200 || len(b) > 200 {
			return
		}
		_ = Normalise(a).String()
		checkPair(t, a, b)
		if v := JaroWinkler(a, b); v < 0 || v > 1 {
			t.Errorf("JaroWinkler(%q, %q) = %v, outside [0,1]", a, b, v)
		}
	})
}
