package vigil_test

import (
	"go/build"
	"strings"
	"testing"
)

// TestRootImports enforces the shape in STYLE.md: the domain vocabulary
// depends on no storage, transport or template package, and never on
// package identity — who someone is must not be reachable from the types
// that describe what they did, or from anything built on them alone.
func TestRootImports(t *testing.T) {
	forbidden := []string{
		"database/sql", "net/http", "html/template", "text/template",
		"github.com/vigil-oss/vigil/identity",
	}
	seen := map[string]bool{}
	var walk func(path, dir string)
	walk = func(path, dir string) {
		if seen[path] {
			return
		}
		seen[path] = true
		pkg, err := build.Default.Import(path, dir, 0)
		if err != nil {
			t.Fatalf("import %s: %v", path, err)
		}
		for _, imp := range pkg.Imports {
			for _, f := range forbidden {
				if imp == f {
					t.Errorf("%s imports %s: the root package and what it depends on must not", path, f)
				}
			}
			if strings.HasPrefix(imp, "github.com/vigil-oss/vigil/") {
				walk(imp, ".")
			}
		}
	}
	walk("github.com/vigil-oss/vigil", ".")
	if len(seen) < 2 {
		t.Fatalf("walked only %v: the check found nothing to check", seen)
	}
}
