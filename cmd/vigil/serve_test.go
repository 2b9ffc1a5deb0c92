package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServe runs `vigil serve` in process on a free loopback port, imports
// through the API, checks health, and shuts it down by cancelling.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "vigil.db")
	run := func(ctx context.Context, stdout io.Writer, args ...string) int {
		m := &Main{Stdin: strings.NewReader(""), Stdout: stdout, Stderr: io.Discard,
			Getenv: func(string) string { return "" }, Now: time.Now}
		return m.Run(ctx, append(args, "--db", db, "--as", "operator", "--purpose", "serve test"))
	}
	if code := run(context.Background(), io.Discard, "init"); code != 0 {
		t.Fatalf("init exited %d", code)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	exited := make(chan int, 1)
	go func() {
		exited <- run(ctx, pw, "serve", "--addr", "127.0.0.1:0")
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no address printed: %v", err)
	}
	go io.Copy(io.Discard, pr)
	i := strings.Index(line, "http://")
	if i < 0 {
		t.Fatalf("printed %q, want the URL", line)
	}
	base := strings.TrimSpace(line[i:])

	resp, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("healthz: %s", resp.Status)
	}
	body := `{"type":"source","id":"SRC-1","kind":"informant","evaluation":"1"}` + "\n"
	resp, err = http.Post(base+"/api/v1/import", "application/x-ndjson", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(got), `"source":1`) {
		t.Fatalf("import: %s %s", resp.Status, got)
	}

	cancel()
	if code := <-exited; code != 0 {
		t.Fatalf("serve exited %d after shutdown, want 0", code)
	}
	var out strings.Builder
	if code := run(context.Background(), &out, "audit", "verify"); code != 0 {
		t.Fatalf("audit verify after serving exited %d", code)
	}
	if _, err := os.Stat(db + ".checkpoint"); err != nil {
		t.Fatal(err)
	}
}
