package csv_test

import (
	"bytes"
	stdcsv "encoding/csv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vigil-oss/vigil/csv"
)

func TestWriteClusters(t *testing.T) {
	tests := []struct {
		name                 string
		ids, clusters, files []string
		want                 string
	}{
		{
			name:     "dedupe",
			ids:      []string{"R2", "R1", "R3"},
			clusters: []string{"R1", "R1", "R3"},
			want:     "record_id,cluster_id\nR2,R1\nR1,R1\nR3,R3\n",
		},
		{
			name:     "link adds the file column",
			ids:      []string{"A1", "B7"},
			clusters: []string{"A1", "A1"},
			files:    []string{"left", "right"},
			want:     "record_id,cluster_id,file\nA1,A1,left\nB7,A1,right\n",
		},
		{
			name: "no records, header only",
			want: "record_id,cluster_id\n",
		},
		{
			name:     "awkward ids are quoted",
			ids:      []string{`Quill, "Dee"`, "line\nbreak", " lead"},
			clusters: []string{" lead", " lead", " lead"},
			want:     "record_id,cluster_id\n\"Quill, \"\"Dee\"\"\",\" lead\"\n\"line\nbreak\",\" lead\"\n\" lead\",\" lead\"\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := csv.WriteClusters(&b, tt.ids, tt.clusters, tt.files); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, b.String()); diff != "" {
				t.Errorf("output (-want +got):\n%s", diff)
			}
		})
	}
}

func TestWriteClustersRoundTrip(t *testing.T) {
	ids := []string{"R10", `Quill, "Dee"`, "R2", "multi\nline", "Ünal-7", "R3"}
	clusters := []string{"R10", "R10", "R2", "R2", "Ünal-7", "R10"}
	files := []string{"left", "left", "right", "left", "right", "right"}
	for _, fs := range [][]string{nil, files} {
		var b bytes.Buffer
		if err := csv.WriteClusters(&b, ids, clusters, fs); err != nil {
			t.Fatal(err)
		}

		// Back through the standard reader: every column, exactly.
		rows, err := stdcsv.NewReader(bytes.NewReader(b.Bytes())).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		header := []string{"record_id", "cluster_id"}
		if fs != nil {
			header = append(header, "file")
		}
		want := [][]string{header}
		for i := range ids {
			row := []string{ids[i], clusters[i]}
			if fs != nil {
				row = append(row, fs[i])
			}
			want = append(want, row)
		}
		if diff := cmp.Diff(want, rows); diff != "" {
			t.Errorf("round trip (-want +got):\n%s", diff)
		}

		// And through this package's reader: ids in order, none duplicated.
		recs, err := csv.Read(bytes.NewReader(b.Bytes()), csv.Options{ID: "record_id"})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range recs {
			got = append(got, r.ID)
		}
		if diff := cmp.Diff(ids, got); diff != "" {
			t.Errorf("ids read back (-want +got):\n%s", diff)
		}
	}
}

func TestWriteClustersLengths(t *testing.T) {
	var b strings.Builder
	if err := csv.WriteClusters(&b, []string{"R1", "R2"}, []string{"R1"}, nil); err == nil {
		t.Error("mismatched clusters: no error")
	}
	if err := csv.WriteClusters(&b, []string{"R1"}, []string{"R1"}, []string{}); err == nil {
		t.Error("mismatched files: no error")
	}
	if b.Len() != 0 {
		t.Errorf("wrote %q before failing", b.String())
	}
}
