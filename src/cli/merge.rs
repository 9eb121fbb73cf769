//! `newsgraph merge`: several saved graphs in, one graph out.

use std::path::PathBuf;

use anyhow::Context;
use newsgraph::KnowledgeGraph;
use rayon::prelude::*;

use super::args::MergeArguments;
use super::outputs::{
    describe_outputs, refuse_overwriting_inputs, resolve_and_write, StatementSpill,
};
use super::{planned_outputs, release_at_exit, report_summary, Outcome};

pub fn run(arguments: MergeArguments) -> anyhow::Result<Outcome> {
    let stem = &arguments.output.out;
    let outputs = planned_outputs(&arguments.output)?;
    let formats: Vec<_> = outputs.iter().map(|(format, _)| *format).collect();
    let output_paths: Vec<PathBuf> = outputs.iter().map(|(_, path)| path.clone()).collect();
    refuse_overwriting_inputs(&output_paths, &arguments.graphs)?;

    // Every graph is loaded before anything is written: a merge that left
    // out an unreadable graph would look complete and not be. They are
    // loaded on all threads and merged as they come (merging is
    // associative, and rayon's reduce keeps the operands in order, so the
    // first broken graph in argument order is the one reported). Only a
    // graph's extractions are kept as it is loaded: its resolved lists,
    // which the merge resolves anew, are read and checked, never held.
    // Each graph's statements wait on disk from when it is loaded until
    // the outputs are written.
    let spill = StatementSpill::for_outputs(&outputs, arguments.quiet);
    let merged = arguments
        .graphs
        .par_iter()
        .map(|path| -> anyhow::Result<KnowledgeGraph> {
            let mut graph = KnowledgeGraph::load_unresolved(path)?;
            if let Some(spill) = &spill {
                spill.take_from(&mut graph);
            }
            Ok(graph)
        })
        .reduce(
            || Ok(KnowledgeGraph::new()),
            |left, right| match (left, right) {
                (Ok(mut left), Ok(right)) => {
                    left.try_merge(right)
                        .context("cannot read back the statements put aside")?;
                    Ok(left)
                }
                (Err(error), _) | (Ok(_), Err(error)) => Err(error),
            },
        )?;
    let merged = resolve_and_write(merged, &outputs, arguments.output.renderer.renderer.into())?;

    if !arguments.quiet {
        report_summary(format_args!(
            "merged {} graphs: {} -> {}",
            arguments.graphs.len(),
            merged.description,
            describe_outputs(stem, &formats)
        ));
    }
    release_at_exit(merged);
    Ok(Outcome::Complete)
}
