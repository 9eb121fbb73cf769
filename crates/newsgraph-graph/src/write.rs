//! Writing saved graphs as RON, the elements of each list printed on all
//! threads of the current rayon pool.
//!
//! The layout is `ron`'s pretty printer with a depth limit of two and no
//! separator (no space after a colon or comma): the graph's fields one per
//! line, and each list element, with everything in it, on a line of its
//! own. So each element can be printed on its own, in parallel, straight
//! into place by `ron_text`'s printers; the tests check that the result is
//! byte for byte what `ron` prints for the whole graph at once.

use std::io::{self, Write};
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;

use newsgraph_extract::Extraction;

use crate::ron_text::{ExtractionElement, RonElement};
use crate::{Entity, Evidence, MergeRecord, Relation, Statement};

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

/// About how many bytes of text one task prints (by the items'
/// [`PrintedSize`]), unless one item alone takes more.
const TASK_BYTES: usize = 256 << 10;
/// The most items one task prints.
const MOST_ITEMS_PER_TASK: usize = 1_024;
/// The most tasks of a round, which are printed on all threads while the
/// round before is written out.
const TASKS_PER_ROUND: usize = 16;
/// About how many bytes of text a round prints: a bound on the memory the
/// text being written takes, unless one item alone takes more.
const ROUND_BYTES: usize = TASKS_PER_ROUND * TASK_BYTES;

/// About how many bytes an item of a graph's lists takes printed, as RON
/// or as JSON (which are of about the same length): how
/// [`write_items_in_parallel`] shares the items out. Only an estimate; what
/// matters is that an item far longer than the others (an entity named in
/// most of a corpus's articles, its every mention on its line) is known to
/// be before it is printed.
pub trait PrintedSize {
    fn printed_size(&self) -> usize;
}

/// About how long a list of evidence is printed: each piece holds its
/// document id and two numbers. Estimated from the first and last pieces,
/// so that the length is known without reading the list through (rounds
/// are planned on one thread), and rather over than under: the text of an
/// entity named in most of a corpus's articles is printed into a buffer of
/// this size, and one that runs short is copied whole into one twice as
/// large.
fn evidence_printed_size(evidence: &[Evidence]) -> usize {
    let (Some(first), Some(last)) = (evidence.first(), evidence.last()) else {
        return 0;
    };
    let document = first.document.len().max(last.document.len());
    let number = decimal_digits(first.end.max(last.end) as usize);
    // `, {"document": "", "start": , "end": }` in JSON; RON's is shorter.
    evidence.len() * (document + 2 * number + 40)
}

fn decimal_digits(number: usize) -> usize {
    number
        .checked_ilog10()
        .map_or(1, |digits| digits as usize + 1)
}

fn names_printed_size(names: &[String]) -> usize {
    names.iter().map(|name| name.len() + 4).sum()
}

impl PrintedSize for String {
    fn printed_size(&self) -> usize {
        self.len() + 16
    }
}

impl PrintedSize for Entity {
    fn printed_size(&self) -> usize {
        128 + self.id.len()
            + self.name.len()
            + names_printed_size(&self.aliases)
            + names_printed_size(&self.keys)
            + evidence_printed_size(&self.mentions)
    }
}

impl PrintedSize for Statement {
    fn printed_size(&self) -> usize {
        160 + self.id.len()
            + 2 * self.speaker.len()
            + self.cue.len()
            + self.text.len()
            + self.evidence.document.len()
            + self.about.iter().map(|id| id.len() + 4).sum::<usize>()
    }
}

impl PrintedSize for Relation {
    fn printed_size(&self) -> usize {
        96 + self.source.len()
            + self.target.len()
            + self.label.as_ref().map_or(0, |label| label.len())
            + evidence_printed_size(&self.evidence)
    }
}

impl PrintedSize for MergeRecord {
    fn printed_size(&self) -> usize {
        64 + self.entity.len() + self.alias.len() + self.rule.len()
    }
}

impl<T: PrintedSize> PrintedSize for &T {
    fn printed_size(&self) -> usize {
        (**self).printed_size()
    }
}

impl PrintedSize for Extraction {
    fn printed_size(&self) -> usize {
        let entities: usize = self
            .entities
            .iter()
            .map(|entity| 128 + 64 * entity.mentions.len())
            .sum();
        let statements: usize = self
            .statements
            .iter()
            .map(|statement| 160 + statement.text.len())
            .sum();
        256 + self.document.len() + entities + statements + 128 * self.relations.len()
    }
}

/// Writes the graph as RON ending in a newline.
pub(crate) fn write_ron<E: ExtractionElement + PrintedSize + Sync>(
    parts: &SavedParts<'_, E>,
    writer: impl Write,
) -> io::Result<()> {
    let mut sink = RonSink::with_version(writer, parts.format_version)?;
    sink.write_part(0, parts.documents)?;
    sink.write_part(1, parts.entities)?;
    sink.write_part(2, parts.statements)?;
    sink.write_part(3, parts.relations)?;
    sink.write_part(4, parts.merges)?;
    sink.finish_with(parts.extractions)?;
    Ok(())
}

/// The lists of a saved graph, in their order.
const LISTS: [&str; 6] = [
    "documents",
    "entities",
    "statements",
    "relations",
    "merges",
    "extractions",
];

/// How a file lays out its named lists: the text before a list's name,
/// after it when the list is empty or when items follow, and after the
/// list's last item.
#[derive(Debug, Clone, Copy)]
pub struct ListLayout {
    pub before_name: &'static str,
    pub after_name_if_empty: &'static str,
    pub after_name: &'static str,
    pub after_items: &'static str,
}

/// The lists of a RON graph file: `    name:[` on a line of its own.
const RON_LISTS: ListLayout = ListLayout {
    before_name: "    ",
    after_name_if_empty: ":[],\n",
    after_name: ":[\n",
    after_items: "    ],\n",
};

/// A file's named lists written one after the other, each in one or more
/// parts: what a [`crate::ResolvedSink`] that writes a file keeps, which
/// list is open and how many items it holds. A list is begun when its
/// first part or a later list arrives, so a list that never arrives is
/// written empty; a list arriving after a later one is refused.
pub struct ListsWriter<W: Write> {
    writer: W,
    names: &'static [&'static str],
    layout: ListLayout,
    /// How many of `names` have been begun; the last one begun is open.
    begun: usize,
    /// How many items the open list holds so far; its name is written
    /// with its first item.
    items: usize,
}

impl<W: Write> ListsWriter<W> {
    /// Lists named `names`, in that order, laid out as `layout`, written to
    /// `writer` after whatever it already holds.
    pub fn new(writer: W, names: &'static [&'static str], layout: ListLayout) -> Self {
        ListsWriter {
            writer,
            names,
            layout,
            begun: 0,
            items: 0,
        }
    }

    /// Writes `items` into list `list` (an index into the names), each
    /// printed by `print_item` (given the buffer, the item's index in the
    /// whole list, and the item) on all threads of the current rayon pool
    /// ([`write_items_in_parallel`]). The first error of `print_item` ends
    /// the writing and is returned.
    pub fn write_part<'a, T: PrintedSize + Sync>(
        &mut self,
        list: usize,
        items: &'a [T],
        print_item: impl Fn(&mut Vec<u8>, usize, &'a T) -> io::Result<()> + Sync,
    ) -> io::Result<()> {
        self.enter(list)?;
        if items.is_empty() {
            return Ok(());
        }
        if self.items == 0 {
            let layout = self.layout;
            write!(
                self.writer,
                "{}{}{}",
                layout.before_name, self.names[list], layout.after_name
            )?;
        }
        let before = self.items;
        write_items_in_parallel(&mut self.writer, items, |text, index, item| {
            print_item(text, before + index, item)
        })?;
        self.items += items.len();
        Ok(())
    }

    /// Ends the last list, writing the lists that never arrived, and gives
    /// the writer back.
    pub fn finish(mut self) -> io::Result<W> {
        self.enter(self.names.len() - 1)?;
        self.close_open_list()?;
        Ok(self.writer)
    }

    /// Makes list `list` the open one, closing the lists before it and
    /// writing those it skips empty.
    fn enter(&mut self, list: usize) -> io::Result<()> {
        if list + 1 < self.begun {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("the {} arrived after a later list", self.names[list]),
            ));
        }
        while self.begun <= list {
            if self.begun > 0 {
                self.close_open_list()?;
            }
            self.begun += 1;
            self.items = 0;
        }
        Ok(())
    }

    fn close_open_list(&mut self) -> io::Result<()> {
        let layout = self.layout;
        if self.items == 0 {
            let name = self.names[self.begun - 1];
            write!(
                self.writer,
                "{}{name}{}",
                layout.before_name, layout.after_name_if_empty
            )
        } else {
            self.writer.write_all(layout.after_items.as_bytes())
        }
    }
}

/// Writes the RON of a graph handed over a part of a list at a time
/// ([`crate::KnowledgeGraph::resolve_to`]), then the graph's extractions
/// ([`RonSink::finish`]): the bytes [`crate::KnowledgeGraph::write_ron`]
/// writes. Each part's elements are printed on all threads of the current
/// rayon pool. A list that never arrives is written empty; a list arriving
/// after a later one is refused.
pub struct RonSink<W: Write> {
    lists: ListsWriter<W>,
}

impl<W: Write> RonSink<W> {
    /// Begins the RON of a graph of this version of the format on
    /// `writer`.
    pub fn new(writer: W) -> io::Result<Self> {
        RonSink::with_version(writer, crate::FORMAT_VERSION)
    }

    fn with_version(mut writer: W, format_version: u32) -> io::Result<Self> {
        writeln!(writer, "(")?;
        writeln!(writer, "    format_version:{format_version},")?;
        Ok(RonSink {
            lists: ListsWriter::new(writer, &LISTS, RON_LISTS),
        })
    }

    /// Ends the RON with `graph`'s extractions, as
    /// [`crate::KnowledgeGraph::write_ron`] writes them, and gives the
    /// writer back. `graph` is the graph whose lists were handed over.
    pub fn finish(self, graph: &crate::KnowledgeGraph) -> io::Result<W> {
        self.finish_with(&graph.extraction_entries())
    }

    /// Ends the RON with `extractions`, writing the lists that never
    /// arrived, and gives the writer back.
    pub(crate) fn finish_with<E: ExtractionElement + PrintedSize + Sync>(
        mut self,
        extractions: &[E],
    ) -> io::Result<W> {
        self.lists
            .write_part(LISTS.len() - 1, extractions, |text, _, item| {
                item.try_print_element(text)
            })?;
        let mut writer = self.lists.finish()?;
        writer.write_all(b")\n")?;
        Ok(writer)
    }

    /// Writes `items` into list `list` of [`LISTS`].
    fn write_part<T: RonElement + PrintedSize + Sync>(
        &mut self,
        list: usize,
        items: &[T],
    ) -> io::Result<()> {
        self.lists.write_part(list, items, |text, _, item| {
            item.print_element(text);
            Ok(())
        })
    }
}

impl<W: Write> crate::ResolvedSink for RonSink<W> {
    fn documents(&mut self, documents: &[String]) -> io::Result<()> {
        self.write_part(0, documents)
    }

    fn entities(&mut self, entities: &[Entity]) -> io::Result<()> {
        self.write_part(1, entities)
    }

    fn statements(&mut self, statements: &[Statement]) -> io::Result<()> {
        self.write_part(2, statements)
    }

    fn relations(&mut self, relations: &[Relation]) -> io::Result<()> {
        self.write_part(3, relations)
    }

    fn merges(&mut self, merges: &[MergeRecord]) -> io::Result<()> {
        self.write_part(4, merges)
    }
}

/// Writes every item of `items` as `print_item` prints it (given the
/// buffer, the item's index and the item), in order. Items are printed in
/// tasks on all threads of the current rayon pool, a round at a time, each
/// round while this thread writes out the one before it. Tasks and rounds
/// are cut by the items' [`PrintedSize`], so the text in memory is bounded
/// by two rounds of `ROUND_BYTES` (4 MB), and an item far longer than the
/// rest is not printed beside many others like it. Used for the lists of RON
/// and JSON.
pub fn write_items_in_parallel<'a, T: PrintedSize + Sync>(
    writer: &mut impl Write,
    items: &'a [T],
    print_item: impl Fn(&mut Vec<u8>, usize, &'a T) -> io::Result<()> + Sync,
) -> io::Result<()> {
    let buffers = PrintBuffers::default();
    let print_round = |round: Vec<PlannedTask>| -> Vec<io::Result<Vec<u8>>> {
        round
            .into_par_iter()
            .map(|task| {
                let mut text = buffers.take(task.bytes);
                for index in task.items.clone() {
                    print_item(&mut text, index, &items[index])?;
                }
                Ok(text)
            })
            .collect()
    };
    let mut next_item = 0;
    let mut plan_next_round = || {
        (next_item < items.len()).then(|| {
            let round = plan_round(items, next_item);
            next_item = round.last().map_or(items.len(), |task| task.items.end);
            round
        })
    };
    let mut printed = plan_next_round().map(print_round);
    while let Some(texts) = printed.take() {
        let next = plan_next_round();
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

/// Items one task prints, and about how many bytes they take.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PlannedTask {
    items: std::ops::Range<usize>,
    bytes: usize,
}

/// The tasks of the round that starts at item `first`: each of about
/// [`TASK_BYTES`], up to [`ROUND_BYTES`] in all; an item longer than those
/// makes a task (and ends a round) of its own. Never empty while items are
/// left.
fn plan_round<T: PrintedSize>(items: &[T], first: usize) -> Vec<PlannedTask> {
    let mut round = Vec::with_capacity(TASKS_PER_ROUND);
    let mut round_bytes = 0;
    let mut next = first;
    while next < items.len() && round.len() < TASKS_PER_ROUND && round_bytes < ROUND_BYTES {
        let start = next;
        let mut bytes = 0;
        while next < items.len() && next - start < MOST_ITEMS_PER_TASK && bytes < TASK_BYTES {
            let size = items[next].printed_size();
            // A long item is printed in a task of its own.
            if size >= TASK_BYTES && next > start {
                break;
            }
            bytes += size;
            next += 1;
        }
        round_bytes += bytes;
        round.push(PlannedTask {
            items: start..next,
            bytes,
        });
    }
    round
}

/// The buffers that tasks print into, handed back once written out so that
/// a large list is printed into memory already in use rather than grown
/// afresh (and copied at each doubling) round after round. A buffer that a
/// long item grew past twice [`TASK_BYTES`] is freed rather than kept, so
/// the memory kept stays a few ordinary tasks' worth.
#[derive(Default)]
struct PrintBuffers {
    spare: Mutex<Vec<Vec<u8>>>,
}

impl PrintBuffers {
    /// An empty buffer with room for `bytes`.
    fn take(&self, bytes: usize) -> Vec<u8> {
        let spare = self
            .spare
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        match spare {
            Some(mut buffer) if buffer.capacity() >= bytes => {
                buffer.clear();
                buffer
            }
            // Grown in place, a spare buffer would have its old text
            // copied along: the allocator does not know it is unused.
            _ => Vec::with_capacity(bytes),
        }
    }

    /// Keeps `buffer` for another task, unless a long item grew it.
    fn give_back(&self, buffer: Vec<u8>) {
        if buffer.capacity() <= 2 * TASK_BYTES {
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
        let layout = ron::ser::PrettyConfig::default()
            .depth_limit(2)
            .separator(String::new());
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

    /// An item of a test list: its printed size is its length.
    struct Item(usize);

    impl PrintedSize for Item {
        fn printed_size(&self) -> usize {
            self.0
        }
    }

    /// Short items, with a long one (of `long` bytes) every thousand.
    fn items_with_long_ones(count: usize, long: usize) -> Vec<Item> {
        (0..count)
            .map(|index| Item(if index % 1_000 == 7 { long } else { index % 50 }))
            .collect()
    }

    #[test]
    fn items_of_very_different_lengths_are_written_in_order() {
        let items = items_with_long_ones(20_000, 3 * ROUND_BYTES / 2);
        let letter = |index: usize| b'a' + (index % 26) as u8;
        let mut written = Vec::new();
        write_items_in_parallel(&mut written, &items, |text, index, item| {
            text.extend(std::iter::repeat_n(letter(index), item.0));
            Ok(())
        })
        .unwrap();
        let expected: Vec<u8> = items
            .iter()
            .enumerate()
            .flat_map(|(index, item)| std::iter::repeat_n(letter(index), item.0))
            .collect();
        assert!(written == expected);
    }

    #[test]
    fn rounds_cover_every_item_once_and_keep_long_items_apart() {
        let items = items_with_long_ones(20_000, 3 * ROUND_BYTES / 2);
        let mut next = 0;
        while next < items.len() {
            let round = plan_round(&items, next);
            assert!(!round.is_empty() && round.len() <= TASKS_PER_ROUND);
            for task in &round {
                assert_eq!(task.items.start, next, "tasks follow each other");
                assert!(!task.items.is_empty() && task.items.len() <= MOST_ITEMS_PER_TASK);
                let sizes: Vec<usize> = task.items.clone().map(|index| items[index].0).collect();
                assert_eq!(task.bytes, sizes.iter().sum::<usize>());
                // A long item is a task of its own.
                assert!(sizes.len() == 1 || sizes.iter().all(|size| *size < TASK_BYTES));
                next = task.items.end;
            }
            // A round holds at most one long item, and ends with it.
            let long_tasks: Vec<usize> = round
                .iter()
                .enumerate()
                .filter(|(_, task)| task.bytes >= ROUND_BYTES)
                .map(|(position, _)| position)
                .collect();
            assert!(long_tasks.is_empty() || long_tasks == [round.len() - 1]);
        }
        assert_eq!(next, items.len());
    }

    #[test]
    fn a_buffer_grown_by_a_long_item_is_freed_not_kept() {
        let buffers = PrintBuffers::default();
        let print_task = |bytes: usize| {
            let mut text = buffers.take(bytes);
            text.resize(bytes, b'x');
            buffers.give_back(text);
        };
        // Ordinary tasks, one at a time: one buffer serves them all.
        for _ in 0..1_000 {
            print_task(TASK_BYTES);
        }
        let ordinary = buffers.kept_bytes();
        assert!(
            (TASK_BYTES..=2 * TASK_BYTES).contains(&ordinary),
            "{ordinary}"
        );
        // A task holding one item of ten megabytes.
        print_task(10 << 20);
        assert!(buffers.kept_bytes() <= ordinary, "{}", buffers.kept_bytes());
    }

    #[test]
    fn a_spare_buffer_too_small_is_replaced_and_one_large_enough_reused() {
        let buffers = PrintBuffers::default();
        let mut small = buffers.take(100);
        small.extend_from_slice(&[b'x'; 100]);
        buffers.give_back(small);
        // Too small for the next task: a new buffer, the small one dropped.
        let large = buffers.take(1_000);
        assert!(large.is_empty() && large.capacity() >= 1_000);
        assert_eq!(buffers.kept_bytes(), 0);
        let large_at = large.as_ptr();
        buffers.give_back(large);
        // Large enough for a smaller task: the same buffer, emptied.
        let again = buffers.take(500);
        assert!(again.is_empty() && again.capacity() >= 1_000);
        assert_eq!(again.as_ptr(), large_at);
    }

    #[test]
    fn many_elements_are_written_in_order() {
        let texts: Vec<String> = (0..1_200)
            .map(|index| format!("Mayor Anna Berg{index} said the bridge {index} would open."))
            .collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let saved = graph_of(&texts);
        // More than one task's worth.
        assert!(plan_round(&saved.extractions, 0).len() > 1);
        assert_eq!(saved.to_ron(), printed_whole(&saved));
    }
}
