package sqlite_test

import (
	"bytes"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/eventlog"
	"github.com/vigil-oss/vigil/sqlite"
	"github.com/vigil-oss/vigil/storetest"
)

// history is a store with two imports behind it, closed, ready to be
// tampered with through its file.
type history struct {
	path          string
	first, second vigil.ImportResult
	firstOutside  []byte            // the outside checkpoint as the first import left it
	seqs          map[string]uint64 // "kind id" -> seq, before tampering
}

// seq returns the seq of the event that recorded a record.
func (h *history) seq(k vigil.Kind, id string) uint64 { return h.seqs[string(k)+" "+id] }

func (h *history) checkpointFile() string { return h.path + ".checkpoint" }

// last returns the id of the last event of a kind.
func (h *history) last(kind string) string {
	id, seq := "", uint64(0)
	for k, s := range h.seqs {
		if kd, i, _ := strings.Cut(k, " "); kd == kind && (id == "" || s > seq) {
			id, seq = i, s
		}
	}
	return id
}

// newHistory imports the caseload and its follow-up, then the local fixture
// extra if any, then runs more on the store, and closes it.
func newHistory(t *testing.T, extra string, more ...func(testing.TB, vigil.Store)) *history {
	t.Helper()
	s, path := create(t, sqlite.Options{})
	h := &history{path: path}
	h.first = mustImport(t, s, storetest.Fixture(t, "caseload.ndjson"))
	var err error
	if h.firstOutside, err = os.ReadFile(h.checkpointFile()); err != nil {
		t.Fatal(err)
	}
	h.second = mustImport(t, s, storetest.Fixture(t, "followup.ndjson"))
	if extra != "" {
		mustImport(t, s, localFixture(t, extra))
	}
	for _, fn := range more {
		fn(t, s)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	h.seqs = map[string]uint64{}
	db := raw(t, path)
	for _, e := range events(t, db) {
		h.seqs[e.Kind+" "+e.ID] = e.Seq
	}
	db.Close()
	return h
}

// verify reopens the store and verifies it with the given options.
func (h *history) verify(t *testing.T, opt vigil.VerifyOptions) vigil.VerifyReport {
	t.Helper()
	rep, err := reopen(t, h.path).Verify(admin(t), opt)
	if err != nil {
		t.Fatalf("verify: %v (a tampered store must be reported as not intact, not as unverifiable)", err)
	}
	return rep
}

// frontierOf builds the tree frontier over the first n stored leaves.
func frontierOf(t *testing.T, db *sql.DB, n uint64) []byte {
	t.Helper()
	var f eventlog.Frontier
	for _, e := range events(t, db)[:n] {
		f.Append([32]byte(e.Leaf))
	}
	b, err := f.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestVerifyTamper alters the database file behind the store's back and
// checks that verification names the first thing altered, in the form the
// brief gives: "event N: …" or "table T id K: …".
func TestVerifyTamper(t *testing.T) {
	for _, tc := range []struct {
		name   string
		extra  string                        // a local fixture imported after the two
		more   func(testing.TB, vigil.Store) // run after the imports, if set
		tamper func(t *testing.T, db *sql.DB, h *history)
		want   func(h *history) string // the failure's exact prefix
	}{
		{
			name: "update decisions.rationale",
			more: decideAndConsult,
			tamper: func(t *testing.T, db *sql.DB, h *history) {
				exec(t, db, `UPDATE decisions SET rationale = 'Proposed rise accepted.' WHERE id = 'DEC-ALDER'`)
			},
			want: func(*history) string { return "table decisions id DEC-ALDER: " },
		},
		{
			name: "update decisions.body",
			more: decideAndConsult,
			tamper: func(t *testing.T, db *sql.DB, h *history) {
				exec(t, db, `UPDATE decisions SET body = '{"version":"3"}' WHERE id = 'DEC-CAT-2'`)
			},
			want: func(*history) string { return "table decisions id DEC-CAT-2: " },
		},
		{
			name: "insert a decisions row",
			more: decideAndConsult,
			tamper: func(t *testing.T, db *sql.DB, h *history) {
				exec(t, db, `INSERT INTO decisions (id, seq, hash, type, subject, effective_at, rationale, body)
					SELECT 'DEC-GHOST', seq, hash, type, subject, effective_at, rationale, body FROM decisions WHERE id = 'DEC-ALDER'`)
			},
			want: func(*history) string { return "table decisions id DEC-GHOST: " },
		},
		{
			name: "delete a decisions row",
			more: decideAndConsult,
			tamper: func(t *testing.T, db *sql.DB, h *history) {
				exec(t, db, `DELETE FROM decisions WHERE id = 'DEC-CAT-2'`)
			},
			want: func(*history) string { return "table decisions id DEC-CAT-2: " },
		},
		{
			name: "update consultations.actor",
			more: decideAndConsult,
			tamper: func(t *testing.T, db *sql.DB, h *history) {
				exec(t, db, `UPDATE consultations SET actor = 'someone.else' WHERE id = ?`, h.last("consultation"))
			},
			want: func(h *history) string { return "table consultations id " + h.last("consultation") + ": " },
		},
		{
			name: "insert a consultations row",
			more: decideAndConsult,
			tamper: func(t *testing.T, db *sql.DB, h *history) {
				exec(t, db, `INSERT INTO consultations (id, seq, hash, actor, purpose, what, subjects, rows, query)
					SELECT 'consultation-999', seq, hash, actor, purpose, what, subjects, rows, query FROM consultations WHERE id = ?`, h.last("consultation"))
			},
			want: func(*history) string { return "table consultations id consultation-999: " },
		},
		{
			name: "delete a consultations row",
			more: decideAndConsult,
			tamper: func(t *testing.T, db *sql.DB, h *history) {
				exec(t, db, `DELETE FROM consultations WHERE id = ?`, h.last("consultation"))
			},
			want: func(h *history) string { return "table consultations id " + h.last("consultation") + ": " },
		},
		{
			// Who consulted a subject is answered from this table: a
			// reading hidden from it is tampering too.
			name: "delete a consultation_subjects row",
			more: decideAndConsult,
			tamper: func(t *testing.T, db *sql.DB, h *history) {
				exec(t, db, `DELETE FROM consultation_subjects WHERE subject = 'SUBJ-BRACKEN'`)
			},
			want: func(h *history) string {
				return "table consultation_subjects id SUBJ-BRACKEN/" + h.last("consultation") + ": "
			},
		},
		{
			name: "update items.indicators",
			tamper: func(t *testing.T, db *sql.DB, h *history) {
				exec(t, db, `UPDATE items SET indicators = 'protective.disengagement' WHERE id = 'IT-001'`)
			},
			want: func(*history) string { return "table items id IT-001: " },
		},
		{
			name: "update subjects.status",
			tamper: func(t *testing.T, db *sql.DB, h *history) {
				exec(t, db, `UPDATE subjects SET status = 'closed' WHERE id = 'SUBJ-ALDER'`)
			},
			want: func(*history) string { return "table subjects id SUBJ-ALDER: " },
		},
		{
			name: "insert a projection row",
			tamper: func(t *testing.T, db *sql.DB, h *history) {
				exec(t, db, `INSERT INTO subjects (id, seq, hash, status, compartment) SELECT 'SUBJ-GHOST', seq, hash, 'priority', '' FROM subjects WHERE id = 'SUBJ-ALDER'`)
			},
			want: func(*history) string { return "table subjects id SUBJ-GHOST: " },
		},
		{
			name: "delete a projection row",
			tamper: func(t *testing.T, db *sql.DB, h *history) {
				exec(t, db, `DELETE FROM items WHERE id = 'IT-004'`) // IT-004 has no item_subjects rows
			},
			want: func(*history) string { return "table items id IT-004: " },
		},
		{
			// item_subjects is keyed by (item, subject). Rows (IT-9, SUBJ-ALDER)
			// and (IT-9-1, SUBJ-ALDER) exist; (IT-9, SUBJ-ZED) is added. Key
			// order is column by column, so the added row sorts between the
			// two, and it is an insertion, not a deletion of IT-9-1's row.
			name:  "insert a row with a composite key that sorts between two others",
			extra: "prefix_ids.ndjson",
			tamper: func(t *testing.T, db *sql.DB, h *history) {
				exec(t, db, `INSERT INTO item_subjects (item, subject, role, seq) SELECT item, 'SUBJ-ZED', role, seq FROM item_subjects WHERE item = 'IT-9'`)
			},
			want: func(*history) string { return "table item_subjects id IT-9/SUBJ-ZED: " },
		},
		{
			name: "delete a middle event and its payload",
			tamper: func(t *testing.T, db *sql.DB, h *history) {
				seq := h.seq(vigil.KindItem, "IT-002")
				exec(t, db, `DELETE FROM events WHERE seq = ?`, seq)
			},
			want: func(h *history) string { return fmt.Sprintf("event %d: ", h.seq(vigil.KindItem, "IT-002")) },
		},
		{
			name: "modify an envelope byte",
			tamper: func(t *testing.T, db *sql.DB, h *history) {
				seq := h.seq(vigil.KindItem, "IT-001")
				env := events(t, db)[seq].Envelope
				exec(t, db, `UPDATE events SET envelope = ? WHERE seq = ?`, alterActor(t, env), seq)
			},
			want: func(h *history) string { return fmt.Sprintf("event %d: ", h.seq(vigil.KindItem, "IT-001")) },
		},
		{
			// With the stored leaf hash fixed up too, the event is
			// self-consistent; the first signed checkpoint over it is not.
			name: "modify an envelope byte and its leaf hash",
			tamper: func(t *testing.T, db *sql.DB, h *history) {
				seq := h.seq(vigil.KindItem, "IT-001")
				env := alterActor(t, events(t, db)[seq].Envelope)
				leaf := eventlog.LeafHash(env)
				exec(t, db, `UPDATE events SET envelope = ?, leaf = ? WHERE seq = ?`, env, leaf[:], seq)
			},
			want: func(h *history) string { return fmt.Sprintf("table checkpoints id %d: ", h.first.Size) },
		},
		{
			name: "modify a payload",
			tamper: func(t *testing.T, db *sql.DB, h *history) {
				seq := h.seq(vigil.KindItem, "IT-001")
				body := bytes.Replace(events(t, db)[seq].Payload, []byte("Gullhaven"), []byte("Gullhaveb"), 1)
				exec(t, db, `UPDATE events SET payload = ? WHERE seq = ?`, body, seq)
			},
			want: func(h *history) string { return fmt.Sprintf("event %d: ", h.seq(vigil.KindItem, "IT-001")) },
		},
		{
			// Drop the second import entirely — events,
			// checkpoints, the rows it produced — and fix up the frontier:
			// what is left is a store consistent with itself. Only the
			// checkpoint outside it shows that events h.first.Size onwards
			// existed.
			name: "truncate the last events with their checkpoints and projection",
			tamper: func(t *testing.T, db *sql.DB, h *history) {
				n := h.first.Size
				exec(t, db, `UPDATE meta SET value = ? WHERE key = 'frontier'`, frontierOf(t, db, n))
				exec(t, db, `DELETE FROM events WHERE seq >= ?`, n)
				exec(t, db, `DELETE FROM checkpoints WHERE size > ?`, n)
				for _, table := range projectionTables(t, db) {
					if _, err := db.Exec(`DELETE FROM `+table+` WHERE seq >= ?`, n); err != nil {
						t.Fatal(err)
					}
				}
				// The in-store data cannot reveal it: against the outside
				// checkpoint the first import left, the store verifies.
				old := h.path + ".first-checkpoint"
				if err := os.WriteFile(old, h.firstOutside, 0o644); err != nil {
					t.Fatal(err)
				}
				db.Close()
				if rep := h.verify(t, vigil.VerifyOptions{Checkpoint: old}); !rep.OK {
					t.Fatalf("truncated store against the first outside checkpoint: %q; the truncation is not clean", rep.Failure)
				}
			},
			// The first event missing is the first the truncation removed.
			want: func(h *history) string { return fmt.Sprintf("event %d: ", h.first.Size) },
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var more []func(testing.TB, vigil.Store)
			if tc.more != nil {
				more = append(more, tc.more)
			}
			h := newHistory(t, tc.extra, more...)
			if rep := h.verify(t, vigil.VerifyOptions{}); !rep.OK {
				t.Fatalf("before tampering: %q", rep.Failure)
			}
			db := raw(t, h.path)
			tc.tamper(t, db, h)
			db.Close()
			rep := h.verify(t, vigil.VerifyOptions{})
			want := tc.want(h)
			if rep.OK || !strings.HasPrefix(rep.Failure, want) {
				t.Errorf("verify: OK %v, failure %q; want a failure starting %q", rep.OK, rep.Failure, want)
			}
		})
	}
}

// TestVerifyOutsideCheckpoint covers the checkpoint kept beside the store.
// The brief's two forms name an event or a row; a problem with the file
// itself names the file.
func TestVerifyOutsideCheckpoint(t *testing.T) {
	t.Run("a clean store verifies", func(t *testing.T) {
		h := newHistory(t, "")
		rep := h.verify(t, vigil.VerifyOptions{})
		if !rep.OK || rep.Failure != "" {
			t.Fatalf("verify: OK %v, failure %q", rep.OK, rep.Failure)
		}
		if rep.Events != h.second.Size || rep.Checkpoint != h.second.Size || rep.Outside != h.second.Size || rep.Rows == 0 {
			t.Errorf("report %+v: want %d events, both checkpoints at %d, rows compared", rep, h.second.Size, h.second.Size)
		}
	})

	t.Run("a missing outside checkpoint fails", func(t *testing.T) {
		h := newHistory(t, "")
		if err := os.Remove(h.checkpointFile()); err != nil {
			t.Fatal(err)
		}
		rep := h.verify(t, vigil.VerifyOptions{})
		if rep.OK || !strings.Contains(rep.Failure, h.checkpointFile()) {
			t.Errorf("verify: OK %v, failure %q; want a failure naming %s", rep.OK, rep.Failure, h.checkpointFile())
		}
	})

	t.Run("an outside checkpoint signed by another key fails", func(t *testing.T) {
		h := newHistory(t, "")
		db := raw(t, h.path)
		origin := string(meta(t, db, "origin"))
		var f eventlog.Frontier
		for _, e := range events(t, db) {
			f.Append([32]byte(e.Leaf))
		}
		db.Close()
		// Another key under the same name: the checkpoint is for the right
		// log, size and root; only the signer is wrong.
		skey, _, err := eventlog.GenerateKey(origin)
		if err != nil {
			t.Fatal(err)
		}
		note, err := eventlog.Sign(eventlog.Checkpoint{Origin: origin, Size: f.Size(), Root: f.Root()}, skey)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(h.checkpointFile(), note, 0o644); err != nil {
			t.Fatal(err)
		}
		rep := h.verify(t, vigil.VerifyOptions{})
		if rep.OK || !strings.Contains(rep.Failure, h.checkpointFile()) {
			t.Errorf("verify: OK %v, failure %q; want a failure naming %s", rep.OK, rep.Failure, h.checkpointFile())
		}
	})

	t.Run("an older outside checkpoint still verifies", func(t *testing.T) {
		// The outside copy is written after commit; a crash in between
		// leaves it one import behind, which is consistent, not tampering.
		h := newHistory(t, "")
		if err := os.WriteFile(h.checkpointFile(), h.firstOutside, 0o644); err != nil {
			t.Fatal(err)
		}
		rep := h.verify(t, vigil.VerifyOptions{})
		if !rep.OK || rep.Outside != h.first.Size {
			t.Errorf("verify: OK %v, failure %q, outside %d; want OK at %d", rep.OK, rep.Failure, rep.Outside, h.first.Size)
		}
	})
}

// alterActor changes one letter of an envelope's actor: still canonical
// JSON, a different event.
func alterActor(t *testing.T, env []byte) []byte {
	t.Helper()
	i := bytes.Index(env, []byte(`"actor":"`))
	if i < 0 {
		t.Fatalf("no actor in envelope %s", env)
	}
	out := bytes.Clone(env)
	i += len(`"actor":"`)
	if out[i] == 'x' {
		out[i] = 'y'
	} else {
		out[i] = 'x'
	}
	return out
}
