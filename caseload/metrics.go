package caseload

import (
	"errors"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics are the engine's Prometheus metrics; a nil *metrics records nothing.
type metrics struct {
	records  prometheus.Counter
	subjects prometheus.Gauge
	items    prometheus.Gauge
	size     prometheus.Gauge
	assessed *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	if reg == nil {
		return nil, nil
	}
	m := &metrics{
		records: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "vigil_caseload_records_applied_total",
			Help: "Records the in-memory caseload has read from the log.",
		}),
		subjects: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "vigil_caseload_subjects", Help: "Subjects held in memory.",
		}),
		items: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "vigil_caseload_items", Help: "Items held in memory.",
		}),
		size: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "vigil_caseload_log_size", Help: "Events of the log the caseload has read.",
		}),
		assessed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "vigil_caseload_assessments_total",
			Help: "Subject assessments computed, by query (board, explain, alerts).",
		}, []string{"query"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "vigil_caseload_query_duration_seconds",
			Help:    "Time to answer a caseload query, by query.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 14),
		}, []string{"query"}),
	}
	var err error
	m.records, err = register(reg, m.records, err)
	m.subjects, err = register(reg, m.subjects, err)
	m.items, err = register(reg, m.items, err)
	m.size, err = register(reg, m.size, err)
	m.assessed, err = register(reg, m.assessed, err)
	m.duration, err = register(reg, m.duration, err)
	if err != nil {
		return nil, err
	}
	return m, nil
}

// register registers c with reg, or returns the collector already registered in its
// place (a second engine on one registry shares the first one's metrics).
func register[T prometheus.Collector](reg prometheus.Registerer, c T, err error) (T, error) {
	if err != nil {
		return c, err
	}
	if err := reg.Register(c); err != nil {
		var dup prometheus.AlreadyRegisteredError
		if errors.As(err, &dup) {
			if prev, ok := dup.ExistingCollector.(T); ok {
				return prev, nil
			}
		}
		return c, err
	}
	return c, nil
}

func (m *metrics) applied(n int, e *Engine) {
	if m == nil {
		return
	}
	m.records.Add(float64(n))
	m.subjects.Set(float64(len(e.subjects)))
	m.items.Set(float64(e.count()))
	m.size.Set(float64(e.size))
}

func (m *metrics) query(name string, assessed int, start time.Time) {
	if m == nil {
		return
	}
	m.assessed.WithLabelValues(name).Add(float64(assessed))
	m.duration.WithLabelValues(name).Observe(time.Since(start).Seconds())
}
