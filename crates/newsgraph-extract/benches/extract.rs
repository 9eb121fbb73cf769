//! Throughput of extraction on the example articles: one document at a
//! time, the way the graph builder calls it. Run with `cargo bench -p
//! newsgraph-extract`; criterion reports bytes per second.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsgraph_extract::{extract, Document};

fn example_documents() -> Vec<Document> {
    let directory = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/news");
    let mut paths: Vec<_> = std::fs::read_dir(directory)
        .expect("examples/news exists")
        .map(|entry| entry.expect("readable entry").path())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("example is UTF-8");
            let id = path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            Document::new(id, text)
        })
        .collect()
}

fn bench_extract(criterion: &mut Criterion) {
    let documents = example_documents();
    let bytes: usize = documents.iter().map(|document| document.text.len()).sum();
    // Build the gazetteers before timing: that cost is paid once a process.
    let _ = extract(&documents[0]);
    let mut group = criterion.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("example articles", |bencher| {
        bencher.iter(|| {
            for document in &documents {
                std::hint::black_box(extract(document));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench_extract);
criterion_main!(benches);
