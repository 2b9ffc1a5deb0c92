package vigil

import (
	"context"
	"slices"
	"strings"
)

// Role is what a person does in Vigil; it decides what they may see and do.
type Role string

const (
	RoleAnalyst      Role = "analyst"
	RoleInvestigator Role = "investigator"
	RoleBoard        Role = "board"
	RoleReviewer     Role = "reviewer"
	RoleAuditor      Role = "auditor"
	RoleAdmin        Role = "admin"
)

// Roles lists every role, in a stable order.
func Roles() []Role {
	return []Role{RoleAnalyst, RoleInvestigator, RoleBoard, RoleReviewer, RoleAuditor, RoleAdmin}
}

// AllCompartments, as an actor's only compartment, grants every compartment.
const AllCompartments = "*"

// PurposeNotStated is recorded when an actor gave no purpose.
const PurposeNotStated = "not stated"

// Actor is the person (or process) on whose behalf a call is made.
// Compartments limit what they may see: data without a compartment is
// visible to everyone; data in a compartment only to actors holding it.
type Actor struct {
	Name         string
	Roles        []Role
	Compartments []string
}

// Has reports whether the actor holds role r.
func (a Actor) Has(r Role) bool { return slices.Contains(a.Roles, r) }

// CanSee reports whether data in compartment c is visible to the actor.
func (a Actor) CanSee(c string) bool {
	if c == "" {
		return true
	}
	for _, have := range a.Compartments {
		if have == c || have == AllCompartments {
			return true
		}
	}
	return false
}

// SeesAll reports whether the actor holds every compartment.
func (a Actor) SeesAll() bool { return slices.Contains(a.Compartments, AllCompartments) }

// MaySeeSources reports whether source identities may be shown to the actor:
// need to know, so analysts, reviewers, auditors and administrators only.
func (a Actor) MaySeeSources() bool {
	return a.Has(RoleAnalyst) || a.Has(RoleReviewer) || a.Has(RoleAuditor) || a.Has(RoleAdmin)
}

// Validate checks the actor can be recorded.
func (a Actor) Validate() error {
	if strings.TrimSpace(a.Name) == "" {
		return Errorf(EUnauthorized, "no actor: every call must name who makes it")
	}
	return nil
}

type actorKey struct{}
type purposeKey struct{}

// WithActor returns a context carrying the actor.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor carried by ctx.
func ActorFrom(ctx context.Context) (Actor, bool) {
	a, ok := ctx.Value(actorKey{}).(Actor)
	return a, ok
}

// WithPurpose returns a context carrying the actor's stated purpose, such as
// a case reference. An empty purpose is recorded as PurposeNotStated.
func WithPurpose(ctx context.Context, purpose string) context.Context {
	return context.WithValue(ctx, purposeKey{}, strings.TrimSpace(purpose))
}

// PurposeFrom returns the stated purpose, or PurposeNotStated.
func PurposeFrom(ctx context.Context) string {
	if p, _ := ctx.Value(purposeKey{}).(string); p != "" {
		return p
	}
	return PurposeNotStated
}

// RequireActor returns the actor in ctx or an EUnauthorized error naming op.
func RequireActor(ctx context.Context, op string) (Actor, error) {
	a, ok := ActorFrom(ctx)
	if !ok {
		return Actor{}, &Error{Code: EUnauthorized, Op: op, Message: "no actor in context"}
	}
	if err := a.Validate(); err != nil {
		return Actor{}, err
	}
	return a, nil
}
