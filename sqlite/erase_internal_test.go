package sqlite

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/catalogue"
	"github.com/vigil-oss/vigil/eventlog"
	"github.com/vigil-oss/vigil/ndjson"
)

const eraseFixture = `{"type":"source","id":"SRC-1","kind":"community","evaluation":"2"}
{"type":"subject","id":"SUB-1","status":"monitored","identity":{"full_name":"Wren Adeyemi-Larsen","dob":"1991-07"}}
{"type":"subject","id":"SUB-2","status":"monitored"}
{"type":"item","id":"ITM-1","received_at":"2026-02-01T09:00:00Z","source":"SRC-1","assessment":"C","handling":"P","subjects":["SUB-2"],"indicators":["fixation"]}
`

// eventSeq finds the event that recorded a record.
func eventSeq(t *testing.T, s *Store, kind vigil.Kind, id string) uint64 {
	t.Helper()
	var seq uint64
	found := false
	err := scanLog(context.Background(), s.db, func(le logEntry) error {
		e, err := eventlog.Decode(le.envelope)
		if err != nil {
			return err
		}
		if e.Kind == string(kind) && e.ID == id {
			seq, found = e.Seq, true
		}
		return nil
	})
	if err != nil || !found {
		t.Fatalf("no event for %s %s: %v", kind, id, err)
	}
	return seq
}

// erase does what a person-level erasure will: append an erase event naming
// the events whose payloads go, remove those payloads and the rows they
// produced, and sign the new tree — all in one transaction.
func erase(t *testing.T, ctx context.Context, s *Store, seqs []uint64) {
	t.Helper()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	w, err := s.newWriter(ctx, conn, tx, "records-officer", "erasure request ER-0007")
	if err != nil {
		t.Fatal(err)
	}
	payload := (&eventlog.Erasure{Seqs: seqs, Reason: "retention period ended"}).Encode()
	e := eventlog.Event{Kind: eventlog.KindErase, ID: "erase-1"}
	if err := w.append(ctx, &e, payload, eventlog.PayloadHash(payload)); err != nil {
		t.Fatal(err)
	}
	if err := w.flush(); err != nil {
		t.Fatal(err)
	}
	for _, seq := range seqs {
		if _, err := tx.ExecContext(ctx, `UPDATE events SET payload = NULL WHERE seq = ?`, int64(seq)); err != nil {
			t.Fatal(err)
		}
		for _, tb := range projection() {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+tb.name+` WHERE seq = ?`, int64(seq)); err != nil {
				t.Fatal(err)
			}
		}
	}
	note, err := s.checkpoint(ctx, tx, w.f)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := s.writeOutside(note); err != nil {
		t.Fatal(err)
	}
}

// TestErasureKeepsTheRecordVerifiable checks the design the log was given
// for erasure: the tree commits to payload hashes, so payloads can go while
// every checkpoint still verifies — but only payloads an erase event names.
func TestErasureKeepsTheRecordVerifiable(t *testing.T) {
	ctx := vigil.WithPurpose(vigil.WithActor(context.Background(),
		vigil.Actor{Name: "records-officer", Compartments: []string{vigil.AllCompartments}}), "erasure test")
	s, err := Open(ctx, filepath.Join(t.TempDir(), "s.db"), Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	recs, probs, err := ndjson.Decode(strings.NewReader(eraseFixture), catalogue.Default())
	if err != nil || len(probs) > 0 {
		t.Fatalf("fixture: %v %v", err, probs)
	}
	if _, err := s.Import(ctx, recs, vigil.ImportOptions{File: "fixture"}); err != nil {
		t.Fatal(err)
	}

	erase(t, ctx, s, []uint64{eventSeq(t, s, vigil.KindSubject, "SUB-1")})

	rep, err := s.Verify(ctx, vigil.VerifyOptions{})
	if err != nil || !rep.OK {
		t.Fatalf("after erasure: %+v %v", rep, err)
	}
	if _, err := s.Subject(ctx, "SUB-1"); vigil.ErrorCode(err) != vigil.ENotFound {
		t.Fatalf("erased subject still readable: %v", err)
	}
	if err := s.Rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	if rep, err := s.Verify(ctx, vigil.VerifyOptions{}); err != nil || !rep.OK {
		t.Fatalf("after rebuild: %+v %v", rep, err)
	}
	if _, err := s.Subject(ctx, "SUB-2"); err != nil {
		t.Fatalf("a subject not erased: %v", err)
	}

	// A payload removed without an erase event naming it is tampering.
	item := eventSeq(t, s, vigil.KindItem, "ITM-1")
	if _, err := s.db.Exec(`UPDATE events SET payload = NULL WHERE seq = ?`, int64(item)); err != nil {
		t.Fatal(err)
	}
	rep, err = s.Verify(ctx, vigil.VerifyOptions{})
	want := "event " + strconv.FormatUint(item, 10) + ": payload missing, and no erase event removed it"
	if err != nil || rep.OK || rep.Failure != want {
		t.Fatalf("payload removed without erasure: %+v %v, want failure %q", rep, err, want)
	}
}
