//! Exports of a knowledge graph: RON, JSON, DOT and SVG.

pub use newsgraph_graph::SavedGraph;
