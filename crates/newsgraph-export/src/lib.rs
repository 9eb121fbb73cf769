//! Exports of a knowledge graph: JSON, RON, DOT and SVG.
//!
//! Every exporter reads a [`SavedGraph`] and returns text; none of them does
//! I/O except [`to_svg`] with the Graphviz renderer, which runs Graphviz's
//! `dot` program. The outputs are deterministic: the same graph gives the
//! same bytes.
//!
//! - [`to_json`]: the JSON the evaluation scorer reads (`eval/FORMAT.md`).
//! - [`to_ron`]: the saved graph as RON, as `newsgraph_graph` writes it.
//! - [`to_dot`]: Graphviz DOT, one node per entity, one edge per relation
//!   ([`write_dot`] writes it a statement at a time).
//! - [`to_svg`]: a picture, drawn by Graphviz or by the built-in
//!   force-directed layout ([`Renderer`]).
//!
//! ```
//! use newsgraph_export::{to_json, to_svg, Renderer, SavedGraph};
//! let graph = SavedGraph::default();
//! assert!(to_json(&graph).contains("\"entities\": []"));
//! let picture = to_svg(&graph, Renderer::Builtin).unwrap();
//! assert!(picture.starts_with("<svg"));
//! ```

pub use error::ExportError;
pub use json::JsonSink;
pub use newsgraph_graph::SavedGraph;

mod dot;
mod error;
mod graphviz;
mod json;
mod layout;
mod ron;
mod scene;
mod style;
mod svg;

#[cfg(test)]
mod test_graphs;

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

/// The graph as JSON, in the format `eval/FORMAT.md` describes: pretty-printed,
/// with a trailing newline.
pub fn to_json(graph: &SavedGraph) -> String {
    json::to_json(graph)
}

/// Writes [`to_json`]'s text to `writer`, without holding it in memory.
pub fn write_json(graph: &SavedGraph, writer: impl std::io::Write) -> std::io::Result<()> {
    json::write_json(graph, writer)
}

/// The graph as RON, byte for byte what `KnowledgeGraph::to_ron` writes,
/// with a trailing newline.
pub fn to_ron(graph: &SavedGraph) -> String {
    ron::to_ron(graph)
}

/// The graph as Graphviz DOT: one node per entity (shaped and coloured by
/// kind, speakers with their statement count), one edge per relation.
pub fn to_dot(graph: &SavedGraph) -> String {
    dot::to_dot(graph)
}

/// Writes the bytes [`to_dot`] returns to `writer`, as they are printed,
/// never holding the whole text.
pub fn write_dot(graph: &SavedGraph, writer: impl std::io::Write) -> std::io::Result<()> {
    dot::write_dot(graph, writer)
}

/// The graph drawn as SVG by the chosen renderer.
///
/// [`Renderer::Auto`] uses Graphviz when [`graphviz_available`] says so and
/// the built-in renderer otherwise; only [`Renderer::Graphviz`] (and `Auto`
/// when `dot` is present but fails) can return an error.
pub fn to_svg(graph: &SavedGraph, renderer: Renderer) -> Result<String, ExportError> {
    match renderer {
        Renderer::Builtin => Ok(svg::to_svg(graph)),
        Renderer::Graphviz => graphviz::render_svg(graph, graphviz::DOT_PROGRAM),
        Renderer::Auto => {
            if graphviz_available() {
                graphviz::render_svg(graph, graphviz::DOT_PROGRAM)
            } else {
                Ok(svg::to_svg(graph))
            }
        }
    }
}

/// Whether Graphviz's `dot` program is on the PATH.
pub fn graphviz_available() -> bool {
    graphviz::find_program(graphviz::DOT_PROGRAM).is_some()
}
