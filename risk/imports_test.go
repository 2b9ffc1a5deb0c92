package risk_test

import (
	"go/build"
	"strings"
	"testing"
)

// TestImports enforces principle 2 of the brief: identity and protected attributes are
// never risk inputs. Names, birth dates, nationality and the like live in package identity
// (and are matched by resolve, kept by the stores and served by http); if none of those is
// reachable from risk, no change to risk can quietly start scoring people on who they are
// rather than on what they did. database/sql and net/http are forbidden too: the engine is
// pure, and the one adapter that feeds it from the store lives elsewhere.
func TestImports(t *testing.T) {
	forbidden := map[string]bool{
		"github.com/vigil-oss/vigil/identity": true,
		"github.com/vigil-oss/vigil/resolve":  true,
		"github.com/vigil-oss/vigil/sqlite":   true,
		"github.com/vigil-oss/vigil/postgres": true,
		"github.com/vigil-oss/vigil/http":     true,
		"database/sql":                        true,
		"net/http":                            true,
	}
	const self = "github.com/vigil-oss/vigil/risk"
	seen := map[string]bool{}
	var walk func(path, dir string, chain []string)
	walk = func(path, dir string, chain []string) {
		if seen[path] || path == "C" || path == "unsafe" {
			return
		}
		seen[path] = true
		pkg, err := build.Default.Import(path, dir, 0)
		if err != nil {
			if strings.HasPrefix(path, "github.com/vigil-oss/vigil") {
				t.Fatalf("import %s: %v", path, err)
			}
			// A standard-library package vendored inside GOROOT may not resolve here;
			// the forbidden check has already run on its importer's list.
			t.Logf("import %s: %v", path, err)
			return
		}
		chain = append(chain, path)
		for _, imp := range pkg.Imports {
			if forbidden[imp] {
				t.Errorf("%s imports %s (via %v): risk must not reach identity, its matchers, the stores or transport", path, imp, chain)
			}
			walk(imp, pkg.Dir, chain)
		}
	}
	walk(self, ".", nil)
	if !seen["github.com/vigil-oss/vigil/catalogue"] {
		t.Fatalf("walked %d packages without reaching catalogue: the check found nothing to check", len(seen))
	}
}
