//! Reading a graph file a piece at a time, so that loading holds the graph
//! and a few megabytes of its text, never the whole text.
//!
//! A file laid out as `write.rs` prints it, or as earlier versions did
//! (with `ron`'s space after each colon and comma, each field of a list's
//! structs on a line of its own or not), is read in chunks: the elements
//! of each list that a chunk holds whole are read on all threads of the
//! current rayon pool while the next chunk is read from
//! the file, after the rest of this one. Line breaks inside strings are
//! escaped, so every line break in such a file is part of the layout, and
//! a list element ends at the end of a line. A file laid out any other
//! way, or one that does not read, is [`Streamed::NotPlain`]:
//! the caller reads it whole, with the readers that handle everything `ron`
//! does and say where a file is wrong.

use std::io::{self, BufRead};

use rayon::prelude::*;

use crate::packed::PackedExtraction;
use crate::ron_read::{
    elements, CheckedExtraction, EarlierLists, EntityElement, EntityId, NotPlain, ReadElement,
    StatementElement, Unkept,
};
use crate::{Entity, MergeRecord, Relation, SavedGraph, Statement};

/// A saved graph as read a piece at a time: its extractions are packed as
/// they are read, so that they are never all held unpacked at once.
#[derive(Debug)]
pub(crate) struct StreamedGraph {
    /// Everything but the extractions.
    pub saved: SavedGraph,
    /// Each extraction's document id and the extraction, packed.
    pub extractions: Vec<(String, PackedExtraction)>,
}

impl StreamedGraph {
    /// Whether the graph passes the checks a graph read whole does.
    pub fn is_valid(&self) -> bool {
        let extracted: Vec<&str> = self
            .extractions
            .iter()
            .map(|(document, _)| document.as_str())
            .collect();
        crate::load::is_valid_with_extractions(&self.saved, &extracted)
    }

    /// The saved graph with its extractions unpacked.
    pub fn into_saved(self) -> SavedGraph {
        let StreamedGraph {
            mut saved,
            extractions,
        } = self;
        saved.extractions = extractions
            .par_iter()
            .map(|(document, packed)| packed.unpack(document))
            .collect();
        saved
    }
}

/// How much of the file is read at a time.
const CHUNK_BYTES: usize = 8 << 20;
/// How many pieces a chunk's elements are cut into to be read in parallel.
const PIECES_PER_CHUNK: usize = 16;

/// Why a file was not read in pieces.
#[derive(Debug)]
pub(crate) enum Streamed {
    /// Not laid out as graph files are written, or not plain RON; to be
    /// read whole.
    NotPlain,
    /// The file could not be read.
    Io(io::Error),
}

impl From<NotPlain> for Streamed {
    fn from(_: NotPlain) -> Self {
        Streamed::NotPlain
    }
}

impl From<io::Error> for Streamed {
    fn from(error: io::Error) -> Self {
        Streamed::Io(error)
    }
}

type Result<T> = std::result::Result<T, Streamed>;

/// The text read so far and not yet consumed.
struct Pieces<R> {
    source: R,
    /// How much is read at a time.
    chunk_bytes: usize,
    buffer: Vec<u8>,
    /// Where the next chunk is read while `buffer` is being consumed.
    next: Vec<u8>,
    /// Where the unconsumed text starts in `buffer`.
    start: usize,
    at_end: bool,
}

impl<R: BufRead> Pieces<R> {
    fn rest(&self) -> &[u8] {
        &self.buffer[self.start..]
    }

    /// Reads up to another chunk; false at the end of the file.
    fn fill(&mut self) -> io::Result<bool> {
        // What was consumed is dropped before more is read.
        self.buffer.drain(..self.start);
        self.start = 0;
        read_chunk(
            &mut self.source,
            self.chunk_bytes,
            &mut self.at_end,
            &mut self.buffer,
        )
    }

    /// Whether the text goes on with `literal`, which is left unconsumed.
    fn looks_at(&mut self, literal: &[u8]) -> io::Result<bool> {
        while self.rest().len() < literal.len() {
            if !self.fill()? {
                return Ok(false);
            }
        }
        Ok(self.rest().starts_with(literal))
    }

    /// Consumes `literal` if the text goes on with it.
    fn eat(&mut self, literal: &[u8]) -> io::Result<bool> {
        let found = self.looks_at(literal)?;
        if found {
            self.start += literal.len();
        }
        Ok(found)
    }

    /// Gives the first `consumed` bytes of the unconsumed text to `work`
    /// while the text after them and another chunk of the file are put in
    /// the next buffer, which then takes the place of this one, and
    /// `meanwhile` is given that buffer once it is filled. Returns what
    /// `work` returned, whether more was read, and what `meanwhile`
    /// returned (nothing when the reading failed, and it was not called).
    fn consume_while_reading<W: Send, S: Send>(
        &mut self,
        consumed: usize,
        work: impl FnOnce(&[u8]) -> W + Send,
        meanwhile: impl FnOnce(&[u8]) -> S + Send,
    ) -> (W, io::Result<bool>, Option<S>)
    where
        R: Send,
    {
        let Pieces {
            source,
            chunk_bytes,
            buffer,
            next,
            start,
            at_end,
        } = self;
        let (text, left) = buffer[*start..].split_at(consumed);
        let (worked, (read, after)) = rayon::join(
            || work(text),
            || {
                next.clear();
                next.extend_from_slice(left);
                let read = read_chunk(source, *chunk_bytes, at_end, next);
                let after = read.is_ok().then(|| meanwhile(next));
                (read, after)
            },
        );
        std::mem::swap(buffer, next);
        *start = 0;
        (worked, read, after)
    }

    fn expect(&mut self, literal: &[u8]) -> Result<()> {
        if self.eat(literal)? {
            Ok(())
        } else {
            Err(Streamed::NotPlain)
        }
    }
}

/// Appends up to `chunk_bytes` more of `source` to `buffer`; false, and
/// `at_end` set, once the file has no more.
///
/// Copied from the source's own buffer: `Read::read_to_end` would first
/// fill the room it reads into with zeros, every chunk, which took 3% of
/// loading a large graph.
fn read_chunk(
    source: &mut impl BufRead,
    chunk_bytes: usize,
    at_end: &mut bool,
    buffer: &mut Vec<u8>,
) -> io::Result<bool> {
    if *at_end {
        return Ok(false);
    }
    let mut count = 0;
    while count < chunk_bytes {
        let available = match source.fill_buf() {
            Ok(available) => available,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if available.is_empty() {
            break;
        }
        let taken = available.len().min(chunk_bytes - count);
        buffer.extend_from_slice(&available[..taken]);
        source.consume(taken);
        count += taken;
    }
    *at_end = count == 0;
    Ok(count > 0)
}

/// Reads a saved graph from `source`, a piece at a time.
pub(crate) fn saved_graph(source: impl BufRead + Send) -> Result<StreamedGraph> {
    saved_graph_in_chunks(source, CHUNK_BYTES)
}

fn saved_graph_in_chunks(source: impl BufRead + Send, chunk_bytes: usize) -> Result<StreamedGraph> {
    let (saved, extractions) = graph_in_chunks::<Everything>(source, chunk_bytes)?.into_saved();
    Ok(StreamedGraph { saved, extractions })
}

/// Reads the graph in `source` but its extractions, a piece at a time,
/// and checks the extractions as [`saved_graph`] reads them without
/// keeping them: the graph without its extractions, and how many it had,
/// once it passes the checks a graph read whole does.
pub(crate) fn resolved_graph(source: impl BufRead + Send) -> Result<(SavedGraph, usize)> {
    resolved_graph_in_chunks(source, CHUNK_BYTES)
}

fn resolved_graph_in_chunks(
    source: impl BufRead + Send,
    chunk_bytes: usize,
) -> Result<(SavedGraph, usize)> {
    let (saved, extractions) = graph_in_chunks::<ResolvedLists>(source, chunk_bytes)?.into_saved();
    let extracted: Vec<&str> = extractions
        .iter()
        .map(|extraction| extraction.document.as_str())
        .collect();
    if crate::load::is_valid_with_extractions(&saved, &extracted) {
        Ok((saved, extracted.len()))
    } else {
        Err(Streamed::NotPlain)
    }
}

/// Reads the extractions of the graph in `source`, a piece at a time,
/// and checks the rest of it as [`saved_graph`] reads it without keeping
/// it: each extraction's document id and the extraction, packed, once the
/// graph passes the checks a graph read whole does. `None` for a graph
/// without extractions, which the resolved lists alone hold.
pub(crate) fn extractions(
    source: impl BufRead + Send,
) -> Result<Option<Vec<(String, PackedExtraction)>>> {
    extractions_in_chunks(source, CHUNK_BYTES)
}

fn extractions_in_chunks(
    source: impl BufRead + Send,
    chunk_bytes: usize,
) -> Result<Option<Vec<(String, PackedExtraction)>>> {
    let lists = graph_in_chunks::<Extractions>(source, chunk_bytes)?;
    let holds_facts = !lists.documents.is_empty() || !lists.entities.is_empty();
    if lists.extractions.is_empty() && holds_facts {
        return Ok(None);
    }
    let entity_ids = lists.entities.iter().map(|entity| entity.0.as_str());
    let extracted: Vec<&str> = lists
        .extractions
        .iter()
        .map(|(document, _)| document.as_str())
        .collect();
    let valid = crate::load::is_valid_without_facts(
        lists.format_version,
        &lists.documents,
        entity_ids,
        &extracted,
    );
    if valid {
        Ok(Some(lists.extractions))
    } else {
        Err(Streamed::NotPlain)
    }
}

/// What one reading of a graph file keeps of each of its lists. What it
/// does not keep is read and checked all the same, as the reading that
/// keeps it reads it.
trait Keeping {
    type Entity: EntityElement;
    type Statement: StatementElement;
    type Relation: ReadElement + Send;
    type Merge: ReadElement + Send;
    type Extraction: ReadElement + Send;
}

/// The resolved lists, and the extractions as `X` reads them.
struct Resolved<X>(std::marker::PhantomData<X>);

impl<X: ReadElement + Send> Keeping for Resolved<X> {
    type Entity = Entity;
    type Statement = Statement;
    type Relation = Relation;
    type Merge = MergeRecord;
    type Extraction = X;
}

/// Every list, the extractions packed: what `KnowledgeGraph::load` holds.
type Everything = Resolved<(String, PackedExtraction)>;

/// The resolved lists, and each extraction's document id: what
/// `KnowledgeGraph::load_view` holds.
type ResolvedLists = Resolved<CheckedExtraction>;

/// The extractions, and the entities' ids that the facts read before them
/// are checked against: what `KnowledgeGraph::load_unresolved` holds.
struct Extractions;

impl Keeping for Extractions {
    type Entity = EntityId;
    type Statement = Unkept<Statement>;
    type Relation = Unkept<Relation>;
    type Merge = Unkept<MergeRecord>;
    type Extraction = (String, PackedExtraction);
}

/// A graph file's lists as one reading keeps them.
struct Lists<K: Keeping> {
    format_version: u32,
    documents: Vec<String>,
    entities: Vec<K::Entity>,
    statements: Vec<K::Statement>,
    relations: Vec<K::Relation>,
    merges: Vec<K::Merge>,
    extractions: Vec<K::Extraction>,
}

impl<K> Lists<K>
where
    K: Keeping<Entity = Entity, Statement = Statement, Relation = Relation, Merge = MergeRecord>,
{
    /// The saved graph without its extractions, and the extractions.
    fn into_saved(self) -> (SavedGraph, Vec<K::Extraction>) {
        let saved = SavedGraph {
            format_version: self.format_version,
            documents: self.documents,
            entities: self.entities,
            statements: self.statements,
            relations: self.relations,
            merges: self.merges,
            extractions: Vec::new(),
        };
        (saved, self.extractions)
    }
}

/// Reads a saved graph from `source` in chunks of `chunk_bytes`, each
/// list's elements read as `K` keeps them.
fn graph_in_chunks<K: Keeping>(
    source: impl BufRead + Send,
    chunk_bytes: usize,
) -> Result<Lists<K>> {
    let mut pieces = Pieces {
        source,
        chunk_bytes,
        buffer: Vec::with_capacity(chunk_bytes.min(CHUNK_BYTES) + 64),
        next: Vec::new(),
        start: 0,
        at_end: false,
    };
    pieces.expect(b"(\n    format_version:")?;
    pieces.eat(b" ")?;
    let format_version = loop {
        if let Some(end) = memchr::memmem::find(pieces.rest(), b",\n") {
            let digits = std::str::from_utf8(&pieces.rest()[..end]).map_err(|_| NotPlain)?;
            let version: u32 = crate::ron_read::from_str(digits)?;
            pieces.start += end + 2;
            break version;
        }
        if pieces.rest().len() > 32 || !pieces.fill()? {
            return Err(Streamed::NotPlain);
        }
    };
    // The lists in the order they are written, each sharing the strings
    // of those before it.
    let earlier = EarlierLists::default();
    let documents: Vec<String> = list(&mut pieces, "documents", Elements::Strings, &earlier)?;
    let earlier = earlier.with_documents(&documents);
    let entities: Vec<K::Entity> = list(&mut pieces, "entities", Elements::Structs, &earlier)?;
    let earlier = earlier.with_entities(&entities);
    let statements: Vec<K::Statement> =
        list(&mut pieces, "statements", Elements::Structs, &earlier)?;
    let relations = list(&mut pieces, "relations", Elements::Structs, &earlier)?;
    let merges = list(&mut pieces, "merges", Elements::Structs, &earlier)?;
    let earlier = earlier.with_statements(&statements);
    let extractions = list(&mut pieces, "extractions", Elements::Structs, &earlier)?;
    drop(earlier);
    let lists = Lists {
        format_version,
        documents,
        entities,
        statements,
        relations,
        merges,
        extractions,
    };
    pieces.expect(b")")?;
    // Nothing but whitespace may follow.
    loop {
        if !pieces.rest().iter().all(u8::is_ascii_whitespace) {
            return Err(Streamed::NotPlain);
        }
        pieces.start = pieces.buffer.len();
        if !pieces.fill()? {
            return Ok(lists);
        }
    }
}

/// What the elements of a list of the graph are.
#[derive(Debug, Clone, Copy)]
enum Elements {
    /// Strings, one a line.
    Strings,
    /// Structs: one a line as this version writes them, or each field on
    /// a line of its own as earlier versions did (see [`STRUCT_END`]).
    Structs,
}

/// The line that opens a list element that is a struct laid out a field
/// a line, as `ron` lays out the graph with a depth limit of three.
const STRUCT_OPEN: &[u8] = b"\n        (\n";
/// The last line of such an element.
const STRUCT_END: &[u8] = b"\n        ),\n";
/// The line that closes a list of the graph.
const LIST_END: &[u8] = b"\n    ],\n";

/// Reads the list `name` and the line that closes it.
fn list<T: ReadElement + Send>(
    pieces: &mut Pieces<impl BufRead + Send>,
    name: &str,
    elements: Elements,
    earlier: &EarlierLists<'_>,
) -> Result<Vec<T>> {
    pieces.expect(b"    ")?;
    pieces.expect(name.as_bytes())?;
    // (`ron`'s default layout puts a space after the colon.)
    pieces.expect(b":")?;
    pieces.eat(b" ")?;
    pieces.expect(b"[")?;
    if pieces.eat(b"],\n")? {
        return Ok(Vec::new());
    }
    // Elements end with a line break when each is on a line of its own,
    // else with a struct's closing line. (Strings are written with their
    // line breaks escaped; a file with one unescaped is cut inside that
    // string, the piece does not read, and the file is read whole.)
    let element_end = match elements {
        Elements::Structs if pieces.looks_at(STRUCT_OPEN)? => STRUCT_END,
        Elements::Strings | Elements::Structs => b"\n",
    };
    // The line break after the bracket starts the search for the list's
    // end, which may come right after it in an empty list written on two
    // lines.
    let mut items = Vec::new();
    // The elements of the chunk read last, in pieces, added to `items`
    // while the next chunk is read: at tens of millions of elements, the
    // adding (and the moves of `items` as it grows) held up the reading.
    let mut waiting: Vec<Vec<T>> = Vec::new();
    // Where the unconsumed text ends the list or its last whole element,
    // when that was found while the elements before it were read: a
    // search of every chunk through, made in turn, held up the reading.
    let mut found: Option<Bounds> = None;
    loop {
        let rest = pieces.rest();
        let Bounds { list_end, whole } = found
            .take()
            .unwrap_or_else(|| Bounds::of(rest, element_end));
        if let Some(end) = list_end {
            // Everything up to the list's closing line, and its line break.
            let last = read_elements(&rest[..end + 1], element_end, earlier)?;
            add_run(&mut items, std::mem::take(&mut waiting));
            add_run(&mut items, last);
            pieces.start += end + LIST_END.len();
            return Ok(items);
        }
        if whole == 0 {
            // No element ends in the chunk: it grows until one does.
            if !pieces.fill()? {
                return Err(Streamed::NotPlain);
            }
            continue;
        }
        // The elements the chunk holds whole (see `Bounds::of`), read while
        // the next chunk is and the elements before them are added.
        let (elements_read, more_read, bounds) = pieces.consume_while_reading(
            whole,
            |text| read_elements(text, element_end, earlier),
            |next| {
                add_run(&mut items, std::mem::take(&mut waiting));
                Bounds::of(next, element_end)
            },
        );
        waiting = elements_read?;
        if !more_read? {
            return Err(Streamed::NotPlain);
        }
        found = bounds;
    }
}

/// How far a buffer holds a list: where the line closing the list starts,
/// if it is there, else how many bytes of it are whole elements (none
/// when no element ends in it).
#[derive(Debug, Clone, Copy)]
struct Bounds {
    list_end: Option<usize>,
    whole: usize,
}

impl Bounds {
    fn of(text: &[u8], element_end: &[u8]) -> Bounds {
        static LIST_END_FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
            std::sync::LazyLock::new(|| {
                memchr::memmem::FinderBuilder::new()
                    .build_forward_with_ranker(ListEndBytes, LIST_END)
            });
        let list_end = LIST_END_FINDER.find(text);
        // The bytes up to the last element end and its line break: the
        // line break that starts the next search (after the bracket, or
        // ending the last element read) stays.
        let whole = match list_end {
            Some(_) => 0,
            None => memchr::memmem::rfind(text, element_end)
                .map_or(0, |last_end| last_end + element_end.len() - 1),
        };
        Bounds { list_end, whole }
    }
}

/// How common each byte of [`LIST_END`] is in a graph file, for the
/// search of every chunk for it: the search looks for its two rarest bytes
/// at their distance first. Left to guess from ordinary text, it took
/// `]` and `,`, which end every list of evidence (`)],`); `]` four places
/// after a space is nearly only ever a closing bracket indented as a list's.
struct ListEndBytes;

impl memchr::arch::all::packedpair::HeuristicFrequencyRank for ListEndBytes {
    fn rank(&self, byte: u8) -> u8 {
        match byte {
            b']' => 0,
            b' ' => 1,
            _ => u8::MAX,
        }
    }
}

/// Reads `text`, whole elements, in pieces cut at element ends, each
/// piece checked to be UTF-8 and read on a thread of its own. (Cuts fall
/// after an ASCII line break, so the pieces are UTF-8 exactly when the
/// whole is.)
fn read_elements<T: ReadElement + Send>(
    text: &[u8],
    element_end: &[u8],
    earlier: &EarlierLists<'_>,
) -> Result<Vec<Vec<T>>> {
    let mut cuts = vec![0];
    let step = text.len() / PIECES_PER_CHUNK + 1;
    while let Some(&from) = cuts.last() {
        let target = from + step;
        if target >= text.len() {
            break;
        }
        match memchr::memmem::find(&text[target..], element_end) {
            Some(found) => cuts.push(target + found + element_end.len() - 1),
            None => break,
        }
    }
    cuts.push(text.len());
    let pieces = cuts
        .par_windows(2)
        .map(|cut| {
            // (Checked with SIMD: every byte of a graph file passes here,
            // and the standard library's check took 5% of loading one.)
            let piece = simdutf8::basic::from_utf8(&text[cut[0]..cut[1]]).map_err(|_| NotPlain)?;
            elements(piece, earlier)
        })
        .collect::<std::result::Result<_, NotPlain>>()?;
    Ok(pieces)
}

/// Adds the elements of one chunk, read in `pieces`, to `items`, and
/// finishes them as one run ([`ReadElement::finish_run`]).
fn add_run<T: ReadElement + Send>(items: &mut Vec<T>, pieces: Vec<Vec<T>>) {
    let count = pieces.iter().map(Vec::len).sum();
    if count == 0 {
        return;
    }
    reserve_on_all_threads(items, count);
    let first = items.len();
    for piece in pieces {
        items.extend(piece);
    }
    T::finish_run(&mut items[first..]);
}

/// How many times larger a list's room becomes when it must move to grow.
///
/// Each move touches the new room for the items moved, memory the system
/// must first clear, and the old room is freed: a list that doubles touches
/// about twice its final size, one that grows fourfold a third more. Room
/// never written to is only reserved, not held, so the larger steps cost
/// address space, not memory: loading a million articles' graph faulted in
/// 2.7 million pages instead of 3.3 million.
const GROWTH_FACTOR: usize = 4;

/// Makes room in `items` for `additional` more, as `Vec::reserve` does,
/// but by [`GROWTH_FACTOR`], and moves the items on all threads when the
/// list must move to grow: a list of twenty million statements moved on
/// one thread, into memory touched for the first time, held up the reading
/// for a second.
fn reserve_on_all_threads<T: Send>(items: &mut Vec<T>, additional: usize) {
    if items.capacity() - items.len() >= additional {
        return;
    }
    let wanted = (items.len() + additional).max(GROWTH_FACTOR * items.capacity());
    let mut grown = Vec::with_capacity(wanted);
    grown.par_extend(std::mem::take(items).into_par_iter());
    *items = grown;
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::KnowledgeGraph;
    use newsgraph_extract::{extract, Document};

    fn graph_text() -> String {
        let mut graph = KnowledgeGraph::new();
        let texts = [
            "Mayor Anna Berg said on Monday that the harbour in Lisbon would reopen. \
             \"It is \\\"safe\\\"\nnow,\" Berg told the Lisbon Port Authority (LPA).",
            "Councillor Tomas Reyes met Anna Berg in Porto. Reyes accused the LPA of delays.",
            "Forecaster Lena Ortiz said heavy rain was expected across Portugal — «chuva».",
            "",
        ];
        for (index, text) in texts.iter().enumerate() {
            graph.add(extract(&Document::new(
                format!("d{index} \"x\".txt"),
                *text,
            )));
        }
        graph.to_ron()
    }

    /// `text` laid out as `ron` lays graphs out by default to a depth limit,
    /// with a space after each colon and comma.
    fn with_ron_spaces(text: &str, depth_limit: usize) -> String {
        let saved: SavedGraph = ron::from_str(text).unwrap();
        let layout = ron::ser::PrettyConfig::default().depth_limit(depth_limit);
        ron::ser::to_string_pretty(&saved, layout).unwrap() + "\n"
    }

    /// `text` in every layout newsgraph has written graphs in: as it
    /// writes them now, with `ron`'s spaces, and with them and each field
    /// of a list's structs on a line of its own (a depth limit of three).
    pub(crate) fn every_layout(text: &str) -> [String; 3] {
        [
            text.to_string(),
            with_ron_spaces(text, 2),
            with_ron_spaces(text, 3),
        ]
    }

    /// The graph read in chunks of `chunk_bytes`, its extractions unpacked.
    fn streamed(text: &str, chunk_bytes: usize) -> Result<SavedGraph> {
        saved_graph_in_chunks(text.as_bytes(), chunk_bytes).map(StreamedGraph::into_saved)
    }

    #[test]
    fn a_list_that_must_move_grows_fourfold_and_keeps_its_order() {
        let mut items: Vec<usize> = Vec::with_capacity(10);
        items.extend(0..7);
        reserve_on_all_threads(&mut items, 3);
        assert_eq!(items.capacity(), 10, "room enough: nothing moves");
        reserve_on_all_threads(&mut items, 4);
        assert!(items.capacity() >= 40, "capacity {}", items.capacity());
        assert_eq!(items, (0..7).collect::<Vec<_>>());
        reserve_on_all_threads(&mut items, 1_000);
        assert!(items.capacity() >= 1_007, "capacity {}", items.capacity());
        assert_eq!(items, (0..7).collect::<Vec<_>>());
    }

    #[test]
    fn reads_in_chunks_of_any_size_what_ron_reads() {
        let [now, spaced, field_a_line] = every_layout(&graph_text());
        assert!(now != spaced && spaced != field_a_line);
        let empty = every_layout(&crate::SavedGraph::default().to_ron());
        for text in [now, spaced, field_a_line].into_iter().chain(empty) {
            let expected: SavedGraph = ron::from_str(&text).unwrap();
            for chunk_bytes in [1, 2, 3, 5, 8, 13, 64, 100, 1_000, 1 << 20] {
                match streamed(&text, chunk_bytes) {
                    Ok(read) => assert_eq!(read, expected, "chunks of {chunk_bytes}"),
                    Err(error) => panic!("chunks of {chunk_bytes}: {error:?}"),
                }
            }
        }
    }

    #[test]
    fn the_resolved_graph_alone_reads_as_the_whole_one_without_extractions() {
        let graph = graph_text();
        let empty = every_layout(&crate::SavedGraph::default().to_ron());
        for text in every_layout(&graph).into_iter().chain(empty) {
            let mut expected: SavedGraph = ron::from_str(&text).unwrap();
            expected.extractions = Vec::new();
            for chunk_bytes in [1, 3, 8, 100, 1 << 20] {
                match resolved_graph_in_chunks(text.as_bytes(), chunk_bytes) {
                    Ok((read, extracted)) => {
                        assert_eq!(read, expected, "chunks of {chunk_bytes}");
                        assert_eq!(extracted, read.documents.len());
                    }
                    Err(error) => panic!("chunks of {chunk_bytes}: {error:?}"),
                }
            }
        }
        assert!(graph.contains("    extractions:[\n        (document:"));
    }

    /// Asserts that each of `changed`, a change of `text`, is `refused`
    /// when read in small chunks and in large ones.
    fn assert_each_refused(text: &str, changed: &[String], refused: impl Fn(&[u8], usize) -> bool) {
        for (index, changed) in changed.iter().enumerate() {
            assert_ne!(changed, text, "change {index} changed nothing");
            for chunk_bytes in [7, 1 << 20] {
                assert!(
                    refused(changed.as_bytes(), chunk_bytes),
                    "change {index}, chunks of {chunk_bytes}"
                );
            }
        }
    }

    #[test]
    fn the_resolved_graph_alone_is_refused_when_an_extraction_is_wrong() {
        let text = graph_text();
        let changed = [
            // An extraction that does not read.
            text.replacen(
                "(document:\"d0 \\\"x\\\".txt\",entities:",
                "(document:0,entities:",
                1,
            ),
            // One of a document the graph does not list.
            text.replacen(
                "(document:\"d1 \\\"x\\\".txt\",entities:",
                "(document:\"elsewhere\",entities:",
                1,
            ),
        ];
        assert_each_refused(&text, &changed, |changed, chunk_bytes| {
            matches!(
                resolved_graph_in_chunks(changed, chunk_bytes),
                Err(Streamed::NotPlain)
            )
        });
    }

    #[test]
    fn the_extractions_alone_read_as_the_whole_graphs_extractions() {
        let graph = graph_text();
        for text in every_layout(&graph) {
            let whole: SavedGraph = ron::from_str(&text).unwrap();
            assert!(!whole.extractions.is_empty());
            for chunk_bytes in [1, 3, 8, 100, 1 << 20] {
                let read = match extractions_in_chunks(text.as_bytes(), chunk_bytes) {
                    Ok(Some(read)) => read,
                    other => panic!("chunks of {chunk_bytes}: {other:?}"),
                };
                let unpacked: Vec<_> = read
                    .iter()
                    .map(|(document, packed)| packed.unpack(document))
                    .collect();
                assert_eq!(unpacked, whole.extractions, "chunks of {chunk_bytes}");
            }
        }
        // An empty graph has no extractions, and needs none.
        for text in every_layout(&SavedGraph::default().to_ron()) {
            assert!(matches!(
                extractions_in_chunks(text.as_bytes(), 8),
                Ok(Some(read)) if read.is_empty()
            ));
        }
        // A graph whose documents have no extractions is held by its
        // resolved lists alone.
        let mut without: SavedGraph = ron::from_str(&graph).unwrap();
        without.extractions.clear();
        assert!(matches!(
            extractions_in_chunks(without.to_ron().as_bytes(), 8),
            Ok(None)
        ));
        // So is one of entities alone.
        let entities_alone = SavedGraph {
            entities: without
                .entities
                .into_iter()
                .map(|entity| crate::Entity {
                    mentions: Vec::new(),
                    ..entity
                })
                .collect(),
            ..SavedGraph::default()
        };
        assert!(!entities_alone.entities.is_empty());
        assert!(matches!(
            extractions_in_chunks(entities_alone.to_ron().as_bytes(), 8),
            Ok(None)
        ));
    }

    #[test]
    fn the_extractions_alone_are_refused_where_the_rest_of_the_graph_is_wrong() {
        let text = graph_text();
        let first_entity = text
            .lines()
            .skip_while(|line| !line.starts_with("    entities:"))
            .nth(1)
            .unwrap();
        let changed = [
            // A statement by a speaker who is not an entity.
            text.replacen(",speaker:\"person:", ",speaker:\"person:nobody-", 1),
            // One about an entity the graph does not hold.
            text.replacen(",about:[\"", ",about:[\"nobody-", 1),
            // A relation from one.
            text.replacen("(source:\"", "(source:\"nobody-", 1),
            // A merge record naming one.
            text.replacen("(entity:\"", "(entity:\"nobody-", 1),
            // An entity listed twice.
            text.replacen(first_entity, &format!("{first_entity}\n{first_entity}"), 1),
            // A mention in a document the graph does not list.
            text.replacen(",mentions:[(document:\"d", ",mentions:[(document:\"e", 1),
            // An extraction of one.
            text.replacen(
                "(document:\"d1 \\\"x\\\".txt\",entities:",
                "(document:\"elsewhere\",entities:",
                1,
            ),
            // A graph newer than this reader.
            text.replacen("format_version:2,", "format_version:99,", 1),
        ];
        assert_each_refused(&text, &changed, |changed, chunk_bytes| {
            matches!(
                extractions_in_chunks(changed, chunk_bytes),
                Err(Streamed::NotPlain)
            )
        });
    }

    #[test]
    fn files_laid_out_otherwise_are_left_to_the_whole_readers() {
        for text in every_layout(&graph_text()) {
            let changed = [
                text.replacen("    entities:", "    entities :", 1),
                text.replacen("(\n    format_version", "(\n  format_version", 1),
                text.replacen("    merges:", "    // a comment\n    merges:", 1),
                // The comma after the last entity.
                text.replacen("),\n    ],\n    statements", ")\n    ],\n    statements", 1),
                format!("{text}x"),
                text[..text.len() / 2].to_string(),
                text.replacen("    extractions:", "    diagnostics:", 1),
            ];
            for (index, changed) in changed.iter().enumerate() {
                assert_ne!(*changed, text, "change {index} changed nothing");
                for chunk_bytes in [7, 1 << 20] {
                    assert!(
                        matches!(streamed(changed, chunk_bytes), Err(Streamed::NotPlain)),
                        "change {index}, chunks of {chunk_bytes}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_layout_line_inside_a_string_never_reads_differently() {
        // `ron` reads a line break inside a string as it is; a line that
        // looks like the end of an element, or like a whole element, then
        // falls inside a string.
        for text in every_layout(&graph_text()) {
            for inserted in [
                "\n        ),\n        (\n            id: \"x\",\n",
                "\n        (id: \"x\", kind: place),\n",
                "\n",
            ] {
                let text = text.replacen("text: \"", &format!("text: \"{inserted}"), 1);
                let by_ron = ron::from_str::<SavedGraph>(&text).ok();
                for chunk_bytes in [1, 9, 64, 1 << 20] {
                    match streamed(&text, chunk_bytes) {
                        Ok(read) => assert_eq!(Some(read), by_ron, "chunks of {chunk_bytes}"),
                        Err(error) => assert!(matches!(error, Streamed::NotPlain), "{error:?}"),
                    }
                }
            }
        }
    }

    #[test]
    fn a_file_that_cannot_be_read_is_an_io_error() {
        struct Failing;
        impl io::Read for Failing {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::other("disk gone"))
            }
        }
        assert!(matches!(
            saved_graph(io::BufReader::new(Failing)),
            Err(Streamed::Io(_))
        ));
    }

    #[test]
    fn a_file_that_fails_part_way_is_an_io_error_wherever_it_fails() {
        /// Gives the text up to `limit` bytes, then fails.
        struct FailingAfter<'a> {
            text: &'a [u8],
            limit: usize,
        }
        impl io::Read for FailingAfter<'_> {
            fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
                if self.limit == 0 {
                    return Err(io::Error::other("disk gone"));
                }
                let count = buffer.len().min(self.limit).min(self.text.len());
                buffer[..count].copy_from_slice(&self.text[..count]);
                self.text = &self.text[count..];
                self.limit -= count;
                Ok(count)
            }
        }
        let text = graph_text();
        for limit in (0..text.len()).step_by(97) {
            for chunk_bytes in [64, 1_000] {
                let source = io::BufReader::with_capacity(
                    64,
                    FailingAfter {
                        text: text.as_bytes(),
                        limit,
                    },
                );
                assert!(
                    matches!(
                        saved_graph_in_chunks(source, chunk_bytes),
                        Err(Streamed::Io(_))
                    ),
                    "failing after {limit} bytes, chunks of {chunk_bytes}"
                );
            }
        }
    }
}
