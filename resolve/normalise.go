package resolve

import (
	"strings"
	"unicode"
)

// Kind says what part a token plays in a name.
type Kind uint8

const (
	// Word is an ordinary given or family name.
	Word Kind = iota
	// Initial is a single letter standing for a name ("J." in "J. Smith").
	Initial
	// Particle is an article or connector that names carry inconsistently
	// (al-, el-, bin, ibn, abu, van, von, de, da ...).
	Particle
)

func (k Kind) String() string {
	switch k {
	case Initial:
		return "initial"
	case Particle:
		return "particle"
	}
	return "word"
}

// Token is one normalised part of a name: lower-case Latin letters (or the
// original letters of a script with no table here).
type Token struct {
	Text string
	Kind Kind
}

// Name is a name after normalisation, its tokens in reading order (given
// names first).
type Name struct {
	Tokens []Token
}

// String returns the normalised tokens joined by single spaces.
func (n Name) String() string {
	parts := make([]string, len(n.Tokens))
	for i, t := range n.Tokens {
		parts[i] = t.Text
	}
	return strings.Join(parts, " ")
}

// titles are honorifics, ranks and generational suffixes, dropped from a
// name (unless nothing else is left). Names that double as titles (Don,
// Sayed, Hafiz) are not listed: dropping a real name is worse than keeping a
// title.
var titles = setOf(`mr mrs ms miss mx dr prof professor sir dame lord lady rev revd reverend
	sheikh sheik shaikh shaykh shykh sayyid hajji haji hajj alhaj alhajj mullah mulla imam
	ustad ustadh maulana mawlana capt captain col colonel gen maj lt sgt cpl pte hon eng engr
	mme mlle madame monsieur herr frau sra srta senor senora jr jnr snr sr esq phd ii iii iv`)

// particles are articles and connectors spelled now joined, now apart, now
// not at all: Arabic al/el/ul, bin/ibn/bint, abu/abou, Dutch and German
// van/von/der/den/ter/ten, Romance de/da/di/du/del/della/dos/das/le/la, and
// the elided d' and l'.
var particles = setOf(`al el ul bin ibn bint abu abou van von der den ter ten de da di du del
	della dos das le la d l`)

func setOf(words string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// Normalise turns a name as written into tokens:
//
//   - "Family, Given" is read as "Given Family" (a trailing "Jr" after the
//     comma is a suffix, not a given name);
//   - letters are lower-cased, Latin diacritics removed (Nguyễn → nguyen),
//     ligatures spelled out (ß → ss), and Cyrillic, Greek and Arabic script
//     transliterated to Latin (see the tables in fold.go); scripts with no
//     table pass through unchanged;
//   - apostrophes inside a word vanish (O'Brien → obrien), except the elided
//     particles d' and l' (d'Angelo → d angelo); hyphens, dots, digits and
//     other punctuation separate tokens;
//   - the Arabic article joined to a word in Arabic script becomes its own
//     particle (الحسن → al hasn);
//   - titles and honorifics are dropped, particles and single-letter
//     initials are marked.
func Normalise(s string) Name {
	if i := strings.IndexByte(s, ','); i >= 0 {
		head, tail := s[:i], s[i+1:]
		if !onlyTitles(tail) {
			s = tail + " " + head
		} else {
			s = head + " " + tail
		}
	}
	var toks []Token
	var cur, ar []rune
	var prev rune // the previous rune, for Greek diphthongs
	flushArabic := func() {
		if len(ar) == 0 {
			return
		}
		word := ar
		if len(word) > 3 && word[0] == 'ا' && word[1] == 'ل' {
			toks = append(toks, Token{Text: "al", Kind: Particle})
			word = word[2:]
		}
		var b strings.Builder
		for i, r := range word {
			b.WriteString(arabicLetter(r, i == 0))
		}
		if b.Len() > 0 {
			toks = append(toks, Token{Text: b.String()})
		}
		ar = ar[:0]
	}
	flush := func(kind Kind) {
		flushArabic()
		if len(cur) > 0 {
			toks = append(toks, Token{Text: string(cur), Kind: kind})
		}
		cur = cur[:0]
	}
	for _, r := range s {
		r = unicode.ToLower(r)
		switch {
		case isArabic(r):
			if unicode.Is(unicode.Mn, r) || r == 0x0640 { // harakat, tatweel
				continue
			}
			if _, letter := arabic[r]; !letter { // Arabic comma, digits ...
				flush(Word)
				continue
			}
			if len(cur) > 0 {
				flush(Word)
			}
			ar = append(ar, r)
			continue
		case isApostrophe(r):
			if len(ar) > 0 {
				continue
			}
			if w := string(cur); w == "d" || w == "l" {
				flush(Particle)
			}
			continue
		}
		flushArabic()
		if (r == 'υ' || r == 'ύ') && len(cur) > 0 {
			// Greek diphthongs: ου is u, αυ and ευ are av and ev.
			switch prev {
			case 'ο', 'ό':
				cur, prev = append(cur, 'u'), r
				continue
			case 'α', 'ά', 'ε', 'έ':
				cur, prev = append(cur, 'v'), r
				continue
			}
		}
		prev = r
		if f, ok := foldRune(r); ok {
			cur = append(cur, []rune(f)...)
			continue
		}
		if unicode.IsLetter(r) {
			cur = append(cur, r) // a script with no table here
			continue
		}
		flush(Word)
	}
	flush(Word)
	return classify(toks)
}

// classify marks initials and particles and drops titles, keeping at least
// one token when the name has any.
func classify(toks []Token) Name {
	var out []Token
	for _, t := range toks {
		if titles[t.Text] {
			continue
		}
		switch {
		case particles[t.Text]:
			t.Kind = Particle
		case len([]rune(t.Text)) == 1:
			t.Kind = Initial
		}
		out = append(out, t)
	}
	if len(out) == 0 && len(toks) > 0 {
		out = toks
	}
	words := 0
	for _, t := range out {
		if t.Kind != Particle {
			words++
		}
	}
	if words == 0 { // "Al", "De La": a name of particles is made of words
		for i := range out {
			if len([]rune(out[i].Text)) == 1 {
				out[i].Kind = Initial
			} else {
				out[i].Kind = Word
			}
		}
	}
	return Name{Tokens: out}
}

// onlyTitles reports whether s, after a comma, holds nothing but titles and
// suffixes ("Smith, Jr.").
func onlyTitles(s string) bool {
	n := Normalise(strings.ReplaceAll(s, ",", " "))
	for _, t := range n.Tokens {
		if !titles[t.Text] {
			return false
		}
	}
	return true
}

func isArabic(r rune) bool {
	return (r >= 0x0600 && r <= 0x06FF) || (r >= 0x0750 && r <= 0x077F) ||
		(r >= 0xFB50 && r <= 0xFDFF) || (r >= 0xFE70 && r <= 0xFEFF)
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', 'ʼ', 'ʻ', '`', '´', 'ʿ', 'ʾ':
		return true
	}
	return false
}
