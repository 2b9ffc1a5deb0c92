package vigil

import (
	"time"

	"github.com/vigil-oss/vigil/grade"
)

// Kind names a type of record, as in the NDJSON intake's "type" field, and
// also the kind of the event that records it.
type Kind string

const (
	KindSource        Kind = "source"
	KindSubject       Kind = "subject"
	KindInvestigation Kind = "investigation"
	KindItem          Kind = "item"
	KindLink          Kind = "link"
	KindAmend         Kind = "amend"
	KindRetract       Kind = "retract"
	KindImport        Kind = "import" // the summary event of one import
)

// RecordKinds lists the kinds a person may submit, in intake order.
func RecordKinds() []Kind {
	return []Kind{KindSource, KindSubject, KindInvestigation, KindItem, KindLink, KindAmend, KindRetract}
}

// SourceKind is where intelligence comes from.
type SourceKind string

// SourceKinds lists the accepted source kinds.
func SourceKinds() []SourceKind {
	return []SourceKind{"informant", "intercept", "hotline", "community", "partner", "open_source", "surveillance", "other"}
}

// Source is a provider of intelligence, graded for reliability as entered.
// Sources relaying the same Originator count as one source when repeats are
// discounted, so circular reporting is not mistaken for corroboration.
type Source struct {
	ID         string
	Kind       SourceKind
	Grade      grade.SourceGrade
	Originator string
}

// Status is the agency's standing judgement of a subject.
type Status string

const (
	StatusPriority  Status = "priority"
	StatusMonitored Status = "monitored"
	StatusClosed    Status = "closed"
)

// Statuses lists the subject statuses.
func Statuses() []Status { return []Status{StatusPriority, StatusMonitored, StatusClosed} }

// Subject is a person of interest. Their identity lives in package identity
// under the same id; it is never part of this type.
type Subject struct {
	ID          string
	Status      Status
	Compartment string
}

// Tier is an investigation's priority: P1 (highest) to P3, M (monitored, no
// live investigation) and closed.
type Tier string

// Tiers lists the tiers from highest to lowest.
func Tiers() []Tier { return []Tier{"P1", "P2", "P3", "M", "closed"} }

// Investigation groups subjects under one priority tier.
type Investigation struct {
	ID          string
	Name        string
	Subjects    []string
	Tier        Tier // "" when not yet set
	Compartment string
}

// Role is how a subject figures in an item; only RoleSubject receives risk
// contributions.
type SubjectRole string

const (
	RoleSubject   SubjectRole = "subject"
	RoleAssociate SubjectRole = "associate"
	RoleVictim    SubjectRole = "victim"
	RoleMentioned SubjectRole = "mentioned"
)

// SubjectRoles lists the roles a subject may have in an item.
func SubjectRoles() []SubjectRole {
	return []SubjectRole{RoleSubject, RoleAssociate, RoleVictim, RoleMentioned}
}

// SubjectRef names a subject an item is about, and in what role.
type SubjectRef struct {
	ID   string
	Role SubjectRole
}

// Item is one graded piece of intelligence. Its grade is stored as entered;
// OccurredAt is zero when unknown.
type Item struct {
	ID          string
	ReceivedAt  time.Time
	OccurredAt  time.Time
	Source      string
	Grade       grade.InformationGrade
	Handling    grade.Handling
	Subjects    []SubjectRef
	Mentions    int // how many identity fragments await resolution
	Indicators  []string
	Summary     string
	DerivedFrom []string
	Compartment string
}

// LinkKind is the nature of a link between two subjects.
type LinkKind string

// LinkKinds lists the accepted link kinds.
func LinkKinds() []LinkKind {
	return []LinkKind{"communicates", "associate", "family", "co_located", "other"}
}

// Link connects two subjects.
type Link struct {
	ID         string
	From, To   string
	Kind       LinkKind
	ReceivedAt time.Time
	Source     string
	Item       string
}

// Target names the record an amendment or retraction applies to.
type Target struct {
	Type Kind
	ID   string
}

// Amendment changes fields of an existing record from EffectiveAt on.
// Set holds the new values in their canonical JSON form, keyed by field.
type Amendment struct {
	Target      Target
	Set         map[string][]byte
	EffectiveAt time.Time
	Rationale   string
}

// Retraction withdraws an item or link from EffectiveAt on: a report found
// false stops counting at once, but it is never deleted.
type Retraction struct {
	Target      Target
	EffectiveAt time.Time
	Rationale   string
}

// Record is one submitted record, decoded and validated on its own. Payload
// is its canonical encoding — what the log commits to — which also carries
// any identity object or mentions, for package identity to read.
type Record struct {
	Line    int    // 1-based line in the input, 0 when not from a file
	Seq     uint64 // its event's position in the log, when read back from a store (Feed)
	Kind    Kind
	ID      string // for amend and retract, derived from the payload
	Payload []byte
	Hash    [32]byte // SHA-256 of Payload, set with it by the codec

	Source        *Source
	Subject       *Subject
	Investigation *Investigation
	Item          *Item
	Link          *Link
	Amendment     *Amendment
	Retraction    *Retraction
	Decision      *Decision

	// Refs are the records this one points to, for the store to check.
	Refs []Ref
}

// Ref is a reference from a record's field to another record.
type Ref struct {
	Field string // JSON path of the referring field, e.g. subjects[0].id
	Kind  Kind
	ID    string
}

// Compartment returns the compartment the record belongs to, if any.
func (r *Record) Compartment() string {
	switch {
	case r.Subject != nil:
		return r.Subject.Compartment
	case r.Investigation != nil:
		return r.Investigation.Compartment
	case r.Item != nil:
		return r.Item.Compartment
	}
	return ""
}
