package caseload

import (
	"fmt"
	"strings"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/catalogue"
	"github.com/vigil-oss/vigil/grade"
)

// The engine holds millions of items, so records are kept compactly: ids are interned to
// small integers, times are Unix nanoseconds, grades, indicator sets and compartments are
// indexes into shared tables, and amendments live off to the side, where few records go.

const never = int64(1<<63 - 1) // no retraction

type source struct {
	id         string
	seq        uint64
	grade      uint8 // index into Engine.sgrades
	originator string
	patches    patches[sourceSet]
}

type sourceSet struct {
	grade      *uint8
	originator *string
}

type subject struct {
	id          string
	seq         uint64
	exists      bool // a record was read, not only a reference from an item
	status      vigil.Status
	compartment uint16
	patches     patches[vigil.Status]
	items       []entry // every item that names the subject in any role, at any time
	invs        []int32 // every investigation that lists the subject, at any time
}

// entry is an item in a subject's index. It repeats what assessment reads of an item as
// recorded, so that assessing a subject reads its own entries one after another instead
// of items scattered across the whole store; an item ever amended or retracted is read
// from the store with its changes instead (changed).
type entry struct {
	seq        uint64
	received   int64
	occurred   int64
	id         span
	source     int32
	indicators uint32
	item       int32
	grade      uint8
	derived    bool
	role       role // the subject's role in the item as recorded
	changed    bool
}

type investigation struct {
	id          string
	seq         uint64
	tier        vigil.Tier
	subjects    []int32
	compartment uint16
	patches     patches[invSet]
}

type invSet struct {
	tier     *vigil.Tier
	subjects []int32 // nil: unchanged
}

// assignment is a subject named by an item, in a role.
type assignment struct {
	subject int32
	role    role
}

// role is vigil.SubjectRole in a byte.
type role uint8

const (
	roleSubject role = iota
	roleAssociate
	roleVictim
	roleMentioned
)

func (r role) name() vigil.SubjectRole {
	switch r {
	case roleAssociate:
		return vigil.RoleAssociate
	case roleVictim:
		return vigil.RoleVictim
	case roleMentioned:
		return vigil.RoleMentioned
	}
	return vigil.RoleSubject
}

func roleOf(r vigil.SubjectRole) role {
	switch r {
	case vigil.RoleAssociate:
		return roleAssociate
	case vigil.RoleVictim:
		return roleVictim
	case vigil.RoleMentioned:
		return roleMentioned
	}
	return roleSubject
}

// item is one item as recorded; what amendments and retractions change lives in
// Engine.changes. It holds no Go pointer (see itemStore).
type item struct {
	seq         uint64
	received    int64 // Unix nanoseconds
	occurred    int64 // 0: unknown
	id          span  // in itemStore.ids
	subjects    span  // in itemStore.assign
	source      int32
	indicators  uint32 // index into Engine.sets
	changes     int32  // index into Engine.changes; -1: never amended or retracted
	grade       uint8  // index into Engine.grades; 0: not graded
	derived     bool
	compartment uint16
}

// itemSet is an item amendment's new values; nil fields are unchanged.
type itemSet struct {
	grade      *uint8
	indicators *uint32
	subjects   []assignment // nil: unchanged
	occurred   *int64
	derived    *bool
}

// itemChanges are an item's amendments and retractions. A retraction written later may
// take effect earlier, and under --known-at only some are known, so all are kept.
type itemChanges struct {
	patches     patches[itemSet]
	retractions []patch[struct{}]
}

// interner maps ids to dense indexes (for the kinds of record there are few enough of to
// hold by string).
type interner map[string]int32

// vocab interns the values of one small vocabulary to dense indexes of type I; index 0 is
// the zero value (not graded, no compartment).
type vocab[K comparable, I uint8 | uint16] struct {
	name   string
	values []K
	index  map[K]I
}

func newVocab[K comparable, I uint8 | uint16](name string) vocab[K, I] {
	var zero K
	return vocab[K, I]{name: name, values: []K{zero}, index: map[K]I{zero: 0}}
}

// intern returns k's index, adding k if new; an error when the vocabulary is full.
func (v *vocab[K, I]) intern(k K) (I, error) {
	if i, ok := v.index[k]; ok {
		return i, nil
	}
	if uint64(len(v.values)) > uint64(^I(0)) {
		return 0, fmt.Errorf("more than %d distinct %s", uint64(^I(0)), v.name)
	}
	i := I(len(v.values))
	v.values = append(v.values, k)
	v.index[k] = i
	return i, nil
}

// tables interns the small vocabularies that many items share.
type tables struct {
	grades       vocab[grade.InformationGrade, uint8]
	sgrades      vocab[grade.SourceGrade, uint8]
	compartments vocab[string, uint16]
	sets         [][]string // sorted indicator codes
	setIndex     map[string]uint32
}

func newTables() tables {
	return tables{
		grades:       newVocab[grade.InformationGrade, uint8]("information grades"),
		sgrades:      newVocab[grade.SourceGrade, uint8]("source grades"),
		compartments: newVocab[string, uint16]("compartments"),
		sets:         [][]string{{}},
		setIndex:     map[string]uint32{"": 0},
	}
}

// accuracies returns p = p_source × p_information under a catalogue for every pair of
// grades met so far, by index: [source grade][information grade], −1 where the catalogue
// has no value (or the item is not graded).
func (t *tables) accuracies(c *catalogue.Catalogue) [][]float64 {
	acc := make([][]float64, len(t.sgrades.values))
	for s, sg := range t.sgrades.values {
		acc[s] = make([]float64, len(t.grades.values))
		for i, ig := range t.grades.values {
			p, err := c.Grades.Accuracy(sg, ig)
			if err != nil || ig.IsZero() {
				p = -1
			}
			acc[s][i] = p
		}
	}
	return acc
}

func (t *tables) set(codes []string) uint32 {
	key := strings.Join(codes, " ")
	if i, ok := t.setIndex[key]; ok {
		return i
	}
	i := uint32(len(t.sets))
	t.sets = append(t.sets, append([]string(nil), codes...))
	t.setIndex[key] = i
	return i
}
