//! Merging is associative and commutative, checked over random splits: a
//! corpus cut into shards, each built and saved on its own, loaded back and
//! merged in any order and grouping, is the same bytes as the corpus built
//! at once.

use std::sync::OnceLock;

use newsgraph::extract::{extract, Extraction};
use newsgraph::{Document, KnowledgeGraph};
use newsgraph_synth::{Corpus, CorpusSettings};
use proptest::prelude::*;

/// The example articles and synthetic ones drawn from a small pool of
/// people, so that names repeat and resolution across documents has
/// ambiguous surnames, spelling variants and acronyms to decide.
fn extractions() -> &'static [Extraction] {
    static EXTRACTIONS: OnceLock<Vec<Extraction>> = OnceLock::new();
    EXTRACTIONS.get_or_init(|| {
        let mut documents = Vec::new();
        let directory = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/news");
        let mut paths: Vec<_> = std::fs::read_dir(directory)
            .expect("examples/news")
            .map(|entry| entry.expect("examples/news entry").path())
            .collect();
        paths.sort();
        for path in paths {
            let id = path.file_name().unwrap().to_string_lossy().into_owned();
            documents.push(Document::new(id, std::fs::read_to_string(&path).unwrap()));
        }
        let synthetic = Corpus::new(CorpusSettings {
            seed: 11,
            people: 30,
            organizations: 8,
            target_bytes: 1_500,
        });
        for index in 0..19 {
            let article = synthetic.article(index);
            documents.push(Document::new(article.id, article.text));
        }
        documents.iter().map(extract).collect()
    })
}

fn whole_graph() -> &'static str {
    static WHOLE: OnceLock<String> = OnceLock::new();
    WHOLE.get_or_init(|| graph_of(extractions().iter()).to_ron())
}

fn graph_of<'a>(extractions: impl Iterator<Item = &'a Extraction>) -> KnowledgeGraph {
    let mut graph = KnowledgeGraph::new();
    for extraction in extractions {
        graph.add(extraction.clone());
    }
    graph
}

/// A shard built, saved as RON and loaded back, as `newsgraph merge` sees it.
fn saved_and_loaded(graph: &KnowledgeGraph) -> KnowledgeGraph {
    KnowledgeGraph::from_ron(&graph.to_ron(), "shard.ron".as_ref()).expect("own output loads")
}

/// Merges `graphs` as a balanced tree when `balanced`, else left to right.
fn merge_all(mut graphs: Vec<KnowledgeGraph>, balanced: bool) -> KnowledgeGraph {
    if !balanced {
        let mut merged = KnowledgeGraph::new();
        for graph in graphs {
            merged.merge(graph);
        }
        return merged;
    }
    while graphs.len() > 1 {
        let mut next = Vec::with_capacity(graphs.len().div_ceil(2));
        let mut pairs = graphs.into_iter();
        while let Some(mut left) = pairs.next() {
            if let Some(right) = pairs.next() {
                // Save the partial merge too: a merged graph is merged again.
                left.merge(right);
                left = saved_and_loaded(&left);
            }
            next.push(left);
        }
        graphs = next;
    }
    graphs.pop().unwrap_or_default()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn shards_merge_into_the_graph_built_at_once(
        shard_of in proptest::collection::vec(0usize..5, 24),
        shard_order in Just((0usize..5).collect::<Vec<_>>()).prop_shuffle(),
        balanced in any::<bool>(),
        overlap in proptest::option::of(0usize..24),
    ) {
        let all = extractions();
        prop_assume!(all.len() == shard_of.len());
        let mut shards: Vec<KnowledgeGraph> = shard_order
            .iter()
            .map(|&shard| {
                let members = all.iter().zip(&shard_of).filter(|(_, of)| **of == shard);
                saved_and_loaded(&graph_of(members.map(|(extraction, _)| extraction)))
            })
            .collect();
        // A document built into two shards counts once.
        if let Some(repeated) = overlap {
            shards.push(saved_and_loaded(&graph_of(std::iter::once(&all[repeated]))));
        }
        let merged = merge_all(shards, balanced);
        prop_assert!(merged.to_ron() == whole_graph(), "merged graph differs from the whole");
    }
}
