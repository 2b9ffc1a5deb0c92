package resolve

import (
	"math"
	"sort"
)

// Rules name why two tokens were found alike, in the order they are tried.
const (
	RuleExact    = "exact"    // the same normalised token
	RuleInitial  = "initial"  // an initial and a name it begins
	RuleNickname = "nickname" // names used for one another (Bill, William)
	RulePhonetic = "phonetic" // the same phonetic key (Volkov, Wolkow)
	RuleVariant  = "variant"  // alike once transliteration variants are unified
	RuleSpelling = "spelling" // alike as written (Jaro–Winkler)
	RuleJoined   = "joined"   // alike once each name's words are run together
)

// Match is one pair of aligned tokens and why they agree.
type Match struct {
	A, B       string
	Similarity float64
	Rule       string
}

// Score is the similarity of two names with its explanation.
type Score struct {
	// Value is in [0,1]: 1 for the same name, rising with the likelihood
	// that the two name one person. It is a similarity, not a probability.
	Value float64
	// A and B are the names as normalised.
	A, B Name
	// Matches are the aligned token pairs.
	Matches []Match
	// UnmatchedA and UnmatchedB are tokens with no counterpart.
	UnmatchedA, UnmatchedB []Token
}

// Weights of the alignment (see the package comment).
const (
	weightParticle = 0.3  // particles count for little, matched or not
	weightInitial  = 0.8  // an initial says less than a whole name
	unmatchedCost  = 0.5  // an unmatched token counts half against
	minSimilarity  = 0.7  // token pairs below this are not aligned
	joinedDiscount = 0.95 // a joined-words match is a little less certain
	joinedMin      = 0.95 // and counts only when the joined words nearly agree
	maxExact       = 8    // tokens per side aligned exactly; more are aligned greedily
)

// Names compares two names as written, in any script and order.
func Names(a, b string) Score {
	na, nb := Normalise(a), Normalise(b)
	swap := na.String() > nb.String() // compare in one order, so Names(a,b) == Names(b,a)
	if swap {
		na, nb = nb, na
	}
	s := compare(na, nb)
	if swap {
		s.A, s.B = s.B, s.A
		s.UnmatchedA, s.UnmatchedB = s.UnmatchedB, s.UnmatchedA
		for i := range s.Matches {
			s.Matches[i].A, s.Matches[i].B = s.Matches[i].B, s.Matches[i].A
		}
	}
	return s
}

func compare(a, b Name) Score {
	s := Score{A: a, B: b}
	if len(a.Tokens) == 0 || len(b.Tokens) == 0 {
		s.UnmatchedA, s.UnmatchedB = a.Tokens, b.Tokens
		return s
	}
	n, m := len(a.Tokens), len(b.Tokens)
	sim := make([][]float64, n)
	rule := make([][]string, n)
	for i, x := range a.Tokens {
		sim[i] = make([]float64, m)
		rule[i] = make([]string, m)
		for j, y := range b.Tokens {
			v, r := tokens(x, y)
			if v < minSimilarity {
				v, r = 0, ""
			}
			sim[i][j], rule[i][j] = v, r
		}
	}
	pairOf := align(a.Tokens, b.Tokens, sim)
	var num, den float64
	usedB := make([]bool, m)
	for i, j := range pairOf {
		x := a.Tokens[i]
		if j < 0 {
			s.UnmatchedA = append(s.UnmatchedA, x)
			den += unmatchedCost * weight(x)
			continue
		}
		usedB[j] = true
		w := (weight(x) + weight(b.Tokens[j])) / 2
		num += w * sim[i][j]
		den += w
		s.Matches = append(s.Matches, Match{A: x.Text, B: b.Tokens[j].Text, Similarity: sim[i][j], Rule: rule[i][j]})
	}
	for j, y := range b.Tokens {
		if !usedB[j] {
			s.UnmatchedB = append(s.UnmatchedB, y)
			den += unmatchedCost * weight(y)
		}
	}
	s.Value = num / den

	// Words may be split differently (Abdul Rahman, Abdulrahman): compare
	// the names' words run together as well, and keep the better reading.
	ja, jb := joined(a), joined(b)
	if words(a) != words(b) && ja != "" && jb != "" {
		// Only a near-identity counts: Jaro–Winkler on long joined strings
		// forgives a whole missing middle name.
		v, _ := tokens(Token{Text: ja}, Token{Text: jb})
		if v >= joinedMin && v*joinedDiscount > s.Value {
			s.Value = v * joinedDiscount
			s.Matches = []Match{{A: ja, B: jb, Similarity: v, Rule: RuleJoined}}
			s.UnmatchedA, s.UnmatchedB = nil, nil
		}
	}
	s.Value = math.Max(0, math.Min(1, s.Value))
	return s
}

func weight(t Token) float64 {
	switch t.Kind {
	case Particle:
		return weightParticle
	case Initial:
		return weightInitial
	}
	return 1
}

func words(n Name) int {
	k := 0
	for _, t := range n.Tokens {
		if t.Kind == Word {
			k++
		}
	}
	return k
}

// joined runs a name's words together, leaving out particles and initials.
func joined(n Name) string {
	var out []byte
	for _, t := range n.Tokens {
		if t.Kind == Word {
			out = append(out, t.Text...)
		}
	}
	return string(out)
}

// align returns, for each token of a, the index of its token in b or -1,
// maximising the weighted similarity of the aligned pairs. Up to maxExact
// tokens on the shorter side it is exact (dynamic programming over subsets of
// that side); beyond, greedy by descending similarity.
func align(a, b []Token, sim [][]float64) []int {
	n, m := len(a), len(b)
	gain := func(i, j int) float64 { return (weight(a[i]) + weight(b[j])) / 2 * sim[i][j] }
	pairOf := make([]int, n)
	for i := range pairOf {
		pairOf[i] = -1
	}
	if min(n, m) > maxExact || max(n, m) > 4*maxExact {
		type cand struct {
			i, j int
			g    float64
		}
		var cs []cand
		for i := range n {
			for j := range m {
				if sim[i][j] > 0 {
					cs = append(cs, cand{i, j, gain(i, j)})
				}
			}
		}
		sort.SliceStable(cs, func(x, y int) bool { return cs[x].g > cs[y].g })
		usedB := make([]bool, m)
		for _, c := range cs {
			if pairOf[c.i] < 0 && !usedB[c.j] {
				pairOf[c.i], usedB[c.j] = c.j, true
			}
		}
		return pairOf
	}
	// Subsets of b when b is the shorter side, else of a (transposed).
	transposed := m > n
	rows, cols := n, m
	g := gain
	if transposed {
		rows, cols = m, n
		g = func(i, j int) float64 { return gain(j, i) }
	}
	// best[k][mask]: best gain aligning rows k.. with the columns not in mask.
	full := 1 << cols
	best := make([][]float64, rows+1)
	choice := make([][]int8, rows+1)
	for k := range best {
		best[k] = make([]float64, full)
		choice[k] = make([]int8, full)
	}
	for k := rows - 1; k >= 0; k-- {
		for mask := range full {
			v, c := best[k+1][mask], int8(-1)
			for j := range cols {
				if mask&(1<<j) != 0 {
					continue
				}
				if x := g(k, j); x > 0 {
					if w := x + best[k+1][mask|1<<j]; w > v {
						v, c = w, int8(j)
					}
				}
			}
			best[k][mask], choice[k][mask] = v, c
		}
	}
	mask := 0
	for k := range rows {
		c := choice[k][mask]
		if c < 0 {
			continue
		}
		if transposed {
			pairOf[c] = k
		} else {
			pairOf[k] = int(c)
		}
		mask |= 1 << c
	}
	return pairOf
}

// tokens compares two normalised tokens, returning their similarity and the
// rule that gave it.
func tokens(x, y Token) (float64, string) {
	if x.Text == y.Text {
		return 1, RuleExact
	}
	if x.Text > y.Text { // Jaro's matching is order-sensitive in rare cases
		x, y = y, x
	}
	rx, ry := []rune(x.Text), []rune(y.Text)
	if x.Kind == Initial || y.Kind == Initial || len(rx) == 1 || len(ry) == 1 {
		if len(rx) > 0 && len(ry) > 0 && rx[0] == ry[0] {
			return 0.85, RuleInitial
		}
		return 0, ""
	}
	if nick.related(x.Text, y.Text) {
		return 0.95, RuleNickname
	}
	best, rule := jaroWinkler(rx, ry), RuleSpelling
	sx, sy := skeleton(x.Text), skeleton(y.Text)
	if v := 0.98 * JaroWinkler(sx, sy); v > best {
		best, rule = v, RuleVariant
	}
	if kx, ky := Key(x.Text), Key(y.Text); kx == ky && len(kx) >= 2 {
		if v := 0.7 + 0.3*JaroWinkler(sx, sy); v > best {
			best, rule = v, RulePhonetic
		}
	}
	return best, rule
}
