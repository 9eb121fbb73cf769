//! Lists, for each speaker of a saved graph, what they said and whom it
//! names.
//!
//! ```text
//! cargo run --example who_said_what                 # reads graphs/news.ron
//! cargo run --example who_said_what -- other.ron
//! ```

use std::collections::BTreeMap;
use std::error::Error;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use newsgraph::graph::Statement;
use newsgraph::KnowledgeGraph;

fn main() -> Result<(), Box<dyn Error>> {
    let path = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("graphs/news.ron"), PathBuf::from);
    run(&path, &mut io::stdout().lock())
}

/// Loads the graph at `path` and prints who said what to `out`.
pub fn run(path: &Path, out: &mut impl Write) -> Result<(), Box<dyn Error>> {
    let graph = KnowledgeGraph::load(path)?.to_saved();
    let names: BTreeMap<&str, &str> = graph
        .entities
        .iter()
        .map(|entity| (&*entity.id, entity.name.as_str()))
        .collect();
    let name_of = |id: &str| names.get(id).copied().unwrap_or(id).to_string();

    // Group by speaker name, so the listing reads alphabetically.
    let mut by_speaker: BTreeMap<String, Vec<&Statement>> = BTreeMap::new();
    for statement in &graph.statements {
        by_speaker
            .entry(name_of(&statement.speaker))
            .or_default()
            .push(statement);
    }

    if by_speaker.is_empty() {
        writeln!(out, "{}: no statements", path.display())?;
    }
    for (speaker, statements) in by_speaker {
        writeln!(out, "{speaker}")?;
        for statement in statements {
            let evidence = &statement.evidence;
            writeln!(
                out,
                "  {:?} ({:?}, {} {}..{}): {}",
                statement.cue,
                statement.kind,
                evidence.document,
                evidence.start,
                evidence.end,
                statement.text
            )?;
            if !statement.about.is_empty() {
                let named: Vec<String> = statement.about.iter().map(|id| name_of(id)).collect();
                writeln!(out, "    names: {}", named.join(", "))?;
            }
        }
    }
    Ok(())
}
