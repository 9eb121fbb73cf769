//! `newsgraph build`: text files in, graph files out.

use std::path::PathBuf;

use anyhow::bail;

use super::args::BuildArguments;
use super::inputs::read_inputs;
use super::outputs::{describe_graph, describe_outputs, refuse_overwriting_inputs, write_graph};
use super::{planned_outputs, report, report_summary, Outcome};

pub fn run(arguments: BuildArguments) -> anyhow::Result<Outcome> {
    let stem = &arguments.output.out;
    let outputs = planned_outputs(&arguments.output)?;
    let formats: Vec<_> = outputs.iter().map(|(format, _)| *format).collect();
    let output_paths: Vec<PathBuf> = outputs.iter().map(|(_, path)| path.clone()).collect();

    // Outputs named like explicit inputs are refused before anything is
    // read, so that a typo cannot replace an article with a graph.
    refuse_overwriting_inputs(&output_paths, &arguments.inputs)?;
    let found = read_inputs(&arguments.inputs)?;
    refuse_overwriting_inputs(&output_paths, &found.document_paths)?;

    for skipped in &found.skipped {
        report(format_args!(
            "skipped {}: {}",
            skipped.path.display(),
            skipped.reason
        ));
    }
    if !arguments.quiet {
        for directory in &found.directories_without_text {
            report(format_args!(
                "warning: no .txt files in {}",
                directory.display()
            ));
        }
        for blank in &found.blank_files {
            report(format_args!(
                "warning: {} is empty or only whitespace",
                blank.display()
            ));
        }
        for html in &found.html_files {
            report(format_args!(
                "warning: {} looks like HTML, not plain text; its markup is read as words: \
                 save the article's text instead",
                html.display()
            ));
        }
    }
    if found.documents.is_empty() {
        if found.skipped.is_empty() {
            bail!("no documents to build from: give text files, or directories holding .txt files");
        }
        bail!(
            "no documents to build from: every input was skipped ({})",
            found.skipped.len()
        );
    }

    let graph = newsgraph::build_graph(&found.documents);
    write_graph(&graph, &outputs, arguments.output.renderer.renderer.into())?;

    if !arguments.quiet {
        report_summary(format_args!(
            "built graph: {} -> {}",
            describe_graph(&graph),
            describe_outputs(stem, &formats)
        ));
    }
    if found.skipped.is_empty() {
        Ok(Outcome::Complete)
    } else {
        Ok(Outcome::SomeInputsSkipped)
    }
}
