#!/usr/bin/env bash
# Batch dedupe of a generated register (docs/PERFORMANCE.md):
#   bench/dedupe.sh [ROWS]     (default 1,000,000; 20% duplicates with one to three errors)
# Times `vigil dedupe` on it from start to exit, with its peak memory, and scores the
# clusters against the truth over pairs of records.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
out=bench/out
mkdir -p "$out"
go build -o "$out/vigil" ./cmd/vigil
go run ./bench/gen -register "$rows" -seed 1 > "$out/register.csv"
/usr/bin/time -v "$out/vigil" dedupe --input "$out/register.csv" --id record_id \
	--map given_name=given_name,family_name=family_name,dob=dob,street_number=street_number \
	--map address=address,city=city,postcode=postcode,phone=phone,email=email,document=document \
	--out "$out/clusters.csv" 2> "$out/dedupe.time"
grep -E 'dedupe:|Elapsed|Maximum resident' "$out/dedupe.time"
go run ./bench/pairf1 "$out/register.csv" "$out/clusters.csv"
