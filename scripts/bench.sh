#!/usr/bin/env bash
# End-to-end throughput and peak memory of `newsgraph build` and `newsgraph
# merge` on a synthetic corpus, at 1 and 2 threads.
#
#   scripts/bench.sh [ARTICLES] [SHARDS]
#
# Writes the corpus with newsgraph-synth (about 4.3 KB an article), builds it
# whole at each thread count, builds SHARDS shards of it and merges them, and
# checks that the merged graph is the same bytes as the whole one. Prints
# MB/s, articles/s and peak resident memory for each run, and how long the
# saved graph takes to load back (`newsgraph stats` reads the RON; the JSON
# is parsed by Python's json module when python3 is installed, as a reader
# outside the project would). MB/s are of the corpus in every line. Needs
# GNU time (/usr/bin/time).
set -euo pipefail

articles=${1:-20000}
shards=${2:-10}
source "$(dirname "$0")/corpus.sh"
prepare_corpus "$articles"

# Runs a command, prints its wall time, rate and peak memory. What earlier
# steps wrote is flushed to disk first, so that no run pays for another's.
measure() {
    local label=$1
    shift
    sync
    /usr/bin/time -f "%e %M" -o "$work/time" "$@"
    read -r seconds kilobytes <"$work/time"
    last_seconds=$seconds
    awk -v label="$label" -v s="$seconds" -v kb="$kilobytes" -v b="$bytes" -v n="$articles" \
        'BEGIN { printf "%-34s %7.2f s %8.1f MB/s %9.0f articles/s  peak %6.0f MB\n",
                 label, s, b / 1e6 / s, n / s, kb / 1024 }'
}

for threads in 1 2; do
    measure "build, $threads thread(s), ron+json" \
        "$bin/newsgraph" build "$work/corpus.jsonl" --out "$work/whole-$threads" \
        --format ron,json --quiet --threads "$threads"
    build_seconds[threads]=$last_seconds
done
cmp "$work/whole-1.ron" "$work/whole-2.ron"
echo "1 and 2 threads: identical graphs"
awk -v one="${build_seconds[1]}" -v two="${build_seconds[2]}" \
    'BEGIN { printf "2 threads against 1: %.2f times as fast (%.0f%% of linear)\n", one / two, 50 * one / two }'
measure "load the RON back (stats)" \
    sh -c '"$0" stats "$1" >/dev/null' "$bin/newsgraph" "$work/whole-2.ron"
if command -v python3 >/dev/null; then
    measure "load the JSON back (python3 json)" \
        python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$work/whole-2.json"
fi

lines_per_shard=$(((articles + shards - 1) / shards))
split -l "$lines_per_shard" -d -a 4 --additional-suffix=.jsonl "$work/corpus.jsonl" "$work/shard-"
for shard in "$work"/shard-*.jsonl; do
    "$bin/newsgraph" build "$shard" --out "${shard%.jsonl}" --format ron --quiet
done
measure "merge $shards shards, ron+json" \
    "$bin/newsgraph" merge "$work"/shard-*.ron --out "$work/merged" --format ron,json --quiet
cmp "$work/whole-1.ron" "$work/merged.ron"
cmp "$work/whole-1.json" "$work/merged.json"
echo "merged shards: identical to the whole build"
ls -l "$work/whole-1.ron" "$work/whole-1.json" | awk '{ printf "%s %d MB\n", $9, $5 / 1e6 }'
