package csv_test

import (
	"bytes"
	"regexp"
	"testing"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/csv"
)

var dobForm = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// FuzzRead holds Read to its promise on any input: no panic, and either
// records or an EInvalid error with located problems.
func FuzzRead(f *testing.F) {
	for _, s := range []string{
		"id,name,born,tel\nR1,Ada Quill,1984-03-07,07700 900123\n",
		"\uFEFFid, name, born, tel\r\nR1, \"Quill, Ada\", 07/03/1984, \r\nR2,,,\r\n",
		"id,name,born,tel\nR1,\"Ada\nQuill\",7 Mar 1984,\nR1,x,19840230,\n",
		"id,name,born,tel\nR1,Ada\"Quill,1984,\nR2,\"Bran,1984\n",
		"id,name,born,tel\nR1,a,b\nR2,a,b,c,d\n\n   \n",
		"name,born\nAda,Mar 1984\n",
		"",
		"id\n\xff\n",
	} {
		f.Add([]byte(s), uint8(0))
		f.Add([]byte(s), uint8(1))
	}
	orders := []csv.DateOrder{"", csv.DMY, csv.MDY, csv.YMD}
	f.Fuzz(func(t *testing.T, data []byte, order uint8) {
		opt := csv.Options{
			ID:        "id",
			Map:       map[string]string{"full_name": "name", "dob": "born", "phone": "tel"},
			DateOrder: orders[int(order)%len(orders)],
		}
		recs, err := csv.Read(bytes.NewReader(data), opt)
		if err != nil {
			if recs != nil {
				t.Errorf("records and an error")
			}
			if vigil.ErrorCode(err) != vigil.EInvalid {
				t.Fatalf("error %v has code %q, want %q", err, vigil.ErrorCode(err), vigil.EInvalid)
			}
			probs := vigil.ErrorFields(err)
			if len(probs) == 0 || len(probs) > csv.DefaultMaxProblems {
				t.Fatalf("%d problems, want 1 to %d", len(probs), csv.DefaultMaxProblems)
			}
			for _, p := range probs {
				if p.Line < 1 || p.Reason == "" {
					t.Errorf("problem %+v lacks a line or a reason", p)
				}
			}
			return
		}
		seen := map[string]bool{}
		last := 0
		for _, r := range recs {
			if r.ID == "" || seen[r.ID] {
				t.Errorf("line %d: id %q empty or repeated", r.Line, r.ID)
			}
			seen[r.ID] = true
			if r.Line <= last {
				t.Errorf("line %d after line %d", r.Line, last)
			}
			last = r.Line
			if d := r.Identity.DOB; d != "" && !dobForm.MatchString(d) {
				t.Errorf("line %d: dob %q not in the identity object's forms", r.Line, d)
			}
			for _, p := range r.Problems {
				if p.Line != r.Line || p.Field == "" || p.Reason == "" {
					t.Errorf("record problem %+v not located", p)
				}
			}
		}
	})
}
