package resolve

// JaroWinkler returns the Jaro–Winkler similarity of a and b in [0,1],
// compared rune by rune exactly as written (no normalisation): the Jaro
// similarity with Winkler's bonus for a common prefix of up to four runes
// (scaling factor 0.1), applied when the Jaro similarity exceeds 0.7. Two
// empty strings are identical (1); an empty and a non-empty string share
// nothing (0). It is the baseline that Names is measured against.
func JaroWinkler(a, b string) float64 {
	return jaroWinkler([]rune(a), []rune(b))
}

func jaroWinkler(a, b []rune) float64 {
	j := jaro(a, b)
	if j <= 0.7 {
		return j
	}
	l := 0
	for l < len(a) && l < len(b) && l < 4 && a[l] == b[l] {
		l++
	}
	return j + float64(l)*0.1*(1-j)
}

func jaro(a, b []rune) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	window := max(len(a), len(b))/2 - 1
	window = max(window, 0)
	var stackA, stackB [64]bool
	ma, mb := stackA[:0], stackB[:0]
	if len(a) <= 64 && len(b) <= 64 {
		ma, mb = stackA[:len(a)], stackB[:len(b)]
	} else {
		ma, mb = make([]bool, len(a)), make([]bool, len(b))
	}
	m := 0
	for i := range a {
		lo, hi := max(0, i-window), min(len(b), i+window+1)
		for k := lo; k < hi; k++ {
			if !mb[k] && a[i] == b[k] {
				ma[i], mb[k] = true, true
				m++
				break
			}
		}
	}
	if m == 0 {
		return 0
	}
	t, k := 0, 0
	for i := range a {
		if !ma[i] {
			continue
		}
		for !mb[k] {
			k++
		}
		if a[i] != b[k] {
			t++
		}
		k++
	}
	fm := float64(m)
	return (fm/float64(len(a)) + fm/float64(len(b)) + (fm-float64(t)/2)/fm) / 3
}
