package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"hash/maphash"

	"github.com/vigil-oss/vigil"
)

// stream checks an import chunk by chunk. It remembers each record of the
// input by key (for duplicates and references within the input) and, for
// references it could not yet resolve, every use, to check once the whole
// input is in: a reference may point forward in the file.
//
// Its maps are keyed by a digest of (kind, id) and hold no pointers, so that
// a million-record import does not give the garbage collector a million
// strings to scan over and over.
type stream struct {
	seen      map[digest]seenRecord
	inStore   map[digest]bool // referenced records found in the store
	pending   map[key][]refUse
	unchanged int
	problems  []vigil.FieldError
	// empty holds the kinds with no record in the store when the import
	// began: for them only the input need be asked, which spares an import
	// into a new store a million lookups.
	empty map[vigil.Kind]bool
	rd    reader
	seeds [2]maphash.Seed
}

type seenRecord struct {
	line int
	hash [32]byte
}

// digest identifies a (kind, id) pair within one import: two 64-bit
// hashes under independent random seeds, so that two distinct keys
// colliding is not a practical concern.
type digest [2]uint64

func (st *stream) digestOf(k vigil.Kind, id string) digest {
	var h maphash.Hash
	var d digest
	for i, seed := range st.seeds {
		h.SetSeed(seed)
		h.WriteString(string(k))
		h.WriteByte(0)
		h.WriteString(id)
		d[i] = h.Sum64()
	}
	return d
}

type refUse struct {
	line  int
	field string
}

// reader is where a streamed import asks what the store already holds: a
// connection of its own, so that its lookups run beside the import's writes
// instead of queueing with them. It sees the store as it was before the
// import began — no one else can write meanwhile, and what the import itself
// has written is in seen.
type reader interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func newStream(ctx context.Context, rd reader) (*stream, error) {
	st := &stream{seen: map[digest]seenRecord{}, inStore: map[digest]bool{}, pending: map[key][]refUse{},
		empty: map[vigil.Kind]bool{}, rd: rd, seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}}
	for _, k := range vigil.RecordKinds() {
		var any bool
		if err := rd.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM `+tableOf(k)+`)`).Scan(&any); err != nil {
			return nil, fmt.Errorf("look at %s: %w", tableOf(k), err)
		}
		st.empty[k] = !any
	}
	return st, nil
}

// lookup asks the store about keys of kinds it may hold.
func (st *stream) lookup(ctx context.Context, keys []key) (map[key][32]byte, error) {
	n := 0
	for _, k := range keys {
		if !st.empty[k.kind] {
			keys[n] = k
			n++
		}
	}
	return lookupHashes(ctx, st.rd, keys[:n])
}

func (st *stream) fail(line int, field, format string, args ...any) {
	st.problems = append(st.problems, vigil.FieldError{Line: line, Field: field, Reason: fmt.Sprintf(format, args...)})
}

// check classifies one chunk and returns the indices of the records to
// write: new, not repeated, with every reference resolved or pending.
func (st *stream) check(ctx context.Context, recs []vigil.Record) ([]int, error) {
	hashes := make([][32]byte, len(recs))
	digests := make([]digest, len(recs))
	var fresh []key
	for i := range recs {
		hashes[i] = payloadHash(&recs[i])
		digests[i] = st.digestOf(recs[i].Kind, recs[i].ID)
		if _, ok := st.seen[digests[i]]; !ok {
			fresh = append(fresh, key{recs[i].Kind, recs[i].ID})
		}
	}
	stored, err := st.lookup(ctx, fresh)
	if err != nil {
		return nil, err
	}
	var accepted []int
	for i := range recs {
		r := &recs[i]
		if prev, ok := st.seen[digests[i]]; ok {
			if prev.hash == hashes[i] {
				st.unchanged++
			} else {
				st.fail(r.Line, idField(r.Kind), "%s id %q is also on line %d with different content", r.Kind, r.ID, prev.line)
			}
			continue
		}
		st.seen[digests[i]] = seenRecord{r.Line, hashes[i]}
		if h, ok := stored[key{r.Kind, r.ID}]; ok {
			if h == hashes[i] {
				st.unchanged++
			} else {
				st.fail(r.Line, idField(r.Kind), "%s %q already exists with different content; change it with an amend record", r.Kind, r.ID)
			}
			continue
		}
		accepted = append(accepted, i)
	}
	return accepted, st.resolve(ctx, recs, accepted)
}

// known reports whether a referenced record is in the input so far or
// was found in the store.
func (st *stream) known(d digest) bool {
	if _, ok := st.seen[d]; ok {
		return true
	}
	return st.inStore[d]
}

// resolve checks the references of accepted records against the input so
// far and the store, leaving the rest pending.
func (st *stream) resolve(ctx context.Context, recs []vigil.Record, accepted []int) error {
	type open struct {
		d   digest
		rec int
		ref vigil.Ref
	}
	var unresolved []open
	var unknown []key
	for _, i := range accepted {
		for _, ref := range recs[i].Refs {
			if d := st.digestOf(ref.Kind, ref.ID); !st.known(d) {
				unresolved = append(unresolved, open{d, i, ref})
				unknown = append(unknown, key{ref.Kind, ref.ID})
			}
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	found, err := st.lookup(ctx, unknown)
	if err != nil {
		return err
	}
	for k := range found {
		st.inStore[st.digestOf(k.kind, k.id)] = true
	}
	for _, u := range unresolved {
		if !st.known(u.d) {
			k := key{u.ref.Kind, u.ref.ID}
			st.pending[k] = append(st.pending[k], refUse{recs[u.rec].Line, u.ref.Field})
		}
	}
	return nil
}

// finish reports the references that nothing in the input resolved (the
// store was asked as each arrived, and cannot change while the import holds
// the write lock).
func (st *stream) finish() {
	for k, uses := range st.pending {
		if _, ok := st.seen[st.digestOf(k.kind, k.id)]; ok {
			continue
		}
		for _, u := range uses {
			st.fail(u.line, u.field, "unknown %s %q: not in this input or the store", k.kind, k.id)
		}
	}
}
