package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/caseload"
)

// moment holds the --at and --known-at flags every assessment command takes.
type moment struct{ at, knownAt string }

func (mo *moment) flags(fs *flagSet) {
	fs.StringVar(&mo.at, "at", "", "assess the world as it stood at `TIME` (RFC 3339 or YYYY-MM-DD; default now, or --known-at)")
	fs.StringVar(&mo.knownAt, "known-at", "", "drop everything recorded after `TIME`: what could have been seen then")
}

func (mo *moment) parse() (caseload.Moment, error) {
	var m caseload.Moment
	var err error
	if m.At, err = parseTime("at", mo.at); err != nil {
		return m, err
	}
	m.KnownAt, err = parseTime("known-at", mo.knownAt)
	return m, err
}

// parseTime reads an RFC 3339 time, or a date meaning its midnight UTC; "" is the zero
// time.
func parseTime(flag, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	return time.Time{}, usagef("--%s %q: want an RFC 3339 time such as 2026-03-09T10:00:00Z, or a date such as 2026-03-09", flag, s)
}

// answer runs one caseload query for the actor and prints its result, as JSON or as
// text. The store is opened read-write: every consultation is recorded in it.
func answer[T any](ctx context.Context, m *Main, cfg *config, asJSON bool,
	query func(context.Context, *caseload.Engine) (T, error), text func(io.Writer, T) error) error {
	ctx = m.context(ctx, cfg)
	s, err := m.open(ctx, cfg, false)
	if err != nil {
		return err
	}
	defer s.Close()
	e, err := caseload.Open(ctx, s, caseload.Options{Now: m.Now})
	if err != nil {
		return err
	}
	res, err := query(ctx, e)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(m.Stdout, res)
	}
	return text(m.Stdout, res)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func boardCommand() command {
	var mo moment
	var status string
	limit := -1
	var asJSON bool
	return command{
		name:    "board",
		summary: "rank every subject by score, with probability, confidence, harm and change",
		usage:   "[--at T] [--known-at T] [--status a,b] [--limit N] [--json]",
		flags: func(fs *flagSet) {
			mo.flags(fs)
			fs.StringVar(&status, "status", "", "only subjects with these `STATUSES` (priority,monitored,closed)")
			fs.IntVar(&limit, "limit", -1, "at most `N` rows (default: all for --json, 50 for text)")
			fs.BoolVar(&asJSON, "json", false, "print the board as JSON")
		},
		run: func(ctx context.Context, m *Main, cfg *config, args []string) error {
			if len(args) > 0 {
				return usagef("board takes no arguments (see 'vigil board -h')")
			}
			q := caseload.BoardQuery{}
			var err error
			if q.Moment, err = mo.parse(); err != nil {
				return err
			}
			if q.Statuses, err = parseStatuses(status); err != nil {
				return err
			}
			switch {
			case limit >= 0:
				q.Limit = limit
			case !asJSON:
				q.Limit = 50
			}
			return answer(ctx, m, cfg, asJSON, func(ctx context.Context, e *caseload.Engine) (caseload.Board, error) {
				return e.Board(ctx, q)
			}, printBoard)
		},
	}
}

func parseStatuses(s string) ([]vigil.Status, error) {
	var out []vigil.Status
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		st := vigil.Status(part)
		if st != vigil.StatusPriority && st != vigil.StatusMonitored && st != vigil.StatusClosed {
			return nil, usagef("--status %q: want priority, monitored or closed", part)
		}
		out = append(out, st)
	}
	return out, nil
}

func header(w io.Writer, what string, at time.Time, knownAt *time.Time, label string) {
	fmt.Fprintf(w, "%s at %s", what, at.Format(time.RFC3339))
	if knownAt != nil {
		fmt.Fprintf(w, ", as known at %s", knownAt.Format(time.RFC3339))
	}
	fmt.Fprintf(w, "\nprobabilities: %s\n\n", label)
}

func printBoard(w io.Writer, b caseload.Board) error {
	header(w, "board", b.At, b.KnownAt, b.Label)
	if len(b.Rows) == 0 {
		fmt.Fprintln(w, "no subjects")
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RANK\tSUBJECT\tPROBABILITY\tCONFIDENCE\tHARM\tSCORE\t4-WEEK CHANGE\tTIER\tTOP REASON")
	for _, r := range b.Rows {
		reason := r.TopReason
		if reason == "" {
			reason = "prior only (status " + string(r.Status) + ")"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s (%s)\t%s\t%d\t%.3f\t%+.2f\t%s\t%s\n", r.Rank, r.Subject,
			percent(r.Probability), r.Band, r.Confidence, r.Harm, r.Score, r.Change4w, tierText(r.Tier), reason)
	}
	return tw.Flush()
}

func percent(p float64) string {
	switch {
	case p < 0.001:
		return "<0.1%"
	case p > 0.999:
		return ">99.9%"
	}
	return strconv.FormatFloat(100*p, 'f', 1, 64) + "%"
}

func tierText(t *vigil.Tier) string {
	if t == nil {
		return "-"
	}
	return string(*t)
}

func explainCommand() command {
	var mo moment
	var asJSON bool
	return command{
		name:    "explain",
		summary: "one subject's assessment, contribution by contribution",
		usage:   "SUBJECT [--at T] [--known-at T] [--json]",
		flags: func(fs *flagSet) {
			mo.flags(fs)
			fs.BoolVar(&asJSON, "json", false, "print the explanation as JSON")
		},
		run: func(ctx context.Context, m *Main, cfg *config, args []string) error {
			if len(args) != 1 {
				return usagef("usage: vigil explain SUBJECT [--at T] [--known-at T] [--json]")
			}
			mom, err := mo.parse()
			if err != nil {
				return err
			}
			return answer(ctx, m, cfg, asJSON, func(ctx context.Context, e *caseload.Engine) (caseload.Explanation, error) {
				return e.Explain(ctx, args[0], mom)
			}, printExplanation)
		},
	}
}

func printExplanation(w io.Writer, x caseload.Explanation) error {
	header(w, "subject "+x.Subject, x.At, x.KnownAt, x.Label)
	fmt.Fprintf(w, "status %s, tier %s\n", x.Status, tierText(x.Tier))
	fmt.Fprintf(w, "probability %s (%s), %s confidence; harm %d; score %.3f\n", percent(x.Probability), x.Band, x.Confidence, x.Harm, x.Score)
	fmt.Fprintf(w, "log-odds %.4f = prior %.4f (status %s) + the contributions below\n", x.LogOdds, x.PriorLogOdds, x.Status)
	fmt.Fprintf(w, "change: %+.2f over 1 week, %+.2f over 4 weeks\n\n", x.Change1w, x.Change4w)
	if len(x.Contributions) == 0 {
		fmt.Fprintln(w, "no contributions: the prior alone")
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "LOG-LR\tITEM\tSOURCE\tINDICATOR\tLR\tP\tAGE (W)\tDECAY\tDISCOUNT")
	for _, c := range x.Contributions {
		if c.Withheld {
			fmt.Fprintf(tw, "%+.4f\twithheld: evidence outside your compartments\t\t\t\t\t\t\t\n", c.LogLR)
			continue
		}
		src := c.Source
		if src == "" {
			src = "(not shown)"
		}
		disc := string(c.Discount)
		if disc == "" {
			disc = "-"
		}
		fmt.Fprintf(tw, "%+.4f\t%s\t%s\t%s\t%g\t%.4g\t%.2f\t%.3f\t%s\n", c.LogLR, c.Item, src, c.Indicator, c.LR, c.P, c.AgeWeeks, c.Decay, disc)
	}
	return tw.Flush()
}

func alertsCommand() command {
	var mo moment
	var since string
	var asJSON bool
	return command{
		name:    "alerts",
		summary: "escalations, re-engagements and flagged sources since a moment",
		usage:   "[--since T] [--at T] [--known-at T] [--json]",
		flags: func(fs *flagSet) {
			mo.flags(fs)
			fs.StringVar(&since, "since", "", "the period's start `TIME` (default: the catalogue's alert window before --at)")
			fs.BoolVar(&asJSON, "json", false, "print the alerts as JSON")
		},
		run: func(ctx context.Context, m *Main, cfg *config, args []string) error {
			if len(args) > 0 {
				return usagef("alerts takes no arguments (see 'vigil alerts -h')")
			}
			q := caseload.AlertQuery{}
			var err error
			if q.Moment, err = mo.parse(); err != nil {
				return err
			}
			if q.Since, err = parseTime("since", since); err != nil {
				return err
			}
			return answer(ctx, m, cfg, asJSON, func(ctx context.Context, e *caseload.Engine) (caseload.Alerts, error) {
				a, err := e.Alerts(ctx, q)
				if vigil.ErrorCode(err) == vigil.EInvalid {
					return a, usagef("%v", err) // a period that does not run forwards: exit 2
				}
				return a, err
			}, printAlerts)
		},
	}
}

func printAlerts(w io.Writer, a caseload.Alerts) error {
	header(w, "alerts since "+a.Since.Format(time.RFC3339)+", up to", a.At, a.KnownAt, a.Label)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "ESCALATIONS: %d, of which %.2f expected false (%s)\n", len(a.Escalations.Alerts), *a.Escalations.ExpectedFalse, a.Escalations.Note)
	for _, x := range a.Escalations.Alerts {
		fmt.Fprintf(tw, "  %s\t%s\trise %+.2f\t%s (%s)\t%s\n", x.Subject, x.At.Format(time.RFC3339), x.Rise,
			percent(x.Probability), x.Band, itemList(x.Items, x.WithheldItems))
	}
	fmt.Fprintf(tw, "\nRE-ENGAGEMENTS: %d, of which %.2f expected false\n", len(a.Reengagements.Alerts), *a.Reengagements.ExpectedFalse)
	for _, x := range a.Reengagements.Alerts {
		fmt.Fprintf(tw, "  %s\t%s\t%s (%s)\t%s\n", x.Subject, x.Status, percent(x.Probability), x.Band, itemList(x.Items, x.WithheldItems))
	}
	fmt.Fprintf(tw, "\nSOURCE FLAGS: %d (%s)\n", len(a.SourceFlags.Alerts), a.SourceFlags.Note)
	for _, x := range a.SourceFlags.Alerts {
		src := "(source not shown)"
		if x.Source != nil {
			src = *x.Source
		}
		fmt.Fprintf(tw, "  %s\tabout %s\t%d reports graded suspected false\t%s\n", src, x.Subject, x.Reports, itemList(x.Items, 0))
	}
	return tw.Flush()
}

func itemList(ids []string, withheld int) string {
	s := "items " + strings.Join(ids, ", ")
	if len(ids) == 0 {
		s = "no items shown"
	}
	if withheld > 0 {
		s += fmt.Sprintf(" (+%d withheld)", withheld)
	}
	return s
}
