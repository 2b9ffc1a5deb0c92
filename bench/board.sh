#!/usr/bin/env bash
# Board from a warm server (docs/PERFORMANCE.md):
#   bench/board.sh [STORE]     (default bench/out/empty.db, from bench/import.sh 1000000:
#                               25,000 subjects and 1,000,000 items, about the demo's size)
# Starts `vigil serve` on the store, waits for it to load, then times GET /api/v1/board at
# ten new moments (nothing cached), for the whole board and for its first 100 rows.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-bench/out/empty.db}
out=bench/out
mkdir -p "$out"
command -v curl >/dev/null || { apt-get update -qq && apt-get install -y -qq curl >/dev/null; }
go build -o "$out/vigil" ./cmd/vigil

"$out/vigil" serve --db "$db" --addr 127.0.0.1:0 --as bench --purpose benchmark >"$out/serve.log" 2>"$out/serve.err" &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
url=
for _ in $(seq 1200); do # the server prints its URL once the caseload is loaded
	url=$(grep -o 'http://[^ ]*' "$out/serve.log" || true)
	[ -n "$url" ] && break
	kill -0 $pid 2>/dev/null || { cat "$out/serve.err"; exit 1; }
	sleep 0.1
done
[ -n "$url" ] || { echo "server did not start"; exit 1; }
curl -sf "$url/api/v1/board?limit=1" >/dev/null # warm

for limit in 0 100; do
	times=()
	for h in $(seq -w 10 19); do
		t=$(curl -sf -o "$out/board.json" -w '%{time_total}' "$url/api/v1/board?at=2026-11-22T$h:00:00Z&limit=$limit")
		times+=("$t")
	done
	rows=$(grep -o '"rank":' "$out/board.json" | wc -l)
	printf 'board, limit %s (%s rows), 10 moments: %s s; median %s s, max %s s\n' "$limit" "$rows" "${times[*]}" \
		"$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" \
		"$(printf '%s\n' "${times[@]}" | sort -n | tail -1)"
done
