package eventlog

import (
	"encoding/binary"
	"fmt"
	"math/bits"

	"github.com/transparency-dev/merkle/compact"
)

// Frontier is the incremental root of a growing tree: the compact range
// [0, size), which is the hashes of the perfect subtrees covering the leaves
// so far (at most 64, one per set bit of the size). It is what the store keeps
// on its write path: appending costs on average one interior hash, and the
// state fits in a few kilobytes however large the log grows.
//
// The zero Frontier is an empty tree ready to use.
type Frontier struct {
	r *compact.Range
}

func (f *Frontier) rng() *compact.Range {
	if f.r == nil {
		factory := &compact.RangeFactory{Hash: hashChildren}
		f.r = factory.NewEmptyRange(0)
	}
	return f.r
}

// Append adds a leaf hash (see LeafHash) at index Size().
func (f *Frontier) Append(leaf [32]byte) {
	// Append fails only for a corrupted range, which UnmarshalBinary and
	// the zero value never produce.
	if err := f.rng().Append(leaf[:], nil); err != nil {
		panic("eventlog: frontier: " + err.Error())
	}
}

// Size returns the number of leaves appended.
func (f *Frontier) Size() uint64 {
	if f.r == nil {
		return 0
	}
	return f.r.End()
}

// Root returns the RFC 6962 root of the leaves appended so far; the empty
// tree's root is SHA-256("").
func (f *Frontier) Root() [32]byte {
	if f.Size() == 0 {
		return emptyRoot()
	}
	root, err := f.r.GetRootHash(nil)
	if err != nil {
		panic("eventlog: frontier: " + err.Error())
	}
	return [32]byte(root)
}

// MarshalBinary encodes the frontier as the tree size (8 bytes, big endian)
// followed by the 32-byte hashes of the perfect subtrees covering [0, size),
// left to right (one per set bit of size, largest first).
func (f *Frontier) MarshalBinary() ([]byte, error) {
	hashes := f.rng().Hashes()
	b := make([]byte, 8, 8+32*len(hashes))
	binary.BigEndian.PutUint64(b, f.Size())
	for _, h := range hashes {
		b = append(b, h...)
	}
	return b, nil
}

// UnmarshalBinary restores a frontier written by MarshalBinary.
func (f *Frontier) UnmarshalBinary(b []byte) error {
	if len(b) < 8 {
		return fmt.Errorf("decode frontier: %d bytes, want at least 8", len(b))
	}
	size := binary.BigEndian.Uint64(b)
	n := bits.OnesCount64(size)
	if want := 8 + 32*n; len(b) != want {
		return fmt.Errorf("decode frontier: size %d needs %d bytes, got %d", size, want, len(b))
	}
	hashes := make([][]byte, n)
	for i := range hashes {
		hashes[i] = append([]byte(nil), b[8+32*i:8+32*(i+1)]...)
	}
	factory := &compact.RangeFactory{Hash: hashChildren}
	r, err := factory.NewRange(0, size, hashes)
	if err != nil {
		return fmt.Errorf("decode frontier: %w", err)
	}
	f.r = r
	return nil
}
