//! The `newsgraph` commands. Each returns how it ended; `main` turns that,
//! or the error, into a message and an exit status.

mod args;
mod build;
mod inputs;
mod merge;
mod outputs;
mod progress;
mod render;
mod stats;

pub use args::Arguments;

use args::Command;

/// How a command that did not fail ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything asked for was done.
    Complete,
    /// Outputs were written, but some inputs were skipped.
    SomeInputsSkipped,
}

/// Runs one command.
pub fn run(arguments: Arguments) -> anyhow::Result<Outcome> {
    match arguments.command {
        Command::Build(build_arguments) => build::run(build_arguments),
        Command::Render(render_arguments) => render::run(render_arguments),
        Command::Merge(merge_arguments) => merge::run(merge_arguments),
        Command::Stats(stats_arguments) => stats::run(stats_arguments),
    }
}

/// Prints a line on stderr. A closed stderr is no reason to fail the
/// command whose output was already written, so write errors are ignored.
fn report(line: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "newsgraph: {line}");
}

/// Prints a command's summary line on stderr, without the `newsgraph:`
/// prefix: it is the command's result, not a diagnostic. Stdout is kept for
/// output a user may pipe (`stats`).
fn report_summary(line: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Leaves a graph whose outputs are written to the end of the process. A
/// large graph is millions of small allocations, and freeing them one by one
/// takes a noticeable part of a build; the operating system reclaims the
/// memory at exit all at once.
fn release_at_exit<Graph>(graph: Graph) {
    std::mem::forget(graph);
}

/// The formats and paths a command writes under `--out`, after checking the
/// stem: what `build` and `merge` share.
fn planned_outputs(
    output: &args::StemOutputArguments,
) -> anyhow::Result<Vec<(newsgraph::OutputFormat, std::path::PathBuf)>> {
    outputs::check_stem(&output.out)?;
    Ok(chosen_formats(&output.format)
        .into_iter()
        .map(|format| (format, outputs::output_path(&output.out, format)))
        .collect())
}

/// The chosen formats, without repeats, in the canonical order.
fn chosen_formats(names: &[args::FormatName]) -> Vec<newsgraph::OutputFormat> {
    let mut formats: Vec<newsgraph::OutputFormat> = names.iter().map(|&name| name.into()).collect();
    formats.sort();
    formats.dedup();
    formats
}
