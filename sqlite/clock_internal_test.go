package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/catalogue"
	"github.com/vigil-oss/vigil/eventlog"
	"github.com/vigil-oss/vigil/ndjson"
)

// TestVerifyRecordedTimeOrder: a log whose recorded times go back fails
// verification, even when every event and checkpoint is properly signed —
// such a log is what a writer without the clock guard, or a back-dated
// insertion re-signed with the key, would leave.
func TestVerifyRecordedTimeOrder(t *testing.T) {
	now := time.Date(2031, 5, 6, 12, 0, 0, 0, time.UTC)
	ctx := vigil.WithPurpose(vigil.WithActor(context.Background(),
		vigil.Actor{Name: "records-officer", Compartments: []string{vigil.AllCompartments}}), "clock test")
	s, err := Open(ctx, filepath.Join(t.TempDir(), "s.db"), Options{Create: true, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	recs, probs, err := ndjson.Decode(strings.NewReader(eraseFixture), catalogue.Default())
	if err != nil || len(probs) > 0 {
		t.Fatalf("fixture: %v %v", err, probs)
	}
	res, err := s.Import(ctx, recs, vigil.ImportOptions{File: "fixture"})
	if err != nil {
		t.Fatal(err)
	}

	c := eventlog.Consultation{What: "board"}
	payload := c.Encode()
	_, err = s.commit(ctx, "test", "records-officer", func(_ *sql.Tx, w *writer) error {
		w.now = now.Add(-time.Hour) // what the writer's guard prevents
		e := eventlog.Event{Kind: eventlog.KindConsultation, ID: "consultation-x"}
		if err := w.append(ctx, &e, payload, eventlog.PayloadHash(payload)); err != nil {
			return err
		}
		return w.pr.consultation(ctx, &e, &c)
	})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := s.Verify(ctx, vigil.VerifyOptions{})
	want := fmt.Sprintf("event %d: recorded_at 2031-05-06T11:00:00Z earlier than event %d's 2031-05-06T12:00:00Z", res.Size, res.Size-1)
	if err != nil || rep.OK || rep.Failure != want {
		t.Errorf("verify: %+v, %v; want failure %q", rep, err, want)
	}
}
