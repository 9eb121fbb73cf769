//! Builds a graph from one huge article (the example articles repeated, 100
//! MB by default) and prints how long each step took: the release-mode
//! check that a single enormous input neither blows up nor takes more than
//! linear time. It is a program to run and read, not a timed test.
//!
//! ```text
//! cargo run --release --example huge_article            # 100 MB
//! cargo run --release --example huge_article -- 10      # 10 MB
//! /usr/bin/time -v target/release/examples/huge_article # peak memory too
//! ```

use std::error::Error;
use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::time::Instant;

use newsgraph::{build_graph, document_from_bytes, render, KnowledgeGraph, OutputFormat, Renderer};

fn main() -> Result<(), Box<dyn Error>> {
    let megabytes: usize = match std::env::args().nth(1) {
        Some(argument) => argument.parse().map_err(|_| {
            format!("the size must be a whole number of megabytes, not {argument:?}")
        })?,
        None => 100,
    };
    run(megabytes * 1_000_000, &mut io::stdout().lock())
}

/// Builds, renders and reloads a graph of one article of about `size`
/// bytes, printing each step's time and output size on `out`.
pub fn run(size: usize, out: &mut dyn Write) -> Result<(), Box<dyn Error>> {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/news");
    let mut paths: Vec<_> = fs::read_dir(&examples)?
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<Result<_, _>>()?;
    paths.sort();
    let mut corpus = String::new();
    for path in paths {
        corpus.push_str(&fs::read_to_string(path)?);
        corpus.push_str("\n\n");
    }
    let text = corpus.repeat(size.div_ceil(corpus.len()));
    writeln!(out, "article: {} bytes", text.len())?;

    let started = Instant::now();
    let document = document_from_bytes("huge.txt", text.into_bytes())?;
    writeln!(out, "checked as text in {:.2?}", started.elapsed())?;

    let started = Instant::now();
    let graph = build_graph(std::slice::from_ref(&document));
    let saved = graph.to_saved();
    writeln!(
        out,
        "built graph in {:.2?}: {} entities, {} statements, {} relations",
        started.elapsed(),
        saved.entities.len(),
        saved.statements.len(),
        saved.relations.len()
    )?;

    let mut ron = String::new();
    for format in OutputFormat::ALL {
        let started = Instant::now();
        let text = render(&graph, format, Renderer::Builtin)?;
        writeln!(
            out,
            "rendered {format} in {:.2?}: {} bytes",
            started.elapsed(),
            text.len()
        )?;
        if format == OutputFormat::Ron {
            ron = text;
        }
    }

    let started = Instant::now();
    let again = KnowledgeGraph::from_ron(&ron, "huge.ron".as_ref())?;
    if again.to_saved() != saved {
        return Err("the RON output does not load back into the same graph".into());
    }
    writeln!(out, "loaded the RON back in {:.2?}", started.elapsed())?;
    Ok(())
}
