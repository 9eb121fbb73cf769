//! Merging of extractions into one knowledge graph.
//!
//! [`KnowledgeGraph`] collects [`newsgraph_extract::Extraction`]s, resolves
//! the entities they name across documents (spelling variants, gazetteer
//! keys, surnames), and keeps every fact's [`Evidence`]. Its saved form,
//! [`SavedGraph`], is a plain versioned struct written as RON.
//!
//! Resolution is a function of everything added, so the order documents
//! arrive in never matters and [`KnowledgeGraph::merge`] is associative and
//! commutative. Every join of names is recorded as a [`MergeRecord`] naming
//! its rule: `same-key`, `same-name`, `spelling-variant`, `surname`,
//! `acronym`, and the links an extractor made within one document by
//! `document-title`, `document-surname`, `document-spelling`,
//! `document-acronym` or `document-context`.
//!
//! ```
//! use newsgraph_extract::{extract, Document};
//! use newsgraph_graph::KnowledgeGraph;
//! let mut graph = KnowledgeGraph::new();
//! graph.add(extract(&Document::new("a.txt", "Mayor Anna Berg said the bridge would open.")));
//! let saved = graph.to_saved();
//! assert_eq!(saved.documents, vec!["a.txt".to_string()]);
//! ```

/// The shared text of entity ids and cues: one pointer wide, read as its `str`.
pub use arcstr::ArcStr;
pub use document_id::DocumentId;
pub use error::GraphError;
pub use graph::{DroppedFacts, GraphEdge, GraphNode, KnowledgeGraph, ResolvedSink};
pub use model::{Entity, Evidence, MergeRecord, Relation, SavedGraph, Statement, FORMAT_VERSION};
/// Where a graph can put its statements aside: see
/// [`KnowledgeGraph::put_statements_aside`].
pub use newsgraph_disk::SpillFile;
pub use ron_text::push_decimal;
pub use statement_id::StatementId;
pub use write::{write_items_in_parallel, ListLayout, ListsWriter, PrintedSize, RonSink};

mod document_id;
mod error;
mod graph;
mod load;
mod model;
mod names;
mod packed;
mod resolve;
mod ron_read;
mod ron_stream;
mod ron_text;
mod statement_id;
mod write;
