//! `newsgraph render`: a saved graph in, one output file out.

use anyhow::bail;
use newsgraph::{KnowledgeGraph, OutputFormat};

use super::args::RenderArguments;
use super::outputs::{refuse_overwriting_inputs, resolve_and_write};
use super::{release_at_exit, report_summary, Outcome};

pub fn run(arguments: RenderArguments) -> anyhow::Result<Outcome> {
    let out = &arguments.out;
    let Some(format) = out
        .extension()
        .and_then(|extension| extension.to_str())
        .and_then(OutputFormat::from_extension)
    else {
        bail!(
            "cannot tell which format to write from the name {}: \
             its extension must be one of .svg, .dot, .json, .ron",
            out.display()
        );
    };
    refuse_overwriting_inputs(
        std::slice::from_ref(out),
        std::slice::from_ref(&arguments.graph),
    )?;

    // GraphError already names the file, line and column.
    let graph = resolve_and_write(
        KnowledgeGraph::load(&arguments.graph)?,
        &[(format, out.clone())],
        arguments.renderer.renderer.into(),
    )?;

    if !arguments.quiet {
        report_summary(format_args!(
            "rendered graph: {} -> {}",
            graph.description,
            out.display()
        ));
    }
    release_at_exit(graph);
    Ok(Outcome::Complete)
}
