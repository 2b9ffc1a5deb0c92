package main

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/sqlite"
	"github.com/vigil-oss/vigil/synth"
)

// TestKillDuringImport kills a real vigil process with SIGKILL while it is
// writing a large import, and checks the store holds all of that import or
// none of it, and that the record still verifies.
func TestKillDuringImport(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a large import")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "vigil.db")
	base := filepath.Join(dir, "base.ndjson")
	err := os.WriteFile(base, []byte(`{"type":"source","id":"BASE-SRC-1","kind":"informant","evaluation":"1"}
{"type":"subject","id":"BASE-SUB-1","status":"monitored"}
{"type":"item","id":"BASE-ITM-1","received_at":"2026-01-02T10:00:00Z","source":"BASE-SRC-1","assessment":"B","handling":"P","subjects":["BASE-SUB-1"],"indicators":["fixation"]}
`), 0o600)
	if err != nil {
		t.Fatal(err)
	}
	big := writeCaseload(t, dir, "big.ndjson", 2, 120_000)
	run := func(args ...string) *exec.Cmd {
		cmd := exec.Command(os.Args[0], args...)
		cmd.Env = append(os.Environ(), "VIGIL_TEST_MAIN=1", "VIGIL_DB="+db, "VIGIL_AS=crash-test", "VIGIL_PURPOSE=crash test")
		return cmd
	}
	if out, err := run("import", base).CombinedOutput(); err != nil {
		t.Fatalf("base import: %v\n%s", err, out)
	}
	before := itemCount(t, db)

	child := run("import", big)
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until the import's transaction has written several MB to the WAL,
	// then kill it: a condition, polled, not a guess at timing.
	waitFor(t, 2*time.Minute, func() bool {
		fi, err := os.Stat(db + "-wal")
		return err == nil && fi.Size() > 8<<20
	})
	if err := child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatalf("kill: %v (the import finished before it could be killed)", err)
	}
	err = child.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("child was not killed by SIGKILL: %v", err)
	}

	after := itemCount(t, db)
	if after != before && after != before+bigItems(t, big) {
		t.Fatalf("after the kill the store holds %d items: want %d (none of the import) or all of it", after, before)
	}
	t.Logf("killed mid-import: %d items before, %d after", before, after)

	ctx := vigil.WithActor(context.Background(), vigil.Actor{Name: "auditor", Compartments: []string{"*"}})
	s, err := sqlite.Open(ctx, db, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rep, err := s.Verify(ctx, vigil.VerifyOptions{})
	if err != nil || !rep.OK {
		t.Fatalf("audit verify after the kill: %+v %v", rep, err)
	}
}

func writeCaseload(t *testing.T, dir, name string, seed int64, items int) string {
	t.Helper()
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg := synth.DefaultConfig()
	cfg.Seed, cfg.Items = seed, items
	cfg.Subjects, cfg.Sources = max(items/40, 60), max(items/500, 10)
	w := bufio.NewWriter(f)
	if _, err := synth.Write(w, cfg); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return path
}

func bigItems(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if len(sc.Bytes()) > 16 && string(sc.Bytes()[:16]) == `{"type":"item","` {
			n++
		}
	}
	return n
}

func itemCount(t *testing.T, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM items`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func waitFor(t *testing.T, limit time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("condition not met within %v", limit)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
