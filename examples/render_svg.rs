//! Draws a saved graph as SVG with the built-in renderer, which needs no
//! Graphviz and gives the same bytes on every machine.
//!
//! ```text
//! cargo run --example render_svg -- graphs/news.ron news.svg
//! ```

use std::error::Error;
use std::path::{Path, PathBuf};

use newsgraph::{KnowledgeGraph, Renderer};

fn main() -> Result<(), Box<dyn Error>> {
    let mut arguments = std::env::args_os().skip(1).map(PathBuf::from);
    let graph = arguments
        .next()
        .unwrap_or_else(|| PathBuf::from("graphs/news.ron"));
    let picture = arguments
        .next()
        .unwrap_or_else(|| PathBuf::from("news.svg"));
    run(&graph, &picture)?;
    println!("wrote {}", picture.display());
    Ok(())
}

/// Loads the graph at `graph` and writes its drawing to `picture`.
pub fn run(graph: &Path, picture: &Path) -> Result<(), Box<dyn Error>> {
    let saved = KnowledgeGraph::load(graph)?.to_saved();
    let svg = newsgraph::export::to_svg(&saved, Renderer::Builtin)?;
    std::fs::write(picture, svg)?;
    Ok(())
}
