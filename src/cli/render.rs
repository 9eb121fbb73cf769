//! `newsgraph render`: a saved graph in, one output file out.

use anyhow::bail;
use newsgraph::{KnowledgeGraph, OutputFormat};

use super::args::RenderArguments;
use super::outputs::{refuse_overwriting_inputs, resolve_and_write, write_view};
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

    let report = |description: &str| {
        if !arguments.quiet {
            report_summary(format_args!(
                "rendered graph: {description} -> {}",
                out.display()
            ));
        }
    };
    // GraphError already names the file, line and column.
    let renderer = arguments.renderer.renderer.into();
    if format != OutputFormat::Ron {
        // JSON, DOT and SVG hold the resolved lists only: the extractions
        // are read and checked, not kept.
        let view = KnowledgeGraph::load_view(&arguments.graph)?;
        report(&write_view(&view, format, renderer, out)?);
        release_at_exit(view);
        return Ok(Outcome::Complete);
    }
    let graph = resolve_and_write(
        KnowledgeGraph::load(&arguments.graph)?,
        &[(format, out.clone())],
        renderer,
    )?;
    report(&graph.description);
    release_at_exit(graph);
    Ok(Outcome::Complete)
}
