package caseload

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/grade"
)

// An amendment's Set holds each field's new value as canonical JSON (null clears it).
// These functions read the fields assessment uses.

type gradeField struct {
	field  string
	scheme grade.Scheme
}

// itemGradeFields are the fields holding an item's information grade, one per scheme;
// an amendment setting one writes the others as null.
func itemGradeFields() [3]gradeField {
	return [3]gradeField{{"assessment", grade.UK}, {"credibility", grade.Admiralty}, {"intelligence_5x5x5", grade.FiveByFive}}
}

func sourceGradeFields() [3]gradeField {
	return [3]gradeField{{"evaluation", grade.UK}, {"admiralty", grade.Admiralty}, {"evaluation_5x5x5", grade.FiveByFive}}
}

// gradeIn returns the code of the first grade field set to a value.
func gradeIn(set map[string][]byte, fields [3]gradeField) (grade.Scheme, string, bool, error) {
	for _, f := range fields {
		raw, ok := set[f.field]
		if !ok || string(raw) == "null" {
			continue
		}
		var code string
		if err := json.Unmarshal(raw, &code); err != nil {
			return "", "", false, fmt.Errorf("%s: %w", f.field, err)
		}
		return f.scheme, code, true, nil
	}
	return "", "", false, nil
}

func (e *Engine) itemSet(set map[string][]byte) (itemSet, error) {
	var s itemSet
	scheme, code, ok, err := gradeIn(set, itemGradeFields())
	if err != nil {
		return s, err
	}
	if ok {
		g, err := e.grades.intern(grade.InformationGrade{Scheme: scheme, Code: code})
		if err != nil {
			return s, err
		}
		s.grade = &g
	}
	if raw, ok := set["indicators"]; ok {
		var codes []string
		if err := json.Unmarshal(raw, &codes); err != nil {
			return s, fmt.Errorf("indicators: %w", err)
		}
		i := e.set(codes)
		s.indicators = &i
	}
	if raw, ok := set["subjects"]; ok {
		var refs []struct {
			ID   string            `json:"id"`
			Role vigil.SubjectRole `json:"role"`
		}
		if err := json.Unmarshal(raw, &refs); err != nil {
			return s, fmt.Errorf("subjects: %w", err)
		}
		s.subjects = make([]assignment, len(refs))
		for k, r := range refs {
			s.subjects[k] = assignment{subject: e.subject(r.ID), role: roleOf(r.Role)}
		}
	}
	if raw, ok := set["occurred_at"]; ok {
		var t *time.Time
		if err := json.Unmarshal(raw, &t); err != nil {
			return s, fmt.Errorf("occurred_at: %w", err)
		}
		var n int64
		if t != nil {
			n = t.UnixNano()
		}
		s.occurred = &n
	}
	if raw, ok := set["derived_from"]; ok {
		var from []string
		if err := json.Unmarshal(raw, &from); err != nil {
			return s, fmt.Errorf("derived_from: %w", err)
		}
		d := len(from) > 0
		s.derived = &d
	}
	return s, nil
}

func (e *Engine) sourceSetOf(set map[string][]byte) (sourceSet, error) {
	var s sourceSet
	scheme, code, ok, err := gradeIn(set, sourceGradeFields())
	if err != nil {
		return s, err
	}
	if ok {
		g, err := e.sgrades.intern(grade.SourceGrade{Scheme: scheme, Code: code})
		if err != nil {
			return s, err
		}
		s.grade = &g
	}
	if raw, ok := set["originator"]; ok {
		var o *string
		if err := json.Unmarshal(raw, &o); err != nil {
			return s, fmt.Errorf("originator: %w", err)
		}
		if o == nil {
			o = new(string)
		}
		s.originator = o
	}
	return s, nil
}

func (e *Engine) invSetOf(inv int32, set map[string][]byte) (invSet, error) {
	var s invSet
	if raw, ok := set["tier"]; ok {
		var t *vigil.Tier
		if err := json.Unmarshal(raw, &t); err != nil {
			return s, fmt.Errorf("tier: %w", err)
		}
		if t == nil {
			t = new(vigil.Tier)
		}
		s.tier = t
	}
	if raw, ok := set["subjects"]; ok {
		var ids []string
		if err := json.Unmarshal(raw, &ids); err != nil {
			return s, fmt.Errorf("subjects: %w", err)
		}
		s.subjects = e.members(inv, ids)
	}
	return s, nil
}
