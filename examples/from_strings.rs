//! Builds a graph from two articles held in memory and prints its entities
//! and statements.
//!
//! ```text
//! cargo run --example from_strings
//! ```

use std::error::Error;
use std::io::{self, Write};

use newsgraph::{build_graph, Document};

const FIRST_ARTICLE: &str = "Mayor Anna Berg said on Monday that the harbour in Port Elmsworth \
would reopen in May. \"We will not wait another winter,\" Berg told reporters.";

const SECOND_ARTICLE: &str = "Councillor Tomas Reyes met Mayor Anna Berg in Port Elmsworth on \
Tuesday. Reyes said the council supports the harbour plan.";

fn main() -> Result<(), Box<dyn Error>> {
    run(&mut io::stdout().lock())
}

/// Builds the graph and prints it to `out`.
pub fn run(out: &mut impl Write) -> Result<(), Box<dyn Error>> {
    let documents = [
        Document::new("harbour.txt", FIRST_ARTICLE),
        Document::new("council.txt", SECOND_ARTICLE),
    ];
    let graph = build_graph(&documents).to_saved();

    writeln!(out, "{} entities", graph.entities.len())?;
    for entity in &graph.entities {
        write!(out, "  {:<40} {:?} {}", entity.id, entity.kind, entity.name)?;
        if !entity.aliases.is_empty() {
            write!(out, " (also: {})", entity.aliases.join(", "))?;
        }
        writeln!(out, ", named {} times", entity.mentions.len())?;
    }

    writeln!(out, "{} statements", graph.statements.len())?;
    for statement in &graph.statements {
        writeln!(
            out,
            "  {} ({:?}, {:?}): {}",
            statement.speaker, statement.kind, statement.cue, statement.text
        )?;
    }
    Ok(())
}
