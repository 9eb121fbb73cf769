//! `newsgraph merge`: several saved graphs in, one graph out.

use std::path::PathBuf;

use newsgraph::KnowledgeGraph;
use rayon::prelude::*;

use super::args::MergeArguments;
use super::outputs::{describe_outputs, refuse_overwriting_inputs, write_graph, GraphToWrite};
use super::{planned_outputs, release_at_exit, report_summary, Outcome};

pub fn run(arguments: MergeArguments) -> anyhow::Result<Outcome> {
    let stem = &arguments.output.out;
    let outputs = planned_outputs(&arguments.output)?;
    let formats: Vec<_> = outputs.iter().map(|(format, _)| *format).collect();
    let output_paths: Vec<PathBuf> = outputs.iter().map(|(_, path)| path.clone()).collect();
    refuse_overwriting_inputs(&output_paths, &arguments.graphs)?;

    // Every graph is loaded before anything is written: a merge that left
    // out an unreadable graph would look complete and not be. They are
    // parsed on all threads; the first broken one in argument order is the
    // one reported.
    let loaded: Vec<Result<KnowledgeGraph, newsgraph::GraphError>> = arguments
        .graphs
        .par_iter()
        .map(|path| KnowledgeGraph::load(path))
        .collect();
    let graphs = loaded.into_iter().collect::<Result<Vec<_>, _>>()?;
    // Merging is associative, so the graphs are merged pairwise on all
    // threads (neighbours first, keeping their order), and what each merge
    // drops of its graphs is freed on the thread that merged them.
    let merged = graphs
        .into_par_iter()
        .reduce(KnowledgeGraph::new, |mut left, right| {
            left.merge(right);
            left
        });
    let merged = GraphToWrite::resolve(merged, &formats);
    write_graph(&merged, &outputs, arguments.output.renderer.renderer.into())?;

    if !arguments.quiet {
        report_summary(format_args!(
            "merged {} graphs: {} -> {}",
            arguments.graphs.len(),
            merged.describe(),
            describe_outputs(stem, &formats)
        ));
    }
    release_at_exit(merged);
    Ok(Outcome::Complete)
}
