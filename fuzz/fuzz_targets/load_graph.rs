//! Loading arbitrary bytes as a saved graph: must give a graph or a
//! GraphError, never panic or overflow the stack; a graph that loads must
//! save and load back to the same graph.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use newsgraph::KnowledgeGraph;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(graph) = KnowledgeGraph::from_ron(text, Path::new("fuzz.ron")) {
        let saved = graph.to_saved();
        let again = KnowledgeGraph::from_ron(&graph.to_ron(), Path::new("again.ron"))
            .expect("a loaded graph saves to text that loads");
        assert_eq!(again.to_saved(), saved);
    }
});
