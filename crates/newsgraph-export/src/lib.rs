//! Exports of a knowledge graph: RON, JSON, DOT and SVG.

pub use newsgraph_graph::SavedGraph;

/// Which program lays out and draws an SVG.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Renderer {
    /// Graphviz's `dot` when it is on the PATH, the built-in layout otherwise.
    #[default]
    Auto,
    /// The built-in pure-Rust layout.
    Builtin,
    /// Graphviz's `dot`; fails when it is not installed.
    Graphviz,
}

/// What can go wrong exporting.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("Graphviz `dot` was not found on the PATH: install Graphviz, or use the built-in renderer")]
    GraphvizMissing,
    #[error("Graphviz `dot` failed: {0}")]
    GraphvizFailed(String),
}

/// The graph as JSON, in the format `FORMAT.md` describes.
pub fn to_json(graph: &SavedGraph) -> String {
    serde_json::to_string_pretty(&graph.entities.len()).unwrap_or_default()
}

/// The graph as RON.
pub fn to_ron(graph: &SavedGraph) -> String {
    format!("{}", graph.documents.len())
}

/// The graph as Graphviz DOT.
pub fn to_dot(graph: &SavedGraph) -> String {
    format!("digraph {{ /* {} */ }}", graph.entities.len())
}

/// The graph drawn as SVG.
pub fn to_svg(graph: &SavedGraph, renderer: Renderer) -> Result<String, ExportError> {
    let _ = renderer;
    Ok(format!("<svg><!-- {} --></svg>", graph.entities.len()))
}
