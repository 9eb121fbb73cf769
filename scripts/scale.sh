#!/usr/bin/env bash
# The large-corpus check: a corpus of ARTICLES synthetic articles built
# whole, saved and loaded back, and built again as SHARDS shards merged in a
# shuffled order, which must give the same graph.
#
#   scripts/scale.sh [ARTICLES] [SHARDS] [WORK_DIRECTORY]
#
# Defaults: a million articles (4.3 GB of text) in 100 shards of 10,000.
# Every step prints its wall time, peak resident memory and CPU time:
#   1. build the whole corpus, writing JSON only;
#   2. build it again, writing RON only (the saved graph: facts and the
#      extractions they were resolved from), and load that back
#      (`newsgraph stats` reads it);
#   3. give its last 1,000 articles again to `build --into` that graph,
#      writing JSON, and check that the JSON is the same bytes as step 1's
#      (an article given again replaces itself);
#   4. build each shard, writing RON;
#   5. merge the shards in a shuffled order, writing JSON, and check that
#      the JSON is the same bytes as step 1's.
# Outputs are compared by checksum and deleted as soon as they are no longer
# needed, so that the disk holds at most the corpus, one graph in RON
# (whole, or as the shards) and one JSON graph at a time: about 12 times
# the corpus (50 GB for a million articles). Needs GNU time
# (/usr/bin/time) and md5sum.
set -euo pipefail

articles=${1:-1000000}
shards=${2:-100}
source "$(dirname "$0")/corpus.sh"
prepare_corpus "$articles" "${3:-}"

# Runs a command and prints its wall time, peak memory and CPU time. What
# earlier steps wrote is flushed to disk first, so that no step pays for
# another's.
measure() {
    local label=$1
    shift
    sync
    /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@"
    read -r seconds kilobytes user system <"$work/time"
    awk -v label="$label" -v s="$seconds" -v kb="$kilobytes" -v u="$user" -v k="$system" \
        'BEGIN { printf "%-36s %8.1f s  peak %6.2f GB  cpu %6.1f s user %6.1f s system\n",
                 label, s, kb / 1048576, u, k }'
}

checksum() {
    md5sum "$1" | cut -d ' ' -f 1
}

measure "build, writing JSON" \
    "$bin/newsgraph" build "$work/corpus.jsonl" --out "$work/whole" --format json --quiet
whole_json=$(checksum "$work/whole.json")
echo "whole.json: $(($(stat -c %s "$work/whole.json") / 1000000)) MB"
rm "$work/whole.json"

measure "build, writing RON" \
    "$bin/newsgraph" build "$work/corpus.jsonl" --out "$work/whole" --format ron --quiet
echo "whole.ron: $(($(stat -c %s "$work/whole.ron") / 1000000)) MB"
measure "load the RON back (stats)" \
    sh -c '"$0" stats "$1" >/dev/null' "$bin/newsgraph" "$work/whole.ron"
tail -n 1000 "$work/corpus.jsonl" >"$work/again.jsonl"
measure "add 1,000 again (build --into), JSON" \
    "$bin/newsgraph" build "$work/again.jsonl" --into "$work/whole.ron" --out "$work/into" \
    --format json --quiet
if [ "$(checksum "$work/into.json")" != "$whole_json" ]; then
    echo "built into the saved graph: DIFFERENT from the whole build" >&2
    exit 1
fi
echo "built into the saved graph: the same bytes as the whole build"
rm "$work/whole.ron" "$work/into.json" "$work/again.jsonl"

mkdir "$work/shards"
lines_per_shard=$(((articles + shards - 1) / shards))
split -l "$lines_per_shard" -d -a 4 --additional-suffix=.jsonl "$work/corpus.jsonl" \
    "$work/shards/shard-"
start=$(date +%s.%N)
for shard in "$work"/shards/shard-*.jsonl; do
    "$bin/newsgraph" build "$shard" --out "${shard%.jsonl}" --format ron --quiet
    rm "$shard"
done
awk -v s="$start" -v e="$(date +%s.%N)" -v n="$shards" \
    'BEGIN { printf "%-36s %8.1f s\n", "build the " n " shards, writing RON", e - s }'

# A fixed shuffle, so that a run can be repeated exactly.
mapfile -t order < <(ls "$work"/shards/shard-*.ron | shuf --random-source=<(yes))
measure "merge the $shards shards, writing JSON" \
    "$bin/newsgraph" merge "${order[@]}" --out "$work/merged" --format json --quiet
if [ "$(checksum "$work/merged.json")" != "$whole_json" ]; then
    echo "merged shards: DIFFERENT from the whole build" >&2
    exit 1
fi
echo "merged shards: the same bytes as the whole build"
