package storetest

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/grade"
)

// caseloadCounts is what caseload.ndjson holds, counted by hand.
func caseloadCounts() map[vigil.Kind]int {
	return kinds(map[vigil.Kind]int{
		vigil.KindSource: 3, vigil.KindSubject: 3, vigil.KindInvestigation: 2, vigil.KindItem: 4,
		vigil.KindLink: 2, vigil.KindAmend: 3, vigil.KindRetract: 2,
	})
}

func testImport(t *testing.T, open func(*testing.T) vigil.Store) {
	t.Run("all seven kinds are written and counted", func(t *testing.T) {
		s, ctx := open(t), Context(t, vigil.AllCompartments)
		res := importAll(t, s, ctx, Fixture(t, "caseload.ndjson"))
		want := caseloadCounts()
		if diff := cmp.Diff(want, kinds(added(res))); diff != "" {
			t.Errorf("Added (-want +got):\n%s", diff)
		}
		if res.Unchanged != 0 || len(res.Rejected) != 0 {
			t.Errorf("Unchanged %d, Rejected %v; want 0 and none", res.Unchanged, res.Rejected)
		}
		if diff := cmp.Diff(want, recordCounts(t, s, ctx)); diff != "" {
			t.Errorf("Counts (-want +got):\n%s", diff)
		}
	})

	t.Run("reads return what was imported", func(t *testing.T) {
		s, ctx := open(t), Context(t, vigil.AllCompartments)
		importAll(t, s, ctx, Fixture(t, "caseload.ndjson"))
		checkCaseload(t, s, ctx)
	})

	t.Run("references to stored records resolve", func(t *testing.T) {
		s, ctx := open(t), Context(t, vigil.AllCompartments)
		importAll(t, s, ctx, Fixture(t, "caseload.ndjson"))
		res := importAll(t, s, ctx, Fixture(t, "followup.ndjson"))
		want := kinds(map[vigil.Kind]int{vigil.KindItem: 1, vigil.KindLink: 1, vigil.KindAmend: 2, vigil.KindRetract: 1})
		if diff := cmp.Diff(want, kinds(added(res))); diff != "" {
			t.Errorf("Added (-want +got):\n%s", diff)
		}
		item, err := s.Item(ctx, "IT-201")
		if err != nil {
			t.Fatal(err)
		}
		wantItem := vigil.Item{ID: "IT-201", ReceivedAt: at(t, "2025-03-10T08:00:00Z"), Source: "SRC-HARBOUR",
			Grade: grade.InformationGrade{Scheme: grade.UK, Code: "C"}, Handling: grade.Handling{Scheme: grade.UK, Code: "P"},
			Subjects:   []vigil.SubjectRef{{ID: "SUBJ-ALDER", Role: vigil.RoleSubject}},
			Indicators: []string{"last_resort"}, DerivedFrom: []string{"IT-001"}}
		if diff := cmp.Diff(wantItem, item, cmpEmpty()); diff != "" {
			t.Errorf("item IT-201 (-want +got):\n%s", diff)
		}
		link, err := s.Link(ctx, "LNK-201")
		if err != nil {
			t.Fatal(err)
		}
		wantLink := vigil.Link{ID: "LNK-201", From: "SUBJ-ALDER", To: "SUBJ-CORVID", Kind: "associate",
			ReceivedAt: at(t, "2025-03-10T09:00:00Z"), Item: "IT-201"}
		if diff := cmp.Diff(wantLink, link); diff != "" {
			t.Errorf("link LNK-201 (-want +got):\n%s", diff)
		}
		// A second amendment of IT-001 comes after the first: log order.
		amends, err := s.Amendments(ctx, vigil.Target{Type: vigil.KindItem, ID: "IT-001"})
		if err != nil {
			t.Fatal(err)
		}
		var rationales []string
		for _, a := range amends {
			rationales = append(rationales, a.Rationale)
		}
		wantRationales := []string{"Corroborated by SRC-WIRE.", "Re-read of the report: planning, not research."}
		if diff := cmp.Diff(wantRationales, rationales); diff != "" {
			t.Errorf("amendments of IT-001 in log order (-want +got):\n%s", diff)
		}
		if len(amends) == 2 {
			if got, want := string(amends[1].Set["indicators"]), `["fixation","pathway.planning"]`; got != want {
				t.Errorf("second amendment sets indicators %s, want %s (a sorted set)", got, want)
			}
		}
		tier, err := s.Amendments(ctx, vigil.Target{Type: vigil.KindInvestigation, ID: "INV-LANTERN"})
		if err != nil || len(tier) != 1 || string(tier[0].Set["tier"]) != `"P1"` {
			t.Errorf("amendments of INV-LANTERN = %+v, %v; want one setting tier P1", tier, err)
		}
		retr, err := s.Retractions(ctx, vigil.Target{Type: vigil.KindLink, ID: "LNK-001"})
		if err != nil || len(retr) != 1 || !retr[0].EffectiveAt.Equal(at(t, "2025-03-12T00:00:00Z")) {
			t.Errorf("retractions of LNK-001 = %+v, %v; want one effective 2025-03-12", retr, err)
		}
	})
}

// checkCaseload compares every read of caseload.ndjson with values written
// by hand from the fixture: times as UTC instants, lists as sorted sets,
// grades as entered, records as first recorded (amendments apart).
func checkCaseload(t *testing.T, s vigil.Store, ctx context.Context) {
	t.Helper()
	uk, adm, five := grade.UK, grade.Admiralty, grade.FiveByFive
	sources := []vigil.Source{
		{ID: "SRC-HARBOUR", Kind: "informant", Grade: grade.SourceGrade{Scheme: uk, Code: "2"}, Originator: "ORIG-LIGHTHOUSE"},
		{ID: "SRC-WIRE", Kind: "intercept", Grade: grade.SourceGrade{Scheme: adm, Code: "B"}},
		{ID: "SRC-HOTLINE", Kind: "hotline", Grade: grade.SourceGrade{Scheme: five, Code: "D"}},
	}
	for _, want := range sources {
		got, err := s.Source(ctx, want.ID)
		if err != nil {
			t.Errorf("source %s: %v", want.ID, err)
			continue
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("source %s (-want +got):\n%s", want.ID, diff)
		}
	}
	subjects := []vigil.Subject{
		{ID: "SUBJ-ALDER", Status: vigil.StatusPriority},
		{ID: "SUBJ-BRACKEN", Status: vigil.StatusMonitored}, // promoted by an amendment, read apart
		{ID: "SUBJ-CORVID", Status: vigil.StatusClosed, Compartment: "OP-X"},
	}
	for _, want := range subjects {
		got, err := s.Subject(ctx, want.ID)
		if err != nil {
			t.Errorf("subject %s: %v", want.ID, err)
			continue
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("subject %s (-want +got):\n%s", want.ID, diff)
		}
	}
	investigations := []vigil.Investigation{
		{ID: "INV-LANTERN", Name: "Operation Lantern", Subjects: []string{"SUBJ-ALDER", "SUBJ-BRACKEN"}, Tier: "P2"},
		{ID: "INV-SHADE", Name: "Operation Shade", Subjects: []string{"SUBJ-CORVID"}, Compartment: "OP-X"},
	}
	for _, want := range investigations {
		got, err := s.Investigation(ctx, want.ID)
		if err != nil {
			t.Errorf("investigation %s: %v", want.ID, err)
			continue
		}
		if diff := cmp.Diff(want, got, cmpEmpty()); diff != "" {
			t.Errorf("investigation %s (-want +got):\n%s", want.ID, diff)
		}
	}
	items := []vigil.Item{
		{
			ID: "IT-001", ReceivedAt: at(t, "2025-03-03T08:00:00Z"), OccurredAt: at(t, "2025-03-01T21:30:00Z"),
			Source: "SRC-HARBOUR", Grade: grade.InformationGrade{Scheme: uk, Code: "B"},
			Handling: grade.Handling{Scheme: uk, Code: "C", Conditions: "not for onward sharing"},
			Subjects: []vigil.SubjectRef{{ID: "SUBJ-ALDER", Role: vigil.RoleSubject}, {ID: "SUBJ-BRACKEN", Role: vigil.RoleAssociate}},
			// Entered as ["pathway.research","fixation"]: a set, read sorted.
			Indicators: []string{"fixation", "pathway.research"},
			Summary:    "Asked a friend about the layout of the (fictional) Gullhaven ferry terminal.",
		},
		{
			// Received 10:00 at +01:00, which is 09:00 UTC.
			ID: "IT-002", ReceivedAt: at(t, "2025-03-04T09:00:00Z"), Source: "SRC-WIRE",
			Grade: grade.InformationGrade{Scheme: adm, Code: "2"}, Handling: grade.Handling{Scheme: uk, Code: "P"},
			Subjects:   []vigil.SubjectRef{{ID: "SUBJ-ALDER", Role: vigil.RoleSubject}},
			Indicators: []string{}, DerivedFrom: []string{"IT-001"},
		},
		{
			ID: "IT-003", ReceivedAt: at(t, "2025-03-05T12:00:00Z"), Source: "SRC-HOTLINE",
			Grade: grade.InformationGrade{Scheme: five, Code: "3"}, Handling: grade.Handling{Scheme: five, Code: "2"},
			Subjects:   []vigil.SubjectRef{{ID: "SUBJ-CORVID", Role: vigil.RoleSubject}},
			Indicators: []string{"leakage"}, Summary: "Caller reports a boast overheard at a bus stop.", Compartment: "OP-X",
		},
		{
			ID: "IT-004", ReceivedAt: at(t, "2025-03-06T07:45:00Z"), Source: "SRC-WIRE",
			Grade: grade.InformationGrade{Scheme: adm, Code: "3"}, Handling: grade.Handling{Scheme: uk, Code: "P"},
			Mentions: 1, Indicators: []string{"energy_burst"},
		},
	}
	for _, want := range items {
		got, err := s.Item(ctx, want.ID)
		if err != nil {
			t.Errorf("item %s: %v", want.ID, err)
			continue
		}
		if diff := cmp.Diff(want, got, cmpEmpty()); diff != "" {
			t.Errorf("item %s (-want +got):\n%s", want.ID, diff)
		}
	}
	links := []vigil.Link{
		{ID: "LNK-001", From: "SUBJ-ALDER", To: "SUBJ-BRACKEN", Kind: "communicates", ReceivedAt: at(t, "2025-03-04T09:00:00Z"), Source: "SRC-WIRE", Item: "IT-002"},
		{ID: "LNK-002", From: "SUBJ-BRACKEN", To: "SUBJ-CORVID", Kind: "associate", ReceivedAt: at(t, "2025-03-05T12:00:00Z")},
	}
	for _, want := range links {
		got, err := s.Link(ctx, want.ID)
		if err != nil {
			t.Errorf("link %s: %v", want.ID, err)
			continue
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("link %s (-want +got):\n%s", want.ID, diff)
		}
	}
	item := func(id string) vigil.Target { return vigil.Target{Type: vigil.KindItem, ID: id} }
	subject := vigil.Target{Type: vigil.KindSubject, ID: "SUBJ-BRACKEN"}
	amendments := map[vigil.Target][]vigil.Amendment{
		item("IT-001"): {{Target: item("IT-001"), EffectiveAt: at(t, "2025-03-06T09:00:00Z"), Rationale: "Corroborated by SRC-WIRE.",
			// Setting one information grade clears the other schemes' (ndjson: exclusive fields).
			Set: map[string][]byte{"assessment": []byte(`"A"`), "credibility": []byte("null"), "intelligence_5x5x5": []byte("null"),
				"summary": []byte(`"Layout questions confirmed by a second, independent report."`)}}},
		subject: {{Target: subject, EffectiveAt: at(t, "2025-03-07T09:00:00Z"), Rationale: "Weekly round: promoted after board review.",
			Set: map[string][]byte{"status": []byte(`"priority"`)}}},
		item("IT-003"): {{Target: item("IT-003"), EffectiveAt: at(t, "2025-03-05T15:00:00Z"), Rationale: "Call-back by the hotline team.",
			Set: map[string][]byte{"summary": []byte(`"Caller named the bus stop: Quayside Road."`)}}},
		item("IT-004"): nil,
	}
	for tg, want := range amendments {
		got, err := s.Amendments(ctx, tg)
		if err != nil {
			t.Errorf("amendments of %s: %v", tg.ID, err)
			continue
		}
		if diff := cmp.Diff(want, got, cmpEmpty()); diff != "" {
			t.Errorf("amendments of %s (-want +got):\n%s", tg.ID, diff)
		}
	}
	retractions := map[vigil.Target][]vigil.Retraction{
		item("IT-002"): {{Target: item("IT-002"), EffectiveAt: at(t, "2025-03-08T00:00:00Z"), Rationale: "The intercept was misattributed."}},
		item("IT-003"): {{Target: item("IT-003"), EffectiveAt: at(t, "2025-03-09T00:00:00Z"), Rationale: "Caller admitted inventing the boast."}},
		item("IT-001"): nil,
	}
	for tg, want := range retractions {
		got, err := s.Retractions(ctx, tg)
		if err != nil {
			t.Errorf("retractions of %s: %v", tg.ID, err)
			continue
		}
		if diff := cmp.Diff(want, got, cmpEmpty()); diff != "" {
			t.Errorf("retractions of %s (-want +got):\n%s", tg.ID, diff)
		}
	}
	// What was never imported is not found.
	for what, err := range map[string]error{
		"source":        second(s.Source(ctx, "SRC-NEVER")),
		"subject":       second(s.Subject(ctx, "SUBJ-NEVER")),
		"investigation": second(s.Investigation(ctx, "INV-NEVER")),
		"item":          second(s.Item(ctx, "IT-NEVER")),
		"link":          second(s.Link(ctx, "LNK-NEVER")),
	} {
		wantCode(t, "unknown "+what, err, vigil.ENotFound)
	}
}

func second[T any](_ T, err error) error { return err }
