package resolve

import "strings"

// Two spelling-level transforms of a normalised token, written for this
// package (they follow the ideas of NYSIIS and Metaphone, not either's rules):
//
// skeleton rewrites the spellings that differ between transliteration
// conventions to one form and keeps the vowels, so that Jaro–Winkler on
// skeletons sees Wolkow and Volkov, Youssef and Yusuf, Smyth and Smith as
// near-identical;
//
// Key drops the vowels of the skeleton as well and merges consonants that
// transliteration confuses (b/p, f/v/w, s/z, k/q/hard c, g/j), leaving the
// consonant outline that survives a round trip through a script that does
// not write short vowels (Arabic, Hebrew) or writes its own consonant set.

// digraphs are rewritten before single letters, longest first.
var digraphs = [...]struct{ from, to string }{
	{"tsch", "x"}, {"sch", "x"}, {"tch", "x"}, {"chr", "kr"}, {"dzh", "j"},
	{"sh", "x"}, {"ch", "x"}, {"zh", "j"}, {"dj", "j"}, {"ph", "f"}, {"th", "t"},
	{"dh", "d"}, {"kh", "k"}, {"gh", "g"}, {"ck", "k"},
	{"ou", "u"}, {"oo", "u"}, {"ee", "i"}, {"tz", "ts"},
}

// skeleton returns the variant-canonical spelling of a normalised token.
// Runes outside a–z pass through.
func skeleton(tok string) string {
	if !plainLatin(tok) {
		return tok
	}
	var b strings.Builder
	s := tok
	// Irish and Scottish Gaelic write the "sh" sound as s before i (Siobhán,
	// Sìne): si followed by another vowel at the start of a word.
	if len(s) > 2 && s[0] == 's' && s[1] == 'i' && isVowel(s[2]) {
		b.WriteByte('x')
		s = s[2:]
	}
next:
	for len(s) > 0 {
		// Gaelic lenition: bh and mh between vowels sound v (Siobhán).
		if len(s) > 2 && (s[0] == 'b' || s[0] == 'm') && s[1] == 'h' && isVowel(s[2]) &&
			b.Len() > 0 && isVowel(b.String()[b.Len()-1]) {
			b.WriteByte('v')
			s = s[2:]
			continue
		}
		for _, d := range digraphs {
			if strings.HasPrefix(s, d.from) {
				b.WriteString(d.to)
				s = s[len(d.from):]
				continue next
			}
		}
		c := s[0]
		s = s[1:]
		switch c {
		case 'c':
			if len(s) > 0 && (s[0] == 'e' || s[0] == 'i' || s[0] == 'y') {
				b.WriteByte('s')
			} else {
				b.WriteByte('k')
			}
		case 'q':
			b.WriteByte('k')
		case 'x':
			b.WriteString("ks")
		case 'w':
			b.WriteByte('v')
		case 'z':
			b.WriteByte('s')
		case 'y':
			if b.Len() == 0 {
				b.WriteByte('y')
			} else {
				b.WriteByte('i')
			}
		case 'h':
			if len(s) == 0 && b.Len() > 0 { // Sarah, Abdullah
				continue
			}
			b.WriteByte('h')
		default:
			b.WriteByte(c)
		}
	}
	return collapse(b.String())
}

// Key returns the phonetic key of a normalised token: its skeleton's first
// letter (any vowel written as "a"), then its consonants with b/p, f/v,
// g/j merged. "aleksandr", "alexander" and "oleksandr" share ALKSNDR;
// "volkov" and "wolkow" share FLKF; "siobhan" and "shivaun" share XFN.
func Key(tok string) string {
	if !plainLatin(tok) || tok == "" {
		return tok
	}
	sk := skeleton(tok)
	var b strings.Builder
	for i := 0; i < len(sk); i++ {
		c := sk[i]
		switch {
		case i == 0 && isVowel(c):
			c = 'a'
		case i > 0 && (isVowel(c) || c == 'y'):
			continue
		}
		switch c {
		case 'p':
			c = 'b'
		case 'v':
			c = 'f'
		case 'j':
			c = 'g'
		}
		if c >= 'a' && c <= 'z' {
			c = c - 'a' + 'A'
		}
		b.WriteByte(c)
	}
	return collapse(b.String())
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// collapse removes immediate repeats of a byte (ss → s).
func collapse(s string) string {
	if len(s) < 2 {
		return s
	}
	b := []byte(s)
	out := b[:1]
	for _, c := range b[1:] {
		if c != out[len(out)-1] {
			out = append(out, c)
		}
	}
	return string(out)
}

// plainLatin reports whether s is made of a–z only, the alphabet the
// transforms above are written for; tokens of other scripts pass through.
func plainLatin(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}
