package http

import (
	"errors"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/vigil-oss/vigil"
)

type metrics struct {
	requests       *prometheus.CounterVec
	duration       *prometheus.HistogramVec
	importRecords  *prometheus.CounterVec
	importRejected prometheus.Counter
}

// newMetrics registers the server's metrics, and the Go and process
// collectors, with reg. A collector reg already holds is reused, so two
// servers (or a caller that registered the Go collector itself) can share
// one registry.
func newMetrics(reg *prometheus.Registry) (*metrics, error) {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "vigil_http_requests_total",
			Help: "HTTP requests answered, by route (mux pattern) and status code.",
		}, []string{"route", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "vigil_http_request_duration_seconds",
			Help:    "Time to answer HTTP requests, by route (mux pattern).",
			Buckets: prometheus.DefBuckets,
		}, []string{"route"}),
		importRecords: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "vigil_import_records_total",
			Help: "Records written by imports over HTTP, by kind.",
		}, []string{"kind"}),
		importRejected: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "vigil_import_rejected_total",
			Help: "Input lines rejected by imports over HTTP.",
		}),
	}
	var err error
	if m.requests, err = register(reg, m.requests); err != nil {
		return nil, err
	}
	if m.duration, err = register(reg, m.duration); err != nil {
		return nil, err
	}
	if m.importRecords, err = register(reg, m.importRecords); err != nil {
		return nil, err
	}
	if m.importRejected, err = register(reg, m.importRejected); err != nil {
		return nil, err
	}
	if _, err := register(reg, collectors.NewGoCollector()); err != nil {
		return nil, err
	}
	if _, err := register(reg, collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})); err != nil {
		return nil, err
	}
	// Every kind is exported from the start, so a rate over it is defined
	// before the first import.
	for _, k := range vigil.RecordKinds() {
		m.importRecords.WithLabelValues(string(k))
	}
	return m, nil
}

func register[C prometheus.Collector](reg *prometheus.Registry, c C) (C, error) {
	err := reg.Register(c)
	var are prometheus.AlreadyRegisteredError
	if errors.As(err, &are) {
		if existing, ok := are.ExistingCollector.(C); ok {
			return existing, nil
		}
	}
	return c, err
}
