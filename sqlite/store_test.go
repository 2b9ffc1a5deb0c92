package sqlite_test

import (
	"path/filepath"
	"testing"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/sqlite"
	"github.com/vigil-oss/vigil/storetest"
)

// TestStore runs the conformance suite every store passes.
func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) vigil.Store {
		s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "s.db"), sqlite.Options{Create: true})
		if err != nil {
			t.Fatalf("open: %v", err)
		}
		return s
	})
}
