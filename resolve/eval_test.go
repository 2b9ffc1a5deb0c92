package resolve

import (
	"bufio"
	"encoding/csv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The evaluation data lives outside the repository, beside the module root
// in ../shared/data/er (see its SOURCES.md); the tests skip when it is absent.
func evalDir(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("no module root found")
		}
		dir = parent
	}
	er := filepath.Join(dir, "..", "shared", "data", "er")
	if _, err := os.Stat(er); err != nil {
		t.Skipf("evaluation data absent (%s): %v", er, err)
	}
	return er
}

type namePair struct{ a, b string }

// scorer is a name similarity under evaluation.
type scorer struct {
	name string
	f    func(a, b string) float64
}

func scorers() []scorer {
	return []scorer{
		{"resolve.Names", func(a, b string) float64 { return Names(a, b).Value }},
		{"Jaro–Winkler (lower-cased)", func(a, b string) float64 {
			return JaroWinkler(strings.ToLower(a), strings.ToLower(b))
		}},
		{"Jaro–Winkler (after Normalise)", func(a, b string) float64 {
			return JaroWinkler(Normalise(a).String(), Normalise(b).String())
		}},
	}
}

// recallAt returns the recall on positives at the lowest threshold whose
// false-match rate on negatives is at most fmr, and that threshold: a pair
// matches when its score is strictly above it.
func recallAt(f func(a, b string) float64, pos, neg []namePair, fmr float64) (recall, threshold float64) {
	ns := make([]float64, len(neg))
	for i, p := range neg {
		ns[i] = f(p.a, p.b)
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(ns)))
	k := int(fmr * float64(len(ns))) // at most k negatives may lie above the threshold
	threshold = ns[min(k, len(ns)-1)]
	hit := 0
	for _, p := range pos {
		if f(p.a, p.b) > threshold {
			hit++
		}
	}
	return float64(hit) / float64(len(pos)), threshold
}

// negatives pairs the first name of one random positive with the second of
// another, skipping pairs that are themselves positive or equal.
func negatives(pos []namePair, n int, seed uint64) []namePair {
	known := make(map[namePair]bool, len(pos))
	for _, p := range pos {
		known[p] = true
		known[namePair{p.b, p.a}] = true
	}
	r := rand.New(rand.NewPCG(seed, seed))
	var out []namePair
	for len(out) < n {
		p := namePair{pos[r.IntN(len(pos))].a, pos[r.IntN(len(pos))].b}
		if p.a == p.b || known[p] {
			continue
		}
		out = append(out, p)
	}
	return out
}

const evalFMR = 0.01

func report(t *testing.T, set string, pos, neg []namePair) map[string]float64 {
	t.Helper()
	got := make(map[string]float64)
	for _, s := range scorers() {
		r, th := recallAt(s.f, pos, neg, evalFMR)
		got[s.name] = r
		t.Logf("%s: %-32s recall %.3f at false-match rate %.0f%% (threshold %.3f; %d positives, %d negatives)",
			set, s.name, r, evalFMR*100, th, len(pos), len(neg))
	}
	return got
}

// TestEvalNicknames scores English given names against their nicknames
// (names.csv: name1,relationship,name2).
func TestEvalNicknames(t *testing.T) {
	f, err := os.Open(filepath.Join(evalDir(t), "names.csv"))
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var pos []namePair
	for _, r := range rows[1:] {
		if len(r) == 3 && r[1] == "has_nickname" {
			pos = append(pos, namePair{r[0], r[2]})
		}
	}
	got := report(t, "names.csv", pos, negatives(pos, 20000, 1))
	if got["resolve.Names"] <= got["Jaro–Winkler (lower-cased)"] {
		t.Errorf("names.csv: resolve.Names recall %.3f is not above plain Jaro–Winkler %.3f", got["resolve.Names"], got["Jaro–Winkler (lower-cased)"])
	}
}

// TestEvalArabic scores Arabic-script name tokens against their Latin
// spellings (wd_arabic_80: latin TAB arabic letters separated by spaces TAB
// count): transliteration variants across scripts.
func TestEvalArabic(t *testing.T) {
	f, err := os.Open(filepath.Join(evalDir(t), "wd_arabic_80"))
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	var pos []namePair
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 2 {
			continue
		}
		pos = append(pos, namePair{cols[0], strings.ReplaceAll(cols[1], " ", "")})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	got := report(t, "wd_arabic_80", pos, negatives(pos, 20000, 2))
	for _, base := range []string{"Jaro–Winkler (lower-cased)", "Jaro–Winkler (after Normalise)"} {
		if got["resolve.Names"] <= got[base] {
			t.Errorf("wd_arabic_80: resolve.Names recall %.3f is not above %s %.3f", got["resolve.Names"], base, got[base])
		}
	}
}
