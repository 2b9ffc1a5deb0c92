package eventlog

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/mod/sumdb/note"
)

// OriginPrefix starts every Vigil log origin: "vigil.local/<store-id>".
const OriginPrefix = "vigil.local/"

// Checkpoint is a signed statement of the tree: its origin (which log), size
// and root. Its text form is a C2SP tlog-checkpoint body.
type Checkpoint struct {
	Origin string
	Size   uint64
	Root   [32]byte
}

// NewOrigin returns a fresh origin for a new store: OriginPrefix followed by
// 128 random bits in lowercase hex.
func NewOrigin() (string, error) {
	return newOrigin(rand.Reader)
}

func newOrigin(r io.Reader) (string, error) {
	var id [16]byte
	if _, err := io.ReadFull(r, id[:]); err != nil {
		return "", fmt.Errorf("new origin: %w", err)
	}
	return OriginPrefix + hex.EncodeToString(id[:]), nil
}

// Body returns the checkpoint note text: origin, decimal size and base64
// root, each followed by a newline. Vigil writes no extension lines.
func (c Checkpoint) Body() []byte {
	b := make([]byte, 0, len(c.Origin)+70)
	b = append(b, c.Origin...)
	b = append(b, '\n')
	b = strconv.AppendUint(b, c.Size, 10)
	b = append(b, '\n')
	b = base64.StdEncoding.AppendEncode(b, c.Root[:])
	return append(b, '\n')
}

// ParseCheckpoint parses a checkpoint body. Extension lines after the root
// are allowed by tlog-checkpoint and ignored; everything else is strict.
func ParseCheckpoint(body []byte) (Checkpoint, error) {
	var c Checkpoint
	if !utf8.Valid(body) {
		return c, fmt.Errorf("parse checkpoint: invalid UTF-8")
	}
	text := string(body)
	if !strings.HasSuffix(text, "\n") {
		return c, fmt.Errorf("parse checkpoint: body does not end in a newline")
	}
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if len(lines) < 3 {
		return c, fmt.Errorf("parse checkpoint: %d lines, want at least 3", len(lines))
	}
	for i, l := range lines {
		if l == "" {
			return c, fmt.Errorf("parse checkpoint: line %d is empty", i+1)
		}
	}
	if err := checkOrigin(lines[0]); err != nil {
		return c, fmt.Errorf("parse checkpoint: %w", err)
	}
	c.Origin = lines[0]
	size, err := strconv.ParseUint(lines[1], 10, 64)
	if err != nil || strconv.FormatUint(size, 10) != lines[1] {
		return c, fmt.Errorf("parse checkpoint: tree size %q is not a decimal number without leading zeros", lines[1])
	}
	c.Size = size
	root, err := base64.StdEncoding.Strict().DecodeString(lines[2])
	if err != nil || len(root) != 32 || base64.StdEncoding.EncodeToString(root) != lines[2] {
		return c, fmt.Errorf("parse checkpoint: root %q is not the base64 of 32 bytes", lines[2])
	}
	c.Root = [32]byte(root)
	return c, nil
}

// checkOrigin applies the signed-note key name rules, since the origin is
// also the key name: non-empty, no Unicode spaces, no '+', no control
// characters.
func checkOrigin(origin string) error {
	if origin == "" {
		return fmt.Errorf("origin is empty")
	}
	for _, r := range origin {
		if unicode.IsSpace(r) || r == '+' || r < 0x20 || r == 0x7f {
			return fmt.Errorf("origin %q contains %U", origin, r)
		}
	}
	return nil
}

// GenerateKey returns a new Ed25519 signer key and its verifier key, in the
// golang.org/x/mod/sumdb/note text forms. name must be the log's origin. The
// signer key is a secret: it must never be stored in the store it signs for.
func GenerateKey(name string) (signerKey, verifierKey string, err error) {
	return generateKey(rand.Reader, name)
}

func generateKey(r io.Reader, name string) (signerKey, verifierKey string, err error) {
	if err := checkOrigin(name); err != nil {
		return "", "", fmt.Errorf("generate key: %w", err)
	}
	skey, vkey, err := note.GenerateKey(r, name)
	if err != nil {
		return "", "", fmt.Errorf("generate key %q: %w", name, err)
	}
	return skey, vkey, nil
}

// Sign returns c as a signed note: the body, a blank line and an Ed25519
// signature line. The key's name must equal c.Origin.
func Sign(c Checkpoint, signerKey string) ([]byte, error) {
	if err := checkOrigin(c.Origin); err != nil {
		return nil, fmt.Errorf("sign checkpoint: %w", err)
	}
	s, err := note.NewSigner(signerKey)
	if err != nil {
		// The note package's errors do not echo the key, but be sure.
		return nil, fmt.Errorf("sign checkpoint: malformed signer key")
	}
	if s.Name() != c.Origin {
		return nil, fmt.Errorf("sign checkpoint: key name %q is not the origin %q", s.Name(), c.Origin)
	}
	signed, err := note.Sign(&note.Note{Text: string(c.Body())}, s)
	if err != nil {
		return nil, fmt.Errorf("sign checkpoint %s at size %d: %w", c.Origin, c.Size, err)
	}
	return signed, nil
}

// Open verifies a signed checkpoint with verifierKey, parses it, and checks
// that its origin is the expected one (which is also the key's name).
// Signatures by other keys are ignored, as signed-note requires.
func Open(signed []byte, verifierKey string, origin string) (Checkpoint, error) {
	v, err := note.NewVerifier(verifierKey)
	if err != nil {
		return Checkpoint{}, fmt.Errorf("open checkpoint: verifier key: %w", err)
	}
	if v.Name() != origin {
		return Checkpoint{}, fmt.Errorf("open checkpoint: verifier key is for %q, want origin %q", v.Name(), origin)
	}
	n, err := note.Open(signed, note.VerifierList(v))
	if err != nil {
		return Checkpoint{}, fmt.Errorf("open checkpoint: %w", err)
	}
	c, err := ParseCheckpoint([]byte(n.Text))
	if err != nil {
		return Checkpoint{}, fmt.Errorf("open checkpoint: %w", err)
	}
	if c.Origin != origin {
		return Checkpoint{}, fmt.Errorf("open checkpoint: origin %q, want %q", c.Origin, origin)
	}
	return c, nil
}
