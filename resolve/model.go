package resolve

import (
	"fmt"
	"math"
)

// The Fellegi–Sunter model.
//
// A model scores a pair of records from how each field compares: a level
// per field, from "disagrees" up to "agrees exactly", or missing when either record lacks
// the field (a missing field says nothing either way and is left out of the sum).
//
// For every field and level it holds m, the probability of that level among pairs that
// are the same person, and u, among pairs that are not; λ is the share of candidate pairs
// that match. A pair's match weight is log2(λ/(1−λ)) + Σ log2(m/u) over its fields, and
// its probability the logistic of that weight (in base 2). Parameters are estimated
// without labels by expectation–maximisation over the candidate pairs, and may be
// refined by pairs an analyst confirmed or rejected, which enter the estimate with
// certainty.

// Missing is the level of a field one of the records lacks.
const Missing = -1

// Field describes one compared field: its name and how many levels its comparator gives
// (level 0 is the worst agreement, Levels−1 the best).
type Field struct {
	Name   string
	Levels int
}

// Model holds the parameters.
type Model struct {
	Fields []Field
	Lambda float64
	M, U   [][]float64 // [field][level]
	// FixedU keeps U as it is while fitting: set it after EstimateU. Blocking gathers
	// candidate pairs that agree on something, so EM left free over them can mistake
	// "agrees on the blocking fields" for "is the same person"; u, the chance of each
	// level between strangers, is better read from random pairs, nearly all strangers.
	FixedU bool
}

// EstimateU sets U from random pairs of records, taken to be non-matches (a register of n
// records has at most a few matches per record against n²/2 pairs). Set FixedU to keep
// it; otherwise it is where EM starts.
func (md *Model) EstimateU(random []Pair) {
	// The current U counts as a hundred pairs' worth of prior belief: a register of a
	// dozen records has few pairs to learn from, and a few coincidences among them must
	// not make agreement look common between strangers.
	const prior = 100
	counts := zeros(md.Fields)
	for k := range md.Fields {
		for l := range counts[k] {
			counts[k][l] = prior * md.U[k][l]
		}
	}
	for _, p := range random {
		for k, l := range p.Levels {
			if l != Missing {
				counts[k][l]++
			}
		}
	}
	for k := range md.Fields {
		probabilities(md.U[k], counts[k], 1e-6)
	}
}

// Pair is one candidate pair's comparison vector: a level per field, or Missing. TF, when
// set for a field, is how common the agreeing value is among all records (its relative
// frequency): agreement on a rare value weighs more than on a common one.
type Pair struct {
	Levels []int
	TF     []float64 // 0: no term-frequency adjustment
}

// Label is an analyst's verdict on a pair used to refine the model.
type Label struct {
	Pair  Pair
	Match bool
}

// NewModel returns a model with neutral starting parameters: better levels more likely among
// matches, worse among non-matches.
func NewModel(fields []Field, lambda float64) *Model {
	md := &Model{Fields: fields, Lambda: lambda, M: make([][]float64, len(fields)), U: make([][]float64, len(fields))}
	for k, f := range fields {
		md.M[k] = make([]float64, f.Levels)
		md.U[k] = make([]float64, f.Levels)
		var sm, su float64
		for l := range f.Levels {
			md.M[k][l] = math.Pow(4, float64(l))
			md.U[k][l] = math.Pow(4, float64(f.Levels-1-l))
			sm += md.M[k][l]
			su += md.U[k][l]
		}
		for l := range f.Levels {
			md.M[k][l] /= sm
			md.U[k][l] /= su
		}
	}
	return md
}

// Weight returns the pair's match weight (bits) and each field's part of it (0 for a
// missing field).
func (md *Model) Weight(p Pair) (float64, []float64) {
	parts := make([]float64, len(md.Fields))
	w := math.Log2(md.Lambda / (1 - md.Lambda))
	for k, l := range p.Levels {
		if l == Missing {
			continue
		}
		m, u := md.M[k][l], md.U[k][l]
		if l == md.Fields[k].Levels-1 && len(p.TF) > k && p.TF[k] > 0 {
			// Exact agreement on a value: the chance that two different people share it
			// is about how common the value is.
			u = p.TF[k]
		}
		parts[k] = math.Log2(m / u)
		w += parts[k]
	}
	return w, parts
}

// Probability returns the pair's match probability.
func (md *Model) Probability(p Pair) float64 {
	w, _ := md.Weight(p)
	return 1 / (1 + math.Exp2(-w))
}

// Fit estimates the parameters by expectation–maximisation over the candidate pairs, with
// the labelled pairs held at their verdicts, for at most iterations rounds or until no
// parameter moves by more than 1e-6. It returns the rounds run.
func (md *Model) Fit(pairs []Pair, labels []Label, iterations int) (int, error) {
	for _, f := range md.Fields {
		if f.Levels < 2 {
			return 0, fmt.Errorf("field %s: %d levels, want at least 2", f.Name, f.Levels)
		}
	}
	const floor = 1e-6 // keeps every level possible, so no weight is infinite
	for it := 1; it <= iterations; it++ {
		sumG, n := 0.0, 0.0
		cm := zeros(md.Fields)
		cu := zeros(md.Fields)
		add := func(p Pair, g float64) {
			for k, l := range p.Levels {
				if l != Missing {
					cm[k][l] += g
					cu[k][l] += 1 - g
				}
			}
		}
		for _, p := range pairs {
			g := md.Probability(withoutTF(p))
			sumG += g
			n++
			add(p, g)
		}
		for _, lb := range labels {
			g := 0.0
			if lb.Match {
				g = 1
			}
			add(lb.Pair, g)
		}
		moved := 0.0
		if n > 0 {
			lambda := math.Min(math.Max(sumG/n, floor), 1-floor)
			moved = math.Abs(lambda - md.Lambda)
			md.Lambda = lambda
		}
		for k := range md.Fields {
			moved = math.Max(moved, probabilities(md.M[k], cm[k], floor))
			if !md.FixedU {
				moved = math.Max(moved, probabilities(md.U[k], cu[k], floor))
			}
		}
		if moved < 1e-6 {
			return it, nil
		}
	}
	return iterations, nil
}

// FitPrior estimates λ alone, m and u held, as the share of all possible pairs that match,
// by EM over the candidate pairs that blocking found (as a sample: each stands for scale
// candidates), all possible pairs being total. Every match is assumed to be among the
// candidates; the others, never compared, are taken as non-matches. With λ the prior of a
// random pair, a candidate's probability counts the agreement that made it a candidate
// once, in its fields' weights, and not again in its prior. It returns the rounds run.
func (md *Model) FitPrior(pairs []Pair, scale, total float64, iterations int) int {
	for it := 1; it <= iterations; it++ {
		sum := 0.0
		for _, p := range pairs {
			sum += md.Probability(p)
		}
		lambda := math.Min(math.Max(sum*scale/total, 1e-12), 0.5)
		moved := math.Abs(lambda-md.Lambda) / md.Lambda
		md.Lambda = lambda
		if moved < 1e-6 {
			return it
		}
	}
	return iterations
}

func withoutTF(p Pair) Pair { return Pair{Levels: p.Levels} }

func zeros(fields []Field) [][]float64 {
	out := make([][]float64, len(fields))
	for k, f := range fields {
		out[k] = make([]float64, f.Levels)
	}
	return out
}

// probabilities sets dst to the counts as probabilities (each at least floor) and returns how
// far the largest one moved.
func probabilities(dst, counts []float64, floor float64) float64 {
	total := 0.0
	for _, c := range counts {
		total += c
	}
	if total == 0 {
		return 0
	}
	moved := 0.0
	for l, c := range counts {
		v := math.Max(c/total, floor)
		moved = math.Max(moved, math.Abs(v-dst[l]))
		dst[l] = v
	}
	return moved
}
