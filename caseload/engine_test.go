package caseload_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/caseload"
	"github.com/vigil-oss/vigil/catalogue"
	"github.com/vigil-oss/vigil/ndjson"
	"github.com/vigil-oss/vigil/sqlite"
	"github.com/vigil-oss/vigil/synth"
)

func admin() context.Context {
	return vigil.WithPurpose(vigil.WithActor(context.Background(),
		vigil.Actor{Name: "engine.test", Roles: vigil.Roles(), Compartments: []string{vigil.AllCompartments}}), "engine test")
}

// caseloadLines generates a fictional caseload as NDJSON lines.
func caseloadLines(t testing.TB, cfg synth.Config) ([][]byte, synth.Stats) {
	t.Helper()
	var buf bytes.Buffer
	st, err := synth.Write(&buf, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.SplitAfter(bytes.TrimSpace(buf.Bytes()), []byte("\n")), st
}

func importLines(t testing.TB, s vigil.Store, lines [][]byte) {
	t.Helper()
	recs, probs, err := ndjson.Decode(bytes.NewReader(bytes.Join(lines, nil)), catalogue.Default())
	if err != nil || len(probs) > 0 {
		t.Fatalf("decode: %v %v", err, probs)
	}
	if _, err := s.Import(admin(), recs, vigil.ImportOptions{File: "test"}); err != nil {
		t.Fatal(err)
	}
}

func openStore(t testing.TB, path string, create bool) *sqlite.Store {
	t.Helper()
	return openStoreAt(t, path, create, time.Now)
}

func openStoreAt(t testing.TB, path string, create bool, now func() time.Time) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(admin(), path, sqlite.Options{Create: create, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestFollowEqualsColdStart: an engine that followed imports made by another process (a
// second handle on the same file) answers exactly as one loaded from scratch afterwards,
// at several moments and as known at several moments.
func TestFollowEqualsColdStart(t *testing.T) {
	cfg := synth.DefaultConfig()
	cfg.Subjects, cfg.Items, cfg.Links = 300, 3000, 100
	lines, _ := caseloadLines(t, cfg)
	// The generator writes sources, subjects and investigations first, then items
	// in received order, then amendments and retractions: cut through the items.
	cut := len(lines) * 2 / 3
	path := filepath.Join(t.TempDir(), "s.db")
	first := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	mine := openStoreAt(t, path, true, func() time.Time { return first })
	importLines(t, mine, lines[:cut])
	following, err := caseload.Open(admin(), mine, caseload.Options{})
	if err != nil {
		t.Fatal(err)
	}
	before := following.Size()

	other := openStoreAt(t, path, false, func() time.Time { return first.Add(24 * time.Hour) })
	importLines(t, other, lines[cut:])

	// Any query follows the log first.
	moments := []caseload.Moment{
		{At: cfg.End},
		{At: cfg.End.Add(-10 * 24 * time.Hour)},
		{At: cfg.End, KnownAt: first.Add(time.Hour)}, // before the other's import
	}
	var followed []caseload.Board
	for _, m := range moments {
		b, err := following.Board(admin(), caseload.BoardQuery{Moment: m})
		if err != nil {
			t.Fatal(err)
		}
		followed = append(followed, b)
	}
	if following.Size() <= before {
		t.Fatalf("the engine did not follow the other handle's import: size %d, before %d", following.Size(), before)
	}
	cold, err := caseload.Open(admin(), mine, caseload.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range moments {
		b, err := cold.Board(admin(), caseload.BoardQuery{Moment: m})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(b, followed[i]); diff != "" {
			t.Errorf("moment %+v: cold start and followed engine differ (-cold +followed):\n%s", m, diff)
		}
		if len(b.Rows) != cfg.Subjects {
			t.Errorf("moment %+v: %d rows, want every one of %d subjects", m, len(b.Rows), cfg.Subjects)
		}
	}
	// What was known before the other import differs from what is known now.
	if cmp.Equal(followed[0].Rows, followed[2].Rows) {
		t.Error("the board as known before the second import equals today's: --known-at dropped nothing")
	}
}

// TestEscalatingRankFirst is the "done when": on a generated caseload with
// escalating subjects, persistent low-grade and malicious reporters, and subjects whose
// serious evidence is old, the escalating subjects rank at the top and the rest where
// their evidence deserves.
//
// The board orders by score, probability × harm, so a subject at planning (harm 2) may
// sit a few places below one with weapons and skills (harm 3) at a lower probability:
// "the top" is the top 1%, and the probability, which harm does not weigh, must put every
// subject escalating now above everyone who is not escalating.
func TestEscalatingRankFirst(t *testing.T) {
	recent, old := 0, 0
	for _, seed := range []int64{1, 2, 3} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			r, o := escalatingRankFirst(t, seed)
			recent, old = recent+r, old+o
		})
	}
	if recent == 0 || old == 0 {
		t.Fatalf("%d escalating subjects peaked recently and %d long ago: the caseloads do not test both kinds", recent, old)
	}
}

// escalatingRankFirst checks one caseload and returns how many of its escalating subjects
// peaked recently, and how many long ago.
func escalatingRankFirst(t *testing.T, seed int64) (int, int) {
	cfg := synth.DefaultConfig()
	cfg.Seed = seed
	cfg.Subjects, cfg.Items, cfg.Sources, cfg.Investigations, cfg.Links = 2000, 20000, 120, 60, 500
	cfg.Weeks = 52
	cfg.Escalating = 8
	lines, stats := caseloadLines(t, cfg)
	s := openStore(t, filepath.Join(t.TempDir(), "s.db"), true)
	importLines(t, s, lines)
	e, err := caseload.Open(admin(), s, caseload.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := e.Board(admin(), caseload.BoardQuery{Moment: caseload.Moment{At: cfg.End}})
	if err != nil {
		t.Fatal(err)
	}
	row := map[string]caseload.Row{}
	for _, r := range b.Rows {
		row[r.Subject] = r
	}
	recent := func(id string) bool { return cfg.End.Sub(stats.Peaks[id]) <= 14*24*time.Hour }
	nRecent := 0
	for _, id := range stats.Escalating {
		r := row[id]
		if !recent(id) {
			// Old serious evidence has decayed: such a subject ranks where what is left
			// of it puts them, and no longer rises.
			if r.Change4w > 0.5 {
				t.Errorf("%s peaked %s, yet its odds rose %.2f over the last 4 weeks", id, stats.Peaks[id].Format(time.DateOnly), r.Change4w)
			}
			continue
		}
		nRecent++
		if r.Rank > cfg.Subjects/100 {
			t.Errorf("%s, escalating now, ranks %d of %d (score %.3f, p %.4f, harm %d): not in the top 1%%",
				id, r.Rank, cfg.Subjects, r.Score, r.Probability, r.Harm)
		}
		if r.Change4w <= 0 {
			t.Errorf("%s peaked %s, yet its 4-week change is %.2f", id, stats.Peaks[id].Format(time.DateOnly), r.Change4w)
		}
	}
	// By probability, everyone escalating now comes before everyone not escalating.
	minRecent, maxOther, other := math.Inf(1), math.Inf(-1), ""
	for _, r := range b.Rows {
		switch {
		case slices.Contains(stats.Escalating, r.Subject):
			if recent(r.Subject) {
				minRecent = min(minRecent, r.LogOdds)
			}
		case r.LogOdds > maxOther:
			maxOther, other = r.LogOdds, r.Subject
		}
	}
	if minRecent <= maxOther {
		t.Errorf("a subject escalating now has log-odds %.3f, below %s's %.3f, who is not escalating", minRecent, other, maxOther)
	}
	// Their escalation shows in the alerts of their last weeks too.
	al, err := e.Alerts(admin(), caseload.AlertQuery{Moment: caseload.Moment{At: cfg.End}, Since: cfg.End.Add(-4 * 7 * 24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	alerted := map[string]bool{}
	for _, a := range al.Escalations.Alerts {
		alerted[a.Subject] = true
	}
	for _, id := range stats.Escalating {
		if recent(id) && !alerted[id] {
			t.Errorf("%s, escalating now, raised no escalation alert in its last 4 weeks", id)
		}
	}
	// A malicious reporter's target is not lifted: E-graded reports count for nothing.
	for _, f := range al.SourceFlags.Alerts {
		if !slices.Contains(stats.Escalating, f.Subject) && row[f.Subject].Rank <= cfg.Subjects/100 {
			t.Errorf("%s, target of flagged source %v, ranks %d", f.Subject, *f.Source, row[f.Subject].Rank)
		}
	}
	return nRecent, len(stats.Escalating) - nRecent
}

// TestConsultationsRecorded: every board, explain and alerts call is in the log with
// who asked, why, and (for explain) about whom, before its answer is returned.
func TestConsultationsRecorded(t *testing.T) {
	cfg := synth.DefaultConfig()
	lines, stats := caseloadLines(t, cfg)
	path := filepath.Join(t.TempDir(), "s.db")
	s := openStore(t, path, true)
	importLines(t, s, lines)
	e, err := caseload.Open(admin(), s, caseload.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := vigil.WithPurpose(vigil.WithActor(context.Background(),
		vigil.Actor{Name: "analyst.moss", Roles: []vigil.Role{vigil.RoleAnalyst}, Compartments: []string{vigil.AllCompartments}}), "case 2026/114")
	if _, err := e.Board(ctx, caseload.BoardQuery{Moment: caseload.Moment{At: cfg.End}, Limit: 10}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Explain(ctx, stats.Escalating[0], caseload.Moment{At: cfg.End}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Alerts(ctx, caseload.AlertQuery{}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Board(context.Background(), caseload.BoardQuery{}); vigil.ErrorCode(err) != vigil.EUnauthorized {
		t.Errorf("a board without an actor: %v, want unauthorized", err)
	}

	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT actor, purpose, what, subjects, rows FROM consultations ORDER BY seq`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	type row struct {
		Actor, Purpose, What, Subjects string
		Rows                           int
	}
	var got []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.Actor, &r.Purpose, &r.What, &r.Subjects, &r.Rows); err != nil {
			t.Fatal(err)
		}
		got = append(got, r)
	}
	if len(got) != 3 {
		t.Fatalf("consultations: %+v, want 3", got)
	}
	want := []row{
		{"analyst.moss", "case 2026/114", "board", "", 10},
		{"analyst.moss", "case 2026/114", "explain", stats.Escalating[0], 1},
		{"analyst.moss", "case 2026/114", "alerts", "", got[2].Rows},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("consultations (-want +got):\n%s", diff)
	}
}

// TestBoardAgreesWithExplain: the board's figures for every subject are exactly those of
// the subject's explanation at the same moment, amended and retracted items included.
func TestBoardAgreesWithExplain(t *testing.T) {
	cfg := synth.DefaultConfig()
	cfg.Subjects, cfg.Items, cfg.Links = 400, 6000, 100
	cfg.ChangeShare = 0.05 // many amendments and retractions
	lines, _ := caseloadLines(t, cfg)
	s := openStore(t, filepath.Join(t.TempDir(), "s.db"), true)
	importLines(t, s, lines)
	e, err := caseload.Open(admin(), s, caseload.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, at := range []time.Time{cfg.End, cfg.End.Add(-9 * 7 * 24 * time.Hour)} {
		m := caseload.Moment{At: at}
		b, err := e.Board(admin(), caseload.BoardQuery{Moment: m})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range b.Rows {
			x, err := e.Explain(admin(), r.Subject, m)
			if err != nil {
				t.Fatal(err)
			}
			got := caseload.Row{Rank: r.Rank, Subject: x.Subject, Score: x.Score, Probability: x.Probability,
				LogOdds: x.LogOdds, Band: x.Band, Confidence: x.Confidence, Harm: x.Harm, Change4w: x.Change4w,
				Tier: x.Tier, Status: x.Status, TopReason: r.TopReason}
			if diff := cmp.Diff(r, got); diff != "" {
				t.Fatalf("at %s, %s: board and explain differ (-board +explain):\n%s", at.Format(time.DateOnly), r.Subject, diff)
			}
		}
	}
}
