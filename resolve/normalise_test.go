package resolve

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNormalise(t *testing.T) {
	tests := []struct {
		rule, in, want string
	}{
		{"lower-cases", "JOHN SMITH", "john smith"},
		{"strips Vietnamese diacritics", "Nguyễn Văn An", "nguyen van an"},
		{"strips Latin-1 diacritics", "Siobhán Ó Súilleabháin", "siobhan o suilleabhain"},
		{"strips decomposed combining marks", "Jose\u0301", "jose"},
		{"spells out ligatures", "Straße Æsa", "strasse aesa"},
		{"folds fullwidth Latin", "Ｊｏｈｎ", "john"},
		{"reads Family, Given as Given Family", "Smith, John", "john smith"},
		{"keeps a suffix after a comma out of the given names", "Smith, Jr.", "smith"},
		{"joins apostrophes inside a word", "O'Brien", "obrien"},
		{"splits elided particles", "d'Angelo", "d angelo"},
		{"splits on hyphens", "Jean-Pierre", "jean pierre"},
		{"splits on dots, leaving initials", "J.R. Smith", "j r smith"},
		{"drops punctuation and digits", "John (2) Smith!", "john smith"},
		{"drops titles", "Dr. Mrs Jane Doe", "jane doe"},
		{"drops honorifics", "Sheikh Ahmed Said", "ahmed said"},
		{"drops generational suffixes", "John Smith III", "john smith"},
		{"keeps a title when it is all there is", "Lady", "lady"},
		{"keeps particles", "Ahmed al-Hassan", "ahmed al hassan"},
		{"transliterates Cyrillic", "Александр Волков", "aleksandr volkov"},
		{"transliterates Ukrainian letters", "Олександр Їжак", "oleksandr yizhak"},
		{"transliterates Greek", "Γιώργος Παπαδόπουλος", "giorgos papadopoulos"},
		{"transliterates Arabic consonants", "محمد", "mhmd"},
		{"reads waw and ya as vowels inside a word", "يوسف", "yusf"},
		{"splits the Arabic article", "الحسن", "al hsn"},
		{"drops Arabic harakat", "مُحَمَّد", "mhmd"},
		{"passes other scripts through", "王 小明", "王 小明"},
		{"is empty for no letters", " -- 42 ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			if got := Normalise(tt.in).String(); got != tt.want {
				t.Errorf("Normalise(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNormaliseKinds(t *testing.T) {
	got := Normalise("J. van der Berg, Dr").Tokens
	// A title alone after the comma is not a given name.
	want := []Token{{"j", Initial}, {"van", Particle}, {"der", Particle}, {"berg", Word}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tokens (-want +got):\n%s", diff)
	}
	// A name made only of particles is made of words.
	got = Normalise("De La").Tokens
	want = []Token{{"de", Word}, {"la", Word}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tokens (-want +got):\n%s", diff)
	}
}

func TestKey(t *testing.T) {
	tests := []struct{ a, b, key string }{
		{"aleksandr", "alexander", "ALKSNDR"},
		{"oleksandr", "alexander", "ALKSNDR"},
		{"volkov", "wolkow", "FLKF"},
		{"siobhan", "shivaun", "XFN"},
		{"mohammed", "muhammad", "MHMD"},
		{"mhmd", "mohamed", "MHMD"},
		{"yusuf", "youssef", "YSF"},
		{"smyth", "smith", "SMT"},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			if ka, kb := Key(tt.a), Key(tt.b); ka != tt.key || kb != tt.key {
				t.Errorf("Key(%q) = %q, Key(%q) = %q, want both %q", tt.a, ka, tt.b, kb, tt.key)
			}
		})
	}
	if Key("sameh") == Key("savn") {
		t.Errorf("Key: h after a vowel must not lenite a preceding m (sameh)")
	}
}
