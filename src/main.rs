//! The `newsgraph` command: builds, renders, merges and summarizes
//! knowledge graphs of news articles.
//!
//! This file only parses arguments and turns results into messages and exit
//! statuses; the commands live in `cli/`, the work in the library crates.

mod cli;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

/// Exit status when some inputs were skipped but the graph was written.
const EXIT_SOME_INPUTS_SKIPPED: u8 = 2;
/// Exit status when the command stopped on an error.
const EXIT_ERROR: u8 = 1;

/// mimalloc is faster than the system allocator on the many small strings
/// and lists a build makes, and keeps less memory that is freed but not
/// returned.
#[cfg(feature = "fast-allocator")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let arguments = match cli::Arguments::try_parse() {
        Ok(arguments) => arguments,
        Err(error) => {
            // Usage errors exit 1 like any other error, not clap's 2, which
            // here means "written, but some inputs skipped". --help and
            // --version are not errors.
            let _ = error.print();
            return if error.use_stderr() {
                ExitCode::from(EXIT_ERROR)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli::run(arguments) {
        Ok(cli::Outcome::Complete) => ExitCode::SUCCESS,
        Ok(cli::Outcome::SomeInputsSkipped) => ExitCode::from(EXIT_SOME_INPUTS_SKIPPED),
        // `newsgraph stats | head` closes the pipe early; the reader got
        // what it wanted, so that is success.
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            let _ = writeln!(io::stderr().lock(), "newsgraph: error: {error:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io_error| io_error.kind() == io::ErrorKind::BrokenPipe)
    })
}
