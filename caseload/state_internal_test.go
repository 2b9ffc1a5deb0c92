package caseload

import (
	"fmt"
	"strings"
	"testing"
)

// TestVocabFull: a vocabulary indexed by a byte holds the zero value and 255 more, then
// refuses by name rather than wrapping an index round onto another value.
func TestVocabFull(t *testing.T) {
	v := newVocab[string, uint8]("compartments")
	for i := range 255 {
		got, err := v.intern(fmt.Sprint("C", i))
		if err != nil || int(got) != i+1 {
			t.Fatalf("value %d: index %d, %v", i, got, err)
		}
	}
	if again, err := v.intern("C7"); err != nil || again != 8 {
		t.Errorf("a known value again: %d, %v; want 8", again, err)
	}
	if _, err := v.intern("one too many"); err == nil || !strings.Contains(err.Error(), "more than 255 distinct compartments") {
		t.Errorf("the 257th value: %v", err)
	}
}
