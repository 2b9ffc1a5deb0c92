// Package storetest is the conformance suite every vigil.Store passes: the
// embedded SQLite store now, PostgreSQL later. It tests only through the
// vigil.Store interface, with NDJSON fixtures (testdata/*.ndjson, all
// fictional) decoded by package ndjson, so that two stores that pass it
// answer every question the same way.
//
// A store's own tests wire it in with one call:
//
//	func TestStore(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) vigil.Store { ... a fresh, empty store ... })
//	}
package storetest

import (
	"bytes"
	"context"
	"embed"
	"testing"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/catalogue"
	"github.com/vigil-oss/vigil/ndjson"
)

//go:embed testdata/*.ndjson
var fixtures embed.FS

// Fixture decodes the embedded fixture testdata/NAME with the default
// catalogue, failing the test if any line does not decode: fixtures hold
// only records whose problems (if any) are for the store to find.
func Fixture(t testing.TB, name string) []vigil.Record {
	t.Helper()
	b, err := fixtures.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatalf("fixture %s: %v", name, err)
	}
	recs, probs, err := ndjson.Decode(bytes.NewReader(b), catalogue.Default())
	if err != nil {
		t.Fatalf("fixture %s: %v", name, err)
	}
	for _, p := range probs {
		t.Errorf("fixture %s: %s", name, p)
	}
	if len(probs) > 0 {
		t.FailNow()
	}
	return recs
}

// Context returns the test's context carrying an analyst who holds the
// given compartments (none at all when called with none) and a purpose.
// Pass vigil.AllCompartments to see everything.
func Context(t testing.TB, compartments ...string) context.Context {
	if compartments == nil {
		compartments = []string{}
	}
	a := vigil.Actor{Name: "analyst.conformance", Roles: []vigil.Role{vigil.RoleAnalyst}, Compartments: compartments}
	return vigil.WithPurpose(vigil.WithActor(t.Context(), a), "store conformance suite")
}

// Run runs the suite. open must return a fresh, empty store each time it is
// called; the suite closes it when the (sub)test ends. Every call the suite
// makes carries an actor (see Context), except where it checks that calls
// without one are refused.
func Run(t *testing.T, open func(t *testing.T) vigil.Store) {
	fresh := func(t *testing.T) vigil.Store {
		t.Helper()
		s := open(t)
		t.Cleanup(func() {
			if err := s.Close(); err != nil {
				t.Errorf("close: %v", err)
			}
		})
		return s
	}
	t.Run("import", func(t *testing.T) { testImport(t, fresh) })
	t.Run("idempotency", func(t *testing.T) { testIdempotency(t, fresh) })
	t.Run("rejection", func(t *testing.T) { testRejection(t, fresh) })
	t.Run("compartments", func(t *testing.T) { testCompartments(t, fresh) })
	t.Run("actor", func(t *testing.T) { testActor(t, fresh) })
	t.Run("integrity", func(t *testing.T) { testIntegrity(t, fresh) })
	t.Run("stream", func(t *testing.T) { testStream(t, fresh) })
	t.Run("decide", func(t *testing.T) { testDecide(t, fresh) })
	t.Run("consulted", func(t *testing.T) { testConsulted(t, fresh) })
	t.Run("size at", func(t *testing.T) { testSizeAt(t, fresh) })
	t.Run("monotonic", func(t *testing.T) { testMonotonic(t, fresh) })
	t.Run("feed", func(t *testing.T) { testFeed(t, fresh) })
}
