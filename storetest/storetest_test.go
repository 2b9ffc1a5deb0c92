package storetest

import (
	"io/fs"
	"testing"
)

// TestFixturesDecode keeps every fixture decodable as the NDJSON codec
// evolves: their problems, if any, are for the stores to find.
func TestFixturesDecode(t *testing.T) {
	names, err := fs.Glob(fixtures, "testdata/*.ndjson")
	if err != nil || len(names) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, name := range names {
		if recs := Fixture(t, name[len("testdata/"):]); len(recs) == 0 {
			t.Errorf("%s: no records", name)
		}
	}
}
