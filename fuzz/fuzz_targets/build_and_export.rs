//! Arbitrary text through the whole pipeline: extract, build the graph,
//! write every format with the built-in renderer, and read the RON back.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use newsgraph::{build_graph, render, Document, KnowledgeGraph, OutputFormat, Renderer};

fuzz_target!(|data: &[u8]| {
    // Two documents from one input, so that resolution across documents and
    // merging are exercised too.
    let text = String::from_utf8_lossy(data);
    let middle = text.len() / 2;
    let middle = (middle..=text.len())
        .find(|&index| text.is_char_boundary(index))
        .unwrap_or(text.len());
    let documents = vec![
        Document::new("one.txt", text[..middle].to_string()),
        Document::new("two.txt", text.to_string()),
    ];
    let graph = build_graph(&documents);
    for format in OutputFormat::ALL {
        let output = render(&graph, format, Renderer::Builtin).expect("builtin never fails");
        if format == OutputFormat::Ron {
            let again = KnowledgeGraph::from_ron(&output, Path::new("fuzz.ron"))
                .expect("RON written by newsgraph loads back");
            assert_eq!(again.to_saved(), graph.to_saved());
        }
    }
});
