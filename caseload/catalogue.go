package caseload

import (
	"context"
	"fmt"
	"time"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/catalogue"
)

// CatalogueDecision returns the decision that loads catalogue version c, in force from its
// effective_from. Its id names the version, so loading the same file again is a no-op and
// loading different numbers under a version already loaded is a conflict.
func CatalogueDecision(c *catalogue.Catalogue, rationale string) (vigil.Decision, error) {
	body, err := c.Marshal()
	if err != nil {
		return vigil.Decision{}, err
	}
	return vigil.Decision{
		ID:          "catalogue-v" + c.Version,
		Type:        vigil.DecisionCatalogue,
		EffectiveAt: c.EffectiveFrom,
		Rationale:   rationale,
		Body:        body,
	}, nil
}

// CatalogueAt returns the catalogue version in force at at in st: the loaded version with
// the latest effective_from at or before at (a later load winning a tie), or def when
// none is.
func CatalogueAt(ctx context.Context, st vigil.Store, def *catalogue.Catalogue, at time.Time) (*catalogue.Catalogue, error) {
	ds, err := st.Decisions(ctx, vigil.DecisionCatalogue)
	if err != nil {
		return nil, err
	}
	best, bestFrom := def, time.Time{}
	found := false
	for _, d := range ds {
		c, err := catalogue.Parse(d.Body)
		if err != nil {
			return nil, fmt.Errorf("catalogue decision %s (event %d): %w", d.ID, d.Seq, err)
		}
		if c.EffectiveFrom.After(at) {
			continue
		}
		if !found || !c.EffectiveFrom.Before(bestFrom) {
			best, bestFrom, found = c, c.EffectiveFrom, true
		}
	}
	return best, nil
}
