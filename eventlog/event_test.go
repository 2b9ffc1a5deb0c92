package eventlog

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func ptr[T any](v T) *T { return &v }

func mustTime(t testing.TB, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return tm.UTC()
}

// fullEvent has every optional member set.
func fullEvent(t testing.TB) Event {
	return Event{
		Seq:         42,
		Kind:        "item",
		ID:          "ITEM-0007",
		Actor:       "analyst.khan",
		Purpose:     "op \"harbour\" — weekly review",
		RecordedAt:  mustTime(t, "2025-03-04T10:15:30.123Z"),
		EffectiveAt: mustTime(t, "2025-03-04T10:15:30.123Z"),
		ReceivedAt:  ptr(mustTime(t, "2025-03-03T08:00:00Z")),
		OccurredAt:  ptr(mustTime(t, "2025-02-28T21:30:00.000000001Z")),
		Compartment: "CT-NORTH",
		Batch:       "batch-9",
		PayloadHash: PayloadHash([]byte(`{"id":"ITEM-0007"}`)),
	}
}

func TestEncodeShape(t *testing.T) {
	e := fullEvent(t)
	got := string(e.Encode())
	want := `{"v":1,"seq":42,"kind":"item","id":"ITEM-0007","actor":"analyst.khan",` +
		`"purpose":"op \"harbour\" — weekly review","recorded_at":"2025-03-04T10:15:30.123Z",` +
		`"effective_at":"2025-03-04T10:15:30.123Z","received_at":"2025-03-03T08:00:00Z",` +
		`"occurred_at":"2025-02-28T21:30:00.000000001Z","compartment":"CT-NORTH","batch":"batch-9",` +
		`"payload_sha256":"` + hexOf(e.PayloadHash) + `"}`
	if got != want {
		t.Errorf("Encode:\n got %s\nwant %s", got, want)
	}

	minimal := Event{Kind: "source", ID: "S1", Actor: "a", Purpose: NotStated,
		RecordedAt: mustTime(t, "2025-01-01T00:00:00Z"), EffectiveAt: mustTime(t, "2025-01-01T00:00:00Z")}
	want = `{"v":1,"seq":0,"kind":"source","id":"S1","actor":"a","purpose":"not stated",` +
		`"recorded_at":"2025-01-01T00:00:00Z","effective_at":"2025-01-01T00:00:00Z",` +
		`"payload_sha256":"0000000000000000000000000000000000000000000000000000000000000000"}`
	if got := string(minimal.Encode()); got != want {
		t.Errorf("Encode minimal:\n got %s\nwant %s", got, want)
	}
}

func TestEncodeStrings(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`plain`, `"plain"`},
		{`q"b\`, `"q\"b\\"`},
		{"\b\t\n\f\r", `"\b\t\n\f\r"`},
		{"\x00\x01\x1f", `"\u0000\u0001\u001f"`},
		{"\x7f</>&", "\"\x7f</>&\""},
		{"é\u2028😀", "\"é\u2028😀\""},
		{"bad\xffutf8", "\"bad\uFFFDutf8\""},
	} {
		if got := string(appendString(nil, tc.in)); got != tc.want {
			t.Errorf("appendString(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestEncodeConvertsToUTC(t *testing.T) {
	e := fullEvent(t)
	e.RecordedAt = e.RecordedAt.In(time.FixedZone("BST", 3600))
	if got, want := string(e.Encode()), string(encodeOf(fullEvent(t))); got != want {
		t.Errorf("non-UTC time encoded differently:\n got %s\nwant %s", got, want)
	}
	if err := e.Validate(); err == nil {
		t.Error("Validate accepted a non-UTC recorded_at")
	}
}

func TestRoundTrip(t *testing.T) {
	full := fullEvent(t)
	minimal := full
	minimal.ReceivedAt, minimal.OccurredAt, minimal.Compartment, minimal.Batch = nil, nil, "", ""
	onlyOccurred := minimal
	onlyOccurred.OccurredAt = ptr(mustTime(t, "1999-12-31T23:59:59.999999999Z"))
	maxSeq := full
	maxSeq.Seq = 1<<64 - 1
	for name, e := range map[string]Event{"full": full, "minimal": minimal, "only occurred": onlyOccurred, "max seq": maxSeq} {
		t.Run(name, func(t *testing.T) {
			if err := e.Validate(); err != nil {
				t.Fatal(err)
			}
			b := e.Encode()
			got, err := Decode(b)
			if err != nil {
				t.Fatalf("Decode(%s): %v", b, err)
			}
			if diff := cmp.Diff(e, got); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeRejectsNonCanonical(t *testing.T) {
	good := string(encodeOf(fullEvent(t)))
	if _, err := Decode([]byte(good)); err != nil {
		t.Fatal(err)
	}
	hash := hexOf(fullEvent(t).PayloadHash)
	replace := func(old, new string) string {
		if !strings.Contains(good, old) {
			t.Fatalf("%q not in %s", old, good)
		}
		return strings.Replace(good, old, new, 1)
	}
	for _, tc := range []struct{ name, in string }{
		{"empty", ``},
		{"not an object", `[]`},
		{"reordered keys", replace(`"kind":"item","id":"ITEM-0007"`, `"id":"ITEM-0007","kind":"item"`)},
		{"space after colon", replace(`"kind":"item"`, `"kind": "item"`)},
		{"leading whitespace", " " + good},
		{"trailing newline", good + "\n"},
		{"trailing garbage", good + "{}"},
		{"unknown field", replace(`"batch":"batch-9"`, `"batch":"batch-9","extra":1`)},
		{"key in other case", replace(`"kind"`, `"Kind"`)},
		{"duplicate key", replace(`"kind":"item"`, `"kind":"item","kind":"item"`)},
		{"missing v", replace(`"v":1,`, ``)},
		{"version 2", replace(`"v":1`, `"v":2`)},
		{"seq leading zero", replace(`"seq":42`, `"seq":042`)},
		{"seq as float", replace(`"seq":42`, `"seq":42.0`)},
		{"seq exponent", replace(`"seq":42`, `"seq":4.2e1`)},
		{"seq negative", replace(`"seq":42`, `"seq":-42`)},
		{"seq as string", replace(`"seq":42`, `"seq":"42"`)},
		{"missing kind", replace(`"kind":"item",`, ``)},
		{"null compartment", replace(`"compartment":"CT-NORTH"`, `"compartment":null`)},
		{"empty compartment", replace(`"compartment":"CT-NORTH"`, `"compartment":""`)},
		{"empty batch", replace(`"batch":"batch-9"`, `"batch":""`)},
		{"escaped letter", replace(`"id":"ITEM-0007"`, `"id":"\u0049TEM-0007"`)},
		{"escaped solidus", replace(`"kind":"item"`, `"kind":"it\/em"`)},
		{"escaped non-ASCII", replace(`—`, `\u2014`)},
		{"non-UTF-8", replace(`ITEM`, "IT\xffM")},
		{"time with offset", replace(`"2025-03-03T08:00:00Z"`, `"2025-03-03T09:00:00+01:00"`)},
		{"time +00:00", replace(`"2025-03-03T08:00:00Z"`, `"2025-03-03T08:00:00+00:00"`)},
		{"time lowercase z", replace(`"2025-03-03T08:00:00Z"`, `"2025-03-03T08:00:00z"`)},
		{"time trailing zeros", replace(`"2025-03-03T08:00:00Z"`, `"2025-03-03T08:00:00.000Z"`)},
		{"time fraction zeros", replace(`10:15:30.123Z","effective`, `10:15:30.1230Z","effective`)},
		{"time comma fraction", replace(`10:15:30.123Z","effective`, `10:15:30,123Z","effective`)},
		{"time date only", replace(`"2025-03-03T08:00:00Z"`, `"2025-03-03"`)},
		{"time not a time", replace(`"2025-03-03T08:00:00Z"`, `"yesterday"`)},
		{"time as number", replace(`"2025-03-03T08:00:00Z"`, `1740988800`)},
		{"missing recorded_at", replace(`"recorded_at":"2025-03-04T10:15:30.123Z",`, ``)},
		{"uppercase hash", replace(hash, strings.ToUpper(hash))},
		{"short hash", replace(hash, hash[:62])},
		{"long hash", replace(hash, hash+"00")},
		{"non-hex hash", replace(hash, "zz"+hash[2:])},
		{"missing hash", replace(`,"payload_sha256":"`+hash+`"`, ``)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if e, err := Decode([]byte(tc.in)); err == nil {
				t.Errorf("Decode(%s) = %+v, want an error", tc.in, e)
			}
		})
	}
}

func TestDecodeFieldErrors(t *testing.T) {
	good := string(encodeOf(fullEvent(t)))
	bad := strings.Replace(good, `"2025-03-03T08:00:00Z"`, `"2025-03-03T08:00:00+00:00"`, 1)
	_, err := Decode([]byte(bad))
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Field != "received_at" {
		t.Errorf("Decode with a bad received_at: %v, want a FieldError for received_at", err)
	}
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(*Event)
		field  string // "" when valid
	}{
		{"full", func(*Event) {}, ""},
		{"minimal", func(e *Event) { e.ReceivedAt, e.OccurredAt, e.Compartment, e.Batch = nil, nil, "", "" }, ""},
		{"kind empty", func(e *Event) { e.Kind = "" }, "kind"},
		{"kind upper", func(e *Event) { e.Kind = "Item" }, "kind"},
		{"kind digit", func(e *Event) { e.Kind = "item2" }, "kind"},
		{"kind underscore", func(e *Event) { e.Kind = "import_summary" }, ""},
		{"id empty", func(e *Event) { e.ID = "" }, "id"},
		{"actor empty", func(e *Event) { e.Actor = "" }, "actor"},
		{"purpose empty", func(e *Event) { e.Purpose = "" }, "purpose"},
		{"id newline", func(e *Event) { e.ID = "a\nb" }, "id"},
		{"actor bad utf8", func(e *Event) { e.Actor = "x\xff" }, "actor"},
		{"compartment DEL", func(e *Event) { e.Compartment = "a\x7f" }, "compartment"},
		{"batch tab", func(e *Event) { e.Batch = "a\tb" }, "batch"},
		{"purpose U+FFFD is fine", func(e *Event) { e.Purpose = "\uFFFD" }, ""},
		{"recorded_at zero", func(e *Event) { e.RecordedAt = time.Time{} }, "recorded_at"},
		{"effective_at zero", func(e *Event) { e.EffectiveAt = time.Time{} }, "effective_at"},
		{"effective_at local", func(e *Event) { e.EffectiveAt = e.EffectiveAt.In(time.FixedZone("X", 0)) }, "effective_at"},
		{"received_at zero", func(e *Event) { e.ReceivedAt = &time.Time{} }, "received_at"},
		{"occurred_at year 10000", func(e *Event) { e.OccurredAt = ptr(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)) }, "occurred_at"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := fullEvent(t)
			tc.change(&e)
			err := e.Validate()
			if tc.field == "" {
				if err != nil {
					t.Errorf("Validate: %v", err)
				}
				return
			}
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tc.field {
				t.Errorf("Validate = %v, want a FieldError for %s", err, tc.field)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "event 42: field "+tc.field+":") {
				t.Errorf("error %q does not name the event and field", err)
			}
		})
	}
}

func TestErasure(t *testing.T) {
	e := Erasure{Seqs: []uint64{3, 7, 12}, Reason: "retention period ended"}
	b := e.Encode()
	if got, want := string(b), `{"v":1,"seqs":[3,7,12],"reason":"retention period ended"}`; got != want {
		t.Errorf("Encode = %s, want %s", got, want)
	}
	got, err := DecodeErasure(b)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(e, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if err := got.Validate(13); err != nil {
		t.Error(err)
	}
	for name, bad := range map[string]Erasure{
		"empty seqs":     {Reason: "r"},
		"not increasing": {Seqs: []uint64{3, 3}, Reason: "r"},
		"not before":     {Seqs: []uint64{13}, Reason: "r"},
		"no reason":      {Seqs: []uint64{1}},
	} {
		if err := bad.Validate(13); err == nil {
			t.Errorf("%s: Validate passed", name)
		}
	}
	for _, in := range []string{
		`{"v":1,"seqs":[3],"reason":"r"} `,
		`{"seqs":[3],"v":1,"reason":"r"}`,
		`{"v":1,"seqs":[ 3],"reason":"r"}`,
		`{"v":1,"seqs":null,"reason":"r"}`,
		`{"v":1,"seqs":[3],"reason":"r","x":1}`,
		`{"v":2,"seqs":[3],"reason":"r"}`,
	} {
		if _, err := DecodeErasure([]byte(in)); err == nil {
			t.Errorf("DecodeErasure(%s) passed", in)
		}
	}
}

func encodeOf(e Event) []byte { return e.Encode() }
