package eventlog

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"testing"
)

func hexOf(h [32]byte) string { return hex.EncodeToString(h[:]) }

// testLeaf is a deterministic leaf hash for index i.
func testLeaf(i uint64) [32]byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], i)
	return LeafHash(b[:])
}

// naiveRoot is RFC 6962's recursive definition of the Merkle Tree Hash,
// written independently of the library as a cross-check.
func naiveRoot(leaves [][32]byte) [32]byte {
	switch len(leaves) {
	case 0:
		return sha256.Sum256(nil)
	case 1:
		return leaves[0]
	}
	k := 1
	for k*2 < len(leaves) {
		k *= 2
	}
	l, r := naiveRoot(leaves[:k]), naiveRoot(leaves[k:])
	return sha256.Sum256(append(append([]byte{1}, l[:]...), r[:]...))
}

func TestTreeAndFrontierAgree(t *testing.T) {
	const n = 300
	tree := NewTree()
	var f Frontier
	var leaves [][32]byte
	roots := make([][32]byte, 0, n+1)
	for size := uint64(0); size <= n; size++ {
		want := naiveRoot(leaves)
		if got := tree.Root(); got != want {
			t.Fatalf("tree root at %d = %x, want %x", size, got, want)
		}
		if got := f.Root(); got != want {
			t.Fatalf("frontier root at %d = %x, want %x", size, got, want)
		}
		if tree.Size() != size || f.Size() != size {
			t.Fatalf("sizes %d, %d, want %d", tree.Size(), f.Size(), size)
		}
		// A frontier restored from its bytes carries on identically.
		b, err := f.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var g Frontier
		if err := g.UnmarshalBinary(b); err != nil {
			t.Fatalf("size %d: %v", size, err)
		}
		if g.Root() != want || g.Size() != size {
			t.Fatalf("restored frontier at %d: root %x size %d", size, g.Root(), g.Size())
		}
		g.Append(testLeaf(size))
		roots = append(roots, want)
		if size == n {
			break
		}
		leaf := testLeaf(size)
		leaves = append(leaves, leaf)
		tree.Append(leaf)
		f.Append(leaf)
		if g.Root() != naiveRoot(leaves) {
			t.Fatalf("restored frontier diverged after append at %d", size)
		}
	}
	for size := uint64(0); size <= n; size++ {
		got, err := tree.RootAt(size)
		if err != nil || got != roots[size] {
			t.Fatalf("RootAt(%d) = %x, %v; want %x", size, got, err, roots[size])
		}
	}
	if _, err := tree.RootAt(n + 1); err == nil {
		t.Error("RootAt beyond size succeeded")
	}
}

func TestFrontierUnmarshalRejects(t *testing.T) {
	var f Frontier
	for i := range uint64(5) {
		f.Append(testLeaf(i))
	}
	good, _ := f.MarshalBinary()
	for name, b := range map[string][]byte{
		"empty":       nil,
		"short size":  good[:7],
		"hash short":  good[:len(good)-1],
		"hash extra":  append(append([]byte(nil), good...), 0),
		"size lies":   append([]byte{0, 0, 0, 0, 0, 0, 0, 4}, good[8:]...),
		"size 0 data": append([]byte{0, 0, 0, 0, 0, 0, 0, 0}, good[8:40]...),
	} {
		var g Frontier
		if err := g.UnmarshalBinary(b); err == nil {
			t.Errorf("%s: UnmarshalBinary accepted %x", name, b)
		}
	}
	var zero Frontier
	b, _ := zero.MarshalBinary()
	if !bytes.Equal(b, make([]byte, 8)) {
		t.Errorf("empty frontier = %x, want 8 zero bytes", b)
	}
}

func TestProofs(t *testing.T) {
	const n = 70
	tree := NewTree()
	for i := range uint64(n) {
		tree.Append(testLeaf(i))
	}
	roots := make([][]byte, n+1)
	for size := range uint64(n + 1) {
		r, _ := tree.RootAt(size)
		roots[size] = r[:]
	}
	flip := func(p [][]byte, i int) [][]byte {
		q := make([][]byte, len(p))
		for j := range p {
			q[j] = append([]byte(nil), p[j]...)
		}
		q[i][0] ^= 1
		return q
	}

	for size := uint64(1); size <= n; size++ {
		for index := range size {
			p, err := tree.InclusionProof(index, size)
			if err != nil {
				t.Fatalf("InclusionProof(%d, %d): %v", index, size, err)
			}
			leaf := tree.Leaf(index)
			if err := VerifyInclusion(index, size, leaf[:], roots[size], p); err != nil {
				t.Fatalf("VerifyInclusion(%d, %d): %v", index, size, err)
			}
			other := testLeaf(index + 1)
			if VerifyInclusion(index, size, other[:], roots[size], p) == nil {
				t.Fatalf("inclusion (%d, %d) verified for the wrong leaf", index, size)
			}
			for i := range p {
				if VerifyInclusion(index, size, leaf[:], roots[size], flip(p, i)) == nil {
					t.Fatalf("inclusion (%d, %d) verified with element %d flipped", index, size, i)
				}
			}
			if size > 1 && VerifyInclusion(index, size, leaf[:], roots[size-1], p) == nil {
				t.Fatalf("inclusion (%d, %d) verified against the wrong root", index, size)
			}
		}
	}

	for m := uint64(1); m <= n; m++ {
		for size := m; size <= n; size++ {
			p, err := tree.ConsistencyProof(m, size)
			if err != nil {
				t.Fatalf("ConsistencyProof(%d, %d): %v", m, size, err)
			}
			if err := VerifyConsistency(m, size, roots[m], roots[size], p); err != nil {
				t.Fatalf("VerifyConsistency(%d, %d): %v", m, size, err)
			}
			if m < size && VerifyConsistency(m, size, roots[m-1], roots[size], p) == nil {
				t.Fatalf("consistency (%d, %d) verified with the wrong first root", m, size)
			}
			if m < size && VerifyConsistency(size, m, roots[size], roots[m], p) == nil {
				t.Fatalf("consistency (%d, %d) verified backwards", m, size)
			}
			for i := range p {
				if VerifyConsistency(m, size, roots[m], roots[size], flip(p, i)) == nil {
					t.Fatalf("consistency (%d, %d) verified with element %d flipped", m, size, i)
				}
			}
		}
	}

	for _, tc := range []struct{ index, size uint64 }{{0, 0}, {5, 5}, {0, n + 1}} {
		if _, err := tree.InclusionProof(tc.index, tc.size); err == nil {
			t.Errorf("InclusionProof(%d, %d) succeeded", tc.index, tc.size)
		}
	}
	for _, tc := range []struct{ m, n uint64 }{{0, 5}, {6, 5}, {1, n + 1}} {
		if _, err := tree.ConsistencyProof(tc.m, tc.n); err == nil {
			t.Errorf("ConsistencyProof(%d, %d) succeeded", tc.m, tc.n)
		}
	}
	// Short or long hashes are refused before any hashing.
	p, _ := tree.InclusionProof(3, 8)
	leaf := tree.Leaf(3)
	if VerifyInclusion(3, 8, leaf[:31], roots[8], p) == nil {
		t.Error("verified a 31-byte leaf")
	}
	if VerifyInclusion(3, 8, leaf[:], append(roots[8], 0), p) == nil {
		t.Error("verified a 33-byte root")
	}
}

func BenchmarkTreeAppend(b *testing.B) {
	tree := NewTree()
	leaf := testLeaf(0)
	b.ReportAllocs()
	for b.Loop() {
		tree.Append(leaf)
	}
}

// BenchmarkFrontierAppend measures the store's write path: one leaf appended
// to the incremental root. The target is more than 1M leaves/s.
func BenchmarkFrontierAppend(b *testing.B) {
	var f Frontier
	leaf := testLeaf(0)
	b.ReportAllocs()
	for b.Loop() {
		f.Append(leaf)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "leaves/s")
}

// BenchmarkFrontierAppend1M appends one million leaves and takes the root,
// as a commit of a large import would.
func BenchmarkFrontierAppend1M(b *testing.B) {
	const n = 1_000_000
	leaf := testLeaf(0)
	for b.Loop() {
		var f Frontier
		for range n {
			f.Append(leaf)
		}
		_ = f.Root()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "leaves/s")
}

func BenchmarkEncode(b *testing.B) {
	e := fullEvent(b)
	b.ReportAllocs()
	for b.Loop() {
		_ = e.Encode()
	}
}

func BenchmarkEncodeAndLeafHash(b *testing.B) {
	e := fullEvent(b)
	b.ReportAllocs()
	for b.Loop() {
		_ = LeafHash(e.Encode())
	}
}

func BenchmarkDecode(b *testing.B) {
	e := fullEvent(b)
	env := e.Encode()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(env); err != nil {
			b.Fatal(err)
		}
	}
}
