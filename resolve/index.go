package resolve

import (
	"cmp"
	"math"
	"slices"
	"sync"
)

// Index holds every subject's identity in memory and resolves one fragment against them
// all: the subjects sharing a blocking key with the fragment are compared with it, field
// by field, and ranked by match probability, each with its explanation. It is safe for
// concurrent use.
type Index struct {
	mu     sync.RWMutex
	cp     *pairing
	model  *Model
	blocks map[string][]int32
	names  nameCache // shared by every resolution
}

// indexBlock bounds how many subjects one blocking key may bring to a comparison: a key
// shared by more says little and would make one resolution slow.
const indexBlock = 100

// Candidate is a subject a fragment may name, with the match probability and why: each
// compared field's level (Missing when either side lacks it) and weight in bits.
type Candidate struct {
	Subject     string
	Probability float64
	Fields      []string
	Levels      []int
	Weights     []float64
}

// NewIndex indexes the subjects' identities (fields normalised by Prepare). The model's u
// is read from random pairs of them; its m starts neutral (better agreement likelier
// between records of one person) until decisions refine it; the prior that a fragment
// names a given subject is one in the number of subjects.
func NewIndex(subjects []Person) *Index {
	used := comparisons()
	cp := newPairing(subjects, used)
	fields := make([]Field, len(used))
	for k, c := range used {
		fields[k] = Field{Name: c.field, Levels: c.levels}
	}
	md := NewModel(fields, 1/float64(max(len(subjects), 2)))
	md.EstimateU(parallel(randomPairs(len(subjects), 100_000), cp, func(w *comparer, pr [2]int, out *[]Pair) {
		*out = append(*out, w.compare(pr))
	}))
	ix := &Index{cp: cp, model: md, blocks: map[string][]int32{}}
	for i := range subjects {
		ix.index(int32(i))
	}
	return ix
}

func (ix *Index) index(i int32) {
	for _, k := range blockingKeys(ix.cp.people[i].Fields) {
		ix.blocks[k] = append(ix.blocks[k], i)
	}
}

// Add indexes one more subject. (Term frequencies and u stay as built.)
func (ix *Index) Add(p Person) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.cp.people = append(ix.cp.people, p)
	ix.index(int32(len(ix.cp.people) - 1))
}

// Resolve returns the subjects the fragment may name, most probable first (ties by id),
// at most limit of them (0: all candidates).
func (ix *Index) Resolve(fragment map[string]string, limit int) []Candidate {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	seen := map[int32]bool{}
	var cand []int32
	for _, k := range blockingKeys(fragment) {
		b := ix.blocks[k]
		if len(b) > indexBlock {
			continue
		}
		for _, i := range b {
			if !seen[i] {
				seen[i] = true
				cand = append(cand, i)
			}
		}
	}
	w := &comparer{pairing: ix.cp, shared: &ix.names}
	names := make([]string, len(ix.cp.used))
	for k, c := range ix.cp.used {
		names[k] = c.field
	}
	out := make([]Candidate, 0, len(cand))
	for _, i := range cand {
		p := w.compareFields(ix.cp.people[i].Fields, fragment)
		wt, parts := ix.model.Weight(p)
		out = append(out, Candidate{Subject: ix.cp.people[i].ID, Probability: 1 / (1 + math.Exp2(-wt)),
			Fields: names, Levels: p.Levels, Weights: parts})
	}
	slices.SortFunc(out, func(x, y Candidate) int {
		return cmp.Or(cmp.Compare(y.Probability, x.Probability), cmp.Compare(x.Subject, y.Subject))
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}
