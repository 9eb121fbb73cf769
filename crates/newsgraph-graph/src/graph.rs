//! The knowledge graph being built: entity resolution and merging.

use std::path::Path;

use newsgraph_extract::Extraction;

use crate::{GraphError, SavedGraph};

/// A node of the petgraph view of a graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GraphNode {
    Entity(crate::Entity),
    Statement(crate::Statement),
}

/// A knowledge graph under construction or loaded from disk.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KnowledgeGraph {
    saved: SavedGraph,
}

impl KnowledgeGraph {
    pub fn new() -> Self {
        KnowledgeGraph::default()
    }

    /// Adds one document's extraction.
    pub fn add(&mut self, extraction: Extraction) {
        if !self.saved.documents.contains(&extraction.document) {
            self.saved.documents.push(extraction.document);
            self.saved.documents.sort();
        }
    }

    /// Merges another graph into this one.
    pub fn merge(&mut self, other: KnowledgeGraph) {
        for document in other.saved.documents {
            if !self.saved.documents.contains(&document) {
                self.saved.documents.push(document);
            }
        }
        self.saved.documents.sort();
    }

    /// The graph as its saved form.
    pub fn to_saved(&self) -> SavedGraph {
        self.saved.clone()
    }

    /// A graph from its saved form, checked.
    pub fn from_saved(saved: SavedGraph) -> Result<Self, String> {
        Ok(KnowledgeGraph { saved })
    }

    /// The graph as RON text.
    pub fn to_ron(&self) -> String {
        ron::ser::to_string_pretty(&self.saved, ron::ser::PrettyConfig::default())
            .unwrap_or_default()
    }

    /// Reads a graph from RON text; `path` names it in errors.
    pub fn from_ron(text: &str, path: &Path) -> Result<Self, GraphError> {
        let saved: SavedGraph = ron::from_str(text).map_err(|err| GraphError::Parse {
            path: path.to_path_buf(),
            line: err.position.line,
            column: err.position.col,
            message: err.code.to_string(),
        })?;
        Ok(KnowledgeGraph { saved })
    }

    /// Reads a graph from a RON file.
    pub fn load(path: &Path) -> Result<Self, GraphError> {
        let text = std::fs::read_to_string(path).map_err(|source| GraphError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_ron(&text, path)
    }
}
