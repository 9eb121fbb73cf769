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
    let buffers = PrintBuffers::default();
    let print_round = |(round_index, round): (usize, &'a [T])| -> Vec<io::Result<Vec<u8>>> {
        let round_start = round_index * ELEMENTS_PER_ROUND;
        round
            .par_chunks(ELEMENTS_PER_TASK)
            .enumerate()
            .map(|(task_index, task)| {
                let task_start = round_start + task_index * ELEMENTS_PER_TASK;
                let mut text = buffers.take(task.len());
                for (offset, item) in task.iter().enumerate() {
                    print_item(&mut text, task_start + offset, item)?;
                }
                buffers.count(text.len(), task.len());
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
                buffers.give_back(text);
                Ok::<(), io::Error>(())
            })
        })?;
    }
    Ok(())
}

/// The buffers that tasks print into, handed back once written out so that
/// a large list is printed into memory already in use rather than grown
/// afresh (and copied at each doubling) round after round.
///
/// A task reserves what its items take on average so far. A list's few
/// very long items (a country named in most articles of a corpus, its
/// every mention on one line) would make any bound from the longest item
/// reserve that much for every task; instead the buffer they grew is
/// freed rather than kept, so the memory kept stays a few tasks' worth of
/// ordinary items.
#[derive(Default)]
struct PrintBuffers {
    spare: Mutex<Vec<Vec<u8>>>,
    printed_bytes: AtomicUsize,
    printed_items: AtomicUsize,
}

impl PrintBuffers {
    /// What an item has taken on average so far (a guess before any).
    fn bytes_per_item(&self) -> usize {
        match self.printed_items.load(Ordering::Relaxed) {
            0 => 256,
            items => self.printed_bytes.load(Ordering::Relaxed).div_ceil(items),
        }
    }

    /// An empty buffer with room for `items` items of the average size.
    fn take(&self, items: usize) -> Vec<u8> {
        let mut buffer = self
            .spare
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop()
            .unwrap_or_default();
        buffer.clear();
        buffer.reserve(items * self.bytes_per_item());
        buffer
    }

    /// Counts a task's printed text towards the average.
    fn count(&self, bytes: usize, items: usize) {
        self.printed_bytes.fetch_add(bytes, Ordering::Relaxed);
        self.printed_items.fetch_add(items, Ordering::Relaxed);
    }

    /// Keeps `buffer` for another task, unless long items grew it to more
    /// than twice what a task of average items takes.
    fn give_back(&self, buffer: Vec<u8>) {
        if buffer.capacity() <= 2 * ELEMENTS_PER_TASK * self.bytes_per_item() {
            self.spare
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(buffer);
        }
    }

    /// How many bytes the buffers kept for reuse hold.
    #[cfg(test)]
    fn kept_bytes(&self) -> usize {
        self.spare
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .map(Vec::capacity)
            .sum()
    }
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
    fn items_of_very_different_lengths_are_written_in_order() {
        let lengths: Vec<usize> = (0..5 * ELEMENTS_PER_ROUND)
            .map(|index| {
                if index % 1_000 == 7 {
                    300_000
                } else {
                    index % 50
                }
            })
            .collect();
        let mut written = Vec::new();
        write_items_in_parallel(&mut written, &lengths, |text, index, length| {
            text.extend(std::iter::repeat_n(b'a' + (index % 26) as u8, *length));
            Ok(())
        })
        .unwrap();
        let expected: Vec<u8> = lengths
            .iter()
            .enumerate()
            .flat_map(|(index, length)| std::iter::repeat_n(b'a' + (index % 26) as u8, *length))
            .collect();
        assert!(written == expected);
    }

    #[test]
    fn a_buffer_grown_by_a_long_item_is_freed_not_kept() {
        let buffers = PrintBuffers::default();
        let print_task = |item_bytes: &[usize]| {
            let mut text = buffers.take(item_bytes.len());
            text.resize(item_bytes.iter().sum(), b'x');
            buffers.count(text.len(), item_bytes.len());
            buffers.give_back(text);
        };
        // Ordinary tasks, one at a time: one buffer serves them all.
        for _ in 0..1_000 {
            print_task(&[100; ELEMENTS_PER_TASK]);
        }
        let ordinary = buffers.kept_bytes();
        assert!(ordinary >= 100 * ELEMENTS_PER_TASK, "{ordinary}");
        assert!(ordinary < 4 * 100 * ELEMENTS_PER_TASK, "{ordinary}");
        // A task holding one item of ten megabytes.
        let mut long_task = [100; ELEMENTS_PER_TASK];
        long_task[0] = 10 << 20;
        print_task(&long_task);
        assert!(buffers.kept_bytes() <= ordinary, "{}", buffers.kept_bytes());
        // The next task reserves for ordinary items, not for the long one.
        let next = buffers.take(ELEMENTS_PER_TASK);
        assert!(next.capacity() < 1 << 20, "{}", next.capacity());
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
