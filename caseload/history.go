package caseload

import (
	"cmp"
	"slices"
)

// patch is one amendment as the engine keeps it: from when it takes effect, the log
// position that wrote it, and the new values.
type patch[T any] struct {
	eff int64  // effective time, Unix nanoseconds
	seq uint64 // event position: ignored when at or beyond the known size
	set T
}

// patches are a record's amendments in the order they apply: by effective time, then by
// log position (a later correction to the same moment wins).
type patches[T any] []patch[T]

func (ps *patches[T]) add(p patch[T]) {
	i, _ := slices.BinarySearchFunc(*ps, p, func(x, y patch[T]) int {
		return cmp.Or(cmp.Compare(x.eff, y.eff), cmp.Compare(x.seq, y.seq))
	})
	*ps = slices.Insert(*ps, i, p)
}

// each calls fn with every patch in force at at and known before size known, in order.
func (ps patches[T]) each(at int64, known uint64, fn func(*T)) {
	for i := range ps {
		p := &ps[i]
		if p.eff > at {
			return
		}
		if p.seq < known {
			fn(&p.set)
		}
	}
}
