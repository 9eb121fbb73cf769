//! A statement's id, `stmt:<document>:<start>` (and `-<end>` after it for a
//! statement that shares its start with the one before it), held as the
//! document id and offsets it is spelled from rather than as text.
//!
//! A graph of a million articles holds twenty million statements; their
//! ids as strings took 0.7 GB, and every part of them is already in the
//! statement's evidence. An id read from a file that is not spelled from
//! its statement's evidence is kept as the text it was read as.

use std::cell::RefCell;
use std::fmt;
use std::num::NonZeroU32;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{DocumentId, Evidence};

/// A statement's id. It prints, compares and serializes as its text.
#[derive(Clone)]
pub struct StatementId(Repr);

#[derive(Clone)]
enum Repr {
    /// `stmt:<document>:<start>`, and `-<end>` when there is an end (an
    /// end of 0 is held as text).
    Spelled {
        document: DocumentId,
        start: u32,
        end: Option<NonZeroU32>,
    },
    /// Any other id, as read; `None` for the empty id. Boxed twice, so
    /// that an id is two words rather than three: such ids are rare, and
    /// a graph holds tens of millions of spelled ones.
    Text(Option<Box<Box<str>>>),
}

impl Repr {
    /// Any text as an id, kept as it is.
    fn text(id: impl Into<Box<str>>) -> Self {
        let id: Box<str> = id.into();
        Repr::Text((!id.is_empty()).then(|| Box::new(id)))
    }
}

/// The text of an id held as text.
fn held_text(text: &Option<Box<Box<str>>>) -> &str {
    text.as_deref().map_or("", |text| text)
}

impl StatementId {
    /// The id of a statement with `evidence`: `stmt:<document>:<start>`,
    /// followed by `-<end>` when `with_end` (a statement that shares its
    /// start with the one before it in saved order).
    pub fn new(evidence: &Evidence, with_end: bool) -> Self {
        let end = match with_end.then(|| NonZeroU32::new(evidence.end)) {
            None => None,
            Some(Some(end)) => Some(end),
            Some(None) => {
                return StatementId(Repr::text(format!(
                    "stmt:{}:{}-0",
                    evidence.document, evidence.start
                )))
            }
        };
        StatementId(Repr::Spelled {
            document: evidence.document.clone(),
            start: evidence.start,
            end,
        })
    }

    /// `id` as read for a statement with `evidence`: held as the evidence's
    /// parts when it is spelled from them, else as its text.
    pub(crate) fn read(id: String, evidence: &Evidence) -> Self {
        match spelled_offsets(&id, &evidence.document) {
            Some((start, end))
                if start == evidence.start && end.is_none_or(|end| end == evidence.end) =>
            {
                StatementId::new(evidence, end.is_some())
            }
            _ => StatementId::from(id),
        }
    }

    /// The length of the id's text in bytes.
    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Spelled {
                document,
                start,
                end,
            } => {
                let end_length = end.map_or(0, |end| "-".len() + digit_count(end.get()));
                "stmt:".len() + document.len() + ":".len() + digit_count(*start) + end_length
            }
            Repr::Text(text) => held_text(text).len(),
        }
    }

    /// Whether the id's text is empty, as only an id given as empty text
    /// (or the default) is.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Appends the id's text to `out`.
    pub fn push_to(&self, out: &mut String) {
        match &self.0 {
            Repr::Spelled {
                document,
                start,
                end,
            } => {
                // Piece by piece rather than through `fmt`: the writers
                // spell an id for every statement.
                out.push_str("stmt:");
                out.push_str(document);
                out.push(':');
                out.push_str(itoa::Buffer::new().format(*start));
                if let Some(end) = end {
                    out.push('-');
                    out.push_str(itoa::Buffer::new().format(end.get()));
                }
            }
            Repr::Text(text) => out.push_str(held_text(text)),
        }
    }

    /// Calls `use_text` with the id's text, made in a buffer of this
    /// thread's that is used again for the next id: the writers print an
    /// id for every statement, and allocate for none of them.
    pub fn with_text<R>(&self, use_text: impl FnOnce(&str) -> R) -> R {
        thread_local! {
            static SPELLING: RefCell<String> = const { RefCell::new(String::new()) };
        }
        match &self.0 {
            Repr::Spelled { .. } => SPELLING.with(|spelling| {
                // Taken out while in use, so that `use_text` may spell
                // another id.
                let mut text = spelling.take();
                text.clear();
                self.push_to(&mut text);
                let result = use_text(&text);
                spelling.replace(text);
                result
            }),
            Repr::Text(text) => use_text(held_text(text)),
        }
    }

    /// Whether the id's text is `text`, without making it.
    fn spells(&self, text: &str) -> bool {
        match &self.0 {
            Repr::Spelled {
                document,
                start,
                end,
            } => spelled_offsets(text, document) == Some((*start, end.map(NonZeroU32::get))),
            Repr::Text(own) => held_text(own) == text,
        }
    }
}

/// The start (and end) an id spelled for `document` names:
/// `stmt:<document>:<start>` or `stmt:<document>:<start>-<end>`, the
/// numbers written as they are printed; `None` for any other text.
fn spelled_offsets(text: &str, document: &str) -> Option<(u32, Option<u32>)> {
    let offsets = text
        .strip_prefix("stmt:")?
        .strip_prefix(document)?
        .strip_prefix(':')?;
    match offsets.split_once('-') {
        Some((start, end)) => Some((printed_number(start)?, Some(printed_number(end)?))),
        None => Some((printed_number(offsets)?, None)),
    }
}

/// The number `digits` spells, if it is spelled as numbers are printed:
/// decimal digits, with no leading zero.
fn printed_number(digits: &str) -> Option<u32> {
    let canonical = digits.bytes().all(|byte| byte.is_ascii_digit())
        && !(digits.len() > 1 && digits.starts_with('0'));
    if canonical {
        digits.parse().ok()
    } else {
        None
    }
}

/// How many decimal digits `number` is printed with.
fn digit_count(number: u32) -> usize {
    number.checked_ilog10().map_or(1, |log| log as usize + 1)
}

impl fmt::Display for StatementId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.with_text(|text| formatter.write_str(text))
    }
}

impl fmt::Debug for StatementId {
    /// As the `str` of its text.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_string(), formatter)
    }
}

/// Equal when the texts are.
impl PartialEq for StatementId {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            // The text after the last colon is digits (and a dash), so two
            // spelled ids have the same text only when their parts are the
            // same.
            (
                Repr::Spelled {
                    document,
                    start,
                    end,
                },
                Repr::Spelled {
                    document: other_document,
                    start: other_start,
                    end: other_end,
                },
            ) => (start, end) == (other_start, other_end) && document == other_document,
            (Repr::Text(text), _) => other.spells(held_text(text)),
            (_, Repr::Text(text)) => self.spells(held_text(text)),
        }
    }
}

impl Eq for StatementId {}

impl PartialEq<str> for StatementId {
    fn eq(&self, other: &str) -> bool {
        self.spells(other)
    }
}

impl PartialEq<&str> for StatementId {
    fn eq(&self, other: &&str) -> bool {
        self.spells(other)
    }
}

impl PartialEq<String> for StatementId {
    fn eq(&self, other: &String) -> bool {
        self.spells(other)
    }
}

/// The empty id, which holds no text.
impl Default for StatementId {
    fn default() -> Self {
        StatementId(Repr::Text(None))
    }
}

/// Any text as an id, kept as it is.
impl From<&str> for StatementId {
    fn from(id: &str) -> Self {
        StatementId(Repr::text(id))
    }
}

impl From<String> for StatementId {
    fn from(id: String) -> Self {
        StatementId(Repr::text(id))
    }
}

impl Serialize for StatementId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Repr::Spelled { .. } => serializer.collect_str(self),
            Repr::Text(text) => serializer.serialize_str(held_text(text)),
        }
    }
}

/// Read as text; the graph's own reader holds an id spelled from its
/// statement's evidence as the evidence's parts instead.
impl<'de> Deserialize<'de> for StatementId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(StatementId::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_extract::Span;

    fn evidence(document: &str, start: usize, end: usize) -> Evidence {
        Evidence::new(document, Span::new(start, end))
    }

    #[test]
    fn is_two_words_wide() {
        assert_eq!(std::mem::size_of::<StatementId>(), 16);
    }

    #[test]
    fn an_end_of_zero_and_the_empty_id_are_spelled_as_text_is() {
        let empty_span = evidence("a.txt", 0, 0);
        let with_end = StatementId::new(&empty_span, true);
        assert_eq!(with_end.to_string(), "stmt:a.txt:0-0");
        assert_eq!(with_end.len(), "stmt:a.txt:0-0".len());
        assert_eq!(with_end, StatementId::from("stmt:a.txt:0-0"));
        assert_eq!(
            StatementId::read("stmt:a.txt:0-0".to_string(), &empty_span),
            with_end
        );
        for empty in [StatementId::default(), StatementId::from("")] {
            assert!(empty.is_empty());
            assert_eq!(empty.to_string(), "");
            assert_eq!(empty, "");
            assert_eq!(ron::to_string(&empty).unwrap(), "\"\"");
        }
    }

    #[test]
    fn spells_the_document_and_offsets() {
        let said = evidence("a:b.txt", 0, 1_234_567);
        let plain = StatementId::new(&said, false);
        let with_end = StatementId::new(&said, true);
        assert_eq!(plain.to_string(), "stmt:a:b.txt:0");
        assert_eq!(with_end.to_string(), "stmt:a:b.txt:0-1234567");
        for id in [&plain, &with_end] {
            assert_eq!(id.len(), id.to_string().len());
            assert_eq!(*id, id.to_string());
            assert_eq!(format!("{id:?}"), format!("{:?}", id.to_string()));
        }
        assert_ne!(plain, with_end);
        assert_eq!(
            StatementId::new(&evidence("x", u32::MAX as usize, 9), false).len(),
            17
        );
    }

    #[test]
    fn text_is_lent_even_to_a_nested_use() {
        let outer = StatementId::new(&evidence("a.txt", 1, 2), false);
        let inner = StatementId::new(&evidence("b.txt", 3, 4), true);
        let both = outer.with_text(|outer| inner.with_text(|inner| format!("{outer} {inner}")));
        assert_eq!(both, "stmt:a.txt:1 stmt:b.txt:3-4");
        assert_eq!(StatementId::from("own").with_text(str::len), 3);
    }

    #[test]
    fn compares_as_its_text() {
        let said = evidence("a.txt", 12, 40);
        let spelled = StatementId::new(&said, false);
        assert_eq!(spelled, StatementId::from("stmt:a.txt:12"));
        assert_eq!(StatementId::from("stmt:a.txt:12"), spelled);
        assert_ne!(spelled, StatementId::from("stmt:a.txt:120"));
        assert_ne!(spelled, StatementId::new(&evidence("a.txt", 12, 41), true));
        // The end is not part of an id without one.
        assert_eq!(spelled, StatementId::new(&evidence("a.txt", 12, 41), false));
        assert_ne!(spelled, StatementId::new(&evidence("b.txt", 12, 40), false));
        assert!(spelled != "stmt:a.txt:12-40");
        assert!(spelled != "stmt:a.txt:1");
        assert!(spelled != "stmt:a.txt");
    }

    #[test]
    fn an_id_read_is_spelled_only_when_its_evidence_spells_it() {
        let said = evidence("a.txt", 12, 40);
        for text in [
            "stmt:a.txt:12",
            "stmt:a.txt:12-40",
            "quote 7",
            "stmt:a.txt:012",
            "",
        ] {
            let read = StatementId::read(text.to_string(), &said);
            assert_eq!(read.to_string(), text);
            assert_eq!(read.len(), text.len());
            let spelled = matches!(read.0, Repr::Spelled { .. });
            let spelled_from_evidence = ["stmt:a.txt:12", "stmt:a.txt:12-40"].contains(&text);
            assert_eq!(spelled, spelled_from_evidence, "{text}");
        }
    }

    #[test]
    fn serializes_as_its_text() {
        let id = StatementId::new(&evidence("a \"b\".txt", 3, 9), true);
        let json = ron::to_string(&id).expect("serializes");
        assert_eq!(json, r#""stmt:a \"b\".txt:3-9""#);
        let read: StatementId = ron::from_str(&json).expect("reads back");
        assert_eq!(read, id);
    }

    #[test]
    fn digits_are_counted_as_printed() {
        for number in [0, 1, 9, 10, 99, 100, 4_294_967_295] {
            assert_eq!(digit_count(number), number.to_string().len());
        }
    }
}
