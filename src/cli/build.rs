//! `newsgraph build`: text files and JSON Lines corpora in, graph files out.
//!
//! Inputs are read in batches on a thread of their own; each batch is
//! checked and extracted on every worker thread at once while the next is
//! read, and its extractions are added to the graph, so memory holds at
//! most three batches of text at a time. The
//! graph depends on the set of documents only, so the output is the same
//! bytes whatever the thread count or the order files were listed in.

use std::cell::Cell;
use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::{bail, Context};
use newsgraph::extract::Extraction;
use newsgraph::KnowledgeGraph;
use rayon::prelude::*;

use super::args::BuildArguments;
use super::inputs::{looks_like_html, plan_inputs, read_in_batches, Origin, Pending, Skipped};
use super::outputs::{
    describe_outputs, refuse_overwriting_inputs, resolve_and_write, StatementSpill,
};
use super::progress::Progress;
use super::{planned_outputs, release_at_exit, report, report_summary, Outcome};

/// One input after the parallel part of reading: its extraction and what to
/// warn about, or why it was skipped.
enum Processed {
    Extracted {
        origin: Origin,
        extraction: Extraction,
        blank: bool,
        html: bool,
    },
    Skipped(Skipped),
}

/// What the reading thread hands over, in the order it was read.
enum ReadEvent {
    /// A batch of inputs and their size in bytes.
    Batch(Vec<Pending>, u64),
    /// An input that could not be read.
    Skipped(Skipped),
}

fn process(pending: Pending) -> Processed {
    let origin = pending.origin();
    match pending.load() {
        Ok(document) => Processed::Extracted {
            blank: document.text.trim().is_empty(),
            html: looks_like_html(&document.text),
            extraction: newsgraph::extract::extract(&document),
            origin,
        },
        Err(reason) => Processed::Skipped(Skipped { origin, reason }),
    }
}

pub fn run(arguments: BuildArguments) -> anyhow::Result<Outcome> {
    let stem = &arguments.output.out;
    let outputs = planned_outputs(&arguments.output)?;
    let formats: Vec<_> = outputs.iter().map(|(format, _)| *format).collect();
    let output_paths: Vec<PathBuf> = outputs.iter().map(|(_, path)| path.clone()).collect();
    let quiet = arguments.quiet;

    // Outputs named like explicit inputs are refused before anything is
    // read, so that a typo cannot replace an article with a graph.
    refuse_overwriting_inputs(&output_paths, &arguments.inputs)?;
    let plan = plan_inputs(&arguments.inputs)?;
    refuse_overwriting_inputs(&output_paths, &plan.paths())?;

    // The graph to add to is loaded before any article is read: a broken
    // graph stops the build at once, and nothing is written. It is
    // resolved again with the new articles, so only its extractions are
    // kept.
    let mut graph = match &arguments.into {
        Some(path) => KnowledgeGraph::load_unresolved(path)?,
        None => KnowledgeGraph::new(),
    };
    let started_empty = graph.is_empty();
    // The statements wait on disk until the outputs are written.
    let spill = StatementSpill::for_outputs(&outputs, quiet);
    if let Some(spill) = &spill {
        spill.take_from(&mut graph);
    }

    let skipped_count = Cell::new(0usize);
    let report_skipped = |skipped: &Skipped| {
        skipped_count.set(skipped_count.get() + 1);
        report(format_args!(
            "skipped {}: {}",
            skipped.origin, skipped.reason
        ));
    };
    for skipped in &plan.skipped {
        report_skipped(skipped);
    }
    if !quiet {
        for directory in &plan.directories_without_inputs {
            report(format_args!(
                "warning: no .txt or .jsonl files in {}",
                directory.display()
            ));
        }
    }

    let threads = arguments.threads.unwrap_or(0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start the worker threads")?;

    // Where each document id was first read, to name both places when a
    // corpus repeats an id.
    let mut first_origin: HashMap<String, Origin> = HashMap::new();
    let mut documents_read = 0usize;
    let progress = Progress::new(plan.total_bytes, quiet);
    let mut add_batch = |batch: Vec<Pending>, batch_bytes: u64| {
        let batch_len = batch.len() as u64;
        let processed: Vec<Processed> =
            pool.install(|| batch.into_par_iter().map(process).collect());
        let mut accepted = Vec::with_capacity(processed.len());
        for item in processed {
            match item {
                Processed::Skipped(skipped) => progress.suspend(|| report_skipped(&skipped)),
                Processed::Extracted {
                    origin,
                    extraction,
                    blank,
                    html,
                } => {
                    if let Some(first) = first_origin.get(&extraction.document) {
                        let skipped = Skipped {
                            reason: format!(
                                "document id `{}` was already read from {first}; ids must be unique",
                                extraction.document
                            ),
                            origin,
                        };
                        progress.suspend(|| report_skipped(&skipped));
                        continue;
                    }
                    if !quiet && (blank || html) {
                        progress.suspend(|| warn_about_text(&origin, blank));
                    }
                    first_origin.insert(extraction.document.clone(), origin);
                    accepted.push(extraction);
                    documents_read += 1;
                }
            }
        }
        pool.install(|| graph.add_all(accepted));
        progress.advance(batch_len, batch_bytes);
    };
    // The next batch is read on a thread of its own while this one is
    // extracted, so reading never leaves the workers idle.
    let (sender, receiver) = std::sync::mpsc::sync_channel::<ReadEvent>(1);
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let plan = &plan;
        let reader = scope.spawn(move || {
            read_in_batches(
                plan,
                |batch, batch_bytes| {
                    sender
                        .send(ReadEvent::Batch(batch, batch_bytes))
                        .map_err(|_| anyhow::anyhow!("reading stopped: the build ended early"))
                },
                |skipped| {
                    // If the build ended, nobody is left to tell.
                    let _ = sender.send(ReadEvent::Skipped(skipped));
                },
            )
        });
        for event in receiver {
            match event {
                ReadEvent::Batch(batch, batch_bytes) => add_batch(batch, batch_bytes),
                ReadEvent::Skipped(skipped) => progress.suspend(|| report_skipped(&skipped)),
            }
        }
        match reader.join() {
            Ok(result) => result,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })?;
    progress.finish();
    if let Some(spill) = &spill {
        spill.warn_if_stopped(&graph);
    }
    // Freed before the outputs, the largest allocations, are written.
    drop(first_origin);

    let skipped_count = skipped_count.get();
    if documents_read == 0 && started_empty {
        if skipped_count == 0 {
            bail!(
                "no documents to build from: give text files, JSON Lines corpora (.jsonl), \
                 or directories holding them"
            );
        }
        bail!("no documents to build from: every input was skipped ({skipped_count})");
    }

    // Resolution and writing run on the same threads as extraction, so
    // that `--threads` bounds the whole build.
    let renderer = arguments.output.renderer.renderer.into();
    let graph = pool.install(|| resolve_and_write(graph, &outputs, renderer))?;

    if !quiet {
        report_summary(format_args!(
            "built graph: {} -> {}",
            graph.description,
            describe_outputs(stem, &formats)
        ));
    }
    release_at_exit(graph);
    if skipped_count == 0 {
        Ok(Outcome::Complete)
    } else {
        Ok(Outcome::SomeInputsSkipped)
    }
}

fn warn_about_text(origin: &Origin, blank: bool) {
    if blank {
        report(format_args!(
            "warning: {origin} is empty or only whitespace"
        ));
    } else {
        report(format_args!(
            "warning: {origin} looks like HTML, not plain text; its markup is read as words: \
             save the article's text instead"
        ));
    }
}
