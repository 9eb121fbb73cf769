//! Errors of loading and checking saved graphs.

use std::path::PathBuf;

/// What can go wrong reading a saved graph.
#[derive(Debug, thiserror::Error)]
pub enum GraphError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: not a newsgraph graph: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: graph format version {found} is newer than this newsgraph reads ({supported}); upgrade newsgraph")]
    NewerVersion {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{path}:{line}:{column}: invalid graph: {message}")]
    Invalid {
        path: PathBuf,
        /// Where the offending id is written (1-based).
        line: usize,
        column: usize,
        message: String,
    },
    /// A graph built in memory (not read from a file) failed its checks.
    #[error("invalid graph: {message}")]
    InvalidSaved { message: String },
}
