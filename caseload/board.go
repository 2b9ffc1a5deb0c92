package caseload

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/grade"
	"github.com/vigil-oss/vigil/risk"
)

// BoardQuery asks for the ranked list of subjects.
type BoardQuery struct {
	Moment
	Statuses []vigil.Status // only subjects with these statuses at the moment; empty: all
	Limit    int            // at most this many rows; 0: all
}

// Board is the ranked list, in the JSON of the `board` contract (with extensions:
// known_at, label, and per row status and top_reason).
type Board struct {
	At               time.Time  `json:"at"`
	KnownAt          *time.Time `json:"known_at,omitempty"`
	CatalogueVersion string     `json:"catalogue_version"`
	Calibrated       bool       `json:"calibrated"`
	// Label is how every probability must be described while uncalibrated.
	Label string `json:"label"`
	Rows  []Row  `json:"rows"`
}

// Row is one subject on the board.
type Row struct {
	Rank        int             `json:"rank"`
	Subject     string          `json:"subject"`
	Score       float64         `json:"score"`
	Probability float64         `json:"probability"`
	LogOdds     float64         `json:"log_odds"`
	Band        grade.Band      `json:"band"`
	Confidence  risk.Confidence `json:"confidence"`
	Harm        int             `json:"harm"`
	Change4w    float64         `json:"change_4w"`
	Tier        *vigil.Tier     `json:"tier"`
	Status      vigil.Status    `json:"status"`
	// TopReason is the largest contribution the reader may see, in words; "" when the
	// prior alone (or withheld evidence) makes the score.
	TopReason string `json:"top_reason"`
}

const (
	week         = 7 * 24 * time.Hour
	changeWindow = 4 * week
)

// Board ranks every subject the actor in ctx may see by score, then log-odds, then id,
// and records the consultation.
func (e *Engine) Board(ctx context.Context, q BoardQuery) (Board, error) {
	const op = "board"
	start := time.Now()
	a, v, err := e.open(ctx, op, q.Moment)
	if err != nil {
		return Board{}, err
	}
	e.mu.RLock()
	ver := e.version(v.ns, v.known)
	b := Board{
		At: v.at, KnownAt: knownAt(q.Moment), CatalogueVersion: ver.cat.Version,
		Calibrated: ver.opt.Calibrated, Label: ver.cat.Label(),
	}
	subjects := e.visibleSubjects(a, v)
	b.Rows = e.rows(subjects, v, ver, a)
	e.mu.RUnlock()

	if len(q.Statuses) > 0 {
		b.Rows = slices.DeleteFunc(b.Rows, func(r Row) bool { return !slices.Contains(q.Statuses, r.Status) })
	}
	slices.SortFunc(b.Rows, func(x, y Row) int {
		return cmp.Or(cmp.Compare(y.Score, x.Score), cmp.Compare(y.LogOdds, x.LogOdds), strings.Compare(x.Subject, y.Subject))
	})
	if q.Limit > 0 && len(b.Rows) > q.Limit {
		b.Rows = b.Rows[:q.Limit]
	}
	for i := range b.Rows {
		b.Rows[i].Rank = i + 1
	}
	query := q.query(v.at)
	if len(q.Statuses) > 0 {
		query["status"] = joinStatuses(q.Statuses)
	}
	if q.Limit > 0 {
		query["limit"] = strconv.Itoa(q.Limit)
	}
	if err := e.consulted(ctx, op, vigil.Consultation{What: op, Rows: len(b.Rows), Query: query}); err != nil {
		return Board{}, err
	}
	e.met.query(op, len(subjects), start)
	return b, nil
}

func joinStatuses(ss []vigil.Status) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = string(s)
	}
	return strings.Join(parts, ",")
}

// visibleSubjects returns the subjects recorded by v whose compartment the actor holds.
func (e *Engine) visibleSubjects(a vigil.Actor, v view) []int32 {
	out := make([]int32, 0, len(e.subjects))
	for i := range e.subjects {
		s := &e.subjects[i]
		if s.exists && s.seq < v.known && a.CanSee(e.compartments.values[s.compartment]) {
			out = append(out, int32(i))
		}
	}
	return out
}

// rows assesses the subjects on e.opt.Workers goroutines. The caller holds the read lock.
func (e *Engine) rows(subjects []int32, v view, ver *version, a vigil.Actor) []Row {
	rows := make([]Row, len(subjects))
	workers := min(e.opt.Workers, max(1, len(subjects)/256))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var s scratch
			for k := w; k < len(subjects); k += workers {
				rows[k] = e.row(&s, subjects[k], v, ver, a)
			}
		})
	}
	wg.Wait()
	return rows
}

func (e *Engine) row(w *scratch, s int32, v view, ver *version, a vigil.Actor) Row {
	status := e.statusAt(s, v)
	items, static := e.riskItemsInto(w, s, v, ver, nil)
	now := w.sc.Score(ver.opt, e.subjects[s].id, risk.Status(status), items, v.at)
	r := Row{
		Subject:     now.Subject,
		Score:       now.Score,
		Probability: now.Probability,
		LogOdds:     now.LogOdds,
		Band:        now.Band,
		Confidence:  now.Confidence,
		Harm:        now.Harm,
		Tier:        e.tierAt(s, status, v, a),
		Status:      status,
		TopReason:   e.topReason(now, a), // before the scorer's next use
	}
	r.Change4w = now.LogOdds - now.PriorLogOdds - e.evidenceBefore(w, s, status, v, ver, items, static, changeWindow)
	return r
}

// evidenceBefore is the sum of the subject's contributions d before v, with the items as
// they stood then (received, graded and amended by then, as known at v), under ver and
// with the status held: the change of log-odds over d is then the evidence's, not a
// change of status or model. items and static are riskItemsInto's at v; w's buffers are
// reused.
func (e *Engine) evidenceBefore(w *scratch, s int32, status vigil.Status, v view, ver *version, items []risk.Item, static bool, d time.Duration) float64 {
	before := v.earlier(d)
	var then []risk.Item
	if static {
		// Nothing was ever amended: the items then are those received by then.
		then = w.then[:0]
		for _, it := range items {
			if !it.ReceivedAt.After(before.at) {
				then = append(then, it)
			}
		}
		w.then = then
	} else {
		then, _ = e.riskItemsInto(w, s, before, ver, nil)
	}
	a := w.sc.Score(ver.opt, e.subjects[s].id, risk.Status(status), then, before.at)
	return a.LogOdds - a.PriorLogOdds
}

// topReason describes the largest contribution the actor may see.
func (e *Engine) topReason(as risk.Assessment, a vigil.Actor) string {
	for _, c := range as.Contributions {
		if c.LogLR == 0 {
			break // ordered by |log_lr|: the rest add nothing
		}
		if !e.itemVisible(c.Item, a) {
			continue
		}
		return fmt.Sprintf("%s on %s (%+.2f)", c.Indicator, c.Item, c.LogLR)
	}
	return ""
}

func (e *Engine) itemVisible(id string, a vigil.Actor) bool {
	if a.SeesAll() {
		return true
	}
	i, ok := e.lookup(id)
	return ok && a.CanSee(e.compartments.values[e.item(i).compartment])
}
