# Sourced by the benchmark scripts: builds the binaries, makes a work
# directory that is removed on exit, and writes a synthetic corpus there.
#
#   prepare_corpus ARTICLES [PARENT_DIRECTORY]
#
# Sets `bin` (the release binaries), `work` (the work directory) and
# `bytes` (the corpus size); the corpus is "$work/corpus.jsonl".
prepare_corpus() {
    local articles=$1
    cd "$(dirname "${BASH_SOURCE[0]}")/.."
    cargo build --release --quiet --bins -p newsgraph -p newsgraph-synth
    bin=$PWD/target/release
    work=$(mktemp -d "${2:-${TMPDIR:-/tmp}}/newsgraph-bench.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    "$bin/newsgraph-synth" --articles "$articles" --out "$work/corpus.jsonl"
    bytes=$(stat -c %s "$work/corpus.jsonl")
    echo "corpus: $articles articles, $((bytes / 1000000)) MB, $(nproc) cores"
}
