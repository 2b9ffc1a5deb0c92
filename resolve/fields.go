package resolve

import (
	"strings"
)

// Field comparators for the Fellegi–Sunter model: each turns two normalised values into
// a level, from 0 (disagree) up, or Missing when either is empty.

// stringLevels compares free text: 0 different, 1 similar (Jaro–Winkler ≥ 0.85), 2 close
// (≥ 0.94), 3 equal.
func stringLevels(a, b string) int {
	switch {
	case a == "" || b == "":
		return Missing
	case a == b:
		return 3
	}
	s := JaroWinkler(a, b)
	switch {
	case s >= 0.94:
		return 2
	case s >= 0.85:
		return 1
	}
	return 0
}

// codeLevels compares codes (postcodes, document numbers, street numbers): 0 different,
// 1 one edit apart (a typo or two digits swapped), 2 equal.
func codeLevels(a, b string) int {
	switch {
	case a == "" || b == "":
		return Missing
	case a == b:
		return 2
	case oneEdit(a, b):
		return 1
	}
	return 0
}

// dateLevels compares YYYY[-MM[-DD]] dates: 0 different, 1 near (one part off by a typo,
// day and month swapped, or one date less precise and agreeing), 2 equal.
func dateLevels(a, b string) int {
	switch {
	case a == "" || b == "":
		return Missing
	case a == b:
		return 2
	case strings.HasPrefix(a, b) || strings.HasPrefix(b, a):
		return 1
	}
	pa, pb := strings.Split(a, "-"), strings.Split(b, "-")
	if len(pa) == 3 && len(pb) == 3 {
		if pa[0] == pb[0] && pa[1] == pb[2] && pa[2] == pb[1] {
			return 1 // day and month swapped
		}
		same := 0
		for i := range 3 {
			if pa[i] == pb[i] {
				same++
			}
		}
		if same == 2 {
			for i := range 3 {
				if pa[i] != pb[i] && oneEdit(pa[i], pb[i]) {
					return 1
				}
			}
		}
	}
	return 0
}

// oneEdit reports whether a and b differ by one substitution, insertion, deletion or
// transposition of adjacent characters.
func oneEdit(a, b string) bool {
	la, lb := len(a), len(b)
	switch {
	case la == lb:
		diff := -1
		for i := 0; i < la; i++ {
			if a[i] != b[i] {
				if diff >= 0 {
					// a second difference: only a transposition of the first two
					return i == diff+1 && a[diff] == b[i] && a[i] == b[diff] && a[i+1:] == b[i+1:]
				}
				diff = i
			}
		}
		return true
	case la == lb+1:
		return deletion(a, b)
	case lb == la+1:
		return deletion(b, a)
	}
	return false
}

// deletion reports whether removing one character of long gives short.
func deletion(long, short string) bool {
	i := 0
	for i < len(short) && long[i] == short[i] {
		i++
	}
	return long[i+1:] == short[i:]
}

// nameLevels compares names with the name comparator (Names: nicknames, initials,
// phonetic and transliteration variants): 0 different, 1 similar (≥ 0.75, or the same
// letters in another order, as a scrambled entry), 2 close (≥ 0.9), 3 equal once
// normalised.
func nameLevels(a, b string) int {
	switch {
	case a == "" || b == "":
		return Missing
	case a == b:
		return 3
	}
	s := Names(a, b).Value
	switch {
	case s >= 0.9:
		return 2
	case s >= 0.75 || sameLetters(a, b):
		return 1
	}
	return 0
}

func sameLetters(a, b string) bool {
	if len(a) != len(b) || len(a) < 3 {
		return false
	}
	var ca, cb [256]int
	for i := 0; i < len(a); i++ {
		ca[a[i]]++
		cb[b[i]]++
	}
	return ca == cb
}

// dateLevelsYear adds to dateLevels a level for dates in the same year: 0 different,
// 1 same year, 2 near, 3 equal.
func dateLevelsYear(a, b string) int {
	switch l := dateLevels(a, b); l {
	case Missing, 2:
		if l == 2 {
			return 3
		}
		return l
	case 1:
		return 2
	}
	if len(a) >= 4 && len(b) >= 4 && a[:4] == b[:4] {
		return 1
	}
	return 0
}
