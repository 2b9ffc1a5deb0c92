package csv

import (
	stdcsv "encoding/csv"
	"fmt"
	"io"

	"github.com/vigil-oss/vigil"
)

// WriteClusters writes the dedupe output contract: the header
// record_id,cluster_id, then one row per record in the order given. With
// files (left or right per record, when two files are linked) a third
// column, file, is added; files nil leaves it out. The slices run in
// parallel.
func WriteClusters(w io.Writer, ids, clusters, files []string) error {
	if len(clusters) != len(ids) || (files != nil && len(files) != len(ids)) {
		return fmt.Errorf("write clusters: %d ids, %d clusters, %d files", len(ids), len(clusters), len(files))
	}
	cw := stdcsv.NewWriter(w)
	row := []string{"record_id", "cluster_id"}
	if files != nil {
		row = append(row, "file")
	}
	if err := cw.Write(row); err != nil {
		return writeError(err)
	}
	for i, id := range ids {
		row[0], row[1] = id, clusters[i]
		if files != nil {
			row[2] = files[i]
		}
		if err := cw.Write(row); err != nil {
			return writeError(err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return writeError(err)
	}
	return nil
}

func writeError(err error) error {
	return &vigil.Error{Code: vigil.EUnavailable, Op: "write clusters", Message: "cannot write the output", Err: err}
}
