package eventlog

import (
	"bytes"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// FuzzDecode: Decode never panics, and whatever it accepts is canonical:
// re-encoding gives back the same bytes, and the leaf hash is therefore a
// function of the event.
func FuzzDecode(f *testing.F) {
	// More seeds are in testdata/fuzz/FuzzDecode.
	f.Add([]byte(`{"v":1,"seq":0,"kind":"source","id":"S1","actor":"a","purpose":"not stated","recorded_at":"2025-01-01T00:00:00Z","effective_at":"2025-01-01T00:00:00Z","payload_sha256":"0000000000000000000000000000000000000000000000000000000000000000"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := Decode(b)
		if err != nil {
			return
		}
		if got := e.Encode(); !bytes.Equal(got, b) {
			t.Fatalf("decoded %q but re-encodes as %q", b, got)
		}
		again, err := Decode(e.Encode())
		if err != nil {
			t.Fatalf("re-decode: %v", err)
		}
		if diff := cmp.Diff(e, again); diff != "" {
			t.Fatalf("re-decode differs:\n%s", diff)
		}
	})
}

// FuzzEncodeRoundTrip: Encode always produces bytes that Decode accepts and
// that re-encode identically; and a valid event survives the trip exactly.
func FuzzEncodeRoundTrip(f *testing.F) {
	// More seeds are in testdata/fuzz/FuzzEncodeRoundTrip.
	f.Add(uint64(7), "item", "ITEM-1", "analyst", "intake", int64(1741083330123456789), int64(1741083330123456789),
		true, int64(1740988800000000000), true, int64(0), "CT-NORTH", "batch-1", []byte("payload"))
	f.Fuzz(func(t *testing.T, seq uint64, kind, id, actor, purpose string, rec, eff int64,
		hasReceived bool, received int64, hasOccurred bool, occurred int64, compartment, batch string, payload []byte) {
		e := Event{
			Seq: seq, Kind: kind, ID: id, Actor: actor, Purpose: purpose,
			RecordedAt:  time.Unix(0, rec).UTC(),
			EffectiveAt: time.Unix(0, eff).UTC(),
			Compartment: compartment, Batch: batch,
			PayloadHash: PayloadHash(payload),
		}
		if hasReceived {
			e.ReceivedAt = ptr(time.Unix(0, received).UTC())
		}
		if hasOccurred {
			e.OccurredAt = ptr(time.Unix(0, occurred).UTC())
		}
		b := e.Encode()
		got, err := Decode(b)
		if err != nil {
			t.Fatalf("Decode(Encode(%+v)) = %v\n%q", e, err, b)
		}
		if again := got.Encode(); !bytes.Equal(again, b) {
			t.Fatalf("re-encode differs:\n%q\n%q", b, again)
		}
		if e.Validate() != nil {
			return // invalid UTF-8 may have been replaced; nothing more to promise
		}
		if diff := cmp.Diff(e, got); diff != "" {
			t.Fatalf("valid event changed in the round trip (-in +out):\n%s", diff)
		}
		if err := got.Validate(); err != nil {
			t.Fatalf("decoded valid event fails Validate: %v", err)
		}
	})
}
