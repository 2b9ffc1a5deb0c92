package sqlite

// mattn/go-sqlite3 (cgo, the SQLite amalgamation) is the default driver: it
// imported fastest in the benchmark recorded in docs/DECISIONS.md.
import _ "github.com/mattn/go-sqlite3"
