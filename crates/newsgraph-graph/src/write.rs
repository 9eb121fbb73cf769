//! Writing saved graphs as RON, the elements of each list printed on all
//! threads of the current rayon pool.
//!
//! The layout is `ron`'s pretty printer with a depth limit of three: the
//! graph's fields one per line, each list element's fields one per line,
//! and anything deeper (mentions, evidence) on its field's line. So each
//! element can be printed on its own, in parallel, straight into place by
//! `ron_text`'s printers; the tests check that the result is byte for byte
//! what `ron` prints for the whole graph at once.

use std::io::{self, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;

use crate::ron_text::RonElement;
use crate::{Entity, MergeRecord, Relation, Statement};

/// A saved graph's fields, borrowed: from a [`crate::SavedGraph`] or from a
/// [`crate::KnowledgeGraph`] that holds its extractions apart.
pub(crate) struct SavedParts<'a, E> {
    pub format_version: u32,
    pub documents: &'a [String],
    pub entities: &'a [Entity],
    pub statements: &'a [Statement],
    pub relations: &'a [Relation],
    pub merges: &'a [MergeRecord],
    pub extractions: &'a [E],
}

impl<'a, E> SavedParts<'a, E> {
    /// The resolved lists of `view` with `extractions`, which a graph may
    /// hold apart from them.
    pub fn of(view: &'a crate::SavedGraph, extractions: &'a [E]) -> Self {
        SavedParts {
            format_version: view.format_version,
            documents: &view.documents,
            entities: &view.entities,
            statements: &view.statements,
            relations: &view.relations,
            merges: &view.merges,
            extractions,
        }
    }
}

/// How many list elements are printed before they are written out: a
/// bound on the memory the text being written takes.
const ELEMENTS_PER_ROUND: usize = 2_048;
/// How many elements one task prints.
const ELEMENTS_PER_TASK: usize = 128;

/// Writes the graph as RON ending in a newline.
pub(crate) fn write_ron<E: RonElement + Sync>(
    parts: &SavedParts<'_, E>,
    writer: impl Write,
) -> io::Result<()> {
    let mut writer = writer;
    writeln!(writer, "(")?;
    writeln!(writer, "    format_version: {},", parts.format_version)?;
    write_list(&mut writer, "documents", parts.documents)?;
    write_list(&mut writer, "entities", parts.entities)?;
    write_list(&mut writer, "statements", parts.statements)?;
    write_list(&mut writer, "relations", parts.relations)?;
    write_list(&mut writer, "merges", parts.merges)?;
    write_list(&mut writer, "extractions", parts.extractions)?;
    writer.write_all(b")\n")
}

fn write_list<T: RonElement + Sync>(
    writer: &mut impl Write,
    name: &str,
    items: &[T],
) -> io::Result<()> {
    if items.is_empty() {
        return writeln!(writer, "    {name}: [],");
    }
    writeln!(writer, "    {name}: [")?;
    write_items_in_parallel(writer, items, |text, _, item| {
        item.print_element(text);
        Ok(())
    })?;
    writeln!(writer, "    ],")
}

/// Writes every item of `items` as `print_item` prints it (given the
/// buffer, the item's index and the item), in order. Items are printed in
/// tasks on all threads of the current rayon pool, a round at a time, each
/// round while this thread writes out the one before it, so the text in
/// memory is bounded by two rounds. Used for the lists of RON and JSON.
pub fn write_items_in_parallel<'a, T: Sync>(
    writer: &mut impl Write,
    items: &'a [T],
    print_item: impl Fn(&mut Vec<u8>, usize, &'a T) -> io::Result<()> + Sync,
) -> io::Result<()> {
    // Buffers written out go back here for the next round's tasks, so that
    // a large list is printed into memory already in use, not grown afresh
    // (and copied at each doubling) round after round.
    let spare_buffers: Mutex<Vec<Vec<u8>>> = Mutex::new(Vec::new());
    let take_buffer = || {
        let mut buffer = spare_buffers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop()
            .unwrap_or_default();
        buffer.clear();
        buffer
    };
    // The most bytes an item has taken so far: how much a task reserves.
    let bytes_per_item = AtomicUsize::new(256);
    let print_round = |(round_index, round): (usize, &'a [T])| -> Vec<io::Result<Vec<u8>>> {
        let round_start = round_index * ELEMENTS_PER_ROUND;
        round
            .par_chunks(ELEMENTS_PER_TASK)
            .enumerate()
            .map(|(task_index, task)| {
                let task_start = round_start + task_index * ELEMENTS_PER_TASK;
                let mut text = take_buffer();
                text.reserve(task.len() * bytes_per_item.load(Ordering::Relaxed));
                for (offset, item) in task.iter().enumerate() {
                    print_item(&mut text, task_start + offset, item)?;
                }
                bytes_per_item.fetch_max(text.len().div_ceil(task.len()), Ordering::Relaxed);
                Ok(text)
            })
            .collect()
    };
    let mut rounds = items.chunks(ELEMENTS_PER_ROUND).enumerate();
    let mut printed = rounds.next().map(print_round);
    while let Some(texts) = printed.take() {
        let next = rounds.next();
        rayon::in_place_scope(|scope| {
            scope.spawn(|_| printed = next.map(print_round));
            texts.into_iter().try_for_each(|text| {
                let text = text?;
                writer.write_all(&text)?;
                spare_buffers
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(text);
                Ok::<(), io::Error>(())
            })
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{KnowledgeGraph, SavedGraph};
    use newsgraph_extract::{extract, Document};

    /// What `ron` prints for the whole graph at once.
    fn printed_whole(saved: &SavedGraph) -> String {
        let layout = ron::ser::PrettyConfig::default().depth_limit(3);
        ron::ser::to_string_pretty(saved, layout).unwrap() + "\n"
    }

    fn graph_of(texts: &[&str]) -> SavedGraph {
        let mut graph = KnowledgeGraph::new();
        for (index, text) in texts.iter().enumerate() {
            graph.add(extract(&Document::new(format!("d{index}.txt"), *text)));
        }
        let saved = graph.to_saved();
        // The graph prints the extractions it keeps packed; the saved
        // graph, the extractions themselves.
        assert_eq!(graph.to_ron(), printed_whole(&saved));
        saved
    }

    #[test]
    fn elements_printed_apart_are_the_graph_printed_whole() {
        let graphs = [
            SavedGraph::default(),
            graph_of(&[""]),
            graph_of(&[
                "Mayor Anna Berg said on Monday that the harbour in Lisbon would reopen. \
                 \"It is \\\"safe\\\"\nnow,\" Berg told the Lisbon Port Authority (LPA).",
                "Councillor Tomas Reyes met Anna Berg in Porto. Reyes accused the LPA of delays.",
                "Forecaster Lena Ortiz said heavy rain was expected across Portugal — «chuva».",
            ]),
        ];
        for saved in graphs {
            assert_eq!(saved.to_ron(), printed_whole(&saved));
        }
    }

    #[test]
    fn many_elements_are_written_in_order() {
        let texts: Vec<String> = (0..300)
            .map(|index| format!("Mayor Anna Berg{index} said the bridge {index} would open."))
            .collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let saved = graph_of(&texts);
        assert!(saved.extractions.len() > ELEMENTS_PER_TASK);
        assert_eq!(saved.to_ron(), printed_whole(&saved));
    }
}
