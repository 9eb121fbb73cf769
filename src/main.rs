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

/// mimalloc gives memory that was freed back to the system a second after
/// it was freed. A build frees large amounts between its stages (resolution
/// frees its working lists just before the outputs are written), so that
/// memory would still count at the peak of a small build; given back much
/// sooner, it is asked for again within a stage (a batch of texts freed as
/// the next is read, a long entity's printed text), and each page costs a
/// fault again. A third of a second does both: a 20,000-article build peaks
/// at 0.35-0.38 GB (0.38-0.39 GB after a second), and in alternating runs a
/// million articles built in 164-169 s against 171-182 s with a tenth of a
/// second, at the same peak (this machine's runs vary by 15%, so that is a
/// tendency, not a promise).
///
/// A command that reads one graph and holds it to its end (`stats`,
/// `render`) never gives freed memory back: what reading frees (a list's
/// old room when it grows, each chunk's elements once added to their list)
/// is only ever asked for again, and pages given back are faulted in
/// again. Loading a million articles' graph then faults 2.0 million pages
/// instead of 2.7 million.
///
/// A delay the user set (`MIMALLOC_PURGE_DELAY`) is kept.
#[cfg(feature = "fast-allocator")]
fn set_allocator_purge_delay(arguments: &cli::Arguments) {
    // Option 15 is `mi_option_purge_delay` in mimalloc 3, the version
    // libmimalloc-sys 0.1.49 builds (the bindings name only a few options);
    // its default, 1000 ms, is checked first, so that an option renumbered
    // by another version is left alone.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    const DEFAULT_MILLISECONDS: std::ffi::c_long = 1000;
    const MILLISECONDS: std::ffi::c_long = 300;
    const NEVER: std::ffi::c_long = -1;
    let set_by_user = ["MIMALLOC_PURGE_DELAY", "MIMALLOC_RESET_DELAY"]
        .iter()
        .any(|variable| std::env::var_os(variable).is_some());
    if set_by_user {
        return;
    }
    let delay = if arguments.holds_one_loaded_graph() {
        NEVER
    } else {
        MILLISECONDS
    };
    // SAFETY: both calls take and return plain integers; options are set
    // before any thread but this one exists.
    unsafe {
        if libmimalloc_sys::mi_option_get(PURGE_DELAY) == DEFAULT_MILLISECONDS {
            libmimalloc_sys::mi_option_set(PURGE_DELAY, delay);
        }
    }
}

/// mimalloc asks the kernel to back its memory with transparent huge pages
/// (2 MiB) where the system leaves that to each program (`madvise`, the
/// usual setting). A command that holds one graph to its end keeps them:
/// loading a million articles' graph (8 GB) faults 5,000 pages instead of
/// 2.0 million, and with 512 times fewer pages to look up its parsing needs
/// less time too; it took 35.7-35.8 s against 40.5-42.0 s here in
/// alternating runs. Any other command turns them off for the whole
/// process: a build frees memory and asks for it again from one stage to
/// the next, and each huge page faulted in again is 2 MiB cleared; on the
/// machine measured, faulting in fresh memory as huge pages ran at 0.9 GB/s
/// against 2.3 GB/s for 4 KiB pages.
#[cfg(all(feature = "fast-allocator", target_os = "linux"))]
fn set_transparent_huge_pages(arguments: &cli::Arguments) {
    if arguments.holds_one_loaded_graph() {
        return;
    }
    // SAFETY: `prctl` with `PR_SET_THP_DISABLE` takes plain integers and
    // changes only how this process's memory is backed. A kernel without
    // the option refuses it, and nothing changes.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

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
    #[cfg(feature = "fast-allocator")]
    set_allocator_purge_delay(&arguments);
    #[cfg(all(feature = "fast-allocator", target_os = "linux"))]
    set_transparent_huge_pages(&arguments);
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
