package caseload_test

import (
	"go/build"
	"testing"
)

// TestImports: the engine is the one adapter between stored records and the risk model
// (docs/ARCHITECTURE.md). It receives records without identity objects and must never
// reach the packages that hold or match names, birth dates and the like: otherwise a
// change here could start ranking people on who they are rather than on what they did.
func TestImports(t *testing.T) {
	forbidden := map[string]bool{
		"github.com/vigil-oss/vigil/identity": true,
		"github.com/vigil-oss/vigil/resolve":  true,
	}
	seen := map[string]bool{}
	var walk func(path, dir string)
	walk = func(path, dir string) {
		if seen[path] || path == "C" || path == "unsafe" {
			return
		}
		seen[path] = true
		pkg, err := build.Default.Import(path, dir, 0)
		if err != nil {
			t.Logf("import %s: %v", path, err) // a vendored standard-library package
			return
		}
		for _, imp := range pkg.Imports {
			if forbidden[imp] {
				t.Errorf("%s imports %s: the caseload engine must not reach identity", path, imp)
			}
			walk(imp, pkg.Dir)
		}
	}
	walk("github.com/vigil-oss/vigil/caseload", ".")
	if !seen["github.com/vigil-oss/vigil/risk"] {
		t.Fatalf("walked %d packages without reaching risk: the check found nothing to check", len(seen))
	}
}
