//! The saved graph's elements printed as RON, by hand.
//!
//! A graph file is the saved graph as `ron`'s pretty printer lays it out
//! with a depth limit of two and no separator (see `write.rs`): each list
//! element on a line of its own, no space after a colon or comma. This
//! module prints one list element of each kind in exactly that layout,
//! already indented to its place in the file, straight from
//! the fields: no serializer in between, numbers written from a table of
//! digit pairs and strings copied whole when, as most are, they need no
//! escapes. The printers take their types apart field by field, so a
//! field added to a type does not compile until it is printed, and the
//! tests compare every printer's output with `ron`'s, byte for byte, on
//! awkward values.

use newsgraph_extract::{Extraction, Span};

use crate::packed::{EntityView, PackedExtraction, PackedView, RelationView, StatementView};

use crate::{Entity, Evidence, MergeRecord, Relation, Statement};

/// A value that is printed as one element of a list of the saved graph.
pub(crate) trait RonElement {
    /// Appends the element's lines to `out`, ending with the list's comma
    /// and a line break.
    fn print_element(&self, out: &mut Vec<u8>);
}

/// The start of a list element's line: the element is two levels deep.
const ELEMENT_INDENT: &[u8] = b"        ";

/// An element's first field: its name and colon.
macro_rules! first_field {
    ($name:literal) => {
        concat!($name, ":").as_bytes()
    };
}

/// An element's next field: the comma after the field before it, its name
/// and colon.
macro_rules! field {
    ($name:literal) => {
        concat!(",", $name, ":").as_bytes()
    };
}

/// Opens an element: its indentation and parenthesis.
fn open_element(out: &mut Vec<u8>) {
    out.extend_from_slice(ELEMENT_INDENT);
    out.push(b'(');
}

/// Closes an element opened with [`open_element`], and its line.
fn close_element(out: &mut Vec<u8>) {
    out.extend_from_slice(b"),\n");
}

/// A field: `name` (from [`first_field!`] or [`field!`]) and the value as
/// `push_value` prints it.
fn push_field(out: &mut Vec<u8>, name: &[u8], push_value: impl FnOnce(&mut Vec<u8>)) {
    out.extend_from_slice(name);
    push_value(out);
}

/// A unit variant's name, as it is.
fn push_word(out: &mut Vec<u8>, word: &str) {
    out.extend_from_slice(word.as_bytes());
}

#[inline]
fn push_number(out: &mut Vec<u8>, value: usize) {
    push_decimal(out, value as u64);
}

fn push_strings(out: &mut Vec<u8>, strings: &[impl AsRef<str>]) {
    push_each(out, strings.iter(), |out, string| {
        push_string(out, string.as_ref())
    });
}

/// `Some("text")` or `None`.
fn push_optional_string(out: &mut Vec<u8>, text: Option<&str>) {
    match text {
        Some(text) => {
            out.extend_from_slice(b"Some(");
            push_string(out, text);
            out.push(b')');
        }
        None => out.extend_from_slice(b"None"),
    }
}

/// `(start:1,end:2)`.
fn push_span(out: &mut Vec<u8>, span: Span) {
    let Span { start, end } = span;
    out.extend_from_slice(b"(start:");
    push_number(out, start);
    out.extend_from_slice(b",end:");
    push_number(out, end);
    out.push(b')');
}

fn push_evidence(out: &mut Vec<u8>, evidence: &Evidence) {
    let Evidence {
        document,
        start,
        end,
    } = evidence;
    out.extend_from_slice(b"(document:");
    push_string(out, document);
    out.extend_from_slice(b",start:");
    push_number(out, *start as usize);
    out.extend_from_slice(b",end:");
    push_number(out, *end as usize);
    out.push(b')');
}

fn push_evidence_list(out: &mut Vec<u8>, evidence: &[Evidence]) {
    push_each(out, evidence.iter(), push_evidence);
}

impl RonElement for String {
    fn print_element(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(ELEMENT_INDENT);
        push_string(out, self);
        out.extend_from_slice(b",\n");
    }
}

impl RonElement for Entity {
    fn print_element(&self, out: &mut Vec<u8>) {
        let Entity {
            id,
            kind,
            name,
            aliases,
            keys,
            mentions,
        } = self;
        open_element(out);
        push_field(out, first_field!("id"), |out| push_string(out, id));
        push_field(out, field!("kind"), |out| push_word(out, kind.as_str()));
        push_field(out, field!("name"), |out| push_string(out, name));
        push_field(out, field!("aliases"), |out| push_strings(out, aliases));
        push_field(out, field!("keys"), |out| push_strings(out, keys));
        push_field(out, field!("mentions"), |out| {
            push_evidence_list(out, mentions)
        });
        close_element(out);
    }
}

impl RonElement for Statement {
    fn print_element(&self, out: &mut Vec<u8>) {
        let Statement {
            id,
            speaker,
            kind,
            cue,
            text,
            evidence,
            about,
        } = self;
        open_element(out);
        push_field(out, first_field!("id"), |out| {
            id.with_text(|id| push_string(out, id))
        });
        push_field(out, field!("speaker"), |out| push_string(out, speaker));
        push_field(out, field!("kind"), |out| push_word(out, kind.as_str()));
        push_field(out, field!("cue"), |out| push_string(out, cue));
        push_field(out, field!("text"), |out| push_string(out, text));
        push_field(out, field!("evidence"), |out| push_evidence(out, evidence));
        push_field(out, field!("about"), |out| push_strings(out, about));
        close_element(out);
    }
}

impl RonElement for Relation {
    fn print_element(&self, out: &mut Vec<u8>) {
        let Relation {
            source,
            predicate,
            target,
            label,
            evidence,
        } = self;
        open_element(out);
        push_field(out, first_field!("source"), |out| push_string(out, source));
        push_field(out, field!("predicate"), |out| {
            push_word(out, predicate.as_str())
        });
        push_field(out, field!("target"), |out| push_string(out, target));
        push_field(out, field!("label"), |out| {
            push_optional_string(out, label.as_deref())
        });
        push_field(out, field!("evidence"), |out| {
            push_evidence_list(out, evidence)
        });
        close_element(out);
    }
}

impl RonElement for MergeRecord {
    fn print_element(&self, out: &mut Vec<u8>) {
        let MergeRecord {
            entity,
            alias,
            rule,
        } = self;
        open_element(out);
        push_field(out, first_field!("entity"), |out| push_string(out, entity));
        push_field(out, field!("alias"), |out| push_string(out, alias));
        push_field(out, field!("rule"), |out| push_string(out, rule));
        close_element(out);
    }
}

impl<T: RonElement> RonElement for &T {
    fn print_element(&self, out: &mut Vec<u8>) {
        (**self).print_element(out);
    }
}

impl RonElement for Extraction {
    /// Printed from its packed form, which the graph keeps its extractions
    /// in: one printer for both.
    fn print_element(&self, out: &mut Vec<u8>) {
        print_packed_extraction(out, &self.document, PackedExtraction::pack(self).view());
    }
}

/// An element of the extractions list, whose printing fails when its
/// statements were put aside and cannot be read back.
pub(crate) trait ExtractionElement {
    fn try_print_element(&self, out: &mut Vec<u8>) -> std::io::Result<()>;
}

impl ExtractionElement for Extraction {
    fn try_print_element(&self, out: &mut Vec<u8>) -> std::io::Result<()> {
        self.print_element(out);
        Ok(())
    }
}

impl<T: ExtractionElement> ExtractionElement for &T {
    fn try_print_element(&self, out: &mut Vec<u8>) -> std::io::Result<()> {
        (**self).try_print_element(out)
    }
}

/// An extraction, read in place from its packed form, printed as the
/// extraction it is.
pub(crate) fn print_packed_extraction(out: &mut Vec<u8>, document: &str, extraction: PackedView) {
    open_element(out);
    push_field(out, first_field!("document"), |out| {
        push_string(out, document)
    });
    push_field(out, field!("entities"), |out| {
        push_each(out, extraction.entities(), push_document_entity)
    });
    push_field(out, field!("statements"), |out| {
        push_each(out, extraction.statements(), push_extracted_statement)
    });
    push_field(out, field!("relations"), |out| {
        push_each(out, extraction.relations(), push_extracted_relation)
    });
    push_field(out, field!("diagnostics"), |out| {
        push_each(out, extraction.diagnostics(), push_diagnostic)
    });
    close_element(out);
}

/// `[a,b,c]`, each item as `push_item` prints it.
fn push_each<T>(
    out: &mut Vec<u8>,
    items: impl Iterator<Item = T>,
    mut push_item: impl FnMut(&mut Vec<u8>, T),
) {
    out.push(b'[');
    for (index, item) in items.enumerate() {
        if index > 0 {
            out.extend_from_slice(b",");
        }
        push_item(out, item);
    }
    out.push(b']');
}

fn push_document_entity(out: &mut Vec<u8>, entity: EntityView) {
    out.extend_from_slice(b"(kind:");
    push_word(out, entity.kind.as_str());
    out.extend_from_slice(b",name:");
    push_string(out, entity.name);
    out.extend_from_slice(b",key:");
    push_optional_string(out, entity.key);
    out.extend_from_slice(b",aliases:");
    push_each(out, entity.aliases(), push_string);
    out.extend_from_slice(b",mentions:");
    push_each(out, entity.mentions().iter(), |out, mention| {
        out.extend_from_slice(b"(span:");
        push_span(out, mention.span);
        out.extend_from_slice(b",surface:");
        push_string(out, entity.surface(&mention));
        out.extend_from_slice(b",sentence:");
        push_number(out, mention.sentence);
        out.push(b')');
    });
    out.push(b')');
}

fn push_extracted_statement(out: &mut Vec<u8>, statement: StatementView) {
    out.extend_from_slice(b"(speaker:");
    push_number(out, statement.speaker);
    out.extend_from_slice(b",kind:");
    push_word(out, statement.kind.as_str());
    out.extend_from_slice(b",cue:");
    push_string(out, statement.cue);
    out.extend_from_slice(b",text:");
    push_string(out, statement.text);
    out.extend_from_slice(b",span:");
    push_span(out, statement.span);
    out.extend_from_slice(b",sentence:");
    push_number(out, statement.sentence);
    out.extend_from_slice(b",about:");
    push_each(out, statement.about(), push_number);
    out.push(b')');
}

fn push_extracted_relation(out: &mut Vec<u8>, relation: RelationView) {
    out.extend_from_slice(b"(source:");
    push_number(out, relation.source);
    out.extend_from_slice(b",predicate:");
    push_word(out, relation.predicate.as_str());
    out.extend_from_slice(b",target:");
    push_number(out, relation.target);
    out.extend_from_slice(b",label:");
    push_optional_string(out, relation.label);
    out.extend_from_slice(b",span:");
    push_span(out, relation.span);
    out.push(b')');
}

fn push_diagnostic(out: &mut Vec<u8>, (span, message): (Span, &str)) {
    out.extend_from_slice(b"(span:");
    push_span(out, span);
    out.extend_from_slice(b",message:");
    push_string(out, message);
    out.push(b')');
}

/// Writes `value` in decimal, as RON and JSON print it. The offsets and
/// indices a graph is full of mostly have four digits or fewer, and
/// hardly ever more than eight: such a number is written as one copy of a
/// known length, the leading zeros dropped after it, rather than through a
/// buffer and a call.
#[inline(always)]
pub fn push_decimal(out: &mut Vec<u8>, value: u64) {
    if value < 10 {
        out.push(b'0' + value as u8);
    } else if value < 100 {
        out.extend_from_slice(&DIGIT_PAIRS[value as usize]);
    } else if value < 10_000 {
        let [a, b] = DIGIT_PAIRS[value as usize / 100];
        let [c, d] = DIGIT_PAIRS[value as usize % 100];
        let leading_zeros = usize::from(value < 1_000);
        let digits = u32::from_le_bytes([a, b, c, d]) >> (8 * leading_zeros);
        let kept = out.len() + 4 - leading_zeros;
        out.extend_from_slice(&digits.to_le_bytes());
        out.truncate(kept);
    } else if value < 100_000_000 {
        let (high, low) = ((value / 10_000) as usize, (value % 10_000) as usize);
        let [a, b] = DIGIT_PAIRS[high / 100];
        let [c, d] = DIGIT_PAIRS[high % 100];
        let [e, f] = DIGIT_PAIRS[low / 100];
        let [g, h] = DIGIT_PAIRS[low % 100];
        let leading_zeros = [100_000, 1_000_000, 10_000_000]
            .iter()
            .filter(|power| value < **power)
            .count();
        let digits = u64::from_le_bytes([a, b, c, d, e, f, g, h]) >> (8 * leading_zeros);
        let kept = out.len() + 8 - leading_zeros;
        out.extend_from_slice(&digits.to_le_bytes());
        out.truncate(kept);
    } else {
        out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
    }
}

/// The decimal digits of every number below 100, two for each.
const DIGIT_PAIRS: [[u8; 2]; 100] = {
    let mut pairs = [[0; 2]; 100];
    let mut number = 0;
    while number < 100 {
        pairs[number] = [b'0' + (number / 10) as u8, b'0' + (number % 10) as u8];
        number += 1;
    }
    pairs
};

/// Whether `ron` writes a byte of a string as it is: printable ASCII other
/// than the quotes and the backslash.
const fn is_plain_byte(byte: u8) -> bool {
    matches!(byte, b' '..=b'~') && !matches!(byte, b'"' | b'\'' | b'\\')
}

/// [`is_plain_byte`] for every byte value, to test a byte with one load.
const PLAIN_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = is_plain_byte(byte as u8);
        byte += 1;
    }
    table
};

/// Marks the bytes of `word` (eight bytes, the first in the lowest bits)
/// that are not plain ([`is_plain_byte`]) with their high bit. A byte
/// after a marked one may be marked too though plain, but the first marked
/// byte is always the first that is not plain, and a word with no mark is
/// all plain: eight bytes tested at once.
const fn not_plain_marks(word: u64) -> u64 {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH_BITS: u64 = u64::from_ne_bytes([0x80; 8]);
    /// Marks the zero bytes of `word` (and maybe bytes after them).
    const fn zero_bytes(word: u64) -> u64 {
        word.wrapping_sub(ONES) & !word & HIGH_BITS
    }
    // Below a space: control characters. Subtracting borrows only from a
    // byte below 0x20, which is marked.
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGH_BITS;
    // From 0x7f up: DEL and the bytes of non-ASCII characters. Adding
    // carries only out of a byte 0xff, which is marked.
    let high = (word.wrapping_add(ONES) | word) & HIGH_BITS;
    let quote = zero_bytes(word ^ (ONES * b'"' as u64));
    let apostrophe = zero_bytes(word ^ (ONES * b'\'' as u64));
    let backslash = zero_bytes(word ^ (ONES * b'\\' as u64));
    control | high | quote | apostrophe | backslash
}

/// The eight bytes of `chunk` as a word, the first in the lowest bits.
fn word(chunk: &[u8]) -> u64 {
    u64::from_le_bytes(chunk.try_into().unwrap_or_default())
}

/// Writes `bytes`, of 8 to 16 bytes, quoted if they are all plain, and
/// tells whether it did: as two copies of eight bytes, the second over the
/// end of the first, rather than a call. Most ids and names in a graph are
/// this long.
fn write_short_plain(out: &mut Vec<u8>, bytes: &[u8]) -> bool {
    let (Some(first), Some(last_start)) = (bytes.get(..8), bytes.len().checked_sub(8)) else {
        return false;
    };
    if bytes.len() > 16 {
        return false;
    }
    let (first, last) = (word(first), word(&bytes[last_start..]));
    if not_plain_marks(first) | not_plain_marks(last) != 0 {
        return false;
    }
    out.reserve(18);
    out.push(b'"');
    let start = out.len();
    out.extend_from_slice(&first.to_le_bytes());
    out.truncate(start + last_start);
    out.extend_from_slice(&last.to_le_bytes());
    out.push(b'"');
    true
}

/// Whether every byte of `bytes` is plain ([`is_plain_byte`]), tested
/// eight at a time when there are eight.
fn all_plain(bytes: &[u8]) -> bool {
    let Some(last_start) = bytes.len().checked_sub(8) else {
        return bytes.iter().all(|byte| PLAIN_BYTES[usize::from(*byte)]);
    };
    let mut chunks = bytes.chunks_exact(8);
    let mut marks = 0;
    for chunk in &mut chunks {
        marks |= not_plain_marks(word(chunk));
    }
    // The last eight bytes hold any left over.
    marks |= not_plain_marks(word(&bytes[last_start..]));
    marks == 0
}

/// Writes `text` quoted, every character escaped as `char::escape_debug`
/// escapes it, which is what `ron` does. A text that needs no escapes, as
/// most do, is found so eight bytes at a time and copied at once; in
/// others, runs of plain ASCII bytes are copied at once and only the other
/// characters decoded.
pub(crate) fn push_string(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    if write_short_plain(out, bytes) {
        return;
    }
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    if all_plain(bytes) {
        out.extend_from_slice(bytes);
        out.push(b'"');
        return;
    }
    let mut plain_from = 0;
    let mut index = 0;
    while index < bytes.len() {
        if PLAIN_BYTES[usize::from(bytes[index])] {
            index += 1;
            continue;
        }
        out.extend_from_slice(&bytes[plain_from..index]);
        // `index` is at a character boundary: every byte before it was
        // ASCII or a whole character.
        let character = text[index..].chars().next().unwrap_or_default();
        let mut scalar = [0u8; 4];
        for escaped in character.escape_debug() {
            out.extend_from_slice(escaped.encode_utf8(&mut scalar).as_bytes());
        }
        index += character.len_utf8();
        plain_from = index;
    }
    out.extend_from_slice(&bytes[plain_from..]);
    out.push(b'"');
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::SavedGraph;
    use newsgraph_extract::{
        Diagnostic, DocEntity, EntityKind, Mention, Predicate, Relation as ExtractedRelation,
        Statement as ExtractedStatement, StatementKind,
    };
    use serde::Serialize;

    /// Strings that exercise every escape: quotes, backslashes, control
    /// characters, line breaks, non-ASCII letters, combining marks,
    /// invisible characters and emoji.
    const AWKWARD: &[&str] = &[
        "",
        "plain text",
        "\"quoted\" and 'single' \\ backslash",
        "tab\there\r\nnew line\u{0}nul\u{7f}del\u{1b}esc",
        "Zürich — «guillemets» … ‘curly’ “quotes”",
        "e\u{301} combining at start: \u{301}x",
        "zero\u{200b}width\u{feff}bom\u{2028}separator",
        "emoji 🙂 and CJK 北京",
    ];

    /// What `ron` prints for `value` as an element of a graph's list (two
    /// levels deep in the file, and so on one line).
    fn element_by_ron(value: &impl Serialize) -> String {
        let layout = ron::ser::PrettyConfig::default()
            .depth_limit(0)
            .separator(String::new());
        let text = ron::ser::to_string_pretty(value, layout).unwrap();
        assert!(!text.contains('\n'), "{text}");
        format!("        {text},\n")
    }

    fn element(value: &impl RonElement) -> String {
        let mut out = Vec::new();
        value.print_element(&mut out);
        String::from_utf8(out).unwrap()
    }

    fn string(text: &str) -> String {
        let mut out = Vec::new();
        push_string(&mut out, text);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_strings_as_ron_does() {
        for text in AWKWARD {
            assert_eq!(string(text), ron::to_string(text).unwrap());
        }
        for length in 0..40 {
            let plain: String = "abcdefghijklmnopqrstuvwxyz0123456789-: ABC"[..length].to_string();
            let odd = format!("{plain}\"");
            for text in [plain, odd] {
                assert_eq!(string(&text), ron::to_string(&text).unwrap());
            }
        }
        for at in 0..20 {
            for odd in ["\"", "'", "\\", "\n", "\u{7f}", "é", "🙂", "\u{200b}"] {
                let text = format!("{}{odd}{}", "a".repeat(at), "b~ ".repeat(7));
                assert_eq!(string(&text), ron::to_string(&text).unwrap());
            }
        }
        let every_character: String = (0..0x3000u32)
            .filter_map(char::from_u32)
            .chain(['\u{1f600}', '\u{e0001}', '\u{10ffff}'])
            .collect();
        assert_eq!(
            string(&every_character),
            ron::to_string(&every_character).unwrap()
        );
    }

    #[test]
    fn eight_bytes_are_plain_exactly_when_each_is() {
        let mut words: Vec<[u8; 8]> = (0..=255u8)
            .flat_map(|byte| {
                (0..8).flat_map(move |at| {
                    [b'a', b'~', 0xff, 0x00, b'"'].map(|fill| {
                        let mut word = [fill; 8];
                        word[at] = byte;
                        word
                    })
                })
            })
            .collect();
        words.push(*b"plain ok");
        words.push(*b"\xff\xff\xff\xff\xff\xff\xff\xff");
        for word in words {
            let marks = not_plain_marks(u64::from_le_bytes(word));
            let first_not_plain = word.iter().position(|byte| !is_plain_byte(*byte));
            let first_marked = (marks != 0).then(|| (marks.trailing_zeros() / 8) as usize);
            assert_eq!(first_marked, first_not_plain, "{word:?}");
        }
    }

    #[test]
    fn prints_integers_as_ron_does() {
        let unsigned = (0..20_000u64)
            .chain((0..64).map(|bits| 1u64 << bits))
            .chain((1..20).flat_map(|digits| {
                let power = 10u64.pow(digits);
                [power - 1, power, power + 1, power.saturating_mul(5)]
            }))
            .chain([u64::MAX]);
        for value in unsigned {
            let mut out = b"x".to_vec();
            push_decimal(&mut out, value);
            assert_eq!(
                out,
                format!("x{}", ron::to_string(&value).unwrap()).as_bytes()
            );
        }
    }

    fn awkward(index: usize) -> &'static str {
        AWKWARD[index % AWKWARD.len()]
    }

    fn evidence(index: usize) -> Evidence {
        Evidence::new(
            awkward(index),
            Span::new(index * 977, index * 977 + 12_345_678),
        )
    }

    /// A graph holding every kind of element, with awkward strings in
    /// every string field, options both ways and lists of every length up
    /// to a few; not a consistent graph, only elements to print and read.
    pub(crate) fn awkward_graph() -> SavedGraph {
        let mut graph = SavedGraph::default();
        for index in 0..AWKWARD.len() * 2 {
            let some = |text: &str| (index % 2 == 0).then(|| text.to_string());
            let many = |count: usize| (0..count).map(|offset| awkward(index + offset));
            let kind = [
                EntityKind::Person,
                EntityKind::Place,
                EntityKind::Organization,
            ][index % 3];
            graph.documents.push(awkward(index).to_string());
            graph.entities.push(Entity {
                id: awkward(index).into(),
                kind,
                name: awkward(index + 1).to_string(),
                aliases: many(index % 3).map(str::to_string).collect(),
                keys: many(index % 2).map(str::to_string).collect(),
                mentions: (0..index % 4).map(evidence).collect(),
            });
            graph.statements.push(Statement {
                id: awkward(index + 2).into(),
                speaker: awkward(index).into(),
                kind: [StatementKind::Direct, StatementKind::Reported][index % 2],
                cue: awkward(index + 3).into(),
                text: awkward(index + 4).into(),
                evidence: evidence(index),
                about: many(index % 3).map(Into::into).collect(),
            });
            graph.relations.push(Relation {
                source: awkward(index).into(),
                predicate: Predicate::ALL[index % Predicate::ALL.len()],
                target: awkward(index + 5).into(),
                label: some(awkward(index + 1)).map(String::into_boxed_str),
                evidence: (0..index % 3).map(evidence).collect(),
            });
            graph.merges.push(MergeRecord {
                entity: awkward(index).into(),
                alias: awkward(index + 1).to_string(),
                rule: awkward(index + 2).to_string(),
            });
            graph.extractions.push(Extraction {
                document: awkward(index).to_string(),
                entities: (0..index % 3)
                    .map(|offset| DocEntity {
                        kind,
                        name: awkward(index + offset).to_string(),
                        key: some(awkward(offset)),
                        aliases: many(offset).map(Into::into).collect(),
                        mentions: (0..offset + index % 2)
                            .map(|number| Mention {
                                span: Span::new(number, number * 100_003),
                                surface: awkward(number).into(),
                                sentence: number * 7,
                            })
                            .collect(),
                    })
                    .collect(),
                statements: (0..index % 3)
                    .map(|offset| ExtractedStatement {
                        speaker: offset,
                        kind: [StatementKind::Direct, StatementKind::Reported][offset % 2],
                        cue: awkward(offset + 1).into(),
                        text: awkward(index + offset).into(),
                        span: Span::new(offset, offset + 99),
                        sentence: offset,
                        about: (0..offset).collect(),
                    })
                    .collect(),
                relations: (0..index % 3)
                    .map(|offset| ExtractedRelation {
                        source: offset,
                        predicate: Predicate::ALL[(index + offset) % Predicate::ALL.len()],
                        target: offset + 1,
                        label: (offset % 2 == 1).then(|| awkward(index).to_string()),
                        span: Span::new(offset * 10, offset * 10_000),
                    })
                    .collect(),
                diagnostics: (0..index % 2)
                    .map(|offset| Diagnostic {
                        span: Span::new(offset, offset + 1),
                        message: awkward(index + offset).to_string(),
                    })
                    .collect(),
            });
        }
        graph
    }

    #[test]
    fn every_element_prints_as_ron_prints_it() {
        let graph = awkward_graph();
        for document in &graph.documents {
            assert_eq!(element(document), element_by_ron(document));
        }
        for entity in &graph.entities {
            assert_eq!(element(entity), element_by_ron(entity));
        }
        for statement in &graph.statements {
            assert_eq!(element(statement), element_by_ron(statement));
        }
        for relation in &graph.relations {
            assert_eq!(element(relation), element_by_ron(relation));
        }
        for merge in &graph.merges {
            assert_eq!(element(merge), element_by_ron(merge));
        }
        for extraction in &graph.extractions {
            assert_eq!(element(&extraction), element_by_ron(extraction));
        }
    }
}
