//! The progress bar `newsgraph build` draws on standard error: documents,
//! megabytes read, speed and time left. It draws only when standard error
//! is a terminal and `--quiet` was not given; otherwise every call is a
//! no-op, so scripts and logs see none of it.

use std::cell::Cell;
use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub struct Progress {
    bar: Option<ProgressBar>,
    documents: Cell<u64>,
}

impl Progress {
    /// A bar for reading `total_bytes`, drawn only on a terminal and when
    /// not `quiet`.
    pub fn new(total_bytes: u64, quiet: bool) -> Self {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(
                Some(total_bytes),
                ProgressDrawTarget::stderr_with_hz(4),
            );
            bar.set_style(
                ProgressStyle::with_template(
                    "{bar:30} {msg} {decimal_bytes}/{decimal_total_bytes} \
                     {decimal_bytes_per_sec} ETA {eta}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar.enable_steady_tick(Duration::from_millis(250));
            bar
        });
        Progress {
            bar,
            documents: Cell::new(0),
        }
    }

    /// Counts `documents` more documents and `bytes` more input bytes.
    pub fn advance(&self, documents: u64, bytes: u64) {
        self.documents.set(self.documents.get() + documents);
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
            bar.set_message(format!("{} documents", self.documents.get()));
        }
    }

    /// Runs `print` with the bar cleared, so a message does not tear it.
    pub fn suspend<R>(&self, print: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(print),
            None => print(),
        }
    }

    /// Removes the bar.
    pub fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}
