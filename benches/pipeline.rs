//! Throughput of each stage of newsgraph, and of the binary end to end, on
//! a synthetic news corpus from `newsgraph-synth` (see `scripts/bench.sh`
//! for the large runs with peak memory).
//!
//! Run with `cargo bench --bench pipeline`; criterion reports bytes of
//! article text per second for every stage, so the figures add up: a
//! stage at 40 MB/s takes 25 ms of each second-long build of 1 MB.

use std::process::Command;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use newsgraph::extract::{extract, stages, Extraction};
use newsgraph::{Document, KnowledgeGraph};
use newsgraph_synth::{Corpus, CorpusSettings};
use rayon::prelude::*;

/// About 1.7 MB of articles: enough names for resolution to have work,
/// small enough that each sample takes well under a second.
const ARTICLES: u64 = 400;

fn corpus() -> Vec<Document> {
    let corpus = Corpus::new(CorpusSettings {
        seed: 2026,
        ..CorpusSettings::default()
    });
    (0..ARTICLES)
        .map(|index| {
            let article = corpus.article(index);
            Document::new(article.id, article.text)
        })
        .collect()
}

fn text_bytes(documents: &[Document]) -> u64 {
    documents
        .iter()
        .map(|document| document.text.len() as u64)
        .sum()
}

fn graph_of(extractions: Vec<Extraction>) -> KnowledgeGraph {
    let mut graph = KnowledgeGraph::new();
    for extraction in extractions {
        graph.add(extraction);
    }
    graph
}

fn bench_stages(criterion: &mut Criterion) {
    let documents = corpus();
    // The gazetteers are built once a process, before timing.
    let _ = extract(&documents[0]);
    let mut group = criterion.benchmark_group("stages");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text_bytes(&documents)));
    group.bench_function("sentences and tokens", |bencher| {
        bencher.iter(|| {
            for document in &documents {
                std::hint::black_box(stages::analyse(&document.text));
            }
        })
    });
    let analysed: Vec<_> = documents
        .iter()
        .map(|document| stages::analyse(&document.text))
        .collect();
    group.bench_function("entities", |bencher| {
        bencher.iter(|| {
            for text in &analysed {
                std::hint::black_box(stages::entities(text));
            }
        })
    });
    let entities: Vec<_> = analysed.iter().map(stages::entities).collect();
    group.bench_function("statements", |bencher| {
        bencher.iter(|| {
            for (text, found) in analysed.iter().zip(&entities) {
                std::hint::black_box(stages::statements(text, found));
            }
        })
    });
    group.bench_function("relations", |bencher| {
        bencher.iter(|| {
            for (text, found) in analysed.iter().zip(&entities) {
                std::hint::black_box(stages::relations(text, found));
            }
        })
    });
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool");
        group.bench_function(format!("extract, {threads} threads"), |bencher| {
            bencher.iter(|| {
                pool.install(|| {
                    documents
                        .par_iter()
                        .map(extract)
                        .collect::<Vec<Extraction>>()
                })
            })
        });
    }
    group.finish();
}

fn bench_graph(criterion: &mut Criterion) {
    let documents = corpus();
    let extractions: Vec<Extraction> = documents.iter().map(extract).collect();
    let mut group = criterion.benchmark_group("graph");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text_bytes(&documents)));
    group.bench_function("resolve", |bencher| {
        bencher.iter_batched(
            || extractions.clone(),
            |extractions| graph_of(extractions).to_saved(),
            BatchSize::LargeInput,
        )
    });
    // Four shards saved as RON, loaded back and merged: what `newsgraph
    // merge` does after reading its files.
    let shards: Vec<String> = extractions
        .chunks(extractions.len().div_ceil(4))
        .map(|chunk| graph_of(chunk.to_vec()).to_ron())
        .collect();
    group.bench_function("merge 4 saved shards", |bencher| {
        bencher.iter(|| {
            let mut merged = KnowledgeGraph::new();
            for shard in &shards {
                merged.merge(
                    KnowledgeGraph::from_ron(shard, "shard.ron".as_ref()).expect("shard loads"),
                );
            }
            merged.to_saved()
        })
    });
    let graph = graph_of(extractions.clone());
    let saved = graph.to_saved();
    group.bench_function("write RON", |bencher| {
        bencher.iter(|| newsgraph::export::to_ron(&saved))
    });
    group.bench_function("write JSON", |bencher| {
        bencher.iter(|| newsgraph::export::to_json(&saved))
    });
    let ron = graph.to_ron();
    group.bench_function("load RON", |bencher| {
        bencher.iter(|| KnowledgeGraph::from_ron(&ron, "graph.ron".as_ref()).expect("loads"))
    });
    group.finish();
}

fn bench_binary(criterion: &mut Criterion) {
    let documents = corpus();
    let directory = tempfile::tempdir().expect("temporary directory");
    let corpus_path = directory.path().join("corpus.jsonl");
    let lines: String = documents
        .iter()
        .map(|document| {
            serde_json::json!({"id": document.id, "text": document.text}).to_string() + "\n"
        })
        .collect();
    std::fs::write(&corpus_path, lines).expect("corpus written");
    let out = directory.path().join("graph");
    let mut group = criterion.benchmark_group("newsgraph build");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text_bytes(&documents)));
    for threads in ["1", "2"] {
        group.bench_function(format!("ron and json, {threads} threads"), |bencher| {
            bencher.iter(|| {
                let status = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
                    .arg("build")
                    .arg(&corpus_path)
                    .arg("--out")
                    .arg(&out)
                    .args(["--format", "ron,json", "--quiet", "--threads", threads])
                    .status()
                    .expect("newsgraph runs");
                assert!(status.success());
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_stages, bench_graph, bench_binary);
criterion_main!(benches);
