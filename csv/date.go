package csv

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// DateOrder says how a register writes numeric dates whose year comes last.
type DateOrder string

const (
	DMY DateOrder = "DMY" // 03/04/1990 is 3 April 1990
	MDY DateOrder = "MDY" // 03/04/1990 is 4 March 1990
	YMD DateOrder = "YMD" // dates are year first; a year-last date is read only when unambiguous
)

var months = [...]string{"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"}

// token is a run of digits or of letters in a date.
type token struct {
	s     string
	digit bool
}

// parseDate normalises one date of birth to the identity object's forms:
// YYYY, YYYY-MM or YYYY-MM-DD. It reads YYYYMMDD; year-first dates
// (YYYY-MM-DD, YYYY/MM/DD, YYYY-MM, YYYY); year-last dates (DD/MM/YYYY or
// MM/DD/YYYY by order, MM/YYYY); and English month names or their
// abbreviations (3 Mar 1990, March 3, 1990, Mar 1990, 1990-Mar-03).
// Separators may be '-', '/', '.', ',' or spaces. Two-digit years are
// refused: a century cannot be guessed for a date of birth.
func parseDate(s string, order DateOrder) (string, error) {
	if len(s) == 10 && s[4] == '-' && s[7] == '-' && digits(s[:4]) && digits(s[5:7]) && digits(s[8:]) {
		// The canonical form, checked in place.
		if err := checkDay(atoi(s[:4]), atoi(s[5:7]), atoi(s[8:])); err != nil {
			return "", fmt.Errorf("%v: %q", err, s)
		}
		return s, nil
	}
	toks, ok := tokens(s)
	if !ok {
		return "", fmt.Errorf("not a date: %q", s)
	}
	shape := make([]byte, 0, 3)
	for _, t := range toks {
		switch {
		case !t.digit:
			shape = append(shape, 'a')
		case len(t.s) <= 2:
			shape = append(shape, 'n')
		case len(t.s) == 4:
			shape = append(shape, 'y')
		case len(t.s) == 8:
			shape = append(shape, '8')
		default:
			shape = append(shape, '?')
		}
	}
	y, m, d := 0, 0, 0
	hasMonth, hasDay := true, true
	var err error
	switch string(shape) {
	case "y":
		y = atoi(toks[0].s)
		hasMonth, hasDay = false, false
	case "8":
		t := toks[0].s
		y, m, d = atoi(t[:4]), atoi(t[4:6]), atoi(t[6:])
	case "yn":
		y, m = atoi(toks[0].s), atoi(toks[1].s)
		hasDay = false
	case "ny":
		m, y = atoi(toks[0].s), atoi(toks[1].s)
		hasDay = false
	case "ynn":
		y, m, d = atoi(toks[0].s), atoi(toks[1].s), atoi(toks[2].s)
	case "nny":
		y = atoi(toks[2].s)
		d, m, err = dayMonth(atoi(toks[0].s), atoi(toks[1].s), order, s)
	case "nay":
		d, y = atoi(toks[0].s), atoi(toks[2].s)
		m, err = month(toks[1].s, s)
	case "any":
		d, y = atoi(toks[1].s), atoi(toks[2].s)
		m, err = month(toks[0].s, s)
	case "yan":
		y, d = atoi(toks[0].s), atoi(toks[2].s)
		m, err = month(toks[1].s, s)
	case "ay":
		y = atoi(toks[1].s)
		m, err = month(toks[0].s, s)
		hasDay = false
	case "nnn", "nan", "ann", "nn":
		return "", fmt.Errorf("two-digit year in %q: want a four-digit year", s)
	default:
		return "", fmt.Errorf("not a date: %q", s)
	}
	if err != nil {
		return "", err
	}
	switch {
	case !hasMonth:
		return format(y, 0, 0), nil
	case m < 1 || m > 12:
		return "", fmt.Errorf("not a real date: %q", s)
	case !hasDay:
		return format(y, m, 0), nil
	}
	if err := checkDay(y, m, d); err != nil {
		return "", fmt.Errorf("%v: %q", err, s)
	}
	return format(y, m, d), nil
}

// format writes YYYY, YYYY-MM or YYYY-MM-DD (m or d zero when absent);
// y has four digits.
func format(y, m, d int) string {
	b := make([]byte, 0, 10)
	b = append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
	if m > 0 {
		b = append(b, '-', byte('0'+m/10), byte('0'+m%10))
	}
	if d > 0 {
		b = append(b, '-', byte('0'+d/10), byte('0'+d%10))
	}
	return string(b)
}

// dayMonth reads the two leading numbers of a year-last date.
func dayMonth(a, b int, order DateOrder, s string) (day, month int, err error) {
	switch order {
	case DMY:
		return a, b, nil
	case MDY:
		return b, a, nil
	}
	switch {
	case a == b || (a > 12 && b <= 12):
		return a, b, nil
	case b > 12 && a <= 12:
		return b, a, nil
	case a > 12 && b > 12:
		return 0, 0, fmt.Errorf("no month in %q", s)
	}
	return 0, 0, fmt.Errorf("ambiguous date %q: day and month could be either way; state the date order (DMY or MDY)", s)
}

// month reads an English month name or an abbreviation of at least three
// letters.
func month(name, s string) (int, error) {
	if len(name) >= 3 {
		l := strings.ToLower(name)
		for i, m := range months {
			if strings.HasPrefix(m, l) {
				return i + 1, nil
			}
		}
	}
	return 0, fmt.Errorf("no month %q in %q", name, s)
}

// checkDay reports whether y-m-d is a real date.
func checkDay(y, m, d int) error {
	if m < 1 || m > 12 {
		return errors.New("not a real date")
	}
	if d < 1 || d > time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return errors.New("not a real date")
	}
	return nil
}

// tokens splits a date into runs of ASCII digits and ASCII letters; any
// other character but a separator makes it no date.
func tokens(s string) ([]token, bool) {
	toks := make([]token, 0, 3)
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '-' || c == '/' || c == '.' || c == ',' || c == '\t':
			i++
			continue
		case isDigit(c), isLetter(c):
			j := i
			for j < len(s) && isDigit(s[j]) == isDigit(c) && (isDigit(s[j]) || isLetter(s[j])) {
				j++
			}
			if len(toks) == 3 {
				return nil, false
			}
			toks = append(toks, token{s: s[i:j], digit: isDigit(c)})
			i = j
		default:
			return nil, false
		}
	}
	return toks, len(toks) > 0
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// atoi reads a run of at most eight ASCII digits.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
