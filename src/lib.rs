//! newsgraph: knowledge graphs of the people, places and organizations in
//! English news, what they said, and how they relate.

pub use newsgraph_export as export;
pub use newsgraph_extract as extract;
pub use newsgraph_graph as graph;
