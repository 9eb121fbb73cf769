//! Inputs the fuzz targets in `fuzz/` found crashing, kept so that the bugs
//! stay fixed. Each file in `tests/regression/` is named after what broke;
//! `extract-*` files are articles, `load-*` files are saved graphs. Every
//! one must go through the pipeline (or be refused with an error) without a
//! panic, in this debug build with overflow checks on.

use std::fs;
use std::path::Path;

use newsgraph::{build_graph, render, Document, KnowledgeGraph, OutputFormat, Renderer};

fn inputs(prefix: &str) -> Vec<(String, Vec<u8>)> {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regression");
    let mut found: Vec<(String, Vec<u8>)> = fs::read_dir(&directory)
        .expect("tests/regression")
        .map(|entry| entry.expect("directory entry").path())
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?.to_string();
            name.starts_with(prefix)
                .then(|| (name, fs::read(&path).expect("read regression input")))
        })
        .collect();
    found.sort();
    found
}

#[test]
fn articles_that_crashed_extraction_build_and_render() {
    let articles = inputs("extract-");
    assert!(
        !articles.is_empty(),
        "no extract-* inputs in tests/regression"
    );
    for (name, bytes) in articles {
        // The fuzz target reads bytes as the binary would not: lossily.
        let document = Document::new(name.as_str(), String::from_utf8_lossy(&bytes).into_owned());
        let graph = build_graph(std::slice::from_ref(&document));
        for format in OutputFormat::ALL {
            render(&graph, format, Renderer::Builtin)
                .unwrap_or_else(|error| panic!("{name}: {format}: {error}"));
        }
        let again = KnowledgeGraph::from_ron(&graph.to_ron(), name.as_ref())
            .unwrap_or_else(|error| panic!("{name}: RON does not load back: {error}"));
        assert_eq!(again.to_saved(), graph.to_saved(), "{name}");
    }
}
