package ndjson

import (
	"encoding/json"
	"testing"
)

// Valid records of every type, for tests to vary one field at a time.
const (
	srcLine     = `{"type":"source","id":"SRC-1","kind":"informant","evaluation":"2"}`
	subLine     = `{"type":"subject","id":"SUB-1","status":"priority"}`
	invLine     = `{"type":"investigation","id":"INV-1","name":"Op Kestrel","subjects":["SUB-1"]}`
	itemLine    = `{"type":"item","id":"IT-1","received_at":"2026-01-02T10:00:00Z","source":"SRC-1","assessment":"B","handling":"P","subjects":["SUB-1"],"indicators":["fixation"]}`
	linkLine    = `{"type":"link","id":"L-1","from":"SUB-1","to":"SUB-2","kind":"family","received_at":"2026-01-02T10:00:00Z"}`
	amendLine   = `{"type":"amend","target":{"type":"subject","id":"SUB-1"},"set":{"status":"monitored"},"effective_at":"2026-01-03T00:00:00Z","rationale":"disengaged"}`
	retractLine = `{"type":"retract","target":{"type":"item","id":"IT-1"},"effective_at":"2026-01-03T00:00:00Z","rationale":"found false"}`
)

// with returns base with fields set (a value of nil deletes the field;
// json.RawMessage values are inserted as written).
func with(t testing.TB, base string, kv ...any) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(base), &m); err != nil {
		t.Fatalf("with: %v", err)
	}
	for i := 0; i < len(kv); i += 2 {
		k := kv[i].(string)
		if kv[i+1] == nil {
			delete(m, k)
			continue
		}
		m[k] = kv[i+1]
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatalf("with: %v", err)
	}
	return string(b)
}

func raw(s string) json.RawMessage { return json.RawMessage(s) }
