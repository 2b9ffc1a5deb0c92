// Command engine measures the in-memory caseload on a store built by bench/caseload.sh:
// the cold start from the store, then reassessing every subject at new moments, with the
// process's peak memory.
//
//	go run ./bench/engine -db bench/out/c10m.db -at 2026-11-23T00:00:00Z -runs 3
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/caseload"
	"github.com/vigil-oss/vigil/sqlite"
)

func main() {
	db := flag.String("db", "bench/out/c10m.db", "store to load")
	atFlag := flag.String("at", "2026-11-23T00:00:00Z", "the caseload's end; boards are taken at moments after it")
	runs := flag.Int("runs", 3, "boards to time")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the boards to `FILE`")
	startprofile := flag.String("startprofile", "", "write a CPU profile of the cold start to `FILE`")
	flag.Parse()
	at, err := time.Parse(time.RFC3339, *atFlag)
	if err != nil {
		fail(err)
	}
	ctx := vigil.WithPurpose(vigil.WithActor(context.Background(),
		vigil.Actor{Name: "bench", Roles: vigil.Roles(), Compartments: []string{vigil.AllCompartments}}), "benchmark")
	st, err := sqlite.Open(ctx, *db, sqlite.Options{})
	if err != nil {
		fail(err)
	}
	defer st.Close()

	stop := profile(*startprofile)
	t0 := time.Now()
	e, err := caseload.Open(ctx, st, caseload.Options{})
	if err != nil {
		fail(err)
	}
	stop()
	fmt.Printf("cold start: %.2f s for a log of %d events; %s\n", time.Since(t0).Seconds(), e.Size(), memory())
	runtime.GC()
	fmt.Printf("after GC: %s\n", memory())

	defer profile(*cpuprofile)()
	for i := range *runs {
		// Each board is at a new moment, an hour apart, so nothing can be reused.
		m := caseload.Moment{At: at.Add(time.Duration(i+1) * time.Hour)}
		t := time.Now()
		b, err := e.Board(ctx, caseload.BoardQuery{Moment: m})
		if err != nil {
			fail(err)
		}
		fmt.Printf("board %d at %s: %d subjects reassessed (with 4-week change) in %.2f s; %s\n",
			i+1, m.At.Format(time.RFC3339), len(b.Rows), time.Since(t).Seconds(), memory())
	}
	t := time.Now()
	if _, err := e.Board(ctx, caseload.BoardQuery{Moment: caseload.Moment{At: at}, Limit: 100}); err != nil {
		fail(err)
	}
	fmt.Printf("board, first 100 rows: %.2f s\n", time.Since(t).Seconds())
	t = time.Now()
	al, err := e.Alerts(ctx, caseload.AlertQuery{Moment: caseload.Moment{At: at}})
	if err != nil {
		fail(err)
	}
	fmt.Printf("alerts for the week to %s: %d escalations, %d re-engagements, %d source flags in %.2f s\n",
		at.Format(time.DateOnly), len(al.Escalations.Alerts), len(al.Reengagements.Alerts), len(al.SourceFlags.Alerts), time.Since(t).Seconds())
}

// profile starts a CPU profile into path, if set, and returns what stops it.
func profile(path string) func() {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		fail(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fail(err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

// memory reports the process's resident and peak resident memory.
func memory() string {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return "memory unknown"
	}
	defer f.Close()
	var parts []string
	s := bufio.NewScanner(f)
	for s.Scan() {
		if k, v, ok := strings.Cut(s.Text(), ":"); ok && (k == "VmRSS" || k == "VmHWM") {
			parts = append(parts, k+" "+strings.Join(strings.Fields(v), " "))
		}
	}
	return strings.Join(parts, ", ")
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "engine:", err)
	os.Exit(1)
}
