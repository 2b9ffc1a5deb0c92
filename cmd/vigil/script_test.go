package main

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// runVigil runs the program as a child process of the script engine.
func runVigil() int {
	return (&Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, Now: time.Now}).Run(context.Background(), os.Args[1:])
}

func TestMain(m *testing.M) {
	// Tests that need vigil as a real child process (crash_test.go) run this
	// test binary with VIGIL_TEST_MAIN=1.
	if os.Getenv("VIGIL_TEST_MAIN") == "1" {
		os.Exit(runVigil())
	}
	testscript.Main(m, map[string]func(){
		"vigil": func() { os.Exit(runVigil()) },
		// vigil-exit runs vigil, then prints its exit status as the last line
		// of stderr ("[exit N]") and succeeds, so scripts can assert the
		// contract's exact statuses, not only success or failure.
		"vigil-exit": func() {
			code := runVigil()
			fmt.Fprintf(os.Stderr, "[exit %d]\n", code)
			os.Exit(0)
		},
	})
}

// TestScripts runs every script in testdata/script: each is a command
// session with the expected output and exit status.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("VIGIL_AS", "script-tester")
			return nil
		},
		RequireExplicitExec: false,
	})
}
