package resolve

import (
	"cmp"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Person is one register row: its id and identity fields (the identity object's names),
// normalised by Prepare. Group tells two linked files apart.
type Person struct {
	ID     string
	Fields map[string]string
	Group  int
}

// DedupeOptions say how to cluster.
type DedupeOptions struct {
	// Threshold is the match probability at or above which two records are joined;
	// 0 means DefaultThreshold.
	Threshold float64
	// Link compares only records of different groups: two files linked, each taken as
	// free of duplicates.
	Link bool
}

// DefaultThreshold is the match probability at which Dedupe joins two records unless
// told otherwise: joins are transitive, so a pair must be all but certain.
const DefaultThreshold = 0.95

// Link is a pair of records joined, with why: each field's level and weight.
type Link struct {
	A, B        int // indexes into the people
	Probability float64
	Levels      []int     // per Result.Fields; Missing when either lacks it
	Weights     []float64 // per Result.Fields, in bits
}

// comparison is one field compared, with its comparator.
type comparison struct {
	field  string
	levels int
	level  func(a, b string) int
	tf     bool // adjust exact agreement by the value's frequency
	name   bool // compared by nameLevels, remembered per comparer
}

func comparisons() []comparison {
	str := stringLevels
	return []comparison{
		{"given_name", 4, nameLevels, true, true},
		{"family_name", 4, nameLevels, true, true},
		{"dob", 4, dateLevelsYear, false, false},
		{"street_number", 3, codeLevels, false, false},
		{"address", 4, str, false, false},
		{"address2", 4, str, false, false},
		{"city", 4, str, true, false},
		{"postcode", 3, codeLevels, true, false},
		{"state", 4, str, false, false},
		{"document", 3, codeLevels, false, false},
		{"email", 4, str, false, false},
		{"phone", 3, codeLevels, false, false},
	}
}

// Result is a dedupe's outcome: the cluster of each person (the smallest id in it), in
// input order, the pairs joined, and the model fitted.
type Result struct {
	Clusters []string
	Links    []Link
	Fields   []string // the fields compared, in the order of Link's levels and weights
	Model    *Model
	Pairs    int // candidate pairs compared
}

// Dedupe clusters people who are the same person: candidate pairs from blocking keys,
// compared field by field, scored by a Fellegi–Sunter model fitted without labels, and
// joined when their match probability is at least threshold.
func Dedupe(people []Person, opt DedupeOptions) Result {
	threshold := opt.Threshold
	if threshold <= 0 {
		threshold = DefaultThreshold
	}
	var used []comparison
	for _, c := range comparisons() {
		for _, p := range people {
			if p.Fields[c.field] != "" {
				used = append(used, c)
				break
			}
		}
	}
	cp := newPairing(people, used)
	cand := candidates(people, opt.Link)
	fields := make([]Field, len(used))
	names := make([]string, len(used))
	for k, c := range used {
		fields[k] = Field{Name: c.field, Levels: c.levels}
		names[k] = c.field
	}
	// The model is fitted on an even sample of the candidate pairs, then every pair is
	// compared again and scored: ten million compared pairs need not be held at once.
	compare := func(w *comparer, pr [2]int, out *[]Pair) { *out = append(*out, w.compare(pr)) }
	md := NewModel(fields, 0.01)
	md.EstimateU(parallel(randomPairs(len(people), 300_000), cp, compare))
	train := parallel(sampleOf(cand, 500_000), cp, compare)
	md.FixedU = true // a later Fit of Result.Model with analysts' labels refines m and λ only
	silverM(md, train)
	total := float64(len(people)) * float64(len(people)-1) / 2
	if opt.Link {
		left := 0
		for _, p := range people {
			if p.Group == people[0].Group {
				left++
			}
		}
		total = float64(left) * float64(len(people)-left)
	}
	md.Lambda = 1 / total
	md.FitPrior(train, float64(len(cand))/float64(max(len(train), 1)), total, 200)
	links := parallel(cand, cp, func(w *comparer, pr [2]int, out *[]Link) {
		p := w.compare(pr)
		wt, parts := md.Weight(p)
		if prob := 1 / (1 + math.Exp2(-wt)); prob >= threshold {
			*out = append(*out, Link{A: pr[0], B: pr[1], Probability: prob, Levels: p.Levels, Weights: parts})
		}
	})
	slices.SortFunc(links, func(x, y Link) int { return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B)) })
	return Result{Clusters: cluster(people, links), Links: links, Fields: names, Model: md, Pairs: len(cand)}
}

// silverRule picks pairs all but certain to match on their own — exact agreement on
// identifiers strangers rarely share — to learn from them how the other fields agree
// between records of one person.
type silverRule struct {
	fields []string // each must agree exactly
}

func silverRules() []silverRule {
	return []silverRule{
		{[]string{"given_name", "family_name", "dob"}},
		{[]string{"email"}},
		{[]string{"document"}},
		{[]string{"phone", "family_name"}},
	}
}

// silverM sets each field's m from the pairs a rule not involving that field picks:
// agreement on the field is then not what chose them. A field no rule can teach keeps its
// starting m.
func silverM(md *Model, pairs []Pair) {
	index := map[string]int{}
	for k, f := range md.Fields {
		index[f.Name] = k
	}
	counts := zeros(md.Fields)
	for _, p := range pairs {
		for _, r := range silverRules() {
			picked, uses := true, uint64(0)
			for _, f := range r.fields {
				k, ok := index[f]
				if !ok || p.Levels[k] != md.Fields[k].Levels-1 {
					picked = false
					break
				}
				uses |= 1 << k
			}
			if !picked {
				continue
			}
			for k, l := range p.Levels {
				if l != Missing && uses&(1<<k) == 0 {
					counts[k][l]++
				}
			}
		}
	}
	for k := range md.Fields {
		n := 0.0
		for _, c := range counts[k] {
			n += c
		}
		if n >= 20 {
			probabilities(md.M[k], counts[k], 1e-4)
		}
	}
}

// cluster joins linked people, transitively, and names each cluster by its smallest id.
func cluster(people []Person, links []Link) []string {
	parent := make([]int, len(people))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for _, l := range links {
		if ra, rb := find(l.A), find(l.B); ra != rb {
			parent[ra] = rb
		}
	}
	smallest := map[int]string{}
	for i, p := range people {
		r := find(i)
		if s, ok := smallest[r]; !ok || p.ID < s {
			smallest[r] = p.ID
		}
	}
	out := make([]string, len(people))
	for i := range people {
		out[i] = smallest[find(i)]
	}
	return out
}

// pairing is what comparing two people needs: the people, the fields compared, and each
// field's value frequencies.
type pairing struct {
	people []Person
	used   []comparison
	freq   []map[string]float64
	// givenOf is how common each given name is among records with a family name: names
	// run in families and communities, so two strangers who share a family name share a
	// given name far more often than the given name's own frequency says.
	givenOf       map[[2]string]float64
	given, family int // indexes of the name fields in used; -1 when not compared
}

func newPairing(people []Person, used []comparison) *pairing {
	return &pairing{people: people, used: used, freq: frequencies(people, used), givenOf: givenFrequencies(people),
		given:  slices.IndexFunc(used, func(c comparison) bool { return c.field == "given_name" }),
		family: slices.IndexFunc(used, func(c comparison) bool { return c.field == "family_name" })}
}

// comparer compares pairs for one goroutine, remembering name comparisons: a register
// repeats its names, and the name comparator is the costliest.
type comparer struct {
	*pairing
	names  map[[2]string]int
	shared *nameCache // used instead of names when set: an Index's, across resolutions
}

// nameCache remembers name comparisons across goroutines, up to a million of them.
type nameCache struct {
	m sync.Map // [2]string → level
	n atomic.Int64
}

func (w *comparer) compare(pr [2]int) Pair {
	return w.compareFields(w.people[pr[0]].Fields, w.people[pr[1]].Fields)
}

// compareFields compares two records' fields, a's values giving the term frequencies.
func (w *comparer) compareFields(a, b map[string]string) Pair {
	b = w.swapped(a, b)
	p := Pair{Levels: make([]int, len(w.used)), TF: make([]float64, len(w.used))}
	for k, c := range w.used {
		if c.name {
			p.Levels[k] = w.nameLevels(a[c.field], b[c.field])
		} else {
			p.Levels[k] = c.level(a[c.field], b[c.field])
		}
		if c.tf && p.Levels[k] == c.levels-1 {
			p.TF[k] = w.freq[k][a[c.field]]
		}
	}
	// Both names the same: weigh the given name by its frequency among that family name.
	if g, f := w.given, w.family; g >= 0 && f >= 0 &&
		p.Levels[g] == w.used[g].levels-1 && p.Levels[f] == w.used[f].levels-1 {
		if tf, ok := w.givenOf[[2]string{a["given_name"], a["family_name"]}]; ok {
			p.TF[g] = tf
		}
	}
	return p
}

func (w *comparer) nameLevels(a, b string) int {
	if a == b || a == "" || b == "" {
		return nameLevels(a, b)
	}
	key := [2]string{min(a, b), max(a, b)}
	if c := w.shared; c != nil {
		if l, ok := c.m.Load(key); ok {
			return l.(int)
		}
		l := nameLevels(a, b)
		if c.n.Load() < 1<<20 {
			c.m.Store(key, l)
			c.n.Add(1)
		}
		return l
	}
	if l, ok := w.names[key]; ok {
		return l
	}
	l := nameLevels(a, b)
	if len(w.names) < 1<<20 {
		w.names[key] = l
	}
	return l
}

// parallel runs fn over the pairs on every core, each goroutine with its own comparer,
// and returns what they appended, in no particular order.
func parallel[T any](pairs [][2]int, cp *pairing, fn func(w *comparer, pr [2]int, out *[]T)) []T {
	workers := runtime.GOMAXPROCS(0)
	outs := make([][]T, workers)
	var wg sync.WaitGroup
	for g := range workers {
		wg.Go(func() {
			w := &comparer{pairing: cp, names: map[[2]string]int{}}
			for i := g; i < len(pairs); i += workers {
				fn(w, pairs[i], &outs[g])
			}
		})
	}
	wg.Wait()
	return slices.Concat(outs...)
}

// randomPairs returns n pairs of distinct records drawn at random (seeded: the same every
// run), or every pair when there are fewer.
func randomPairs(records, n int) [][2]int {
	if records < 2 {
		return nil
	}
	if all := records * (records - 1) / 2; all <= n {
		out := make([][2]int, 0, all)
		for a := 0; a < records; a++ {
			for b := a + 1; b < records; b++ {
				out = append(out, [2]int{a, b})
			}
		}
		return out
	}
	r := rand.New(rand.NewPCG(1, uint64(records)))
	out := make([][2]int, n)
	for i := range out {
		a, b := r.IntN(records), r.IntN(records-1)
		if b >= a {
			b++
		}
		out[i] = [2]int{a, b}
	}
	return out
}

// sampleOf returns at most n of the pairs, evenly spread: enough to estimate the model,
// which is then applied to them all.
func sampleOf(pairs [][2]int, n int) [][2]int {
	if len(pairs) <= n {
		return pairs
	}
	out := make([][2]int, 0, n)
	step := float64(len(pairs)) / float64(n)
	for i := range n {
		out = append(out, pairs[int(float64(i)*step)])
	}
	return out
}

// swapped returns b with its given and family names exchanged when that makes them agree
// better with a's: names entered in each other's field are common.
func (w *comparer) swapped(a, b map[string]string) map[string]string {
	g, f := b["given_name"], b["family_name"]
	if g == "" && f == "" {
		return b
	}
	straight := w.nameLevels(a["given_name"], g) + w.nameLevels(a["family_name"], f)
	crossed := w.nameLevels(a["given_name"], f) + w.nameLevels(a["family_name"], g)
	if crossed <= straight {
		return b
	}
	c := make(map[string]string, len(b))
	for k, v := range b {
		c[k] = v
	}
	c["given_name"], c["family_name"] = f, g
	return c
}

// frequencies returns, per compared field, each value's share of the records having it.
func frequencies(people []Person, used []comparison) []map[string]float64 {
	out := make([]map[string]float64, len(used))
	for k, c := range used {
		counts := map[string]float64{}
		n := 0.0
		for _, p := range people {
			if v := p.Fields[c.field]; v != "" {
				counts[v]++
				n++
			}
		}
		for v := range counts {
			counts[v] /= n
		}
		out[k] = counts
	}
	return out
}

// givenFrequencies returns, for each (given, family) name pair, the given name's share of
// the records with that family name.
func givenFrequencies(people []Person) map[[2]string]float64 {
	pairs := map[[2]string]float64{}
	families := map[string]float64{}
	for _, p := range people {
		g, f := p.Fields["given_name"], p.Fields["family_name"]
		if g != "" && f != "" {
			pairs[[2]string{g, f}]++
			families[f]++
		}
	}
	for k := range pairs {
		pairs[k] /= families[k[1]]
	}
	return pairs
}

// candidates returns the pairs of people sharing a blocking key, each once, in order (with
// link, only pairs from different groups). A key shared by more than maxBlock people is
// too common to say anything and is skipped.
func candidates(people []Person, link bool) [][2]int {
	const maxBlock = 25
	blocks := map[string][]int32{}
	for i, p := range people {
		for _, k := range blockingKeys(p.Fields) {
			blocks[k] = append(blocks[k], int32(i))
		}
	}
	var packed []uint64
	for _, b := range blocks {
		if len(b) < 2 || len(b) > maxBlock {
			continue
		}
		for x := 0; x < len(b); x++ {
			for y := x + 1; y < len(b); y++ {
				if link && people[b[x]].Group == people[b[y]].Group {
					continue
				}
				lo, hi := min(b[x], b[y]), max(b[x], b[y])
				packed = append(packed, uint64(lo)<<32|uint64(hi))
			}
		}
	}
	slices.Sort(packed)
	packed = slices.Compact(packed)
	out := make([][2]int, len(packed))
	for i, p := range packed {
		out[i] = [2]int{int(p >> 32), int(p & (1<<32 - 1))}
	}
	return out
}

// blockingKeys are the keys under which a record meets its candidates: several, so that a
// typo in any one field still leaves a key in common.
func blockingKeys(f map[string]string) []string {
	var keys []string
	add := func(name string, parts ...string) {
		for _, p := range parts {
			if p == "" {
				return
			}
		}
		keys = append(keys, name+":"+strings.Join(parts, "|"))
	}
	given, family := f["given_name"], f["family_name"]
	// Names may be in each other's fields, so name keys come in both orders.
	add("nk", Key(family), initial(given))
	add("nkr", Key(given), initial(family))
	add("gf", given, family)
	add("fg", family, given)
	add("dg", f["dob"], initial(given))
	add("df", f["dob"], initial(family))
	add("gx", Key(given), f["postcode"])
	add("pc", f["postcode"], f["street_number"])
	add("fam", family, f["city"])
	add("doc", f["document"])
	add("email", f["email"])
	add("phone", f["phone"])
	add("addr", firstToken(f["address"]), f["street_number"])
	add("yg", year(f["dob"]), Key(given))
	add("yf", year(f["dob"]), Key(family))
	add("yc", year(f["dob"]), f["city"])
	return keys
}

func year(d string) string {
	if len(d) < 4 {
		return ""
	}
	return d[:4]
}

func initial(s string) string {
	if s == "" {
		return ""
	}
	return s[:1]
}

func firstToken(s string) string {
	t, _, _ := strings.Cut(s, " ")
	return t
}

// Prepare normalises a raw record's fields for Dedupe: names as Normalise gives them,
// phones as E.164 digits (a national number read in region, "GB" by default), postcodes
// and document numbers without spaces or case, the rest lower-cased with single spaces.
func Prepare(raw map[string]string, region string) map[string]string {
	out := make(map[string]string, len(raw))
	for k, v := range raw {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		switch k {
		case "given_name", "family_name", "full_name", "alias":
			v = Normalise(v).String()
		case "phone":
			v = phoneDigits(v, region)
		case "postcode", "document":
			v = strings.ToLower(strings.Join(strings.Fields(v), ""))
		case "dob":
		default:
			v = strings.ToLower(strings.Join(strings.Fields(v), " "))
		}
		if v != "" {
			out[k] = v
		}
	}
	return out
}

// phoneDigits returns a phone number's digits in international form: "+44 20 7946 0881",
// "020 7946 0881" and "00442079460881" are all "442079460881" in region GB.
func phoneDigits(s, region string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			b.WriteByte(c)
		}
	}
	d := b.String()
	switch {
	case strings.HasPrefix(strings.TrimSpace(s), "+"):
		return d
	case strings.HasPrefix(d, "00"):
		return d[2:]
	case strings.HasPrefix(d, "0"):
		return countryCode(region) + d[1:]
	}
	return d
}

// countryCode returns the calling code of a region, for the regions whose national
// numbers start with a trunk 0; others are taken as written.
func countryCode(region string) string {
	switch strings.ToUpper(region) {
	case "", "GB", "UK":
		return "44"
	case "IE":
		return "353"
	case "FR":
		return "33"
	case "DE":
		return "49"
	case "NL":
		return "31"
	case "BE":
		return "32"
	case "AU":
		return "61"
	}
	return ""
}
