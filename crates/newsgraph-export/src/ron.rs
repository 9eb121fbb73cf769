//! The saved graph as RON.
//!
//! The RON must be the same bytes `newsgraph_graph` writes when it saves a
//! graph, so that an exported graph and a saved one can be compared with
//! `diff`; so the export calls the graph crate's own writer rather than
//! choosing a `ron` configuration of its own.

use newsgraph_graph::SavedGraph;

/// The graph as pretty-printed RON with a trailing newline.
pub(crate) fn to_ron(graph: &SavedGraph) -> String {
    graph.to_ron()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_graphs::{hostile_graph, small_graph};
    use newsgraph_graph::KnowledgeGraph;

    #[test]
    fn ron_reads_back_into_the_same_graph() {
        for graph in [small_graph(), hostile_graph(), SavedGraph::default()] {
            let text = to_ron(&graph);
            assert!(text.ends_with('\n'));
            let read: SavedGraph = ron::from_str(&text).expect("exported RON parses");
            assert_eq!(read, graph);
        }
    }

    #[test]
    fn ron_matches_what_the_graph_crate_writes() {
        let graph = small_graph();
        // The graph crate may one day refuse a hand-made graph; then there is
        // nothing to compare against.
        if let Ok(knowledge_graph) = KnowledgeGraph::from_saved(graph.clone()) {
            let theirs = knowledge_graph.to_ron();
            let ours = to_ron(&knowledge_graph.to_saved());
            assert_eq!(ours, theirs);
        }
    }
}
