#!/usr/bin/env bash
# Whole-program import benchmark (docs/PERFORMANCE.md):
#   bench/import.sh [ITEMS] [BACKGROUND_ITEMS]     (RUNS=5 repeats the first import)
# 1. generates ITEMS graded items (default 1,000,000) with the seeded generator;
# 2. times `vigil import` of them into an empty store (audit tree included);
# 3. times the sqlite3 shell loading the same lines into a one-column table
#    (the floor: no parsing, no checks, no hashing);
# 4. with BACKGROUND_ITEMS > 0, imports that many first and times importing a
#    further ITEMS into the store already holding them.
set -euo pipefail
cd "$(dirname "$0")/.."
items=${1:-1000000}
background=${2:-0}
out=bench/out
mkdir -p "$out"
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3 >/dev/null; }

go build -o "$out/vigil" ./cmd/vigil
go run ./bench/gen -items "$items" -seed 1 > "$out/items.ndjson"
lines=$(wc -l < "$out/items.ndjson")
echo "input: $lines lines, $(du -h "$out/items.ndjson" | cut -f1)"

now() { date +%s.%N; }
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.0f", n / (b - a) }'; }

# This machine's speed varies from run to run; RUNS repeats the import and
# the median is reported with every run.
runs=${RUNS:-1}
rates=()
for i in $(seq "$runs"); do
	rm -f "$out"/empty.db*
	t0=$(now)
	"$out/vigil" import "$out/items.ndjson" --db "$out/empty.db" --as bench --purpose benchmark >/dev/null
	t1=$(now)
	r=$(rate "$lines" "$t0" "$t1")
	rates+=("$r")
	echo "run $i: vigil import into an empty store: $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}') s, $r records/s"
done
vigil_rate=$(printf '%s\n' "${rates[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median of $runs: $vigil_rate records/s"

rm -f "$out/floor.db"
t0=$(now)
sqlite3 "$out/floor.db" "CREATE TABLE t(line TEXT)" ".mode ascii" ".separator \"\\037\" \"\\n\"" ".import $out/items.ndjson t"
t1=$(now)
floor_rows=$(sqlite3 "$out/floor.db" "SELECT count(*) FROM t")
floor_rate=$(rate "$floor_rows" "$t0" "$t1")
echo "sqlite3 shell floor ($floor_rows rows): $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}') s, $floor_rate rows/s"
echo "ratio vigil/floor: $(awk -v a="$vigil_rate" -v b="$floor_rate" 'BEGIN{printf "%.2f", a/b}')"

if [ "$background" -gt 0 ]; then
	go run ./bench/gen -items "$background" -seed 2 > "$out/background.ndjson"
	rm -f "$out"/full.db*
	"$out/vigil" import "$out/background.ndjson" --db "$out/full.db" --as bench --purpose benchmark
	go run ./bench/gen -items "$items" -seed 3 | sed 's/"id":"\([A-Z]*\)-/"id":"\1X-/; s/"source":"SRC-/"source":"SRCX-/; s/"SUB-/"SUBX-/g; s/"ITM-/"ITMX-/g; s/"INV-/"INVX-/g; s/"LNK-/"LNKX-/g' > "$out/more.ndjson"
	t0=$(now)
	"$out/vigil" import "$out/more.ndjson" --db "$out/full.db" --as bench --purpose benchmark
	t1=$(now)
	echo "vigil import into a store holding $background items: $(rate "$(wc -l < "$out/more.ndjson")" "$t0" "$t1") records/s"
fi
