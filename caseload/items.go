package caseload

import (
	"hash/maphash"
	"unsafe"
)

// itemStore holds the items. There are millions of them, so it holds them free of Go
// pointers — ids live back to back in a byte arena and subjects in a pool, both referred
// to by offset, and the index maps a hash of the id rather than the id — so the garbage
// collector never has to trace the caseload, which would make every collection during a
// board as slow as walking ten million items. And it holds them in fixed-size chunks, so
// that growing never copies the whole store or leaves half of a doubled array unused.
type itemStore struct {
	items  arena[item]
	ids    arena[byte]       // every item id
	assign arena[assignment] // every item's subjects as recorded
	index  map[uint64]int32
	clash  map[string]int32 // the rare id whose hash another id already holds
	seed   maphash.Seed
}

func newItemStore() itemStore {
	return itemStore{
		items:  arena[item]{shift: 16},
		ids:    arena[byte]{shift: 20},
		assign: arena[assignment]{shift: 16},
		index:  map[uint64]int32{},
		clash:  map[string]int32{},
		seed:   maphash.MakeSeed(),
	}
}

// count returns how many items there are.
func (s *itemStore) count() int { return s.items.n }

// item returns item i.
func (s *itemStore) item(i int32) *item { return s.items.at(uint32(i)) }

// lookup returns the index of the item with id.
func (s *itemStore) lookup(id string) (int32, bool) {
	i, ok := s.index[maphash.String(s.seed, id)]
	if ok && s.id(i) == id {
		return i, true
	}
	i, ok = s.clash[id]
	return i, ok
}

// add appends a new item with id, which must not be present, and returns its index.
func (s *itemStore) add(id string) int32 {
	sp := s.ids.append([]byte(id)...)
	i := int32(s.items.append(item{id: sp, changes: -1}).off)
	h := maphash.String(s.seed, id)
	if _, taken := s.index[h]; taken {
		s.clash[id] = i
	} else {
		s.index[h] = i
	}
	return i
}

// id returns item i's id.
func (s *itemStore) id(i int32) string { return s.idOf(s.item(i).id) }

// idOf returns the id in span sp of the id arena. The string shares the arena's bytes,
// which are never written again once appended.
func (s *itemStore) idOf(sp span) string {
	if sp.n == 0 {
		return ""
	}
	return unsafe.String(s.ids.at(sp.off), int(sp.n))
}

// subjectsOf returns the subjects an item named when recorded.
func (s *itemStore) subjectsOf(x *item) []assignment { return s.assign.run(x.subjects) }

// setSubjects records an item's subjects in the pool.
func (s *itemStore) setSubjects(x *item, as []assignment) { x.subjects = s.assign.append(as...) }

// span is a run of an arena: n elements from offset off.
type span struct{ off, n uint32 }

// arena is an append-only array in chunks of 1<<shift elements. A run appended together
// stays within one chunk, so it can be read as one slice.
type arena[T any] struct {
	chunks [][]T
	shift  uint
	n      int // elements appended: the next offset, less any chunk tails skipped
	next   uint32
}

func (a *arena[T]) at(off uint32) *T {
	return &a.chunks[off>>a.shift][off&(1<<a.shift-1)]
}

func (a *arena[T]) run(sp span) []T {
	if sp.n == 0 {
		return nil
	}
	c := a.chunks[sp.off>>a.shift]
	o := sp.off & (1<<a.shift - 1)
	return c[o : o+sp.n : o+sp.n]
}

// append adds vs as one run and returns where. A run longer than a chunk gets a chunk of
// its own size.
func (a *arena[T]) append(vs ...T) span {
	size := uint32(1) << a.shift
	n := uint32(len(vs))
	if n == 0 {
		return span{}
	}
	if len(a.chunks) == 0 || a.next&(size-1)+n > size || a.next&(size-1) == 0 {
		if len(a.chunks) > 0 && a.next&(size-1) != 0 {
			a.next = (a.next>>a.shift + 1) << a.shift // skip the tail of the full chunk
		}
		a.chunks = append(a.chunks, make([]T, 0, max(size, n)))
	}
	c := &a.chunks[len(a.chunks)-1]
	off := a.next
	*c = append(*c, vs...)
	a.next += n
	a.n += len(vs)
	if n > size {
		// An oversized run fills its chunk, and offsets beyond it are never used.
		a.next = (off>>a.shift + 1) << a.shift
	}
	return span{off, n}
}
