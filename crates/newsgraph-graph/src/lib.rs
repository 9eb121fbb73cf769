//! Merging of extractions into one knowledge graph.
//!
//! [`KnowledgeGraph`] collects [`newsgraph_extract::Extraction`]s, resolves
//! the entities they name across documents (spelling variants, gazetteer
//! keys, surnames), and keeps every fact's [`Evidence`]. Its saved form,
//! [`SavedGraph`], is a plain versioned struct written as RON.
//!
//! ```
//! use newsgraph_extract::{extract, Document};
//! use newsgraph_graph::KnowledgeGraph;
//! let mut graph = KnowledgeGraph::new();
//! graph.add(extract(&Document::new("a.txt", "Mayor Anna Berg said the bridge would open.")));
//! let saved = graph.to_saved();
//! assert_eq!(saved.documents, vec!["a.txt".to_string()]);
//! ```

pub use error::GraphError;
pub use graph::{GraphNode, KnowledgeGraph};
pub use model::{Entity, Evidence, MergeRecord, Relation, SavedGraph, Statement, FORMAT_VERSION};

mod error;
mod graph;
mod model;
