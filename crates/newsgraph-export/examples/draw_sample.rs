//! Draws the hand-made sample graphs with the built-in renderer (and with
//! Graphviz when it is installed) and reports how long the built-in
//! renderer takes.
//!
//! ```text
//! cargo run --release -p newsgraph-export --example draw_sample -- /tmp/pictures
//! ```

#[allow(dead_code)]
#[path = "../src/test_graphs.rs"]
mod test_graphs;

use std::path::PathBuf;
use std::time::Instant;

use newsgraph_export::{graphviz_available, to_dot, to_svg, Renderer};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let directory = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".to_string()));
    std::fs::create_dir_all(&directory)?;
    let samples = [
        ("realistic", test_graphs::realistic_graph()),
        ("hostile", test_graphs::hostile_graph()),
        ("generated-50", test_graphs::generated_graph(50)),
        ("generated-500", test_graphs::generated_graph(500)),
        ("generated-5000", test_graphs::generated_graph(5000)),
    ];
    for (name, graph) in &samples {
        let started = Instant::now();
        let svg = to_svg(graph, Renderer::Builtin)?;
        println!(
            "{name}: {} entities, {} relations, built-in SVG in {:.3} s",
            graph.entities.len(),
            graph.relations.len(),
            started.elapsed().as_secs_f64()
        );
        std::fs::write(directory.join(format!("{name}.svg")), svg)?;
        std::fs::write(directory.join(format!("{name}.dot")), to_dot(graph))?;
        if graphviz_available() && graph.entities.len() <= 500 {
            let svg = to_svg(graph, Renderer::Graphviz)?;
            std::fs::write(directory.join(format!("{name}-graphviz.svg")), svg)?;
        }
    }
    Ok(())
}
