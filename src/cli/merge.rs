//! `newsgraph merge`: several saved graphs in, one graph out.

use std::path::PathBuf;

use newsgraph::KnowledgeGraph;

use super::args::MergeArguments;
use super::outputs::{
    check_stem, describe_graph, describe_outputs, output_path, refuse_overwriting_inputs,
    write_graph,
};
use super::{chosen_formats, report_summary, Outcome};

pub fn run(arguments: MergeArguments) -> anyhow::Result<Outcome> {
    let stem = &arguments.output.out;
    check_stem(stem)?;
    let formats = chosen_formats(&arguments.output.format);
    let outputs: Vec<_> = formats
        .iter()
        .map(|&format| (format, output_path(stem, format)))
        .collect();
    let output_paths: Vec<PathBuf> = outputs.iter().map(|(_, path)| path.clone()).collect();
    refuse_overwriting_inputs(&output_paths, &arguments.graphs)?;

    // Every graph is loaded before anything is written: a merge that left
    // out an unreadable graph would look complete and not be.
    let mut merged = KnowledgeGraph::new();
    for path in &arguments.graphs {
        merged.merge(KnowledgeGraph::load(path)?);
    }
    write_graph(&merged, &outputs, arguments.output.renderer.renderer.into())?;

    if !arguments.quiet {
        report_summary(format_args!(
            "merged {} graphs: {} -> {}",
            arguments.graphs.len(),
            describe_graph(&merged),
            describe_outputs(stem, &formats)
        ));
    }
    Ok(Outcome::Complete)
}
