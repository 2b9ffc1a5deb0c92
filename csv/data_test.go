package csv_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/csv"
)

// erData finds the shared evaluation data beside the module (../shared/data/er
// from the module root), or skips: it is not part of the repository.
func erData(t *testing.T, name string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("module root not found")
		}
		dir = parent
	}
	path := filepath.Join(dir, "..", "shared", "data", "er", name)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s absent: %v", name, err)
	}
	return path
}

var febrl = csv.Options{
	ID: "rec_id",
	Map: map[string]string{
		"given_name": "given_name", "family_name": "surname", "street_number": "street_number",
		"address": "address_1", "address2": "address_2", "city": "suburb", "postcode": "postcode",
		"state": "state", "dob": "date_of_birth", "document": "soc_sec_id",
	},
	DateOrder: csv.YMD,
}

func TestReadEvaluationData(t *testing.T) {
	tests := []struct {
		file    string
		opt     csv.Options
		records int
		first   csv.Record // ID, Line and a few values of the first record
	}{
		{"dataset1.csv", febrl, 1000, csv.Record{ID: "rec-223-org", Line: 2}},
		{"dataset2.csv", febrl, 5000, csv.Record{ID: "rec-2778-org", Line: 2}},
		{"fake_1000_from_splink_demos.csv", csv.Options{
			ID:  "unique_id",
			Map: map[string]string{"given_name": "first_name", "family_name": "surname", "dob": "dob", "city": "city", "email": "email"},
		}, 1000, csv.Record{ID: "0", Line: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open(erData(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			recs, err := csv.Read(f, tt.opt)
			if err != nil {
				t.Fatalf("Read: %v\n%v", err, vigil.ErrorFields(err))
			}
			if len(recs) != tt.records {
				t.Fatalf("%d records, want %d", len(recs), tt.records)
			}
			if recs[0].ID != tt.first.ID || recs[0].Line != tt.first.Line {
				t.Errorf("first record %q on line %d, want %q on line %d", recs[0].ID, recs[0].Line, tt.first.ID, tt.first.Line)
			}
			dobs, bad := 0, 0
			for _, r := range recs {
				for _, a := range r.Identity.Attributes() {
					if a.Value != strings.TrimSpace(a.Value) {
						t.Errorf("line %d: %s %q is not trimmed", r.Line, a.Field, a.Value)
					}
				}
				if r.Identity.DOB != "" {
					dobs++
				}
				for _, p := range r.Problems {
					// The only bad values in these files are corrupted
					// dates of birth (Febrl's typos such as 19371233).
					if p.Field != tt.opt.Map["dob"] || !strings.Contains(p.Reason, "not a real date") {
						t.Errorf("unexpected problem %s", p)
					}
					bad++
				}
			}
			t.Logf("%d records, %d with a date of birth, %d dates of birth dropped as not real", len(recs), dobs, bad)
			if dobs < len(recs)*9/10 {
				t.Errorf("only %d of %d records have a date of birth", dobs, len(recs))
			}
		})
	}
}
