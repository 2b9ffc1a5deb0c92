package eventlog

import (
	"bytes"
	"strings"
	"testing"
)

func testCheckpoint(t *testing.T) (Checkpoint, string, string) {
	t.Helper()
	origin, err := NewOrigin()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(origin, OriginPrefix) || len(origin) != len(OriginPrefix)+32 {
		t.Fatalf("origin %q", origin)
	}
	skey, vkey, err := GenerateKey(origin)
	if err != nil {
		t.Fatal(err)
	}
	tree := NewTree()
	for i := range uint64(11) {
		tree.Append(testLeaf(i))
	}
	return Checkpoint{Origin: origin, Size: tree.Size(), Root: tree.Root()}, skey, vkey
}

func TestCheckpointBodyRoundTrip(t *testing.T) {
	c, _, _ := testCheckpoint(t)
	body := c.Body()
	lines := strings.Split(string(body), "\n")
	if len(lines) != 4 || lines[0] != c.Origin || lines[1] != "11" || lines[3] != "" {
		t.Fatalf("body %q", body)
	}
	got, err := ParseCheckpoint(body)
	if err != nil {
		t.Fatal(err)
	}
	if got != c {
		t.Errorf("ParseCheckpoint = %+v, want %+v", got, c)
	}
	// Extension lines are allowed by tlog-checkpoint and ignored.
	got, err = ParseCheckpoint(append(bytes.Clone(body), "ext one\next two\n"...))
	if err != nil || got != c {
		t.Errorf("with extension lines: %+v, %v", got, err)
	}
	empty := Checkpoint{Origin: "vigil.local/x", Size: 0, Root: emptyRoot()}
	if got, err := ParseCheckpoint(empty.Body()); err != nil || got != empty {
		t.Errorf("empty tree checkpoint: %+v, %v", got, err)
	}
}

func TestParseCheckpointRejects(t *testing.T) {
	c, _, _ := testCheckpoint(t)
	lines := strings.Split(strings.TrimSuffix(string(c.Body()), "\n"), "\n")
	join := func(ls ...string) string { return strings.Join(ls, "\n") + "\n" }
	rootStd := lines[2]
	for name, body := range map[string]string{
		"empty":               "",
		"no final newline":    strings.TrimSuffix(join(lines...), "\n"),
		"two lines":           join(lines[0], lines[1]),
		"empty origin":        join("", lines[1], lines[2]),
		"origin with space":   join("vigil.local/a b", lines[1], lines[2]),
		"origin with plus":    join("vigil.local/a+b", lines[1], lines[2]),
		"size leading zero":   join(lines[0], "011", lines[2]),
		"size negative":       join(lines[0], "-11", lines[2]),
		"size plus":           join(lines[0], "+11", lines[2]),
		"size too big":        join(lines[0], "18446744073709551616", lines[2]),
		"size hex":            join(lines[0], "0xb", lines[2]),
		"root url base64":     join(lines[0], lines[1], strings.NewReplacer("+", "-", "/", "_").Replace(rootStd)+"x"),
		"root unpadded":       join(lines[0], lines[1], strings.TrimRight(rootStd, "=")),
		"root 31 bytes":       join(lines[0], lines[1], "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=="),
		"empty extension":     join(lines[0], lines[1], lines[2], ""),
		"blank line in body":  join(lines[0], "", lines[1], lines[2]),
		"crlf":                strings.ReplaceAll(join(lines...), "\n", "\r\n"),
		"invalid utf-8":       join(lines[0]+"\xff", lines[1], lines[2]),
		"root with space":     join(lines[0], lines[1], " "+rootStd),
		"size with space":     join(lines[0], " 11", lines[2]),
		"root hex not base64": join(lines[0], lines[1], hexOf(c.Root)),
	} {
		t.Run(name, func(t *testing.T) {
			if got, err := ParseCheckpoint([]byte(body)); err == nil {
				t.Errorf("ParseCheckpoint(%q) = %+v, want an error", body, got)
			}
		})
	}
}

func TestSignOpen(t *testing.T) {
	c, skey, vkey := testCheckpoint(t)
	signed, err := Sign(c, skey)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(signed, append(c.Body(), "\n— "+c.Origin+" "...)) {
		t.Fatalf("signed note shape:\n%s", signed)
	}
	got, err := Open(signed, vkey, c.Origin)
	if err != nil {
		t.Fatal(err)
	}
	if got != c {
		t.Errorf("Open = %+v, want %+v", got, c)
	}

	t.Run("wrong key", func(t *testing.T) {
		_, otherV, err := GenerateKey(c.Origin)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Open(signed, otherV, c.Origin); err == nil {
			t.Error("opened with another key of the same name")
		}
	})
	t.Run("wrong origin", func(t *testing.T) {
		other, _ := NewOrigin()
		_, otherV, _ := GenerateKey(other)
		if _, err := Open(signed, otherV, other); err == nil {
			t.Error("opened a checkpoint of another log")
		}
		if _, err := Open(signed, vkey, other); err == nil {
			t.Error("opened with an origin that is not the key's")
		}
	})
	t.Run("tampered body", func(t *testing.T) {
		for _, tamper := range []func([]byte) []byte{
			func(b []byte) []byte { return bytes.Replace(b, []byte("\n11\n"), []byte("\n12\n"), 1) },
			func(b []byte) []byte { return bytes.Replace(b, []byte("\n11\n"), []byte("\n10\n"), 1) },
			func(b []byte) []byte {
				b = bytes.Clone(b)
				i := bytes.IndexByte(b, '\n') + 4 // a byte of the root line
				b[i] ^= 1
				return b
			},
			func(b []byte) []byte { return append([]byte("x"), b...) },
		} {
			bad := tamper(signed)
			if bytes.Equal(bad, signed) {
				t.Fatal("tamper changed nothing")
			}
			if _, err := Open(bad, vkey, c.Origin); err == nil {
				t.Errorf("opened a tampered note:\n%s", bad)
			}
		}
	})
	t.Run("tampered signature", func(t *testing.T) {
		bad := bytes.Clone(signed)
		bad[len(bad)-5] ^= 1
		if _, err := Open(bad, vkey, c.Origin); err == nil {
			t.Error("opened a note with a damaged signature")
		}
	})
	t.Run("extra unknown signature is ignored", func(t *testing.T) {
		other, _ := NewOrigin()
		otherS, _, _ := GenerateKey(other)
		c2 := c
		c2.Origin = other
		cosigned, err := Sign(c2, otherS)
		if err != nil {
			t.Fatal(err)
		}
		sigLine := cosigned[bytes.LastIndex(cosigned, []byte("\n—"))+1:]
		both := append(bytes.Clone(signed), sigLine...)
		if got, err := Open(both, vkey, c.Origin); err != nil || got != c {
			t.Errorf("Open with an extra signature: %+v, %v", got, err)
		}
	})
	t.Run("key name must be the origin", func(t *testing.T) {
		c2 := c
		c2.Origin = "vigil.local/other"
		if _, err := Sign(c2, skey); err == nil {
			t.Error("signed a checkpoint whose origin is not the key name")
		}
		if _, err := Sign(c, vkey); err == nil {
			t.Error("signed with a verifier key")
		}
	})
}

func TestGenerateKeyRejectsBadNames(t *testing.T) {
	for _, name := range []string{"", "a b", "a+b", "a\nb"} {
		if _, _, err := GenerateKey(name); err == nil {
			t.Errorf("GenerateKey(%q) succeeded", name)
		}
	}
}
