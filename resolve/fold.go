package resolve

import (
	"strings"
	"unicode"
)

// Latin letters with diacritics, grouped by the base letter they fold to.
// This is the part of Unicode NFKD decomposition that names need (Latin-1,
// Latin Extended-A and -B, and the Latin Extended Additional block that holds
// Vietnamese), written out here because the module keeps to the standard
// library; combining marks that arrive already decomposed are dropped
// separately (see foldRune).
var latinBase = [...]struct {
	base    rune
	letters string
}{
	{'a', "àáâãäåāăąǎǟǡǻȁȃȧạảấầẩẫậắằẳẵặḁ"},
	{'b', "ḃḅḇƀ"},
	{'c', "çćĉċčḉ"},
	{'d', "ďđḋḍḏḑḓɗð"},
	{'e', "èéêëēĕėęěȅȇȩẹẻẽếềểễệḕḗḙḛḝ"},
	{'f', "ḟƒ"},
	{'g', "ĝğġģǧǵḡ"},
	{'h', "ĥħḣḥḧḩḫẖ"},
	{'i', "ìíîïĩīĭįıǐȉȋịỉḭḯ"},
	{'j', "ĵǰ"},
	{'k', "ķǩḱḳḵ"},
	{'l', "ĺļľŀłḷḹḻḽ"},
	{'m', "ḿṁṃ"},
	{'n', "ñńņňŉǹṅṇṉṋŋ"},
	{'o', "òóôõöøōŏőơǒǫǭǿȍȏȫȭȯȱọỏốồổỗộớờởỡợṍṏṑṓ"},
	{'p', "ṕṗ"},
	{'r', "ŕŗřȑȓṙṛṝṟ"},
	{'s', "śŝşšșṡṣṥṧṩ"},
	{'t', "ţťŧțṫṭṯṱẗ"},
	{'u', "ùúûüũūŭůűųưǔǖǘǚǜȕȗụủứừửữựṳṵṷṹṻ"},
	{'v', "ṽṿ"},
	{'w', "ŵẁẃẅẇẉẘ"},
	{'x', "ẋẍ"},
	{'y', "ýÿŷȳẏẙỳỵỷỹ"},
	{'z', "źżžẑẓẕƶ"},
}

// Letters that NFKD leaves whole but that names spell with two Latin letters.
var latinLigature = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'þ': "th", 'ĳ': "ij", 'ǆ': "dz", 'ǉ': "lj", 'ǌ': "nj",
}

// cyrillic is a BGN/PCGN-style romanisation of Russian, Ukrainian,
// Belarusian, Bulgarian and Serbian letters (lower case).
var cyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'ґ': "g", 'д': "d", 'ђ': "dj", 'е': "e", 'ё': "e",
	'є': "ye", 'ж': "zh", 'з': "z", 'и': "i", 'і': "i", 'ї': "yi", 'й': "y", 'ј': "j",
	'к': "k", 'л': "l", 'љ': "lj", 'м': "m", 'н': "n", 'њ': "nj", 'о': "o", 'п': "p",
	'р': "r", 'с': "s", 'т': "t", 'ћ': "c", 'у': "u", 'ў': "u", 'ф': "f", 'х': "kh",
	'ц': "ts", 'ч': "ch", 'џ': "dzh", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "",
	'э': "e", 'ю': "yu", 'я': "ya",
}

// greek is an ELOT 743-style romanisation of modern Greek (lower case, with
// and without the tonos and dialytika).
var greek = map[rune]string{
	'α': "a", 'ά': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'έ': "e", 'ζ': "z",
	'η': "i", 'ή': "i", 'θ': "th", 'ι': "i", 'ί': "i", 'ϊ': "i", 'ΐ': "i", 'κ': "k",
	'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x", 'ο': "o", 'ό': "o", 'π': "p", 'ρ': "r",
	'σ': "s", 'ς': "s", 'τ': "t", 'υ': "y", 'ύ': "y", 'ϋ': "y", 'ΰ': "y", 'φ': "f",
	'χ': "ch", 'ψ': "ps", 'ω': "o", 'ώ': "o",
}

// arabic maps the consonants of Arabic (and the extra letters of Persian and
// Urdu) to the Latin spellings most used in names. Short vowels are not
// written in Arabic script and are not invented here; the long-vowel letters
// alif, waw and ya become a, and u or w, and i or y (see transliterate),
// which the phonetic key then treats as vowels.
var arabic = map[rune]string{
	'ا': "a", 'أ': "a", 'إ': "i", 'آ': "a", 'ٱ': "a", 'ء': "", 'ؤ': "u", 'ئ': "",
	'ب': "b", 'ت': "t", 'ث': "th", 'ج': "j", 'ح': "h", 'خ': "kh", 'د': "d", 'ذ': "dh",
	'ر': "r", 'ز': "z", 'س': "s", 'ش': "sh", 'ص': "s", 'ض': "d", 'ط': "t", 'ظ': "z",
	'ع': "", 'غ': "gh", 'ف': "f", 'ق': "q", 'ك': "k", 'ل': "l", 'م': "m", 'ن': "n",
	'ه': "h", 'ة': "a", 'ى': "a", 'و': "w", 'ي': "y",
	'پ': "p", 'چ': "ch", 'ژ': "zh", 'ڤ': "v", 'گ': "g", 'ک': "k", 'ی': "y", 'ۀ': "a",
	'ہ': "h", 'ھ': "h", 'ے': "e", 'ٹ': "t", 'ڈ': "d", 'ڑ': "r", 'ں': "n",
}

// arabicLetter spells one Arabic letter; waw and ya carry a long vowel inside a
// word (u, i) and a consonant at its start (w, y).
func arabicLetter(r rune, first bool) string {
	switch r {
	case 'و':
		if first {
			return "w"
		}
		return "u"
	case 'ي', 'ی':
		if first {
			return "y"
		}
		return "i"
	}
	return arabic[r]
}

// foldRune returns the Latin spelling of one lower-case rune outside the
// Arabic script: itself for plain Latin letters, its base letter for a Latin
// letter with diacritics, its romanisation for Cyrillic and Greek, "" for a
// combining mark, and ok=false for anything else (separators, digits,
// punctuation, and scripts with no table, which pass through untouched).
func foldRune(r rune) (s string, ok bool) {
	switch {
	case r >= 'a' && r <= 'z':
		return string(r), true
	case r >= 0xFF41 && r <= 0xFF5A: // fullwidth Latin, as NFKD does
		return string(r - 0xFF41 + 'a'), true
	case unicode.Is(unicode.Mn, r):
		return "", true
	}
	if l, found := latinLigature[r]; found {
		return l, true
	}
	if s, found := cyrillic[r]; found {
		return s, true
	}
	if s, found := greek[r]; found {
		return s, true
	}
	if r < 0x00C0 || r > 0x1EFF {
		return "", false
	}
	for _, g := range latinBase {
		if strings.ContainsRune(g.letters, r) {
			return string(g.base), true
		}
	}
	return "", false
}
