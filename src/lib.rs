//! newsgraph: knowledge graphs of the people, places and organizations in
//! English news, what they said, and how they relate.
//!
//! This crate is the front door to three crates, re-exported here:
//!
//! - [`extract`]: one [`Document`] in, one [`extract::Extraction`] out
//!   (entities, statements, relations, each with its byte span).
//! - [`graph`]: extractions in, one [`KnowledgeGraph`] out, merged across
//!   documents, saved as RON.
//! - [`export`]: a saved graph in, RON, JSON, DOT or SVG text out.
//!
//! On top of them it offers the pipeline the `newsgraph` binary runs, so that
//! programs and tests produce exactly the bytes the binary writes:
//! [`document_from_bytes`] checks that a file's bytes are text,
//! [`build_graph`] turns documents into a graph, and [`render`] turns a graph
//! into one [`OutputFormat`].
//!
//! ```
//! use newsgraph::{build_graph, render, Document, OutputFormat, Renderer};
//!
//! let documents = vec![
//!     Document::new("harbour.txt", "Mayor Anna Berg said the harbour would reopen in May."),
//!     Document::new("council.txt", "The council met on Monday, according to Anna Berg."),
//! ];
//! let graph = build_graph(&documents);
//! let saved = graph.to_saved();
//! assert_eq!(saved.documents, vec!["council.txt", "harbour.txt"]);
//!
//! // The RON text reads back into the same graph.
//! let ron = render(&graph, OutputFormat::Ron, Renderer::Builtin)?;
//! let again = newsgraph::KnowledgeGraph::from_ron(&ron, "memory.ron".as_ref())?;
//! assert_eq!(again.to_saved(), saved);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub use newsgraph_export as export;
pub use newsgraph_extract as extract;
pub use newsgraph_graph as graph;

pub use newsgraph_export::{ExportError, Renderer};
pub use newsgraph_extract::Document;
pub use newsgraph_graph::{GraphError, KnowledgeGraph, SavedGraph};

pub use pipeline::{
    build_graph, render, render_saved_to, render_to, OutputFormat, RenderError, UnknownFormat,
};
pub use text::{document_from_bytes, NotText};

mod pipeline;
mod text;

// The code blocks of the README are compiled and run as doctests, so the
// library use it shows keeps working.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
