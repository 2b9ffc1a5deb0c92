package synth

// Lines are written by hand rather than through encoding/json: a million
// items must stream in a few seconds, and hand-written lines also keep the
// key order readable (type and id first).

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string.
func appendString[T string | []byte](b []byte, s T) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendInt appends n in decimal, zero-padded to width digits.
func appendInt(b []byte, n, width int) []byte {
	var d [20]byte
	i := len(d)
	for n >= 10 || len(d)-i < width-1 {
		i--
		d[i] = byte('0' + n%10)
		n /= 10
	}
	i--
	d[i] = byte('0' + n)
	return append(b, d[i:]...)
}

// appendID appends a quoted id such as "SUB-000042".
func appendID(b []byte, prefix string, n, width int) []byte {
	b = append(b, '"')
	b = append(b, prefix...)
	b = appendInt(b, n, width)
	return append(b, '"')
}

// appendTime appends a quoted RFC 3339 UTC time for t seconds since the
// Unix epoch (t ≥ 0), computing the civil date directly because
// time.Format is a measurable share of the cost of an item line.
func appendTime(b []byte, t int64) []byte {
	days := t / 86400
	secs := int(t % 86400)
	y, m, d := civil(days)
	b = append(b, '"')
	b = appendInt(b, y, 4)
	b = append(b, '-')
	b = appendInt(b, m, 2)
	b = append(b, '-')
	b = appendInt(b, d, 2)
	b = append(b, 'T')
	b = appendInt(b, secs/3600, 2)
	b = append(b, ':')
	b = appendInt(b, secs/60%60, 2)
	b = append(b, ':')
	b = appendInt(b, secs%60, 2)
	return append(b, 'Z', '"')
}

// civil converts days since 1970-01-01 to a proleptic Gregorian date
// (Howard Hinnant's days-to-civil algorithm).
func civil(z int64) (year, month, day int) {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return int(y), int(m), int(d)
}

// fields appends "key":value pairs to one object, writing the commas.
type fields struct {
	b     []byte
	first bool
}

func (f *fields) key(k string) {
	if !f.first {
		f.b = append(f.b, ',')
	}
	f.first = false
	f.b = append(f.b, '"')
	f.b = append(f.b, k...)
	f.b = append(f.b, '"', ':')
}

func (f *fields) str(k, v string) {
	if v == "" {
		return
	}
	f.key(k)
	f.b = appendString(f.b, v)
}
