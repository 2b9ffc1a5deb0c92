// Command vigil is Vigil's one binary: CLI, HTTP API and (later) web UI.
//
// Every subcommand lives in its own file; Main parses the global flags,
// builds the actor and purpose, and dispatches. Nothing else in Vigil reads
// flags or the environment.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := (&Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, Now: time.Now}).Run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// Exit statuses of the brief's contract.
const (
	exitOK       = 0 // success
	exitRejected = 1 // verification failed or records rejected
	exitUsage    = 2 // usage or I/O error
)

// Main is the program with its environment injected, so tests run it in
// process on temporary directories.
type Main struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	Now            func() time.Time
}

// command is one subcommand: its flags are added to the global ones, and run
// gets the parsed configuration and positional arguments.
type command struct {
	name    string
	summary string
	usage   string
	flags   func(*flagSet)
	run     func(ctx context.Context, m *Main, cfg *config, args []string) error
}

func commands() []command {
	return []command{
		initCommand(),
		importCommand(),
		auditCommand(),
		rebuildCommand(),
		serveCommand(),
		demoCommand(),
		boardCommand(),
		explainCommand(),
		alertsCommand(),
		catalogueCommand(),
		matchNamesCommand(),
		dedupeCommand(),
		versionCommand(),
	}
}

// Run runs the command line args and returns the exit status.
func (m *Main) Run(ctx context.Context, args []string) int {
	if len(args) == 0 {
		m.usage(m.Stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		m.usage(m.Stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		cfg, rest, err := m.parse(c, args[1:])
		if err != nil {
			return m.fail(err)
		}
		return m.fail(c.run(ctx, m, cfg, rest))
	}
	fmt.Fprintf(m.Stderr, "vigil: unknown command %q\n", name)
	m.usage(m.Stderr)
	return exitUsage
}

func (m *Main) usage(w io.Writer) {
	fmt.Fprintln(w, "usage: vigil COMMAND [ARGS] [--db PATH] [--as USER] [--purpose TEXT]")
	fmt.Fprintln(w, "\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'vigil COMMAND -h' for a command's flags.")
}
