package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"strings"
)

// config is the global configuration: flags override the environment,
// which overrides the optional config file.
type config struct {
	db           string
	dbSet        bool // --db or VIGIL_DB given, rather than the default
	as           string
	purpose      string
	compartments string
	keyFile      string
	configFile   string
}

// fileConfig is the JSON config file (--config or VIGIL_CONFIG).
type fileConfig struct {
	DB           string `json:"db"`
	As           string `json:"as"`
	Purpose      string `json:"purpose"`
	Compartments string `json:"compartments"`
	KeyFile      string `json:"key_file"`
}

// flagSet is a command's flags plus the global ones.
type flagSet struct {
	*flag.FlagSet
	cfg *config
}

// usageError is a mistake on the command line: exit status 2, with usage.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

func (m *Main) parse(c command, args []string) (*config, []string, error) {
	cfg := &config{}
	fs := &flagSet{FlagSet: flag.NewFlagSet("vigil "+c.name, flag.ContinueOnError), cfg: cfg}
	fs.SetOutput(io.Discard)
	fs.StringVar(&cfg.db, "db", "", "store `PATH` (default vigil.db; VIGIL_DB)")
	fs.StringVar(&cfg.as, "as", "", "act as `USER` (default: your login name; VIGIL_AS)")
	fs.StringVar(&cfg.purpose, "purpose", "", "stated purpose, e.g. a case reference (VIGIL_PURPOSE)")
	fs.StringVar(&cfg.compartments, "compartments", "", "comma-separated compartments you hold, * for all (default *; VIGIL_COMPARTMENTS)")
	fs.StringVar(&cfg.keyFile, "key-file", "", "signing key `FILE` (default PATH.key beside the store; VIGIL_KEY_FILE)")
	fs.StringVar(&cfg.configFile, "config", "", "JSON config `FILE` (VIGIL_CONFIG)")
	if c.flags != nil {
		c.flags(fs)
	}
	rest, err := parseInterspersed(fs.FlagSet, args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(m.Stdout, "usage: vigil %s %s\n\n%s\n\nflags:\n", c.name, c.usage, c.summary)
		fs.SetOutput(m.Stdout)
		fs.PrintDefaults()
		return nil, nil, errHelp
	}
	if err != nil {
		return nil, nil, usagef("%s: %v (see 'vigil %s -h')", c.name, err, c.name)
	}
	if err := m.resolve(cfg, fs); err != nil {
		return nil, nil, err
	}
	return cfg, rest, nil
}

var errHelp = errors.New("help shown")

// parseInterspersed lets flags stand before or after positional arguments,
// as the brief's command-line contract requires. "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" { // flag stops at "--" without consuming what follows
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// resolve fills what flags left empty from the environment, then the
// config file, then the defaults.
func (m *Main) resolve(cfg *config, fs *flagSet) error {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	env := func(dst *string, name, key string) {
		if !set[name] && *dst == "" {
			*dst = m.Getenv(key)
		}
	}
	env(&cfg.configFile, "config", "VIGIL_CONFIG")
	env(&cfg.db, "db", "VIGIL_DB")
	env(&cfg.as, "as", "VIGIL_AS")
	env(&cfg.purpose, "purpose", "VIGIL_PURPOSE")
	env(&cfg.compartments, "compartments", "VIGIL_COMPARTMENTS")
	env(&cfg.keyFile, "key-file", "VIGIL_KEY_FILE")
	if cfg.configFile != "" {
		if err := applyFile(cfg, cfg.configFile); err != nil {
			return err
		}
	}
	cfg.dbSet = cfg.db != ""
	if cfg.db == "" {
		cfg.db = "vigil.db"
	}
	if cfg.as == "" {
		cfg.as = loginName(m.Getenv)
	}
	if cfg.compartments == "" {
		cfg.compartments = "*"
	}
	return nil
}

func applyFile(cfg *config, path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("config file: %w", err)
	}
	var fc fileConfig
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&fc); err != nil {
		return fmt.Errorf("config file %s: %w", path, err)
	}
	fill := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	fill(&cfg.db, fc.DB)
	fill(&cfg.as, fc.As)
	fill(&cfg.purpose, fc.Purpose)
	fill(&cfg.compartments, fc.Compartments)
	fill(&cfg.keyFile, fc.KeyFile)
	return nil
}

// loginName is the default actor: the person logged in to this machine.
func loginName(getenv func(string) string) string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if u := getenv("USER"); u != "" {
		return u
	}
	return "unknown"
}
