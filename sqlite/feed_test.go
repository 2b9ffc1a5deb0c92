package sqlite_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/catalogue"
	"github.com/vigil-oss/vigil/grade"
	"github.com/vigil-oss/vigil/ndjson"
	"github.com/vigil-oss/vigil/sqlite"
	"github.com/vigil-oss/vigil/synth"
)

// generated decodes a small generated caseload: enough items to fill
// several of the batches Feed reads items in.
func generated(t *testing.T, items int) []vigil.Record {
	t.Helper()
	cfg := synth.DefaultConfig()
	cfg.Items, cfg.Subjects, cfg.Sources, cfg.Investigations, cfg.Links = items, 200, 20, 10, 40
	var buf bytes.Buffer
	if _, err := synth.Write(&buf, cfg); err != nil {
		t.Fatal(err)
	}
	recs, probs, err := ndjson.Decode(&buf, catalogue.Default())
	if err != nil || len(probs) > 0 {
		t.Fatalf("decode: %v %v", err, probs)
	}
	return recs
}

// TestFeedItems checks the items Feed reads apart from the other kinds
// (straight from the driver, in batches) against the records imported.
func TestFeedItems(t *testing.T) {
	s, _ := create(t, sqlite.Options{})
	defer s.Close()
	recs := generated(t, 5000)
	mustImport(t, s, recs)
	want := map[string]vigil.Item{}
	for _, r := range recs {
		if r.Item != nil {
			it := *r.Item
			it.Handling, it.Summary, it.Mentions = grade.Handling{}, "", 0
			want[it.ID] = it
		}
	}

	got := map[string]vigil.Item{}
	var last uint64
	if _, err := s.Feed(admin(t), 0, func(r *vigil.Record) error {
		if r.Item == nil {
			return nil
		}
		if r.Seq <= last && len(got) > 0 {
			t.Errorf("item %s at seq %d after seq %d", r.ID, r.Seq, last)
		}
		last = r.Seq
		got[r.ID] = *r.Item
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("items fed (-imported +fed):\n%s", diff)
	}

	t.Run("stopping part way leaves the store usable", func(t *testing.T) {
		stop := errors.New("enough")
		n := 0
		_, err := s.Feed(admin(t), 0, func(r *vigil.Record) error {
			if r.Item != nil {
				if n++; n == 2500 {
					return stop
				}
			}
			return nil
		})
		if !errors.Is(err, stop) || n != 2500 {
			t.Fatalf("Feed: %v after %d items, want the callback's error after 2500", err, n)
		}
		if rep, err := s.Verify(admin(t), vigil.VerifyOptions{}); err != nil || !rep.OK {
			t.Errorf("verify after a stopped feed: %+v, %v", rep, err)
		}
	})

	t.Run("a cancelled context stops the feed", func(t *testing.T) {
		ctx, cancel := context.WithCancel(admin(t))
		n := 0
		_, err := s.Feed(ctx, 0, func(r *vigil.Record) error {
			if r.Item != nil {
				if n++; n == 100 {
					cancel()
				}
			}
			return nil
		})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Feed after cancelling: %v after %d items; want %v", err, n, context.Canceled)
		}
	})
}
