package ndjson

import "encoding/json"

// A minimal scanner for JSON already known to be valid (DecodeLine checks
// each line with json.Valid first). It splits objects and lists into their
// members without decoding them, which is most of the work of reading a
// record; strings are unquoted directly unless they contain escapes. Every
// function is defensive about bounds, so invalid input yields ok == false,
// never a panic.

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func trimSpace(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

func isNull(v []byte) bool { return string(v) == "null" }

// valueEnd returns the index just past the value starting at b[i], or -1.
func valueEnd(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return stringEnd(b, i)
	case '{', '[':
		depth := 0
		for i < len(b) {
			switch b[i] {
			case '"':
				i = stringEnd(b, i)
				if i < 0 {
					return -1
				}
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return -1
	default:
		j := i
		for j < len(b) && !isSpace(b[j]) && b[j] != ',' && b[j] != '}' && b[j] != ']' && b[j] != ':' {
			j++
		}
		if j == i {
			return -1
		}
		return j
	}
}

// stringEnd returns the index just past the string starting at b[i], or -1.
func stringEnd(b []byte, i int) int {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}

// splitObject appends the members of the object v to out, in order.
func splitObject(v []byte, out []field) ([]field, bool) {
	v = trimSpace(v)
	if len(v) < 2 || v[0] != '{' {
		return out, false
	}
	i := skipSpace(v, 1)
	if i < len(v) && v[i] == '}' {
		return out, i == len(v)-1
	}
	for {
		kend := valueEnd(v, i)
		if kend < 0 || v[i] != '"' {
			return out, false
		}
		key, ok := unquoteBytes(v[i:kend])
		if !ok {
			return out, false
		}
		f := field{key: key, rawKey: v[i:kend]}
		i = skipSpace(v, kend)
		if i >= len(v) || v[i] != ':' {
			return out, false
		}
		i = skipSpace(v, i+1)
		vend := valueEnd(v, i)
		if vend < 0 {
			return out, false
		}
		f.val = v[i:vend]
		out = append(out, f)
		i = skipSpace(v, vend)
		if i >= len(v) {
			return out, false
		}
		switch v[i] {
		case ',':
			i = skipSpace(v, i+1)
		case '}':
			return out, i == len(v)-1
		default:
			return out, false
		}
	}
}

// splitArray returns the members of the list v, in order.
func splitArray(v []byte) ([][]byte, bool) {
	v = trimSpace(v)
	if len(v) < 2 || v[0] != '[' {
		return nil, false
	}
	out := make([][]byte, 0, 4)
	i := skipSpace(v, 1)
	if i < len(v) && v[i] == ']' {
		return out, i == len(v)-1
	}
	for {
		end := valueEnd(v, i)
		if end < 0 {
			return nil, false
		}
		out = append(out, v[i:end])
		i = skipSpace(v, end)
		if i >= len(v) {
			return nil, false
		}
		switch v[i] {
		case ',':
			i = skipSpace(v, i+1)
		case ']':
			return out, i == len(v)-1
		default:
			return nil, false
		}
	}
}

// unquoteBytes is unquote without a copy when the string has no escapes.
func unquoteBytes(v []byte) ([]byte, bool) {
	if len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"' {
		return nil, false
	}
	inner := v[1 : len(v)-1]
	for _, c := range inner {
		if c == '\\' || c == '"' || c < 0x20 {
			s, ok := unquote(v)
			return []byte(s), ok
		}
	}
	return inner, true
}

// unquote decodes a JSON string value. Without escapes the bytes between the
// quotes are the string (the line was checked to be valid UTF-8); with
// escapes encoding/json decodes it, as it would have anyway.
func unquote(v []byte) (string, bool) {
	if len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"' {
		return "", false
	}
	inner := v[1 : len(v)-1]
	for _, c := range inner {
		if c == '\\' || c == '"' || c < 0x20 {
			var s string
			if err := json.Unmarshal(v, &s); err != nil {
				return "", false
			}
			return s, true
		}
	}
	return string(inner), true
}
