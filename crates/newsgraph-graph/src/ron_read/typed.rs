//! The saved graph's list elements read field by field, in the order
//! `ron_text` prints them, without serde's field-name matching in between:
//! what most of the time of loading a large graph went to.
//!
//! Each reader takes the plain subset [`Reader`] takes, with the fields in
//! their printed order. Whitespace between tokens may differ, as it may for
//! `ron`; anything else (fields in another order, a field missing or added)
//! gives up with [`NotPlain`], and the caller reads the text through serde
//! instead, which handles every order. The tests read every kind of element
//! back as it was printed.

use std::sync::Arc;

use arcstr::ArcStr;
use rayon::prelude::*;

use newsgraph_extract::{
    Diagnostic, DocEntity, EntityKind, Extraction, Mention, Predicate,
    Relation as ExtractedRelation, Span, Statement as ExtractedStatement, StatementKind, Words,
};

use super::shared_ids::{hash_of, SharedIds};
use super::{NotPlain, Reader, Result, Text};
use crate::packed::{PackedEntities, PackedExtraction, PackedFacts, RelationParts, StatementParts};
use crate::{DocumentId, Entity, Evidence, MergeRecord, Relation, Statement, StatementId};

/// Where the whitespace (spaces, line breaks, tabs) from `at` ends.
///
/// Graph files indent each element's line with spaces (and, as earlier
/// versions wrote them, each field's line too): the spaces are counted
/// eight bytes at a time (all of them, or up to the first other byte), so
/// a line break and twelve spaces take three steps rather than thirteen.
pub(super) fn skip_layout(bytes: &[u8], mut at: usize) -> usize {
    const SPACES: u64 = u64::from_le_bytes([b' '; 8]);
    // Most values a reader asks for start right where it is.
    if !matches!(bytes.get(at), Some(b' ' | b'\n' | b'\t' | b'\r')) {
        return at;
    }
    loop {
        match bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
            Some(&eight) => {
                // Read little-endian, the first byte is the lowest: the
                // lowest nonzero byte after the exclusive or is the first
                // that is not a space.
                let others = u64::from_le_bytes(eight) ^ SPACES;
                if others == 0 {
                    at += 8;
                    continue;
                }
                at += (others.trailing_zeros() / 8) as usize;
            }
            None => {
                while bytes.get(at) == Some(&b' ') {
                    at += 1;
                }
            }
        }
        match bytes.get(at) {
            Some(b'\n' | b'\t' | b'\r') => at += 1,
            _ => return at,
        }
    }
}

/// A list element of a saved graph that can be read field by field,
/// sharing the strings of the lists read before it.
pub(crate) trait ReadElement: Sized {
    fn read(reader: &mut Reader<'_>, earlier: &EarlierLists<'_>) -> Result<Self>;

    /// Done to the elements of one piece of text, once all of them are
    /// read by `reader`: nothing, for most kinds.
    fn finish_piece(_elements: &mut [Self], _reader: &mut Reader<'_>) {}

    /// Done to the elements of one chunk of a file read a chunk at a time
    /// (the pieces it was cut into, each finished), once all of them are
    /// read: nothing, for most kinds.
    fn finish_run(_elements: &mut [Self]) {}
}

/// What the lists read so far hold that the elements read after them name
/// again: the document ids (the first list), named by every piece of
/// evidence; the entity ids, named by the statements, relations and merge
/// records that follow the entities; and the resolved statements, whose
/// words the extractions, read last, hold again. An element read after them
/// holds the earlier list's string itself, as a graph built from text does,
/// instead of a copy: a large graph names documents and entities tens of
/// millions of times, and copies made and shared only once everything was
/// read took a third as much memory again as the graph. A string not found
/// is read as it is.
#[derive(Default)]
pub(crate) struct EarlierLists<'a> {
    documents: SharedIds<DocumentId>,
    /// Whether the documents list was read: then evidence may name no
    /// other document.
    documents_read: bool,
    entity_ids: SharedIds<ArcStr>,
    /// In the saved order: by document, then span.
    statements: &'a [Statement],
}

impl<'a> EarlierLists<'a> {
    pub fn with_documents(mut self, documents: &[String]) -> Self {
        // A million of them in a large graph: made on all threads.
        self.documents = SharedIds::new(documents.par_iter().map(DocumentId::from).collect());
        self.documents_read = true;
        self
    }

    pub fn with_entities<E: EntityElement>(mut self, entities: &[E]) -> Self {
        self.entity_ids = SharedIds::new(
            entities
                .iter()
                .map(|entity| ArcStr::clone(entity.id()))
                .collect(),
        );
        self
    }

    pub fn with_statements<S: StatementElement>(self, statements: &'a [S]) -> EarlierLists<'a> {
        EarlierLists {
            statements: S::statements(statements),
            ..self
        }
    }

    /// The resolved statements of `document`, by span. When the list is
    /// not in the saved order the range may hold others or miss some,
    /// which only costs the sharing: a statement's words are taken only
    /// from one with the same span and the same words. Searched
    /// for from `from`, before which every statement's document comes
    /// before `document`: extractions are read in the order of their
    /// documents, so the last one's statements end where the next one's
    /// start, and a search of the whole list from the start, among tens of
    /// millions of statements, would mostly miss the caches.
    fn statements_of(&self, document: &str, from: usize) -> std::ops::Range<usize> {
        let statements = self.statements;
        let first = first_from(statements, from, |statement| {
            &*statement.evidence.document < document
        });
        let end = first_from(statements, first, |statement| {
            &*statement.evidence.document == document
        });
        first..end
    }
}

/// The first item from `from` on that is not `before`, in a list where
/// the items that are come first: found by steps that double from `from`,
/// then a binary search in the last step, so that an item near `from` is
/// found in a few comparisons of neighbouring items.
fn first_from<T>(items: &[T], from: usize, before: impl Fn(&T) -> bool) -> usize {
    let mut low = from.min(items.len());
    let mut step = 1;
    loop {
        let high = (low + step).min(items.len());
        if high == items.len() || !before(&items[high - 1]) {
            return low + items[low..high].partition_point(&before);
        }
        low = high;
        step *= 2;
    }
}

/// Whether `found` is the field name `wanted`, of the same length: compared
/// in two overlapping words, or a byte at a time below four bytes, rather
/// than by a call to `memcmp` for a name of a few bytes.
#[inline]
fn same_name(found: &[u8], wanted: &[u8]) -> bool {
    let length = wanted.len();
    if found.len() != length {
        return false;
    }
    let word = |bytes: &[u8], at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap());
    let half = |bytes: &[u8], at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap());
    match length {
        8..=16 => {
            word(found, 0) == word(wanted, 0) && word(found, length - 8) == word(wanted, length - 8)
        }
        4..=7 => {
            half(found, 0) == half(wanted, 0) && half(found, length - 4) == half(wanted, length - 4)
        }
        0..=3 => found
            .iter()
            .zip(wanted)
            .all(|(found, wanted)| found == wanted),
        _ => found == wanted,
    }
}

/// Readers of the saved graph's own types and their parts.
impl Reader<'_> {
    /// `name:` after optional whitespace.
    fn field(&mut self, name: &str) -> Result<()> {
        let bytes = self.bytes();
        let at = skip_layout(bytes, self.position);
        let name = name.as_bytes();
        let Some(found) = bytes.get(at..at + name.len()) else {
            return Err(NotPlain);
        };
        if !same_name(found, name) {
            return Err(NotPlain);
        }
        let after = at + name.len();
        match bytes.get(after) {
            // The colon right after the name, as graph files have it.
            Some(b':') => {
                self.position = after + 1;
                Ok(())
            }
            // The name must end there: `id` is not the start of `ids`.
            Some(byte) if byte.is_ascii_alphanumeric() || *byte == b'_' || *byte == b'#' => {
                Err(NotPlain)
            }
            _ => {
                self.position = after;
                self.expect(b':')
            }
        }
    }

    /// A struct's first field, `name: value`, the value as `read_value`
    /// reads it.
    fn first<T>(
        &mut self,
        name: &str,
        read_value: impl FnOnce(&mut Self) -> Result<T>,
    ) -> Result<T> {
        self.field(name)?;
        read_value(self)
    }

    /// A struct's next field: a comma, then as [`Self::first`].
    fn then<T>(
        &mut self,
        name: &str,
        read_value: impl FnOnce(&mut Self) -> Result<T>,
    ) -> Result<T> {
        // The comma right after the value before it, the layout, then
        // `name:`, as graph files print fields, is taken with one
        // comparison of the name; anything else is read a piece at a time.
        let bytes = self.bytes();
        if bytes.get(self.position) == Some(&b',') {
            let at = skip_layout(bytes, self.position + 1);
            let after = at + name.len();
            let found = bytes.get(at..after);
            if found.is_some_and(|found| same_name(found, name.as_bytes()))
                && bytes.get(after) == Some(&b':')
            {
                self.position = after + 1;
                return read_value(self);
            }
        }
        self.next()?;
        self.first(name, read_value)
    }

    /// A struct's opening parenthesis.
    fn open(&mut self) -> Result<()> {
        self.expect(b'(')
    }

    /// The end of a struct: an optional comma after its last field, and
    /// the closing parenthesis.
    fn close(&mut self) -> Result<()> {
        self.eat(b',');
        self.expect(b')')
    }

    /// The comma between two fields.
    fn next(&mut self) -> Result<()> {
        self.expect(b',')
    }

    fn owned(&mut self) -> Result<String> {
        self.string().map(Text::into_owned)
    }

    /// A statement's words, kept in [`Reader::statement_words`] until the
    /// piece is read ([`ReadElement::finish_piece`]): empty until then.
    fn pending_words(&mut self) -> Result<Words> {
        let text = self.string()?;
        let start = self.statement_words.len();
        self.statement_words.push_str(text.as_str());
        self.statement_word_ranges
            .push(start..self.statement_words.len());
        Ok(Words::default())
    }

    /// A string in a shared form: an [`ArcStr`] for the resolved graph's
    /// ids, an `Arc<str>` for an extraction's names.
    fn shared<Shared: for<'a> From<&'a str> + From<String>>(&mut self) -> Result<Shared> {
        Ok(match self.string()? {
            Text::Borrowed(text) => Shared::from(text),
            Text::Owned(text) => Shared::from(text),
        })
    }

    fn number(&mut self) -> Result<usize> {
        usize::try_from(self.unsigned()?).map_err(|_| NotPlain)
    }

    /// An offset of evidence: a number that fits in 32 bits.
    fn offset(&mut self) -> Result<u32> {
        u32::try_from(self.unsigned()?).map_err(|_| NotPlain)
    }

    fn word(&mut self) -> Result<&str> {
        let word = self.identifier()?;
        // A variant with data (`Name(..)`) is not in graph files.
        self.skip_whitespace();
        if self.peek() == Some(b'(') {
            return Err(NotPlain);
        }
        Ok(word)
    }

    fn optional_string(&mut self) -> Result<Option<String>> {
        Ok(optional_text(self)?.map(Text::into_owned))
    }

    /// `[a, b]`, a trailing comma allowed, each item as `read_item` reads
    /// it. The list takes no more room than its items: a graph holds
    /// millions of short lists (mentions, evidence, aliases), and grown an
    /// item at a time each would keep up to as much room again unused.
    fn list<T>(&mut self, mut read_item: impl FnMut(&mut Self) -> Result<T>) -> Result<Vec<T>> {
        // Most lists in a graph file hold one or two items (a statement's
        // entities, an entity's keys): those are kept aside until the list
        // ends, so that they are allocated once and exactly, rather than
        // in room for four that is then shrunk.
        let mut first_two: [Option<T>; 2] = [None, None];
        let mut items = Vec::new();
        self.each(|reader| {
            let item = read_item(reader)?;
            if !items.is_empty() {
                items.push(item);
                return Ok(());
            }
            match &mut first_two {
                [first @ None, _] => *first = Some(item),
                [_, second @ None] => *second = Some(item),
                [first, second] => {
                    items.reserve(8);
                    items.extend(first.take());
                    items.extend(second.take());
                    items.push(item);
                }
            }
            Ok(())
        })?;
        if !items.is_empty() {
            items.shrink_to_fit();
            return Ok(items);
        }
        Ok(match first_two {
            [Some(first), Some(second)] => vec![first, second],
            [Some(first), None] => vec![first],
            _ => Vec::new(),
        })
    }

    /// `[a, b]`, a trailing comma allowed, `read_item` reading each item
    /// where the caller keeps it.
    fn each(&mut self, mut read_item: impl FnMut(&mut Self) -> Result<()>) -> Result<()> {
        self.expect(b'[')?;
        loop {
            if self.eat(b']') {
                return Ok(());
            }
            read_item(self)?;
            if !self.eat(b',') {
                return self.expect(b']');
            }
        }
    }

    fn strings(&mut self) -> Result<Vec<String>> {
        self.list(Self::owned)
    }

    fn shared_strings(&mut self) -> Result<Vec<Arc<str>>> {
        self.list(Self::shared)
    }

    fn numbers(&mut self) -> Result<Vec<usize>> {
        self.list(Self::number)
    }

    fn entity_kind(&mut self) -> Result<EntityKind> {
        let word = self.word()?;
        [
            EntityKind::Person,
            EntityKind::Place,
            EntityKind::Organization,
        ]
        .into_iter()
        .find(|kind| kind.as_str() == word)
        .ok_or(NotPlain)
    }

    fn statement_kind(&mut self) -> Result<StatementKind> {
        let word = self.word()?;
        [StatementKind::Direct, StatementKind::Reported]
            .into_iter()
            .find(|kind| kind.as_str() == word)
            .ok_or(NotPlain)
    }

    fn predicate(&mut self) -> Result<Predicate> {
        let word = self.word()?;
        Predicate::ALL
            .into_iter()
            .find(|predicate| predicate.as_str() == word)
            .ok_or(NotPlain)
    }

    fn span(&mut self) -> Result<Span> {
        if let Some(span) = self.printed_span() {
            return Ok(span);
        }
        self.open()?;
        let start = self.first("start", Reader::number)?;
        let end = self.then("end", Reader::number)?;
        self.close()?;
        Ok(Span { start, end })
    }

    /// A document id: the documents list's own (see [`document_hashed`]).
    fn document(&mut self, earlier: &EarlierLists<'_>) -> Result<DocumentId> {
        let text = self.string()?;
        self.document_named(text.as_str(), earlier)
    }

    /// The document id `id`, as [`Self::document`] shares it.
    fn document_named(&mut self, id: &str, earlier: &EarlierLists<'_>) -> Result<DocumentId> {
        document_hashed(&mut self.last_document, id, None, earlier)
    }

    /// An entity id: the entity's own when the entities are read. One of
    /// the last two found is found again without a lookup (which mostly
    /// misses the caches while the file streams past them).
    fn entity_id(&mut self, earlier: &EarlierLists<'_>) -> Result<ArcStr> {
        let text = self.string()?;
        let text = text.as_str();
        let ids = &earlier.entity_ids;
        let [latest, before] = self.recent_entities;
        let recent = |slot: Option<usize>| {
            slot.and_then(|slot| ids.at(slot))
                .filter(|id| id.as_str() == text)
        };
        if let Some(id) = recent(latest) {
            return Ok(ArcStr::clone(id));
        }
        if let Some(id) = recent(before) {
            self.recent_entities = [before, latest];
            return Ok(ArcStr::clone(id));
        }
        let found = ids
            .slot_of(text, hash_of(text))
            .and_then(|slot| Some((slot, ids.at(slot)?)));
        Ok(match found {
            Some((slot, id)) => {
                self.recent_entities = [Some(slot), latest];
                ArcStr::clone(id)
            }
            None => {
                self.unknown_entities += 1;
                ArcStr::from(text)
            }
        })
    }

    /// A statement's cue, held once for all the statements this reader
    /// reads, as a graph built from text holds it.
    fn cue(&mut self) -> Result<ArcStr> {
        let text = self.string()?;
        Ok(crate::graph::shared_cue(&mut self.cues, text.as_str()))
    }

    /// An extracted statement's cue, read as `text`, held once as
    /// [`Self::cue`] holds a resolved one's.
    fn extracted_cue(&mut self, text: &str) -> Arc<str> {
        crate::graph::shared_cue(&mut self.extracted_cues, text)
    }

    fn entity_ids(&mut self, earlier: &EarlierLists<'_>) -> Result<Vec<ArcStr>> {
        self.list(|reader| reader.entity_id(earlier))
    }

    fn evidence(&mut self, earlier: &EarlierLists<'_>) -> Result<Evidence> {
        if let Some((id, start, end)) = self.printed_evidence() {
            let document = self.document_named(id, earlier)?;
            return Ok(Evidence {
                document,
                start,
                end,
            });
        }
        self.open()?;
        let document = self.first("document", |reader| reader.document(earlier))?;
        let start = self.then("start", Reader::offset)?;
        let end = self.then("end", Reader::offset)?;
        self.close()?;
        Ok(Evidence {
            document,
            start,
            end,
        })
    }

    /// A list of evidence. One as printed is read whole before its
    /// documents are looked up ([`evidence_of`]). The longest, the
    /// mentions of the few entities named in a large share of the
    /// articles, are read in parts on all threads: each such entity is
    /// one element, read by one thread, and the others, done with theirs,
    /// had waited on it (in a million articles' graph, a third of the
    /// entities list is in elements of over a megabyte, the longest 70 MB).
    fn evidence_list(&mut self, earlier: &EarlierLists<'_>) -> Result<Vec<Evidence>> {
        if let Some(list) = self.long_evidence_list(earlier) {
            return Ok(list);
        }
        let mut pieces = std::mem::take(&mut self.evidence_pieces);
        let list = match self.printed_evidence_list(&mut pieces) {
            Some(()) => evidence_of(
                &pieces,
                &mut self.last_document,
                &mut self.evidence_hashes,
                earlier,
            ),
            None => self.list(|reader| reader.evidence(earlier)),
        };
        self.evidence_pieces = pieces;
        list
    }

    /// A list of evidence as printed on a line of [`LONG_EVIDENCE_BYTES`]
    /// or more, read in parts of [`EVIDENCE_PART_BYTES`] on all threads;
    /// `None`, and the reader not moved, when the text is not one or a
    /// part does not read (or names a document not listed).
    fn long_evidence_list(&mut self, earlier: &EarlierLists<'_>) -> Option<Vec<Evidence>> {
        let (parts, end) = self.printed_evidence_parts(LONG_EVIDENCE_BYTES, EVIDENCE_PART_BYTES)?;
        let read: Vec<Vec<Evidence>> = parts
            .par_iter()
            .map(|part| {
                let pieces = super::printed::evidence_run(part, self.spaced)?;
                evidence_of(&pieces, &mut None, &mut Vec::new(), earlier).ok()
            })
            .collect::<Option<_>>()?;
        self.position = end;
        Some(read.concat())
    }
}

/// How long a list of evidence is, as printed, for it to be read in parts
/// on all threads, and about how long each part is.
const LONG_EVIDENCE_BYTES: usize = 256 << 10;
const EVIDENCE_PART_BYTES: usize = 128 << 10;

/// The evidence of `pieces` (document id, start, end), its documents found
/// as [`document_hashed`] finds them, `last` the document named last, and
/// `hashes` room for the hashes looked up. Among a million documents each
/// lookup mostly misses the caches, so what the lookups read is read for
/// all of them first ([`SharedIds::warm`]), and then each is found and
/// shared. A piece that names the document of the piece before it needs
/// no lookup.
fn evidence_of(
    pieces: &[(&str, u32, u32)],
    last: &mut Option<DocumentId>,
    hashes: &mut Vec<Option<u64>>,
    earlier: &EarlierLists<'_>,
) -> Result<Vec<Evidence>> {
    hashes.clear();
    let mut before = last.as_deref();
    hashes.extend(pieces.iter().map(|&(id, _, _)| {
        let named_before = before == Some(id);
        before = Some(id);
        (!named_before).then(|| hash_of(id))
    }));
    earlier.documents.warm(hashes.iter().flatten().copied());
    // (Room for exactly the list: collected from results, it would grow.)
    let mut evidence = Vec::with_capacity(pieces.len());
    for (&(id, start, end), &hash) in pieces.iter().zip(hashes.iter()) {
        evidence.push(Evidence {
            document: document_hashed(last, id, hash, earlier)?,
            start,
            end,
        });
    }
    Ok(evidence)
}

/// The document id `id`, of hash `hash` when it is known ([`hash_of`]):
/// `last`, the one named last, when it is that one, else the documents
/// list's own. Becomes `last`.
///
/// A document the list does not hold is no document of the graph: the
/// text is left to the whole-file reader, whose checks name the line.
/// (Read with no documents list, as the tests read elements alone, it is
/// shared as serde's reading shares it.)
fn document_hashed(
    last: &mut Option<DocumentId>,
    id: &str,
    hash: Option<u64>,
    earlier: &EarlierLists<'_>,
) -> Result<DocumentId> {
    if let Some(last) = last.as_ref().filter(|last| **last == *id) {
        return Ok(last.clone());
    }
    let hash = hash.unwrap_or_else(|| hash_of(id));
    let document = match earlier.documents.get_hashed(id, hash) {
        Some(listed) => listed.clone(),
        None if earlier.documents_read => return Err(NotPlain),
        None => crate::document_id::shared_document_id(id),
    };
    *last = Some(document.clone());
    Ok(document)
}

impl ReadElement for String {
    fn read(reader: &mut Reader<'_>, _: &EarlierLists<'_>) -> Result<Self> {
        reader.owned()
    }
}

impl ReadElement for Entity {
    fn read(reader: &mut Reader<'_>, earlier: &EarlierLists<'_>) -> Result<Self> {
        reader.open()?;
        let id = reader.first("id", Reader::shared)?;
        let kind = reader.then("kind", Reader::entity_kind)?;
        let name = reader.then("name", Reader::owned)?;
        let aliases = reader.then("aliases", Reader::strings)?;
        let keys = reader.then("keys", Reader::strings)?;
        let mentions = reader.then("mentions", |reader| reader.evidence_list(earlier))?;
        reader.close()?;
        Ok(Entity {
            id,
            kind,
            name,
            aliases,
            keys,
            mentions,
        })
    }
}

impl ReadElement for Statement {
    fn read(reader: &mut Reader<'_>, earlier: &EarlierLists<'_>) -> Result<Self> {
        reader.open()?;
        let id = reader.first("id", Reader::owned)?;
        let speaker = reader.then("speaker", |reader| reader.entity_id(earlier))?;
        let kind = reader.then("kind", Reader::statement_kind)?;
        let cue = reader.then("cue", Reader::cue)?;
        let text = reader.then("text", Reader::pending_words)?;
        let evidence = reader.then("evidence", |reader| reader.evidence(earlier))?;
        let about = reader.then("about", |reader| reader.entity_ids(earlier))?;
        reader.close()?;
        Ok(Statement {
            id: StatementId::read(id, &evidence),
            speaker,
            kind,
            cue,
            text,
            evidence,
            about: about.into_boxed_slice(),
        })
    }

    /// The statements of each document in the piece share one buffer of
    /// words, as they do in a graph built from text (and as the document's
    /// extraction, read later, shares them again), made from the words the
    /// reader kept ([`Reader::pending_words`]).
    fn finish_piece(statements: &mut [Self], reader: &mut Reader<'_>) {
        let words = std::mem::take(&mut reader.statement_words);
        let ranges = std::mem::take(&mut reader.statement_word_ranges);
        debug_assert_eq!(ranges.len(), statements.len());
        let mut ranges = ranges.into_iter();
        for document in statements
            .chunk_by_mut(|first, second| first.evidence.document == second.evidence.document)
        {
            let texts = ranges
                .by_ref()
                .take(document.len())
                .map(|range| &words[range]);
            for (statement, text) in document.iter_mut().zip(Words::shared(texts)) {
                statement.text = text;
            }
        }
    }

    /// A document whose statements two pieces of the chunk share has its
    /// words shared again, in one buffer; done on all threads. A document
    /// whose statements a chunk's end cuts in two, about one in a
    /// thousand, keeps two buffers.
    fn finish_run(statements: &mut [Self]) {
        statements
            .par_chunk_by_mut(|first, second| first.evidence.document == second.evidence.document)
            .filter(|document| {
                let first = &document[0].text;
                !document[1..]
                    .iter()
                    .all(|statement| statement.text.shares_buffer_with(first))
            })
            .for_each(|document| {
                let words = Words::shared(document.iter().map(|statement| &*statement.text));
                for (statement, words) in document.iter_mut().zip(words) {
                    statement.text = words;
                }
            });
    }
}

impl ReadElement for Relation {
    fn read(reader: &mut Reader<'_>, earlier: &EarlierLists<'_>) -> Result<Self> {
        reader.open()?;
        let source = reader.first("source", |reader| reader.entity_id(earlier))?;
        let predicate = reader.then("predicate", Reader::predicate)?;
        let target = reader.then("target", |reader| reader.entity_id(earlier))?;
        let label = reader.then("label", Reader::optional_string)?;
        let evidence = reader.then("evidence", |reader| reader.evidence_list(earlier))?;
        reader.close()?;
        Ok(Relation {
            source,
            predicate,
            target,
            label: label.map(String::into_boxed_str),
            evidence: evidence.into_boxed_slice(),
        })
    }
}

impl ReadElement for MergeRecord {
    fn read(reader: &mut Reader<'_>, earlier: &EarlierLists<'_>) -> Result<Self> {
        reader.open()?;
        let entity = reader.first("entity", |reader| reader.entity_id(earlier))?;
        let alias = reader.then("alias", Reader::owned)?;
        let rule = reader.then("rule", Reader::owned)?;
        reader.close()?;
        Ok(MergeRecord {
            entity,
            alias,
            rule,
        })
    }
}

/// An element of the entities list, as one reading of a graph keeps it:
/// its id is what the lists after it name.
pub(crate) trait EntityElement: ReadElement + Send {
    fn id(&self) -> &ArcStr;
}

impl EntityElement for Entity {
    fn id(&self) -> &ArcStr {
        &self.id
    }
}

/// An entity read and checked as [`Entity`] reads it, of which only the
/// id is kept: for a load that keeps the extractions alone.
pub(crate) struct EntityId(pub ArcStr);

impl ReadElement for EntityId {
    fn read(reader: &mut Reader<'_>, earlier: &EarlierLists<'_>) -> Result<Self> {
        Entity::read(reader, earlier).map(|entity| EntityId(entity.id))
    }
}

impl EntityElement for EntityId {
    fn id(&self) -> &ArcStr {
        &self.0
    }
}

/// An element of the statements list, as one reading of a graph keeps
/// it.
pub(crate) trait StatementElement: ReadElement + Send {
    /// The statements kept, whose words the extractions read after them
    /// share: none when none are kept.
    fn statements(kept: &[Self]) -> &[Statement];
}

impl StatementElement for Statement {
    fn statements(kept: &[Self]) -> &[Statement] {
        kept
    }
}

impl StatementElement for Unkept<Statement> {
    fn statements(_: &[Self]) -> &[Statement] {
        &[]
    }
}

/// A resolved fact (a statement, relation or merge record) read and
/// checked as `T` reads it, and then dropped: for a load that keeps the
/// extractions alone. The entities it names are checked against the
/// entity list as a graph read whole checks them, by the lookup that
/// reading them makes anyway: a fact naming an entity the graph does not
/// hold does not read, and the file is left to the whole-file reader,
/// which says what is wrong.
pub(crate) struct Unkept<T>(std::marker::PhantomData<T>);

impl<T: ReadElement> ReadElement for Unkept<T> {
    fn read(reader: &mut Reader<'_>, earlier: &EarlierLists<'_>) -> Result<Self> {
        let unknown_before = reader.unknown_entities;
        T::read(reader, earlier)?;
        if reader.unknown_entities == unknown_before {
            Ok(Unkept(std::marker::PhantomData))
        } else {
            Err(NotPlain)
        }
    }
}

/// An extraction packed as it is read, with its document id: its
/// entities, statements, relations and diagnostics are packed from the
/// text read, without making a [`DocEntity`] of each entity, an
/// [`ExtractedStatement`] of each statement, nor a string of each name and
/// mention.
impl ReadElement for (String, PackedExtraction) {
    fn read(reader: &mut Reader<'_>, earlier: &EarlierLists<'_>) -> Result<Self> {
        let mut entities = PackedEntities::default();
        let mut facts = PackedFacts::default();
        let document = read_extraction(reader, earlier, Some(&mut entities), &mut facts)?;
        Ok((document, facts.finish(&entities)))
    }
}

/// An extraction read and checked as [`(String, PackedExtraction)`] reads
/// it, every field of it parsed, and nothing of it kept but its document
/// id: for a load that needs only the resolved graph, which so holds none
/// of the extractions, nor spends time making them.
pub(crate) struct CheckedExtraction {
    pub document: String,
}

impl ReadElement for CheckedExtraction {
    fn read(reader: &mut Reader<'_>, earlier: &EarlierLists<'_>) -> Result<Self> {
        let document = read_extraction(reader, earlier, None, &mut Checked)?;
        Ok(CheckedExtraction { document })
    }
}

/// An extraction made as the extraction model holds it: what the tests
/// compare an extraction packed as it is read with.
impl ReadElement for Extraction {
    fn read(reader: &mut Reader<'_>, earlier: &EarlierLists<'_>) -> Result<Self> {
        reader.open()?;
        let document = reader.first("document", Reader::owned)?;
        let entities = reader.then("entities", |reader| reader.list(document_entity))?;
        let mut facts = MadeFacts::default();
        extraction_facts(reader, earlier, &document, &mut facts)?;
        Ok(Extraction {
            document,
            entities,
            statements: facts.statements,
            relations: facts.relations,
            diagnostics: facts.diagnostics,
        })
    }
}

/// An extraction, read to its end: its entities packed into `entities`
/// (when there are `entities` to pack them into), its statements,
/// relations and diagnostics handed to `facts`. Gives its document id.
fn read_extraction(
    reader: &mut Reader<'_>,
    earlier: &EarlierLists<'_>,
    mut entities: Option<&mut PackedEntities>,
    facts: &mut impl ExtractionFacts,
) -> Result<String> {
    reader.open()?;
    let document = reader.first("document", Reader::owned)?;
    let mut mentions = Vec::new();
    reader.then("entities", |reader| {
        reader.each(|reader| packed_entity(reader, entities.as_deref_mut(), &mut mentions))
    })?;
    extraction_facts(reader, earlier, &document, facts)?;
    Ok(document)
}

/// What is made of an extraction's statements, relations and diagnostics
/// as they are read: every reader parses them with the same functions, so
/// that none accepts what another refuses.
trait ExtractionFacts {
    /// Whether [`Self::statement`] is given the resolved statements of
    /// the extraction's document (an empty list otherwise).
    const NEEDS_RESOLVED: bool;
    fn statement(
        &mut self,
        reader: &mut Reader<'_>,
        fields: StatementFields<'_>,
        resolved: &[Statement],
    );
    fn relation(&mut self, fields: RelationFields<'_>);
    fn diagnostic(&mut self, span: Span, message: Text<'_>);
}

/// Nothing made: the facts are parsed and checked only.
struct Checked;

impl ExtractionFacts for Checked {
    const NEEDS_RESOLVED: bool = false;
    fn statement(&mut self, _: &mut Reader<'_>, _: StatementFields<'_>, _: &[Statement]) {}
    fn relation(&mut self, _: RelationFields<'_>) {}
    fn diagnostic(&mut self, _: Span, _: Text<'_>) {}
}

/// The facts made, as an [`Extraction`] holds them.
#[derive(Default)]
struct MadeFacts {
    statements: Vec<ExtractedStatement>,
    relations: Vec<ExtractedRelation>,
    diagnostics: Vec<Diagnostic>,
}

impl ExtractionFacts for MadeFacts {
    const NEEDS_RESOLVED: bool = true;
    fn statement(
        &mut self,
        reader: &mut Reader<'_>,
        fields: StatementFields<'_>,
        resolved: &[Statement],
    ) {
        self.statements.push(ExtractedStatement {
            speaker: fields.speaker,
            kind: fields.kind,
            cue: reader.extracted_cue(fields.cue.as_str()),
            text: statement_words(fields.text.as_str(), fields.span, resolved),
            span: fields.span,
            sentence: fields.sentence,
            about: fields.about,
        });
    }
    fn relation(&mut self, fields: RelationFields<'_>) {
        self.relations.push(ExtractedRelation {
            source: fields.source,
            predicate: fields.predicate,
            target: fields.target,
            label: fields.label.map(Text::into_owned),
            span: fields.span,
        });
    }
    fn diagnostic(&mut self, span: Span, message: Text<'_>) {
        self.diagnostics.push(Diagnostic {
            span,
            message: message.into_owned(),
        });
    }
}

/// The facts packed, as a graph keeps an extraction.
impl ExtractionFacts for PackedFacts {
    const NEEDS_RESOLVED: bool = true;
    fn statement(
        &mut self,
        _: &mut Reader<'_>,
        fields: StatementFields<'_>,
        resolved: &[Statement],
    ) {
        self.push_statement(
            statement_words(fields.text.as_str(), fields.span, resolved),
            StatementParts {
                speaker: fields.speaker,
                kind: fields.kind,
                cue: fields.cue.as_str(),
                span: fields.span,
                sentence: fields.sentence,
                about: &fields.about,
            },
        );
    }
    fn relation(&mut self, fields: RelationFields<'_>) {
        self.push_relation(RelationParts {
            source: fields.source,
            predicate: fields.predicate,
            target: fields.target,
            label: fields.label.as_ref().map(Text::as_str),
            span: fields.span,
        });
    }
    fn diagnostic(&mut self, span: Span, message: Text<'_>) {
        self.push_diagnostic(span, message.as_str());
    }
}

/// The lists of an extraction of `document` after its entities, handed to
/// `facts`, and the end of the extraction.
fn extraction_facts<F: ExtractionFacts>(
    reader: &mut Reader<'_>,
    earlier: &EarlierLists<'_>,
    document: &str,
    facts: &mut F,
) -> Result<()> {
    let resolved = if F::NEEDS_RESOLVED {
        let resolved = earlier.statements_of(document, reader.next_statement);
        reader.next_statement = resolved.end;
        &earlier.statements[resolved]
    } else {
        &[]
    };
    reader.then("statements", |reader| {
        reader.each(|reader| {
            let fields = statement_fields(reader)?;
            facts.statement(reader, fields, resolved);
            Ok(())
        })
    })?;
    reader.then("relations", |reader| {
        reader.each(|reader| {
            facts.relation(relation_fields(reader)?);
            Ok(())
        })
    })?;
    reader.then("diagnostics", |reader| {
        reader.each(|reader| {
            reader.open()?;
            let span = reader.first("span", Reader::span)?;
            let message = reader.then("message", Reader::string)?;
            reader.close()?;
            facts.diagnostic(span, message);
            Ok(())
        })
    })?;
    reader.close()
}

/// An extracted entity, packed into `entities` as read (when there are
/// `entities` to pack it into); `mentions` is room for its mentions, as
/// read, borrowing the text where they have no escapes.
fn packed_entity<'de>(
    reader: &mut Reader<'de>,
    entities: Option<&mut PackedEntities>,
    mentions: &mut Vec<(Span, Text<'de>, usize)>,
) -> Result<()> {
    reader.open()?;
    let kind = reader.first("kind", Reader::entity_kind)?;
    let name = reader.then("name", Reader::string)?;
    let key = reader.then("key", optional_text)?;
    let mut aliases = Vec::new();
    reader.then("aliases", |reader| {
        reader.each(|reader| {
            aliases.push(reader.string()?);
            Ok(())
        })
    })?;
    mentions.clear();
    reader.then("mentions", |reader| {
        reader.each(|reader| {
            if let Some(mention) = reader.printed_mention() {
                mentions.push(mention);
                return Ok(());
            }
            reader.open()?;
            let span = reader.first("span", Reader::span)?;
            let surface = reader.then("surface", Reader::string)?;
            let sentence = reader.then("sentence", Reader::number)?;
            reader.close()?;
            mentions.push((span, surface, sentence));
            Ok(())
        })
    })?;
    reader.close()?;
    let Some(entities) = entities else {
        return Ok(());
    };
    entities.push_parts(
        kind,
        name.as_str(),
        key.as_ref().map(Text::as_str),
        &aliases,
        mentions
            .iter()
            .map(|(span, surface, sentence)| (*span, surface.as_str(), *sentence)),
    );
    Ok(())
}

/// `None` or `Some("..")`, the text borrowed where it has no escapes.
fn optional_text<'de>(reader: &mut Reader<'de>) -> Result<Option<Text<'de>>> {
    if reader.printed_none() {
        return Ok(None);
    }
    match reader.identifier()? {
        "None" => Ok(None),
        "Some" => {
            reader.expect(b'(')?;
            let text = reader.string()?;
            reader.expect(b')')?;
            Ok(Some(text))
        }
        _ => Err(NotPlain),
    }
}

fn document_entity(reader: &mut Reader<'_>) -> Result<DocEntity> {
    reader.open()?;
    let kind = reader.first("kind", Reader::entity_kind)?;
    let name = reader.then("name", Reader::owned)?;
    let key = reader.then("key", Reader::optional_string)?;
    let aliases = reader.then("aliases", Reader::shared_strings)?;
    let mentions = reader.then("mentions", |reader| reader.list(mention))?;
    reader.close()?;
    Ok(DocEntity {
        kind,
        name,
        key,
        aliases,
        mentions,
    })
}

fn mention(reader: &mut Reader<'_>) -> Result<Mention> {
    reader.open()?;
    let span = reader.first("span", Reader::span)?;
    let surface = reader.then("surface", Reader::shared)?;
    let sentence = reader.then("sentence", Reader::number)?;
    reader.close()?;
    Ok(Mention {
        span,
        surface,
        sentence,
    })
}

/// The words of an extracted statement read as `text` at `span`: those of
/// the resolved statement made from it, among `resolved` (its document's,
/// by span), when there is one, so that the two share them.
fn statement_words(text: &str, span: Span, resolved: &[Statement]) -> Words {
    let made_from_it = resolved
        [resolved.partition_point(|statement| statement.evidence.span() < span)..]
        .iter()
        .take_while(|statement| statement.evidence.span() == span)
        .find(|statement| *statement.text == *text);
    match made_from_it {
        Some(statement) => statement.text.clone(),
        None => Words::from(text),
    }
}

/// An extracted statement's fields as parsed, its texts borrowed where
/// they have no escapes.
struct StatementFields<'de> {
    speaker: usize,
    kind: StatementKind,
    cue: Text<'de>,
    text: Text<'de>,
    span: Span,
    sentence: usize,
    about: Vec<usize>,
}

/// An extracted statement, parsed and not yet made.
fn statement_fields<'de>(reader: &mut Reader<'de>) -> Result<StatementFields<'de>> {
    reader.open()?;
    let speaker = reader.first("speaker", Reader::number)?;
    let kind = reader.then("kind", Reader::statement_kind)?;
    let cue = reader.then("cue", Reader::string)?;
    let text = reader.then("text", Reader::string)?;
    let span = reader.then("span", Reader::span)?;
    let sentence = reader.then("sentence", Reader::number)?;
    let about = reader.then("about", Reader::numbers)?;
    reader.close()?;
    Ok(StatementFields {
        speaker,
        kind,
        cue,
        text,
        span,
        sentence,
        about,
    })
}

/// An extracted relation's fields as parsed, its label borrowed where it
/// has no escapes.
struct RelationFields<'de> {
    source: usize,
    predicate: Predicate,
    target: usize,
    label: Option<Text<'de>>,
    span: Span,
}

fn relation_fields<'de>(reader: &mut Reader<'de>) -> Result<RelationFields<'de>> {
    reader.open()?;
    let source = reader.first("source", Reader::number)?;
    let predicate = reader.then("predicate", Reader::predicate)?;
    let target = reader.then("target", Reader::number)?;
    let label = reader.then("label", optional_text)?;
    let span = reader.then("span", Reader::span)?;
    reader.close()?;
    Ok(RelationFields {
        source,
        predicate,
        target,
        label,
        span,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ron_text::tests::awkward_graph;
    use crate::ron_text::RonElement;
    use std::fmt::Debug;

    /// Prints `values` as a graph file's list does and reads them back.
    fn read_back<T: RonElement + ReadElement + PartialEq + Debug>(values: &[T]) {
        let mut text = Vec::new();
        for value in values {
            value.print_element(&mut text);
        }
        let text = String::from_utf8(text).unwrap();
        let read: Vec<T> = crate::ron_read::elements(&text, &EarlierLists::default()).unwrap();
        assert_eq!(read, values);
    }

    #[test]
    fn names_are_the_same_only_byte_for_byte() {
        let name = b"abcdefghijklmnopqrstu";
        for length in 0..=name.len() {
            let wanted = &name[..length];
            assert!(same_name(wanted, wanted), "length {length}");
            assert!(!same_name(&name[..length.saturating_sub(1)], wanted) || length == 0);
            for changed in 0..length {
                let mut found = wanted.to_vec();
                found[changed] = b'_';
                assert!(
                    !same_name(&found, wanted),
                    "length {length}, byte {changed}"
                );
            }
        }
    }

    #[test]
    fn every_element_reads_back_as_printed() {
        let graph = awkward_graph();
        read_back(&graph.documents);
        read_back(&graph.entities);
        read_back(&graph.statements);
        read_back(&graph.relations);
        read_back(&graph.merges);
        read_back(&graph.extractions);
    }

    #[test]
    fn fields_read_alike_in_any_layout_and_names_must_match_whole() {
        let merge = |text: &str| {
            crate::ron_read::elements::<MergeRecord>(text, &EarlierLists::default()).map_err(|_| ())
        };
        let expected = Ok(vec![MergeRecord {
            entity: "person:a".into(),
            alias: "A".to_string(),
            rule: "surname".to_string(),
        }]);
        for text in [
            "(entity: \"person:a\", alias: \"A\", rule: \"surname\"),",
            "(\n    entity: \"person:a\",\n    alias: \"A\",\n    rule: \"surname\",\n),",
            "(entity:\"person:a\" ,alias :\"A\",\trule:\"surname\"),",
        ] {
            assert_eq!(merge(text), expected, "{text}");
        }
        for text in [
            "(entity: \"person:a\", aliases: \"A\", rule: \"surname\"),",
            "(entity: \"person:a\", alia: \"A\", rule: \"surname\"),",
            "(entity: \"person:a\", rule: \"surname\", alias: \"A\"),",
        ] {
            assert_eq!(merge(text), Err(()), "{text}");
        }
    }

    #[test]
    fn extractions_packed_as_read_are_packed_as_those_read_whole() {
        let mut extractions = awkward_graph().extractions;
        extractions.push(newsgraph_extract::extract(
            &newsgraph_extract::Document::new(
                "b.txt",
                "Mayor Anna Berg met Tomas Reyes in Lisbon, Portugal. \"The port is safe,\" \
                 Berg said. Reyes, the harbour master, said the Lisbon port would reopen.",
            ),
        ));
        let mut text = Vec::new();
        for extraction in &extractions {
            extraction.print_element(&mut text);
        }
        let text = String::from_utf8(text).unwrap();
        let packed: Vec<(String, PackedExtraction)> =
            crate::ron_read::elements(&text, &EarlierLists::default()).unwrap();
        let whole: Vec<Extraction> =
            crate::ron_read::elements(&text, &EarlierLists::default()).unwrap();
        assert_eq!(packed.len(), extractions.len());
        assert!(extractions.iter().any(|extraction| extraction
            .entities
            .iter()
            .any(|entity| entity.mentions.len() > 1 && !entity.aliases.is_empty())));
        for ((document, packed), whole) in packed.iter().zip(&whole) {
            assert_eq!(*document, whole.document);
            assert_eq!(*packed, PackedExtraction::pack(whole));
            assert_eq!(packed.unpack(document), *whole);
        }
    }

    #[test]
    fn a_checked_extraction_is_refused_exactly_where_a_packed_one_is() {
        let extraction = newsgraph_extract::extract(&newsgraph_extract::Document::new(
            "b.txt",
            "Mayor Anna Berg met Tomas Reyes in Lisbon, Portugal. \"The port is safe,\" \
             Berg said. Reyes, the harbour master, said the Lisbon port would reopen.",
        ));
        assert!(!extraction.statements.is_empty() && !extraction.relations.is_empty());
        let mut printed = Vec::new();
        extraction.print_element(&mut printed);
        let printed = String::from_utf8(printed).unwrap();
        let earlier = EarlierLists::default();
        let mut changed_texts = Vec::new();
        for (at, _) in printed.char_indices() {
            let mut removed = printed.clone();
            removed.remove(at);
            changed_texts.push(removed);
            let mut replaced = printed.clone();
            replaced.replace_range(
                at..at + printed[at..].chars().next().unwrap().len_utf8(),
                "x",
            );
            changed_texts.push(replaced);
        }
        let mut refused = 0;
        for text in std::iter::once(&printed).chain(&changed_texts) {
            let packed = crate::ron_read::elements::<(String, PackedExtraction)>(text, &earlier);
            let checked = crate::ron_read::elements::<CheckedExtraction>(text, &earlier);
            match (packed, checked) {
                (Ok(packed), Ok(checked)) => {
                    let documents: Vec<&String> =
                        packed.iter().map(|(document, _)| document).collect();
                    let checked: Vec<&String> = checked.iter().map(|read| &read.document).collect();
                    assert_eq!(documents, checked, "{text}");
                }
                (Err(_), Err(_)) => refused += 1,
                (packed, checked) => panic!(
                    "packed {:?}, checked {:?}: {text}",
                    packed.is_ok(),
                    checked.is_ok()
                ),
            }
        }
        // Most changes break the text.
        assert!(refused > changed_texts.len() / 2, "{refused} refused");
    }

    /// `values` printed as a graph file's list, read back sharing the
    /// strings of `earlier`.
    fn read_after<T: RonElement + ReadElement>(values: &[T], earlier: &EarlierLists<'_>) -> Vec<T> {
        let mut text = Vec::new();
        for value in values {
            value.print_element(&mut text);
        }
        crate::ron_read::elements(std::str::from_utf8(&text).unwrap(), earlier).unwrap()
    }

    #[test]
    fn elements_hold_the_strings_of_the_lists_read_before_them() {
        let mut graph = crate::KnowledgeGraph::new();
        for (document, text) in [
            (
                "a.txt",
                "Mayor Anna Berg met Tomas Reyes in Lisbon. Berg said the port would reopen.",
            ),
            (
                "b.txt",
                "\"It is not safe,\" Reyes said. Berg said the port in Lisbon was safe.",
            ),
            ("c.txt", "Reyes said it would not."),
        ] {
            graph.add(newsgraph_extract::extract(
                &newsgraph_extract::Document::new(document, text),
            ));
        }
        let saved = graph.to_saved();
        let earlier = EarlierLists::default().with_documents(&saved.documents);
        let entities = read_after(&saved.entities, &earlier);
        let earlier = earlier.with_entities(&entities);
        let statements = read_after(&saved.statements, &earlier);
        let relations = read_after(&saved.relations, &earlier);
        let earlier = earlier.with_statements(&statements);
        let extractions = read_after(&saved.extractions, &earlier);
        assert_eq!(
            (&entities, &statements, &relations, &extractions),
            (
                &saved.entities,
                &saved.statements,
                &saved.relations,
                &saved.extractions
            )
        );

        let listed = |id: &DocumentId| earlier.documents.get(id).unwrap();
        let entity = |id: &ArcStr| &entities.iter().find(|entity| entity.id == *id).unwrap().id;
        assert!(statements.len() >= 3 && !relations.is_empty(), "{saved:?}");
        for statement in &statements {
            assert!(statement
                .evidence
                .document
                .ptr_eq(listed(&statement.evidence.document)));
            assert!(ArcStr::ptr_eq(
                &statement.speaker,
                entity(&statement.speaker)
            ));
            let extraction = extractions
                .iter()
                .find(|extraction| *extraction.document == *statement.evidence.document)
                .unwrap();
            let extracted = extraction
                .statements
                .iter()
                .find(|extracted| extracted.span == statement.evidence.span())
                .unwrap();
            assert!(statement.text.ptr_eq(&extracted.text));
        }
        for relation in &relations {
            assert!(ArcStr::ptr_eq(&relation.source, entity(&relation.source)));
            assert!(ArcStr::ptr_eq(&relation.target, entity(&relation.target)));
            for evidence in &relation.evidence {
                assert!(evidence.document.ptr_eq(listed(&evidence.document)));
            }
        }
        for mention in entities.iter().flat_map(|entity| &entity.mentions) {
            assert!(mention.document.ptr_eq(listed(&mention.document)));
        }
    }

    #[test]
    fn lists_of_every_length_keep_their_items_in_order() {
        for length in 0..12 {
            let items: Vec<String> = (0..length).map(|index| format!("item {index}")).collect();
            let printed = items
                .iter()
                .map(|item| format!("{item:?}"))
                .collect::<Vec<_>>()
                .join(", ");
            for text in [
                format!("[{printed}]"),
                format!("[{printed},]"),
                format!("[ {printed} ]"),
            ] {
                if length == 0 && text == "[,]" {
                    continue;
                }
                let mut reader = Reader::new(&text);
                let read = reader.list(Reader::owned).unwrap();
                assert_eq!(read, items, "{text}");
                assert_eq!(read.capacity(), read.len(), "{text}");
                assert_eq!(reader.position, text.len());
            }
        }
        let mut reader = Reader::new("[\"a\", \"b\", 3]");
        assert!(reader.list(Reader::owned).is_err());
    }

    #[test]
    fn layout_ends_where_a_byte_at_a_time_ends_it() {
        let byte_at_a_time = |bytes: &[u8], mut at: usize| {
            while let Some(b' ' | b'\n' | b'\t' | b'\r') = bytes.get(at) {
                at += 1;
            }
            at
        };
        // Runs of every length of each kind of whitespace around other
        // bytes, read from every offset.
        let mut text = Vec::new();
        for length in 0..20 {
            for filler in [&b" "[..], b"\n", b"\t", b"\r", b"\n    ", b" \t"] {
                text.extend(std::iter::repeat_n(filler, length).flatten());
                text.extend_from_slice(b"x(");
            }
        }
        text.extend_from_slice(b"\n         ");
        for at in 0..=text.len() + 1 {
            assert_eq!(skip_layout(&text, at), byte_at_a_time(&text, at), "at {at}");
        }
    }

    #[test]
    fn entity_ids_read_again_are_the_entities_own() {
        let entities: Vec<Entity> = ["person:a", "person:b", "person:c"]
            .into_iter()
            .map(|id| Entity {
                id: ArcStr::from(id),
                kind: EntityKind::Person,
                name: id.to_string(),
                aliases: Vec::new(),
                keys: Vec::new(),
                mentions: Vec::new(),
            })
            .collect();
        let earlier = EarlierLists::default().with_entities(&entities);
        // A source repeated between targets, ids read again after one or
        // two others, and an id that is no entity's, repeated too.
        let ends = [
            ("person:a", "person:b"),
            ("person:a", "person:c"),
            ("person:b", "person:a"),
            ("person:x", "person:a"),
            ("person:x", "person:c"),
            ("person:c", "person:x"),
            ("person:b", "person:b"),
        ];
        let relations: Vec<Relation> = ends
            .into_iter()
            .map(|(source, target)| Relation {
                source: ArcStr::from(source),
                predicate: Predicate::Met,
                target: ArcStr::from(target),
                label: None,
                evidence: Box::new([Evidence::new("d.txt", Span::new(0, 1))]),
            })
            .collect();
        let read = read_after(&relations, &earlier);
        assert_eq!(read, relations);
        for id in read
            .iter()
            .flat_map(|relation| [&relation.source, &relation.target])
        {
            match entities.iter().find(|entity| entity.id == *id) {
                Some(entity) => assert!(ArcStr::ptr_eq(id, &entity.id), "{id}"),
                None => assert_eq!(id.as_str(), "person:x"),
            }
        }
    }

    /// A place with `mentions` and no other names.
    fn place_mentioned_in(mentions: Vec<Evidence>) -> Entity {
        Entity {
            id: ArcStr::from("place:lisbon"),
            kind: EntityKind::Place,
            name: "Lisbon".to_string(),
            aliases: Vec::new(),
            keys: Vec::new(),
            mentions,
        }
    }

    #[test]
    fn evidence_lists_share_listed_documents_and_refuse_others() {
        // Runs of one document, and one named again after others.
        let names = ["a", "a", "b", "z", "z", "c", "a"];
        let runs = [1, 17, 15, 2, 16, 33, 1];
        let mentions: Vec<Evidence> = names
            .iter()
            .zip(runs)
            .flat_map(|(name, run)| {
                (0..run).map(move |index| Evidence::new(*name, Span::new(index, index + 1)))
            })
            .collect();
        let entity = place_mentioned_in(mentions);
        let documents = ["a", "b", "c", "z"].map(str::to_string);
        let earlier = EarlierLists::default().with_documents(&documents);
        let read = read_after(std::slice::from_ref(&entity), &earlier);
        assert_eq!(read, std::slice::from_ref(&entity));
        for mention in &read[0].mentions {
            let listed = earlier.documents.get(&mention.document).expect("listed");
            assert!(mention.document.ptr_eq(listed));
        }
        // Without "z" listed, the list is no graph's.
        let earlier = EarlierLists::default().with_documents(&documents[..3]);
        assert!(try_read_after(std::slice::from_ref(&entity), &earlier).is_err());
    }

    /// `values` printed as a graph file's list, read back as
    /// [`read_after`] reads them, or not.
    fn try_read_after<T: RonElement + ReadElement>(
        values: &[T],
        earlier: &EarlierLists<'_>,
    ) -> Result<Vec<T>> {
        let mut text = Vec::new();
        for value in values {
            value.print_element(&mut text);
        }
        crate::ron_read::elements(std::str::from_utf8(&text).unwrap(), earlier)
    }

    /// The longest line `values` are printed on.
    fn longest_line<T: RonElement>(values: &[T]) -> usize {
        let mut text = Vec::new();
        for value in values {
            value.print_element(&mut text);
        }
        text.split(|&byte| byte == b'\n')
            .map(<[u8]>::len)
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn long_evidence_lists_read_in_parts_read_as_short_ones() {
        // Runs of seven pieces a document, so that the parts start inside
        // runs.
        let count = 15_013;
        let name = |index: usize| format!("doc-{}", index / 7);
        let mentions: Vec<Evidence> = (0..count)
            .map(|index| Evidence::new(name(index), Span::new(index, index + 3)))
            .collect();
        let entity = place_mentioned_in(mentions);
        assert!(longest_line(std::slice::from_ref(&entity)) >= 2 * LONG_EVIDENCE_BYTES);
        let documents: Vec<String> = (0..count / 7 + 1)
            .map(|document| format!("doc-{document}"))
            .collect();
        let earlier = EarlierLists::default().with_documents(&documents);
        let read = read_after(std::slice::from_ref(&entity), &earlier);
        assert_eq!(read, std::slice::from_ref(&entity));
        for mention in &read[0].mentions {
            let listed = earlier.documents.get(&mention.document).expect("listed");
            assert!(mention.document.ptr_eq(listed));
        }
        // One document not listed, in the middle of a part: refused.
        let mut fewer = documents.clone();
        fewer.remove(count / 7 / 2);
        let earlier = EarlierLists::default().with_documents(&fewer);
        assert!(try_read_after(std::slice::from_ref(&entity), &earlier).is_err());
    }

    #[test]
    fn long_evidence_lists_with_ids_like_the_cuts_read_as_printed() {
        // Ids that end like the text a list is cut before, or hold the
        // list's closing parenthesis and bracket: wherever a cut falls,
        // the list reads back as it was printed.
        let tricky = ["q), (document: ", "r)]", "plain"];
        for every in [1, 5, 200] {
            let mentions: Vec<Evidence> = (0..20_000)
                .map(|index| {
                    let name = if index % every == 0 {
                        format!("{}{}", tricky[index % tricky.len()], index / 9)
                    } else {
                        format!("doc-{}", index / 9)
                    };
                    Evidence::new(name, Span::new(index, index + 1))
                })
                .collect();
            let entity = place_mentioned_in(mentions);
            assert!(longest_line(std::slice::from_ref(&entity)) >= LONG_EVIDENCE_BYTES);
            let read = read_after(std::slice::from_ref(&entity), &EarlierLists::default());
            assert_eq!(read, [entity], "a tricky id every {every}");
        }
    }

    #[test]
    fn searches_from_a_point_find_what_a_whole_search_finds() {
        for length in 0..40 {
            let items: Vec<usize> = (0..length).map(|index| index / 3).collect();
            for wanted in 0..=length / 3 + 1 {
                let before = |item: &usize| *item < wanted;
                let first = items.partition_point(before);
                for from in 0..=first {
                    assert_eq!(
                        first_from(&items, from, before),
                        first,
                        "{items:?} {wanted} {from}"
                    );
                }
            }
        }
    }

    #[test]
    fn fields_out_of_order_or_unknown_are_not_read() {
        let text = "(entity: \"a\", alias: \"b\", rule: \"c\"),";
        assert!(crate::ron_read::elements::<MergeRecord>(text, &EarlierLists::default()).is_ok());
        for text in [
            "(alias: \"b\", entity: \"a\", rule: \"c\"),",
            "(entity: \"a\", alias: \"b\"),",
            "(entity: \"a\", alias: \"b\", rule: \"c\", extra: 1),",
            "(entity: \"a\", alias: \"b\", rules: \"c\"),",
            "(entity: \"a\" alias: \"b\", rule: \"c\"),",
            "(entity: \"a\", alias: \"b\", rule: \"c\")",
        ] {
            assert!(
                crate::ron_read::elements::<MergeRecord>(text, &EarlierLists::default()).is_err(),
                "{text}"
            );
        }
    }
}
