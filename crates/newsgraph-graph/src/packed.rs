//! Extractions as the graph keeps them between adding and resolving: each
//! packed into one buffer of bytes.
//!
//! An [`Extraction`] spread over its vectors, strings and shared names
//! takes about four times the room of its content and one allocation per
//! list or string: for a large corpus, most of a build's memory. Packed, the
//! numbers are variable-length integers, strings are stored in line, an
//! entity's key or alias that is its name is not written again, and a
//! mention's surface is a reference to its entity's name or alias when it
//! is one. Only the words of statements are kept apart, in the buffer the
//! document's statements were extracted into, for the resolved statements
//! to share; the packed bytes say where in it each statement's words are.
//! Resolution reads the packed form in place, through [`PackedView`],
//! without unpacking; [`PackedExtraction::unpack`] gives the extraction
//! back unchanged.
//!
//! Resolution reads the statements and their words only at its end, when
//! it makes the resolved statements: a large build can put them aside in a
//! [`SpillFile`] ([`PackedExtraction::put_aside`]), keeping only their
//! count in memory, and read them back when they are needed
//! ([`PackedExtraction::with_statements`]).
//!
//! The layout is private to this process, never saved: the byte lengths of
//! the entity and statement sections, then the entities, statements,
//! diagnostics and relations, each list preceded by its length. Numbers and
//! tags are written in ASCII bytes only, so the whole buffer is UTF-8 and a
//! string is read back by slicing, without checking it again.

use std::borrow::Cow;
use std::io;
use std::ops::Range;
use std::sync::Arc;

use arcstr::ArcStr;
use newsgraph_disk::SpillFile;
use newsgraph_extract::{
    Diagnostic, DocEntity, EntityKind, Extraction, Mention, Predicate, Relation, Span, Statement,
    StatementKind, Words,
};

/// One document's extraction, packed.
#[derive(Clone)]
pub(crate) struct PackedExtraction {
    packed: Box<str>,
    /// The words of the statements, which the packed bytes give as ranges
    /// of it: the buffer they were extracted into, so that the resolved
    /// graph's statements share it. Empty when they are put aside.
    words: ArcStr,
    /// Where the statements and their words are, when they are put aside;
    /// the packed bytes then hold only their count.
    put_aside: Option<PutAside>,
}

/// Where an extraction's statements were put aside: their packed bytes
/// followed by their words, from `start` of `spill`.
#[derive(Clone)]
struct PutAside {
    spill: Arc<SpillFile>,
    start: u64,
    statement_bytes: usize,
    word_bytes: usize,
}

impl PartialEq for PackedExtraction {
    /// Equal when they pack the same extraction, whether or not their
    /// statements are put aside.
    ///
    /// # Panics
    ///
    /// When statements put aside cannot be read back.
    fn eq(&self, other: &Self) -> bool {
        // Borrowed, without reading anything, when not put aside.
        let (ours, theirs) = (self.whole(), other.whole());
        ours.packed == theirs.packed && ours.words == theirs.words
    }
}

impl Eq for PackedExtraction {}

impl std::fmt::Debug for PackedExtraction {
    /// What it holds, rather than its bytes, which mean nothing to a reader.
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let view = self.view();
        formatter
            .debug_struct("PackedExtraction")
            .field("bytes", &self.packed.len())
            .field("entities", &view.entity_count())
            .field("statements", &view.statement_count())
            .field("relations", &view.relation_count())
            .field("statements_put_aside", &self.put_aside.is_some())
            .finish()
    }
}

const KINDS: [EntityKind; 3] = [
    EntityKind::Person,
    EntityKind::Place,
    EntityKind::Organization,
];

const STATEMENT_KINDS: [StatementKind; 2] = [StatementKind::Direct, StatementKind::Reported];

impl PackedExtraction {
    /// Packs everything of `extraction` but its document id, which the
    /// graph keeps as the key it is filed under.
    pub fn pack(extraction: &Extraction) -> Self {
        let Extraction {
            document: _,
            entities,
            statements,
            relations,
            diagnostics,
        } = extraction;
        let mut packed_entities = PackedEntities::with_capacity(entities.len());
        for entity in entities {
            packed_entities.push(entity);
        }
        let mut facts = PackedFacts::with_capacity(statements.len(), relations.len());
        for statement in statements {
            facts.push_statement(statement.text.clone(), statement_parts(statement));
        }
        for relation in relations {
            facts.push_relation(relation_parts(relation));
        }
        for Diagnostic { span, message } in diagnostics {
            facts.push_diagnostic(*span, message);
        }
        facts.finish(&packed_entities)
    }

    /// The extraction with its statements and their words put aside in
    /// `spill`, its packed bytes keeping only their count; unchanged when
    /// it has no statement or they are put aside already. When `spill`
    /// cannot take them, the extraction is given back unchanged with the
    /// error.
    pub fn put_aside(self, spill: &Arc<SpillFile>) -> Result<Self, (Self, io::Error)> {
        let view = self.view();
        let statement_count = view.statement_count();
        if self.put_aside.is_some() || statement_count == 0 {
            return Ok(self);
        }
        let statements = view.statements.as_bytes();
        let start = match spill.put(&[statements, self.words.as_bytes()]) {
            Ok(start) => start,
            Err(error) => return Err((self, error)),
        };
        let mut count = Vec::new();
        push_number(&mut count, statement_count);
        Ok(PackedExtraction {
            packed: self.with_statement_section(&count),
            words: ArcStr::new(),
            put_aside: Some(PutAside {
                spill: Arc::clone(spill),
                start,
                statement_bytes: statements.len(),
                word_bytes: self.words.len(),
            }),
        })
    }

    /// Whether the statements are put aside (see [`Self::put_aside`]).
    pub fn is_put_aside(&self) -> bool {
        self.put_aside.is_some()
    }

    /// The extraction with its statements: itself, or when they are put
    /// aside, a copy with them read back.
    pub fn try_whole(&self) -> io::Result<Cow<'_, Self>> {
        let with_statements = self.with_statements()?;
        let Some((statements, words)) = with_statements.read_back else {
            return Ok(Cow::Borrowed(self));
        };
        Ok(Cow::Owned(PackedExtraction {
            packed: self.with_statement_section(statements.as_bytes()),
            words,
            put_aside: None,
        }))
    }

    /// The packed bytes with `statements` as their statement section, the
    /// entities and the rest as they are.
    fn with_statement_section(&self, statements: &[u8]) -> Box<str> {
        let view = self.view();
        let bytes = sections(
            [view.entities.as_bytes(), &[]],
            statements,
            view.rest.as_bytes(),
        );
        // Both pieces were packed, and the statements are checked UTF-8.
        let packed = String::from_utf8(bytes).expect("packed bytes are UTF-8");
        packed.into_boxed_str()
    }

    /// The extraction, to be read with its statements: read back when they
    /// are put aside, beside the rest, which is not copied.
    pub fn with_statements(&self) -> io::Result<WithStatements<'_>> {
        let Some(aside) = &self.put_aside else {
            return Ok(WithStatements {
                packed: self,
                read_back: None,
            });
        };
        let bytes = aside
            .spill
            .read(aside.start, aside.statement_bytes + aside.word_bytes)?;
        let not_as_put = || {
            io::Error::new(
                io::ErrorKind::InvalidData,
                "statements read back from a spill file are not as they were put",
            )
        };
        let mut statements = String::from_utf8(bytes).map_err(|_| not_as_put())?;
        if !statements.is_char_boundary(aside.statement_bytes) {
            return Err(not_as_put());
        }
        let words = ArcStr::from(&statements[aside.statement_bytes..]);
        statements.truncate(aside.statement_bytes);
        Ok(WithStatements {
            packed: self,
            read_back: Some((statements, words)),
        })
    }

    /// [`Self::try_whole`], for callers with no way to report an error.
    ///
    /// # Panics
    ///
    /// When statements put aside cannot be read back.
    pub fn whole(&self) -> Cow<'_, Self> {
        read_back_or_panic(self.try_whole())
    }

    /// The extraction of `document` that was packed.
    ///
    /// # Panics
    ///
    /// When statements put aside cannot be read back.
    pub fn unpack(&self, document: &str) -> Extraction {
        let whole = self.whole();
        let view = whole.view();
        let entities = view
            .entities()
            .map(|entity| {
                let aliases: Vec<Arc<str>> = entity.aliases().map(Arc::from).collect();
                let mentions = entity
                    .mentions()
                    .iter()
                    .map(|mention| Mention {
                        span: mention.span,
                        surface: match mention.surface {
                            Surface::Name(0) => Arc::from(entity.name),
                            Surface::Name(index) => Arc::clone(&aliases[index - 1]),
                            Surface::Other(text) => Arc::from(text),
                        },
                        sentence: mention.sentence,
                    })
                    .collect();
                DocEntity {
                    kind: entity.kind,
                    name: entity.name.to_string(),
                    key: entity.key.map(str::to_string),
                    aliases,
                    mentions,
                }
            })
            .collect();
        let statements = view
            .statements()
            .map(|statement| Statement {
                speaker: statement.speaker,
                kind: statement.kind,
                cue: Arc::from(statement.cue),
                text: statement.words(),
                span: statement.span,
                sentence: statement.sentence,
                about: statement.about().collect(),
            })
            .collect();
        let relations = view
            .relations()
            .map(|relation| Relation {
                source: relation.source,
                predicate: relation.predicate,
                target: relation.target,
                label: relation.label.map(str::to_string),
                span: relation.span,
            })
            .collect();
        let diagnostics = view
            .diagnostics()
            .map(|(span, message)| Diagnostic {
                span,
                message: message.to_string(),
            })
            .collect();
        Extraction {
            document: document.to_string(),
            entities,
            statements,
            relations,
            diagnostics,
        }
    }

    /// The packed extraction, read in place. Its statements can be read
    /// only when they are not put aside; their count always can.
    pub fn view(&self) -> PackedView<'_> {
        let mut reader = Reader::new(&self.packed);
        let entity_length = reader.number();
        let statement_length = reader.number();
        let entities = reader.take(entity_length);
        let statements = reader.take(statement_length);
        PackedView {
            entities,
            statements,
            words: self.put_aside.is_none().then_some(&self.words),
            rest: reader.rest(),
        }
    }

    /// About how many bytes the packed extraction takes, with its
    /// statements.
    pub fn len(&self) -> usize {
        self.packed.len()
            + self
                .put_aside
                .as_ref()
                .map_or(0, |aside| aside.statement_bytes)
    }
}

/// A packed extraction with its statements, read back when they were put
/// aside ([`PackedExtraction::with_statements`]).
pub(crate) struct WithStatements<'a> {
    packed: &'a PackedExtraction,
    /// The packed statements read back, and their words.
    read_back: Option<(String, ArcStr)>,
}

impl WithStatements<'_> {
    /// The extraction read in place, its statements included.
    pub fn view(&self) -> PackedView<'_> {
        let mut view = self.packed.view();
        if let Some((statements, words)) = &self.read_back {
            view.statements = statements;
            view.words = Some(words);
        }
        view
    }
}

/// What `result` holds, for callers with no way to report that statements
/// put aside could not be read back.
///
/// # Panics
///
/// When `result` is that error.
pub(crate) fn read_back_or_panic<T>(result: io::Result<T>) -> T {
    result.unwrap_or_else(|error| {
        panic!("statements put aside in a spill file could not be read back: {error}")
    })
}

/// The packed bytes of an extraction's sections: the lengths of the
/// entities (given in two pieces) and of the statements, then both, then
/// the rest.
fn sections(entities: [&[u8]; 2], statements: &[u8], rest: &[u8]) -> Vec<u8> {
    let entity_length = entities[0].len() + entities[1].len();
    let mut bytes = Vec::with_capacity(entity_length + statements.len() + rest.len() + 16);
    push_number(&mut bytes, entity_length);
    push_number(&mut bytes, statements.len());
    for piece in entities {
        bytes.extend_from_slice(piece);
    }
    bytes.extend_from_slice(statements);
    bytes.extend_from_slice(rest);
    bytes
}

/// The entities of one extraction, packed one at a time: from a
/// [`DocEntity`], or from its parts as a graph file is read, without
/// making one.
#[derive(Debug, Default)]
pub(crate) struct PackedEntities {
    count: usize,
    bytes: Vec<u8>,
    /// Room to pack an entity's mentions in first.
    scratch: Vec<u8>,
}

impl PackedEntities {
    fn with_capacity(count: usize) -> Self {
        PackedEntities {
            bytes: Vec::with_capacity(64 * count),
            ..PackedEntities::default()
        }
    }

    fn push(&mut self, entity: &DocEntity) {
        let DocEntity {
            kind,
            name,
            key,
            aliases,
            mentions,
        } = entity;
        self.push_parts(
            *kind,
            name,
            key.as_deref(),
            aliases,
            mentions.iter().map(|mention| {
                let Mention {
                    span,
                    surface,
                    sentence,
                } = mention;
                (*span, &**surface, *sentence)
            }),
        );
    }

    /// Packs an entity given as its kind, name, key, aliases and mentions
    /// (span, surface, sentence).
    pub fn push_parts<'m>(
        &mut self,
        kind: EntityKind,
        name: &str,
        key: Option<&str>,
        aliases: &[impl AsRef<str>],
        mentions: impl ExactSizeIterator<Item = (Span, &'m str, usize)>,
    ) {
        let bytes = &mut self.bytes;
        bytes.push(position_of(&KINDS, &kind));
        push_text(bytes, name);
        // A gazetteer's key and the first alias are mostly the name itself,
        // which is then not written again.
        match key {
            None => push_number(bytes, 0),
            Some(key) => push_name_or_text(bytes, name, key, 1),
        }
        push_number(bytes, aliases.len());
        for alias in aliases {
            push_name_or_text(bytes, name, alias.as_ref(), 0);
        }
        push_number(bytes, mentions.len());
        let scratch = &mut self.scratch;
        scratch.clear();
        for (span, surface, sentence) in mentions {
            push_span(scratch, span);
            push_number(scratch, sentence);
            // The first alias it is, else the name, else the text itself.
            let named = aliases
                .iter()
                .position(|alias| alias.as_ref() == surface)
                .map(|index| index + 1)
                .or_else(|| (surface == name).then_some(0));
            match named {
                Some(index) => push_number(scratch, index),
                None => {
                    push_number(scratch, aliases.len() + 1);
                    push_text(scratch, surface);
                }
            }
        }
        // Their length in bytes, so that reading the entities can step over
        // them.
        push_number(bytes, scratch.len());
        bytes.extend_from_slice(scratch);
        self.count += 1;
    }
}

/// The one buffer all of `texts` are ranges of, and each one's range: the
/// buffer they share when they were extracted together, else a new one.
fn words_buffer(texts: &[Words]) -> (ArcStr, Vec<Range<usize>>) {
    if let Some(first) = texts.first() {
        let (buffer, _) = first.buffer_and_range();
        if texts.iter().all(|text| text.shares_buffer_with(first)) {
            let ranges = texts.iter().map(|text| text.buffer_and_range().1).collect();
            return (buffer.clone(), ranges);
        }
    }
    Words::gathered(texts.iter().map(Words::as_str))
}

/// A statement's fields but its words, as [`PackedFacts::push_statement`]
/// packs them.
pub(crate) struct StatementParts<'a> {
    pub speaker: usize,
    pub kind: StatementKind,
    pub cue: &'a str,
    pub span: Span,
    pub sentence: usize,
    pub about: &'a [usize],
}

/// A relation's fields, as [`PackedFacts::push_relation`] packs them.
pub(crate) struct RelationParts<'a> {
    pub source: usize,
    pub predicate: Predicate,
    pub target: usize,
    pub label: Option<&'a str>,
    pub span: Span,
}

fn statement_parts(statement: &Statement) -> StatementParts<'_> {
    let Statement {
        speaker,
        kind,
        cue,
        // Packed apart (see `PackedExtraction::words`).
        text: _,
        span,
        sentence,
        about,
    } = statement;
    StatementParts {
        speaker: *speaker,
        kind: *kind,
        cue,
        span: *span,
        sentence: *sentence,
        about,
    }
}

fn relation_parts(relation: &Relation) -> RelationParts<'_> {
    let Relation {
        source,
        predicate,
        target,
        label,
        span,
    } = relation;
    RelationParts {
        source: *source,
        predicate: *predicate,
        target: *target,
        label: label.as_deref(),
        span: *span,
    }
}

/// The statements, relations and diagnostics of one extraction, packed one
/// at a time: from an [`Extraction`]'s lists, or from their fields as a
/// graph file is read, without making them. [`Self::finish`] puts them
/// together with the packed entities.
#[derive(Default)]
pub(crate) struct PackedFacts {
    /// Each statement's packed bytes but the range of its words, which is
    /// known only once every statement's words are (see [`words_buffer`]).
    statement_bytes: Vec<u8>,
    /// Per statement: where its bytes before its words' range end in
    /// `statement_bytes`, and where its bytes end.
    statement_ends: Vec<(usize, usize)>,
    /// Per statement: its words.
    texts: Vec<Words>,
    diagnostic_count: usize,
    diagnostic_bytes: Vec<u8>,
    relation_count: usize,
    relation_bytes: Vec<u8>,
}

impl PackedFacts {
    /// Room for `statements` statements and `relations` relations.
    pub fn with_capacity(statements: usize, relations: usize) -> Self {
        PackedFacts {
            statement_bytes: Vec::with_capacity(32 * statements),
            statement_ends: Vec::with_capacity(statements),
            texts: Vec::with_capacity(statements),
            relation_bytes: Vec::with_capacity(16 * relations),
            ..PackedFacts::default()
        }
    }

    /// Packs a statement of words `text`.
    pub fn push_statement(&mut self, text: Words, statement: StatementParts<'_>) {
        let StatementParts {
            speaker,
            kind,
            cue,
            span,
            sentence,
            about,
        } = statement;
        let bytes = &mut self.statement_bytes;
        push_number(bytes, speaker);
        bytes.push(position_of(&STATEMENT_KINDS, &kind));
        push_text(bytes, cue);
        let before_words = bytes.len();
        push_span(bytes, span);
        push_number(bytes, sentence);
        push_number(bytes, about.len());
        for entity in about {
            push_number(bytes, *entity);
        }
        self.statement_ends.push((before_words, bytes.len()));
        self.texts.push(text);
    }

    /// Packs a relation.
    pub fn push_relation(&mut self, relation: RelationParts<'_>) {
        let RelationParts {
            source,
            predicate,
            target,
            label,
            span,
        } = relation;
        let bytes = &mut self.relation_bytes;
        push_number(bytes, source);
        bytes.push(position_of(&Predicate::ALL, &predicate));
        push_number(bytes, target);
        push_optional_text(bytes, label);
        push_span(bytes, span);
        self.relation_count += 1;
    }

    /// Packs a diagnostic.
    pub fn push_diagnostic(&mut self, span: Span, message: &str) {
        push_span(&mut self.diagnostic_bytes, span);
        push_text(&mut self.diagnostic_bytes, message);
        self.diagnostic_count += 1;
    }

    /// The packed extraction of `entities` and these.
    pub fn finish(self, entities: &PackedEntities) -> PackedExtraction {
        let mut entity_count = Vec::new();
        push_number(&mut entity_count, entities.count);
        let (words, ranges) = words_buffer(&self.texts);
        let mut statements = Vec::with_capacity(self.statement_bytes.len() + 8 * ranges.len() + 8);
        push_number(&mut statements, ranges.len());
        let mut start = 0;
        for (&(before_words, end), range) in self.statement_ends.iter().zip(ranges) {
            statements.extend_from_slice(&self.statement_bytes[start..before_words]);
            push_number(&mut statements, range.start);
            push_number(&mut statements, range.len());
            statements.extend_from_slice(&self.statement_bytes[before_words..end]);
            start = end;
        }
        // Diagnostics before relations: there are seldom any to step over.
        let mut rest =
            Vec::with_capacity(self.diagnostic_bytes.len() + self.relation_bytes.len() + 8);
        push_number(&mut rest, self.diagnostic_count);
        rest.extend_from_slice(&self.diagnostic_bytes);
        push_number(&mut rest, self.relation_count);
        rest.extend_from_slice(&self.relation_bytes);
        let bytes = sections([&entity_count, &entities.bytes], &statements, &rest);
        // Strings are copied whole and numbers are ASCII, so this holds.
        let packed = String::from_utf8(bytes).expect("packed bytes are UTF-8");
        PackedExtraction {
            packed: packed.into_boxed_str(),
            words,
            put_aside: None,
        }
    }
}

/// Where `value` is in `all`, which lists every value of its type.
fn position_of<T: PartialEq>(all: &[T], value: &T) -> u8 {
    let position = all.iter().position(|each| each == value);
    position.expect("every value is listed") as u8
}

/// Set on every byte of a number but its last.
const MORE: u8 = 0x40;

/// A variable-length integer in ASCII bytes: six bits a byte, low bits
/// first, [`MORE`] set on every byte but the last.
fn push_number(bytes: &mut Vec<u8>, value: usize) {
    let mut value = value as u64;
    while value >= u64::from(MORE) {
        bytes.push((value as u8 & (MORE - 1)) | MORE);
        value >>= 6;
    }
    bytes.push(value as u8);
}

/// A span as its start and its length; the length wraps, so that even a
/// span that ends before it starts comes back as it was.
fn push_span(bytes: &mut Vec<u8>, span: Span) {
    push_number(bytes, span.start);
    push_number(bytes, span.end.wrapping_sub(span.start));
}

fn push_text(bytes: &mut Vec<u8>, text: &str) {
    push_number(bytes, text.len());
    bytes.extend_from_slice(text.as_bytes());
}

/// `text` as `code` when it is `name`, else as its length plus `code` plus
/// one, then the text: read back by [`Reader::name_or_text`].
fn push_name_or_text(bytes: &mut Vec<u8>, name: &str, text: &str, code: usize) {
    if text == name {
        push_number(bytes, code);
    } else {
        push_number(bytes, text.len() + code + 1);
        bytes.extend_from_slice(text.as_bytes());
    }
}

/// `None` as 0; `Some(text)` as its length plus one, then the text.
fn push_optional_text(bytes: &mut Vec<u8>, text: Option<&str>) {
    match text {
        None => push_number(bytes, 0),
        Some(text) => {
            push_number(bytes, text.len() + 1);
            bytes.extend_from_slice(text.as_bytes());
        }
    }
}

/// Reads what the `push_` functions wrote. The text was packed by this
/// module, so running out of it or cutting it inside a character is a
/// bug, and panics.
#[derive(Debug, Clone, Copy)]
struct Reader<'a> {
    text: &'a str,
    /// Where the next item starts.
    at: usize,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Self {
        Reader { text, at: 0 }
    }

    /// What is left to read.
    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    #[inline]
    fn byte(&mut self) -> u8 {
        let byte = self.text.as_bytes()[self.at];
        self.at += 1;
        byte
    }

    #[inline]
    fn number(&mut self) -> usize {
        let bytes = self.text.as_bytes();
        // Most numbers are small: one byte.
        let first = bytes[self.at];
        self.at += 1;
        if first & MORE == 0 {
            return usize::from(first);
        }
        let mut value = u64::from(first & (MORE - 1));
        let mut shift = 6;
        loop {
            let byte = bytes[self.at];
            self.at += 1;
            value |= u64::from(byte & (MORE - 1)) << shift;
            if byte & MORE == 0 {
                return value as usize;
            }
            shift += 6;
        }
    }

    #[inline]
    fn span(&mut self) -> Span {
        let start = self.number();
        let length = self.number();
        Span::new(start, start.wrapping_add(length))
    }

    #[inline]
    fn take(&mut self, length: usize) -> &'a str {
        let taken = &self.text[self.at..self.at + length];
        self.at += length;
        taken
    }

    fn text(&mut self) -> &'a str {
        let length = self.number();
        self.take(length)
    }

    /// What [`push_name_or_text`] wrote with `code`.
    fn name_or_text(&mut self, name: &'a str, code: usize) -> &'a str {
        match self.number() {
            number if number == code => name,
            length => self.take(length - code - 1),
        }
    }

    fn optional_text(&mut self) -> Option<&'a str> {
        match self.number() {
            0 => None,
            length => Some(self.take(length - 1)),
        }
    }

    /// Reads a list's length; each item is then read by the caller.
    fn counted(&mut self) -> Counted<'a> {
        let count = self.number();
        Counted {
            reader: *self,
            left: count,
        }
    }
}

/// The items of a packed list not read yet, and the bytes they start.
#[derive(Debug, Clone, Copy)]
struct Counted<'a> {
    reader: Reader<'a>,
    left: usize,
}

impl<'a> Counted<'a> {
    fn next_with<T>(&mut self, read: impl FnOnce(&mut Reader<'a>) -> T) -> Option<T> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        Some(read(&mut self.reader))
    }
}

/// A packed extraction read in place.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PackedView<'a> {
    entities: &'a str,
    /// The statements, or only their count when they are put aside.
    statements: &'a str,
    /// `None` when the statements are put aside.
    words: Option<&'a ArcStr>,
    /// Diagnostics, then relations.
    rest: &'a str,
}

impl<'a> PackedView<'a> {
    pub fn entity_count(&self) -> usize {
        Reader::new(self.entities).number()
    }

    pub fn statement_count(&self) -> usize {
        Reader::new(self.statements).number()
    }

    pub fn relation_count(&self) -> usize {
        self.relation_list().left
    }

    pub fn entities(&self) -> impl Iterator<Item = EntityView<'a>> + 'a {
        let mut list = Reader::new(self.entities).counted();
        std::iter::from_fn(move || list.next_with(read_entity))
    }

    /// The statements, which must not be put aside: read them back first
    /// ([`PackedExtraction::with_statements`]).
    pub fn statements(&self) -> impl Iterator<Item = StatementView<'a>> + 'a {
        let mut list = Reader::new(self.statements).counted();
        let words = self
            .words
            .expect("statements put aside are read back before they are read");
        std::iter::from_fn(move || list.next_with(|reader| read_statement(reader, words)))
    }

    pub fn relations(&self) -> impl Iterator<Item = RelationView<'a>> + 'a {
        let mut list = self.relation_list();
        std::iter::from_fn(move || list.next_with(read_relation))
    }

    pub fn diagnostics(&self) -> impl Iterator<Item = (Span, &'a str)> + 'a {
        let mut list = Reader::new(self.rest).counted();
        std::iter::from_fn(move || list.next_with(read_diagnostic))
    }

    fn relation_list(&self) -> Counted<'a> {
        let mut diagnostics = Reader::new(self.rest).counted();
        while diagnostics.next_with(read_diagnostic).is_some() {}
        diagnostics.reader.counted()
    }
}

/// One entity of a packed extraction, held as where its bytes start: two
/// words, a small part of its view. Resolution keeps one for each of tens
/// of millions of records and reads the entity again when it needs it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PackedEntity<'a> {
    /// The packed bytes from the entity's first on.
    from: &'a str,
}

impl<'a> PackedEntity<'a> {
    /// The entity, read.
    pub fn view(self) -> EntityView<'a> {
        read_entity(&mut Reader::new(self.from))
    }

    /// The first byte of the entity, which a read of it starts with: read
    /// ahead of the read, so that its memory is on its way to the cache.
    pub fn first_byte(self) -> u8 {
        self.from.as_bytes().first().copied().unwrap_or(0)
    }
}

/// One entity of a packed extraction.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EntityView<'a> {
    /// Where it was read from.
    pub packed: PackedEntity<'a>,
    pub kind: EntityKind,
    pub name: &'a str,
    pub key: Option<&'a str>,
    aliases: Counted<'a>,
    /// How many aliases there are.
    alias_count: usize,
    mentions: Counted<'a>,
}

impl<'a> EntityView<'a> {
    pub fn aliases(&self) -> impl Iterator<Item = &'a str> + 'a {
        let mut list = self.aliases;
        let name = self.name;
        std::iter::from_fn(move || list.next_with(|reader| reader.name_or_text(name, 0)))
    }

    /// A mention's surface.
    pub fn surface(&self, mention: &MentionView<'a>) -> &'a str {
        match mention.surface {
            Surface::Name(0) => self.name,
            Surface::Name(index) => {
                let alias = self.aliases().nth(index - 1);
                alias.expect("a surface's index names one of the entity's names")
            }
            Surface::Other(text) => text,
        }
    }

    pub fn mentions(&self) -> MentionsView<'a> {
        MentionsView {
            list: self.mentions,
            alias_count: self.alias_count,
        }
    }
}

fn read_entity<'a>(reader: &mut Reader<'a>) -> EntityView<'a> {
    let packed = PackedEntity {
        from: &reader.text[reader.at..],
    };
    let kind = KINDS[usize::from(reader.byte())];
    let name = reader.text();
    let key = match reader.number() {
        0 => None,
        1 => Some(name),
        length => Some(reader.take(length - 2)),
    };
    let aliases = reader.counted();
    let alias_count = aliases.left;
    let mut after_aliases = aliases;
    while after_aliases
        .next_with(|reader| reader.name_or_text(name, 0))
        .is_some()
    {}
    *reader = after_aliases.reader;
    let mention_count = reader.number();
    let mention_bytes = reader.number();
    let mentions = Counted {
        reader: Reader::new(reader.take(mention_bytes)),
        left: mention_count,
    };
    EntityView {
        packed,
        kind,
        name,
        key,
        aliases,
        alias_count,
        mentions,
    }
}

/// An entity's mentions, packed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MentionsView<'a> {
    list: Counted<'a>,
    alias_count: usize,
}

impl<'a> MentionsView<'a> {
    pub fn len(&self) -> usize {
        self.list.left
    }

    /// The first byte of the packed list (0 when there is none): read ahead
    /// of the list itself, so that its memory is on its way to the cache.
    pub fn first_byte(&self) -> u8 {
        let reader = &self.list.reader;
        reader.text.as_bytes().get(reader.at).copied().unwrap_or(0)
    }

    pub fn iter(&self) -> impl Iterator<Item = MentionView<'a>> + 'a {
        let mut list = self.list;
        let alias_count = self.alias_count;
        std::iter::from_fn(move || list.next_with(|reader| read_mention(reader, alias_count)))
    }
}

/// Which text a mention's surface is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Surface<'a> {
    /// The entity's name (0) or one of its aliases (1 for the first): an
    /// index into the name followed by the aliases.
    Name(usize),
    /// A text that is neither.
    Other(&'a str),
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct MentionView<'a> {
    pub span: Span,
    pub sentence: usize,
    pub surface: Surface<'a>,
}

fn read_mention<'a>(reader: &mut Reader<'a>, alias_count: usize) -> MentionView<'a> {
    let span = reader.span();
    let sentence = reader.number();
    let index = reader.number();
    let surface = if index <= alias_count {
        Surface::Name(index)
    } else {
        Surface::Other(reader.text())
    };
    MentionView {
        span,
        sentence,
        surface,
    }
}

/// One statement of a packed extraction.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StatementView<'a> {
    pub speaker: usize,
    pub kind: StatementKind,
    pub cue: &'a str,
    /// The statement's words; [`Self::words`] gives them shared.
    pub text: &'a str,
    pub span: Span,
    pub sentence: usize,
    about: Counted<'a>,
    /// The buffer `text` is a range of, and where in it.
    buffer: &'a ArcStr,
    start: usize,
}

impl<'a> StatementView<'a> {
    /// The entities the statement names, as indices into its extraction's
    /// entities.
    pub fn about(&self) -> impl Iterator<Item = usize> + 'a {
        let mut list = self.about;
        std::iter::from_fn(move || list.next_with(Reader::number))
    }

    /// The statement's words, shared with its extraction (and with every
    /// statement resolved from it).
    pub fn words(&self) -> Words {
        Words::from_buffer(self.buffer, self.start..self.start + self.text.len())
            .unwrap_or_else(|| Words::from(self.text))
    }
}

fn read_statement<'a>(reader: &mut Reader<'a>, buffer: &'a ArcStr) -> StatementView<'a> {
    let speaker = reader.number();
    let kind = STATEMENT_KINDS[usize::from(reader.byte())];
    let cue = reader.text();
    let start = reader.number();
    let range = start..start + reader.number();
    let text = buffer
        .get(range.clone())
        .expect("packed statements' words are ranges of their buffer");
    let span = reader.span();
    let sentence = reader.number();
    let about = reader.counted();
    let mut skip = about;
    while skip.next_with(Reader::number).is_some() {}
    *reader = skip.reader;
    StatementView {
        speaker,
        kind,
        cue,
        text,
        span,
        sentence,
        about,
        buffer,
        start: range.start,
    }
}

fn read_diagnostic<'a>(reader: &mut Reader<'a>) -> (Span, &'a str) {
    (reader.span(), reader.text())
}

/// One relation of a packed extraction.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RelationView<'a> {
    pub source: usize,
    pub predicate: Predicate,
    pub target: usize,
    pub label: Option<&'a str>,
    pub span: Span,
}

fn read_relation<'a>(reader: &mut Reader<'a>) -> RelationView<'a> {
    RelationView {
        source: reader.number(),
        predicate: Predicate::ALL[usize::from(reader.byte())],
        target: reader.number(),
        label: reader.optional_text(),
        span: reader.span(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_extract::{extract, Document};

    fn round_trip(extraction: &Extraction) {
        let packed = PackedExtraction::pack(extraction);
        assert_eq!(&packed.unpack(&extraction.document), extraction);
        for (entity, view) in extraction.entities.iter().zip(packed.view().entities()) {
            for (mention, read) in entity.mentions.iter().zip(view.mentions().iter()) {
                assert_eq!(view.surface(&read), &*mention.surface);
            }
        }
    }

    #[test]
    fn extracted_articles_come_back_unchanged_and_smaller() {
        let text = "Mayor Anna Berg said on Monday that the harbour in Lisbon would reopen. \
                    \"It is safe now,\" Berg told the Lisbon Port Authority (LPA). \
                    Councillor Tomas Reyes met Anna Berg in Porto. Reyes accused the LPA \
                    of delays, according to a statement.";
        let extraction = extract(&Document::new("a.txt", text));
        assert!(!extraction.entities.is_empty());
        assert!(!extraction.statements.is_empty());
        assert!(!extraction.relations.is_empty());
        round_trip(&extraction);
        let packed = PackedExtraction::pack(&extraction);
        let ron = ron::to_string(&extraction).unwrap();
        assert!(
            packed.len() * 3 < ron.len(),
            "{} bytes packed, {} as RON",
            packed.len(),
            ron.len()
        );
    }

    #[test]
    fn statements_put_aside_are_read_back_unchanged() {
        let text = "\"We will rebuild the bridge,\" Mayor Anna Berg said in Lisbon. \
                    Councillor Tomas Reyes said the council had no money for it.";
        let extraction = extract(&Document::new("a.txt", text));
        assert!(extraction.statements.len() >= 2);
        let directory = tempfile::tempdir().expect("a temporary directory");
        let spill = Arc::new(SpillFile::in_directory(directory.path()).expect("a spill file"));
        let packed = PackedExtraction::pack(&extraction);
        let aside = packed.clone().put_aside(&spill).expect("put aside");
        assert!(aside.is_put_aside());
        assert!(aside.packed.len() < packed.packed.len());
        assert!(aside.words.is_empty());
        // Counts, entities and relations are read in place as before.
        let (view, whole_view) = (aside.view(), packed.view());
        assert_eq!(view.statement_count(), extraction.statements.len());
        assert_eq!(view.entity_count(), whole_view.entity_count());
        assert_eq!(view.relation_count(), whole_view.relation_count());
        // Within the bytes of the statements' length, which shrinks.
        assert!(aside.len().abs_diff(packed.len()) <= 2);
        assert!(format!("{aside:?}").contains("statements_put_aside: true"));
        // Read back beside the rest, its statements are those packed.
        let statements_of = |view: PackedView<'_>| -> Vec<(String, Span, Vec<usize>)> {
            view.statements()
                .map(|statement| {
                    let about = statement.about().collect();
                    (statement.words().to_string(), statement.span, about)
                })
                .collect()
        };
        let with_statements = aside.with_statements().expect("read back");
        assert_eq!(
            statements_of(with_statements.view()),
            statements_of(packed.view())
        );
        assert_eq!(
            with_statements.view().entity_count(),
            packed.view().entity_count()
        );
        // Read back whole, it is the extraction packed whole.
        let whole = aside.try_whole().expect("read back");
        assert!(matches!(whole, Cow::Owned(_)));
        assert_eq!(*whole, packed);
        assert_eq!(aside, packed);
        assert_eq!(aside.unpack("a.txt"), extraction);
        // Putting aside twice changes nothing.
        let again = aside.clone().put_aside(&spill).expect("unchanged");
        assert_eq!(again.put_aside.map(|aside| aside.start), Some(0));
        // An extraction without statements is kept as it is.
        let quiet = extract(&Document::new("b.txt", "Anna Berg visited Lisbon."));
        assert!(quiet.statements.is_empty());
        let kept = PackedExtraction::pack(&quiet)
            .put_aside(&spill)
            .expect("kept");
        assert!(!kept.is_put_aside());
        assert!(matches!(kept.try_whole(), Ok(Cow::Borrowed(_))));
    }

    #[test]
    fn odd_values_come_back_unchanged() {
        let alias: Arc<str> = Arc::from("Berg");
        let extraction = Extraction {
            document: "odd.txt".to_string(),
            entities: vec![
                DocEntity {
                    kind: EntityKind::Organization,
                    name: "Å — \"quoted\"".to_string(),
                    key: Some(String::new()),
                    aliases: vec![Arc::clone(&alias), Arc::from("Berg")],
                    mentions: vec![
                        Mention {
                            span: Span::new(usize::MAX - 1, 3),
                            surface: Arc::from("Å — \"quoted\""),
                            sentence: usize::MAX,
                        },
                        Mention {
                            span: Span::new(0, 0),
                            surface: alias,
                            sentence: 0,
                        },
                        Mention {
                            span: Span::new(200, 1 << 40),
                            surface: Arc::from("neither"),
                            sentence: 128,
                        },
                    ],
                },
                DocEntity {
                    kind: EntityKind::Place,
                    name: String::new(),
                    key: None,
                    aliases: Vec::new(),
                    mentions: Vec::new(),
                },
            ],
            statements: vec![Statement {
                speaker: 7,
                kind: StatementKind::Direct,
                cue: Arc::from(""),
                text: Words::from("line\nbreak"),
                span: Span::new(5, 1),
                sentence: 300,
                about: vec![0, 1, 99, usize::MAX],
            }],
            relations: vec![Relation {
                source: 1,
                predicate: Predicate::Opposes,
                target: usize::MAX,
                label: Some("Foreign Minister".to_string()),
                span: Span::new(16_384, 16_383),
            }],
            diagnostics: vec![Diagnostic {
                span: Span::new(1, 2),
                message: "truncated".to_string(),
            }],
        };
        round_trip(&extraction);
        round_trip(&Extraction::default());
        let described = format!("{:?}", PackedExtraction::pack(&extraction));
        assert!(
            described.contains("entities: 2, statements: 1, relations: 1"),
            "{described}"
        );
    }

    #[test]
    fn a_key_or_alias_that_is_the_name_is_not_written_again() {
        let entity = |key: Option<&str>, aliases: &[&str]| Extraction {
            entities: vec![DocEntity {
                kind: EntityKind::Organization,
                name: "Lisbon Port Authority".to_string(),
                key: key.map(str::to_string),
                aliases: aliases.iter().map(|alias| Arc::from(*alias)).collect(),
                mentions: Vec::new(),
            }],
            ..Extraction::default()
        };
        let bare = entity(None, &[]);
        let named = entity(Some("Lisbon Port Authority"), &["Lisbon Port Authority"]);
        let other = entity(Some("Port of Lisbon"), &["LPA", "Lisbon Port Authority"]);
        for extraction in [&bare, &named, &other] {
            round_trip(extraction);
        }
        let size = |extraction: &Extraction| PackedExtraction::pack(extraction).len();
        // A key that is the name takes the byte that no key takes; an alias
        // that is the name, one byte.
        assert_eq!(size(&named), size(&bare) + 1);
        assert!(size(&other) > size(&bare) + "Port of Lisbon".len() + "LPA".len());
        let view = PackedExtraction::pack(&other);
        let read = view.view().entities().next().unwrap();
        assert_eq!(read.key, Some("Port of Lisbon"));
        assert_eq!(
            read.aliases().collect::<Vec<_>>(),
            ["LPA", "Lisbon Port Authority"]
        );
    }

    #[test]
    fn statements_keep_sharing_the_buffer_their_words_were_extracted_into() {
        let text = "Mayor Anna Berg said the port would reopen. \
                    \"It is safe,\" Berg said. Councillor Tomas Reyes said it was not.";
        let extracted = extract(&Document::new("a.txt", text));
        assert!(extracted.statements.len() >= 3, "{extracted:?}");
        let packed = PackedExtraction::pack(&extracted);
        let unpacked = packed.unpack("a.txt");
        assert_eq!(unpacked, extracted);
        for (read, original) in unpacked.statements.iter().zip(&extracted.statements) {
            assert!(read.text.ptr_eq(&original.text));
        }
        // Words that were not extracted together are gathered into one
        // buffer of the packed extraction's own.
        let mut apart = extracted.clone();
        for statement in &mut apart.statements {
            statement.text = Words::from(&*statement.text);
        }
        let unpacked = PackedExtraction::pack(&apart).unpack("a.txt");
        assert_eq!(unpacked, extracted);
        let first = &unpacked.statements[0].text;
        assert!(unpacked.statements.iter().all(|statement| statement
            .text
            .shares_buffer_with(first)
            && !statement
                .text
                .shares_buffer_with(&extracted.statements[0].text)));
    }

    #[test]
    fn every_kind_and_predicate_comes_back() {
        for (index, predicate) in Predicate::ALL.into_iter().enumerate() {
            let extraction = Extraction {
                document: format!("{index}.txt"),
                entities: KINDS
                    .into_iter()
                    .map(|kind| DocEntity {
                        kind,
                        name: kind.as_str().to_string(),
                        key: None,
                        aliases: Vec::new(),
                        mentions: Vec::new(),
                    })
                    .collect(),
                statements: STATEMENT_KINDS
                    .into_iter()
                    .map(|kind| Statement {
                        speaker: 0,
                        kind,
                        cue: Arc::from("said"),
                        text: Words::from("so"),
                        span: Span::new(0, 2),
                        sentence: 0,
                        about: Vec::new(),
                    })
                    .collect(),
                relations: vec![Relation {
                    source: 0,
                    predicate,
                    target: 1,
                    label: None,
                    span: Span::new(0, 1),
                }],
                diagnostics: Vec::new(),
            };
            round_trip(&extraction);
        }
    }

    #[test]
    fn a_view_reads_surfaces_against_the_names() {
        let extraction = extract(&Document::new(
            "a.txt",
            "Mayor Anna Berg said the bridge would open. Berg spoke in Lisbon. \
             The U.S. Department of State (DOS) and the DOS said so.",
        ));
        assert!(extraction
            .entities
            .iter()
            .any(|entity| entity.mentions.iter().any(|m| *m.surface != *entity.name)));
        let packed = PackedExtraction::pack(&extraction);
        for (entity, view) in extraction.entities.iter().zip(packed.view().entities()) {
            let expected: Vec<&str> = entity.mentions.iter().map(|m| &*m.surface).collect();
            let read_again = view.packed.view();
            assert_eq!(
                (read_again.name, read_again.key, read_again.mentions().len()),
                (view.name, view.key, view.mentions().len())
            );
            let read_alone: Vec<&str> = view
                .mentions()
                .iter()
                .map(|mention| view.surface(&mention))
                .collect();
            assert_eq!(read_alone, expected);
            assert_eq!(view.mentions().len(), entity.mentions.len());
        }
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Any text, from a few awkward ones and random ones.
        fn text() -> impl Strategy<Value = String> {
            prop_oneof![
                Just(String::new()),
                Just("Berg".to_string()),
                Just("Å — \"quoted\"\n".to_string()),
                "\\PC{0,12}",
            ]
        }

        fn number() -> impl Strategy<Value = usize> {
            prop_oneof![0usize..70, 0usize..300_000, any::<usize>()]
        }

        fn span() -> impl Strategy<Value = Span> {
            (number(), number()).prop_map(|(start, end)| Span::new(start, end))
        }

        /// An entity whose mentions are written as its name, one of its
        /// aliases, or some other text.
        fn entity() -> impl Strategy<Value = DocEntity> {
            (
                0usize..3,
                text(),
                proptest::option::of(text()),
                proptest::collection::vec(text(), 0..4),
                proptest::collection::vec((span(), 0usize..6, text(), number()), 0..5),
            )
                .prop_map(|(kind, name, key, aliases, mentions)| {
                    let aliases: Vec<Arc<str>> = aliases.into_iter().map(Arc::from).collect();
                    let mentions = mentions
                        .into_iter()
                        .map(|(span, written_as, other, sentence)| Mention {
                            span,
                            surface: match aliases.get(written_as) {
                                Some(alias) => Arc::clone(alias),
                                None if written_as == 4 => Arc::from(name.as_str()),
                                None => Arc::from(other),
                            },
                            sentence,
                        })
                        .collect();
                    DocEntity {
                        kind: KINDS[kind],
                        name,
                        key,
                        aliases,
                        mentions,
                    }
                })
        }

        fn statement() -> impl Strategy<Value = Statement> {
            (
                number(),
                any::<bool>(),
                text(),
                text(),
                span(),
                number(),
                proptest::collection::vec(number(), 0..4),
            )
                .prop_map(|(speaker, direct, cue, text, span, sentence, about)| {
                    Statement {
                        speaker,
                        kind: STATEMENT_KINDS[usize::from(direct)],
                        cue: Arc::from(cue),
                        text: Words::from(text),
                        span,
                        sentence,
                        about,
                    }
                })
        }

        fn relation() -> impl Strategy<Value = Relation> {
            (
                number(),
                0usize..Predicate::ALL.len(),
                number(),
                proptest::option::of(text()),
                span(),
            )
                .prop_map(|(source, predicate, target, label, span)| Relation {
                    source,
                    predicate: Predicate::ALL[predicate],
                    target,
                    label,
                    span,
                })
        }

        fn extraction() -> impl Strategy<Value = Extraction> {
            (
                text(),
                proptest::collection::vec(entity(), 0..5),
                proptest::collection::vec(statement(), 0..4),
                proptest::collection::vec(relation(), 0..4),
                proptest::collection::vec((span(), text()), 0..3),
            )
                .prop_map(
                    |(document, entities, statements, relations, diagnostics)| Extraction {
                        document,
                        entities,
                        statements,
                        relations,
                        diagnostics: diagnostics
                            .into_iter()
                            .map(|(span, message)| Diagnostic { span, message })
                            .collect(),
                    },
                )
        }

        proptest! {
            #[test]
            fn any_extraction_comes_back_unchanged(extraction in extraction()) {
                round_trip(&extraction);
                let packed = PackedExtraction::pack(&extraction);
                let view = packed.view();
                prop_assert_eq!(view.entity_count(), extraction.entities.len());
                prop_assert_eq!(view.statement_count(), extraction.statements.len());
                prop_assert_eq!(view.relation_count(), extraction.relations.len());
            }
        }
    }
}
