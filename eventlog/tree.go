package eventlog

import (
	"fmt"

	"github.com/transparency-dev/merkle/compact"
	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"
)

// hashChildren is the RFC 6962 interior node hash, SHA-256(0x01 || l || r).
func hashChildren(l, r []byte) []byte {
	return rfc6962.DefaultHasher.HashChildren(l, r)
}

// emptyRoot is the root of the empty tree, SHA-256("").
func emptyRoot() [32]byte {
	return [32]byte(rfc6962.DefaultHasher.EmptyRoot())
}

// Tree is an in-memory, append-only RFC 6962 Merkle tree that keeps the hash
// of every perfect subtree (about two hashes per leaf), so that the root at
// any earlier size and any inclusion or consistency proof cost O(log n).
// Verification uses it; the store's write path uses the lighter Frontier.
//
// The zero Tree is an empty tree ready to use.
type Tree struct {
	// levels[l][i] is the hash of the perfect subtree of height l covering
	// leaves [i<<l, (i+1)<<l); levels[0] are the leaf hashes.
	levels [][][32]byte
}

// NewTree returns an empty tree.
func NewTree() *Tree {
	return &Tree{}
}

// Append adds a leaf hash (see LeafHash) at index Size().
func (t *Tree) Append(leaf [32]byte) {
	h := leaf
	for l := 0; ; l++ {
		if l == len(t.levels) {
			t.levels = append(t.levels, nil)
		}
		t.levels[l] = append(t.levels[l], h)
		n := len(t.levels[l])
		if n%2 == 1 {
			return
		}
		h = [32]byte(hashChildren(t.levels[l][n-2][:], h[:]))
	}
}

// Size returns the number of leaves.
func (t *Tree) Size() uint64 {
	if len(t.levels) == 0 {
		return 0
	}
	return uint64(len(t.levels[0]))
}

// Leaf returns the leaf hash at index i, which must be below Size().
func (t *Tree) Leaf(i uint64) [32]byte {
	return t.levels[0][i]
}

// Root returns the RFC 6962 root of the whole tree; the empty tree's root is
// SHA-256("").
func (t *Tree) Root() [32]byte {
	r, _ := t.RootAt(t.Size())
	return r
}

// RootAt returns the root of the tree formed by the first size leaves.
func (t *Tree) RootAt(size uint64) ([32]byte, error) {
	if size > t.Size() {
		return [32]byte{}, fmt.Errorf("root at size %d: tree has only %d leaves", size, t.Size())
	}
	if size == 0 {
		return emptyRoot(), nil
	}
	// The root folds the perfect subtrees covering [0, size) from the right.
	ids := compact.RangeNodes(0, size, nil)
	root := t.node(ids[len(ids)-1])
	for i := len(ids) - 2; i >= 0; i-- {
		n := t.node(ids[i])
		root = [32]byte(hashChildren(n[:], root[:]))
	}
	return root, nil
}

func (t *Tree) node(id compact.NodeID) [32]byte {
	return t.levels[id.Level][id.Index]
}

// InclusionProof returns the RFC 6962 proof that leaf index is in the tree of
// the given size: index < size ≤ Size().
func (t *Tree) InclusionProof(index, size uint64) ([][]byte, error) {
	if size > t.Size() {
		return nil, fmt.Errorf("inclusion proof for %d at size %d: tree has only %d leaves", index, size, t.Size())
	}
	nodes, err := proof.Inclusion(index, size)
	if err != nil {
		return nil, fmt.Errorf("inclusion proof for %d at size %d: %w", index, size, err)
	}
	return t.rehash(nodes)
}

// ConsistencyProof returns the RFC 6962 proof that the tree of size m is a
// prefix of the tree of size n: 0 < m ≤ n ≤ Size(). A proof from size 0 is
// refused because it would prove nothing.
func (t *Tree) ConsistencyProof(m, n uint64) ([][]byte, error) {
	switch {
	case m == 0:
		return nil, fmt.Errorf("consistency proof %d to %d: %s", m, n, fromEmpty)
	case m > n:
		return nil, fmt.Errorf("consistency proof %d to %d: first size is larger", m, n)
	case n > t.Size():
		return nil, fmt.Errorf("consistency proof %d to %d: tree has only %d leaves", m, n, t.Size())
	}
	nodes, err := proof.Consistency(m, n)
	if err != nil {
		return nil, fmt.Errorf("consistency proof %d to %d: %w", m, n, err)
	}
	return t.rehash(nodes)
}

func (t *Tree) rehash(nodes proof.Nodes) ([][]byte, error) {
	hashes := make([][]byte, len(nodes.IDs))
	for i, id := range nodes.IDs {
		h := t.node(id)
		hashes[i] = h[:]
	}
	return nodes.Rehash(hashes, hashChildren)
}

// fromEmpty explains why a consistency proof from size 0 is refused.
const fromEmpty = "a consistency proof from size 0 proves nothing"

// VerifyConsistency checks an RFC 6962 proof that the tree of size m with
// root1 is a prefix of the tree of size n with root2.
//
// Unlike proof.VerifyConsistency in transparency-dev/merkle v0.0.2, it rejects
// m == 0: every tree extends the empty tree, so such a "proof" would let a
// log that was rewritten from scratch pass as consistent. It also rejects
// m > n, and roots or proof elements that are not 32 bytes.
func VerifyConsistency(m, n uint64, root1, root2 []byte, proofHashes [][]byte) error {
	if m == 0 {
		return fmt.Errorf("verify consistency %d to %d: %s", m, n, fromEmpty)
	}
	if m > n {
		return fmt.Errorf("verify consistency %d to %d: first size is larger", m, n)
	}
	if err := checkHashes(root1, root2, proofHashes); err != nil {
		return fmt.Errorf("verify consistency %d to %d: %w", m, n, err)
	}
	if err := proof.VerifyConsistency(rfc6962.DefaultHasher, m, n, proofHashes, root1, root2); err != nil {
		return fmt.Errorf("verify consistency %d to %d: %w", m, n, err)
	}
	return nil
}

// VerifyInclusion checks an RFC 6962 proof that leaf (a leaf hash) is at
// index in the tree of the given size with the given root.
func VerifyInclusion(index, size uint64, leaf, root []byte, proofHashes [][]byte) error {
	if index >= size {
		return fmt.Errorf("verify inclusion of %d at size %d: index beyond size", index, size)
	}
	if err := checkHashes(leaf, root, proofHashes); err != nil {
		return fmt.Errorf("verify inclusion of %d at size %d: %w", index, size, err)
	}
	if err := proof.VerifyInclusion(rfc6962.DefaultHasher, index, size, leaf, proofHashes, root); err != nil {
		return fmt.Errorf("verify inclusion of %d at size %d: %w", index, size, err)
	}
	return nil
}

func checkHashes(a, b []byte, proofHashes [][]byte) error {
	if len(a) != 32 || len(b) != 32 {
		return fmt.Errorf("hashes must be 32 bytes, got %d and %d", len(a), len(b))
	}
	for i, h := range proofHashes {
		if len(h) != 32 {
			return fmt.Errorf("proof element %d is %d bytes, want 32", i, len(h))
		}
	}
	return nil
}
