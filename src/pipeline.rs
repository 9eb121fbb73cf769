//! The build pipeline shared by the binary, the examples and the tests:
//! documents to graph, graph to output text.

use std::fmt;
use std::str::FromStr;

use newsgraph_export::{ExportError, Renderer};
use newsgraph_extract::{extract, Document, Extraction};
use newsgraph_graph::{KnowledgeGraph, SavedGraph};
use rayon::prelude::*;

/// Builds one knowledge graph from documents, extracting them on all the
/// threads of the current rayon pool.
///
/// The graph depends on the set of documents only: not on the order given,
/// nor on the number of threads. When two documents share an id, the one
/// given last is kept, as [`KnowledgeGraph::add`] does.
pub fn build_graph(documents: &[Document]) -> KnowledgeGraph {
    let mut graph = KnowledgeGraph::new();
    // A chunk at a time: the graph keeps extractions in a compact form, and
    // only one chunk's are ever held whole.
    for chunk in documents.chunks(1024) {
        let extractions: Vec<Extraction> = chunk.par_iter().map(extract).collect();
        graph.add_all(extractions);
    }
    graph
}

/// The formats a graph can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OutputFormat {
    /// The saved graph as RON: what `newsgraph render` and `newsgraph merge`
    /// read back.
    Ron,
    /// JSON for other tools, in the shape the evaluation format describes.
    Json,
    /// Graphviz DOT source.
    Dot,
    /// A drawing of the graph.
    Svg,
}

impl OutputFormat {
    /// Every format, in the order outputs are written and listed.
    pub const ALL: [OutputFormat; 4] = [
        OutputFormat::Ron,
        OutputFormat::Json,
        OutputFormat::Dot,
        OutputFormat::Svg,
    ];

    /// The file extension, without the dot; also the format's name.
    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::Ron => "ron",
            OutputFormat::Json => "json",
            OutputFormat::Dot => "dot",
            OutputFormat::Svg => "svg",
        }
    }

    /// The format a file extension (without the dot, any case) stands for.
    pub fn from_extension(extension: &str) -> Option<OutputFormat> {
        OutputFormat::ALL
            .into_iter()
            .find(|format| format.extension().eq_ignore_ascii_case(extension))
    }
}

impl fmt::Display for OutputFormat {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.extension())
    }
}

/// A format name that is none of `ron`, `json`, `dot`, `svg`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown output format `{0}`: use one of ron, json, dot, svg")]
pub struct UnknownFormat(pub String);

impl FromStr for OutputFormat {
    type Err = UnknownFormat;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        OutputFormat::from_extension(name).ok_or_else(|| UnknownFormat(name.to_string()))
    }
}

/// The graph as the text of one output format.
///
/// Every format comes from the export crate; its RON is byte for byte what
/// [`KnowledgeGraph::to_ron`] writes, so [`KnowledgeGraph::load`] reads it
/// back. Only SVG can fail, when the renderer asked for is Graphviz and it is
/// missing or fails.
pub fn render(
    graph: &KnowledgeGraph,
    format: OutputFormat,
    renderer: Renderer,
) -> Result<String, ExportError> {
    let view = graph.view();
    match format {
        OutputFormat::Ron => Ok(graph.to_ron()),
        OutputFormat::Json => Ok(newsgraph_export::to_json(view)),
        OutputFormat::Dot => Ok(newsgraph_export::to_dot(view)),
        OutputFormat::Svg => newsgraph_export::to_svg(view, renderer),
    }
}

/// Why [`render_to`] failed.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error("cannot write: {0}")]
    Io(#[from] std::io::Error),
}

/// Writes the graph in one output format to `writer`: the same bytes as
/// [`render`], but RON, JSON and DOT, the formats that grow with the
/// corpus, are written as they are made instead of being held in memory.
pub fn render_to(
    graph: &KnowledgeGraph,
    format: OutputFormat,
    renderer: Renderer,
    writer: impl std::io::Write,
) -> Result<(), RenderError> {
    match format {
        OutputFormat::Ron => Ok(graph.write_ron(writer)?),
        _ => render_saved_to(graph.view(), format, renderer, writer),
    }
}

/// Writes a graph in its saved form (such as [`KnowledgeGraph::into_view`]
/// gives) in one output format to `writer`: for JSON, DOT and SVG the bytes
/// [`render_to`] writes for the graph it came from; its RON holds the
/// extractions the saved graph holds.
pub fn render_saved_to(
    saved: &SavedGraph,
    format: OutputFormat,
    renderer: Renderer,
    mut writer: impl std::io::Write,
) -> Result<(), RenderError> {
    match format {
        OutputFormat::Ron => saved.write_ron(writer)?,
        OutputFormat::Json => newsgraph_export::write_json(saved, writer)?,
        OutputFormat::Dot => newsgraph_export::write_dot(saved, writer)?,
        OutputFormat::Svg => {
            writer.write_all(newsgraph_export::to_svg(saved, renderer)?.as_bytes())?
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_round_trip_through_their_extensions() {
        for format in OutputFormat::ALL {
            assert_eq!(
                OutputFormat::from_extension(format.extension()),
                Some(format)
            );
            assert_eq!(format.to_string().parse::<OutputFormat>(), Ok(format));
        }
        assert_eq!(OutputFormat::from_extension("SVG"), Some(OutputFormat::Svg));
        assert!("png".parse::<OutputFormat>().is_err());
    }

    #[test]
    fn graph_does_not_depend_on_document_order() {
        let first = Document::new("a.txt", "Mayor Anna Berg said the bridge would open.");
        let second = Document::new("b.txt", "Anna Berg visited Lisbon on Friday.");
        let forward = build_graph(&[first.clone(), second.clone()]);
        let backward = build_graph(&[second, first]);
        assert_eq!(forward.to_ron(), backward.to_ron());
    }
}
