package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/vigil-oss/vigil"
)

// tableOf names the projection table holding records of a kind.
func tableOf(k vigil.Kind) string {
	switch k {
	case vigil.KindSource:
		return "sources"
	case vigil.KindSubject:
		return "subjects"
	case vigil.KindInvestigation:
		return "investigations"
	case vigil.KindItem:
		return "items"
	case vigil.KindLink:
		return "links"
	case vigil.KindAmend:
		return "amendments"
	case vigil.KindRetract:
		return "retractions"
	}
	return ""
}

type key struct {
	kind vigil.Kind
	id   string
}

// plan is what an import will do, decided before anything is written.
type plan struct {
	write     []int // indices of records to write, in input order
	unchanged int
	problems  []vigil.FieldError
}

// planImport checks a partial import's records against the store and each
// other — ids new or identical, references resolvable — and rejects the
// records that refer to a rejected record in turn, so that nothing written
// dangles. (A plain import is checked as it streams: see stream.)
func planImport(ctx context.Context, tx *sql.Tx, recs []vigil.Record) (plan, error) {
	var p plan
	rejected := make([]bool, len(recs))
	dupe := make([]bool, len(recs))
	first := make(map[key]int, len(recs))
	reject := func(i int, field, format string, args ...any) {
		rejected[i] = true
		p.problems = append(p.problems, vigil.FieldError{Line: recs[i].Line, Field: field, Reason: fmt.Sprintf(format, args...)})
	}
	for i := range recs {
		k := key{recs[i].Kind, recs[i].ID}
		j, seen := first[k]
		switch {
		case !seen:
			first[k] = i
		case bytes.Equal(recs[j].Payload, recs[i].Payload):
			dupe[i] = true
		default:
			reject(i, idField(recs[i].Kind), "%s id %q is also on line %d with different content", recs[i].Kind, recs[i].ID, recs[j].Line)
		}
	}
	stored, err := lookupHashes(ctx, tx, keysOf(first))
	if err != nil {
		return p, err
	}
	inStore := make([]bool, len(recs))
	for k, i := range first {
		h, ok := stored[k]
		if !ok {
			continue
		}
		inStore[i] = true
		if h != payloadHash(&recs[i]) {
			reject(i, idField(k.kind), "%s %q already exists with different content; change it with an amend record", k.kind, k.id)
		}
	}
	missing, err := missingRefs(ctx, tx, recs, first)
	if err != nil {
		return p, err
	}
	for changed := true; changed; {
		changed = false
		for i := range recs {
			if rejected[i] || dupe[i] || inStore[i] {
				continue
			}
			for _, r := range recs[i].Refs {
				k := key{r.Kind, r.ID}
				j, inBatch := first[k]
				switch {
				case missing[k]:
					reject(i, r.Field, "unknown %s %q: not in this input or the store", r.Kind, r.ID)
				case inBatch && rejected[j] && !storedKey(stored, k):
					reject(i, r.Field, "refers to %s %q, which was rejected (line %d)", r.Kind, r.ID, recs[j].Line)
				default:
					continue
				}
				changed = true
				break
			}
		}
	}
	for i := range recs {
		if j := first[key{recs[i].Kind, recs[i].ID}]; dupe[i] && rejected[j] {
			reject(i, "", "repeats line %d, which was rejected", recs[j].Line)
		}
	}
	for i := range recs {
		switch {
		case rejected[i]:
		case dupe[i] || inStore[i]:
			p.unchanged++
		default:
			p.write = append(p.write, i)
		}
	}
	slices.SortStableFunc(p.problems, func(a, b vigil.FieldError) int { return a.Line - b.Line })
	return p, nil
}

func storedKey(m map[key][32]byte, k key) bool { _, ok := m[k]; return ok }

func idField(k vigil.Kind) string {
	if k == vigil.KindAmend || k == vigil.KindRetract {
		return ""
	}
	return "id"
}

func keysOf(m map[key]int) []key {
	out := make([]key, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// missingRefs returns the references found neither in the input nor in the
// store.
func missingRefs(ctx context.Context, tx *sql.Tx, recs []vigil.Record, first map[key]int) (map[key]bool, error) {
	want := map[key]bool{}
	for i := range recs {
		for _, r := range recs[i].Refs {
			k := key{r.Kind, r.ID}
			if _, ok := first[k]; !ok {
				want[k] = true
			}
		}
	}
	if len(want) == 0 {
		return want, nil
	}
	keys := make([]key, 0, len(want))
	for k := range want {
		keys = append(keys, k)
	}
	found, err := lookupHashes(ctx, tx, keys)
	if err != nil {
		return nil, err
	}
	for k := range found {
		delete(want, k)
	}
	return want, nil
}

// lookupHashes returns the payload hash of each key present in the store,
// querying in chunks so a million-record import costs thousands of queries,
// not millions.
func lookupHashes(ctx context.Context, q queryer, keys []key) (map[key][32]byte, error) {
	byKind := map[vigil.Kind][]string{}
	for _, k := range keys {
		byKind[k.kind] = append(byKind[k.kind], k.id)
	}
	out := map[key][32]byte{}
	const chunk = 500
	for kind, ids := range byKind {
		table := tableOf(kind)
		if table == "" {
			return nil, fmt.Errorf("no table for kind %q", kind)
		}
		for len(ids) > 0 {
			n := min(chunk, len(ids))
			args := make([]any, n)
			for i, id := range ids[:n] {
				args[i] = id
			}
			query := `SELECT id, hash FROM ` + table + ` WHERE id IN (?` + strings.Repeat(",?", n-1) + `)`
			rows, err := q.QueryContext(ctx, query, args...)
			if err != nil {
				return nil, fmt.Errorf("look up %s: %w", table, err)
			}
			for rows.Next() {
				var id string
				var h []byte
				if err := rows.Scan(&id, &h); err != nil {
					rows.Close()
					return nil, err
				}
				var sum [32]byte // a damaged hash stays zero: it matches nothing
				copy(sum[:], h)
				out[key{kind, id}] = sum
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, err
			}
			ids = ids[n:]
		}
	}
	return out, nil
}
