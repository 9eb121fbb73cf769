//! The error type of the exporters.

/// What can go wrong exporting.
///
/// Only drawing with Graphviz can fail: the other exporters turn any graph
/// into text.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "Graphviz `dot` was not found on the PATH: install Graphviz, or use the built-in renderer"
    )]
    GraphvizMissing,
    #[error("Graphviz `dot` failed: {0}")]
    GraphvizFailed(String),
}
