//! The small structs a graph file holds by the hundred million (a piece of
//! evidence, a span, an extracted mention) taken whole in the layout
//! `ron_text` prints them in (or, in a text laid out as graph files were
//! before, with `ron`'s default space after each comma and colon), with a
//! comparison for each run of fixed text rather than a token at a time.
//!
//! A struct is taken this way only when it is exactly as printed; the
//! reader has not moved otherwise, and reads it token by token as before.
//! So what is accepted, and what it is read as, is unchanged: the printed
//! layout is one of those the token reader takes, and gives the same
//! values.

use newsgraph_extract::Span;

use super::typed::skip_layout;
use super::{Reader, Text};

/// A position in the text, moved over the printed form of a struct; the
/// reader's own position is set from it only once the whole struct is
/// taken.
struct Printed<'de> {
    text: &'de str,
    at: usize,
    /// Whether the text has a space after each comma and colon.
    spaced: bool,
}

impl<'de> Printed<'de> {
    /// From where the reader is, after the layout before a value.
    #[inline]
    fn at(reader: &Reader<'de>) -> Self {
        Printed {
            text: reader.text,
            at: skip_layout(reader.bytes(), reader.position),
            spaced: reader.spaced,
        }
    }

    /// A run of a struct's fixed text, byte for byte: `compact` as
    /// `ron_text` prints it, or `spaced`, with a space after each comma and
    /// colon, in a text laid out so ([`Reader::spaced`]).
    ///
    /// (Each is compared in a branch of its own, so that the comparison of
    /// a literal of known length compiles to a few loads, not a call.
    /// Fixed text with no comma or colon is the same in both layouts:
    /// [`Self::exactly`].)
    #[inline(always)]
    fn literal(&mut self, compact: &[u8], spaced: &[u8]) -> Option<()> {
        if self.spaced {
            self.exactly(spaced)
        } else {
            self.exactly(compact)
        }
    }

    /// `expected`, byte for byte.
    #[inline(always)]
    fn exactly(&mut self, expected: &[u8]) -> Option<()> {
        let end = self.at + expected.len();
        (self.text.as_bytes().get(self.at..end)? == expected).then(|| self.at = end)
    }

    /// Decimal digits, one to nine of them: any nine-digit number fits in
    /// 32 bits, and a longer one is left to the token reader, which checks
    /// that it fits. (What follows is always a literal that starts with a
    /// comma or a parenthesis, so the number ends cleanly where the token
    /// reader would end it.)
    #[inline]
    fn number(&mut self) -> Option<u32> {
        let rest = self.text.as_bytes().get(self.at..)?;
        let (mut value, mut digits) = (0u32, 0usize);
        // A tenth digit is looked at only to refuse the number.
        for &byte in rest.iter().take(10) {
            let digit = byte.wrapping_sub(b'0');
            if digit > 9 {
                break;
            }
            value = value.wrapping_mul(10).wrapping_add(u32::from(digit));
            digits += 1;
        }
        if digits == 0 || digits == 10 {
            return None;
        }
        self.at += digits;
        Some(value)
    }

    /// A quoted string without escapes, borrowed from the text.
    #[inline]
    fn plain_string(&mut self) -> Option<&'de str> {
        let bytes = self.text.as_bytes();
        if bytes.get(self.at) != Some(&b'"') {
            return None;
        }
        let start = self.at + 1;
        let length = memchr::memchr2(b'"', b'\\', bytes.get(start..)?)?;
        if bytes[start + length] != b'"' {
            return None;
        }
        self.at = start + length + 1;
        Some(&self.text[start..start + length])
    }

    /// `(document:"<id>",start:<number>,end:<number>)`.
    #[inline]
    fn evidence(&mut self) -> Option<(&'de str, u32, u32)> {
        self.literal(b"(document:", b"(document: ")?;
        let document = self.plain_string()?;
        self.literal(b",start:", b", start: ")?;
        let start = self.number()?;
        self.literal(b",end:", b", end: ")?;
        let end = self.number()?;
        self.exactly(b")")?;
        Some((document, start, end))
    }

    /// `(start:<number>,end:<number>)`.
    #[inline(always)]
    fn span(&mut self) -> Option<(u32, u32)> {
        self.literal(b"(start:", b"(start: ")?;
        let start = self.number()?;
        self.literal(b",end:", b", end: ")?;
        let end = self.number()?;
        self.exactly(b")")?;
        Some((start, end))
    }
}

/// The pieces of evidence of `text`, a run of them as printed in a list
/// (`<evidence>,<evidence>`, or with a space after each comma and colon
/// when `spaced`) and nothing else.
pub(super) fn evidence_run(text: &str, spaced: bool) -> Option<Vec<(&str, u32, u32)>> {
    let mut printed = Printed {
        text,
        at: 0,
        spaced,
    };
    let mut pieces = Vec::new();
    loop {
        pieces.push(printed.evidence()?);
        if printed.at == text.len() {
            return Some(pieces);
        }
        printed.literal(b",", b", ")?;
    }
}

/// The span of two offsets taken, in `usize` as the token reader reads
/// a span's numbers.
fn span_of((start, end): (u32, u32)) -> Span {
    Span {
        start: start as usize,
        end: end as usize,
    }
}

impl<'de> Reader<'de> {
    /// What `take` reads from the text as printed, after the layout before
    /// it; the reader moves past it only when `take` reads it whole.
    fn take_printed<T>(&mut self, take: impl FnOnce(&mut Printed<'de>) -> Option<T>) -> Option<T> {
        let mut printed = Printed::at(self);
        let taken = take(&mut printed)?;
        self.position = printed.at;
        Some(taken)
    }

    /// A piece of evidence as printed, `(document:"<id>",start:<number>,
    /// end:<number>)`: its document id and offsets.
    pub(super) fn printed_evidence(&mut self) -> Option<(&'de str, u32, u32)> {
        self.take_printed(Printed::evidence)
    }

    /// A list of evidence as printed, `[]` or `[<evidence>,<evidence>]`:
    /// each piece's document id and offsets, put in `pieces`.
    pub(super) fn printed_evidence_list(
        &mut self,
        pieces: &mut Vec<(&'de str, u32, u32)>,
    ) -> Option<()> {
        pieces.clear();
        self.take_printed(|printed| {
            printed.exactly(b"[")?;
            if printed.exactly(b"]").is_some() {
                return Some(());
            }
            loop {
                pieces.push(printed.evidence()?);
                if printed.literal(b",", b", ").is_none() {
                    return printed.exactly(b"]");
                }
            }
        })
    }

    /// A list of evidence as printed on one line of at least `least_bytes`,
    /// cut into runs of whole pieces (`<evidence>,<evidence>`) of about
    /// `part_bytes` each, to be read apart ([`evidence_run`]); and where
    /// the text after the list starts. The reader does not move.
    ///
    /// A cut falls before `,(document:"` after a piece's closing
    /// parenthesis (`, (document: "` in a text with a space after each
    /// comma and colon). Such text can also end a document id
    /// (`"x),(document:"`, a plain string ending before its closing quote);
    /// a cut there leaves a run that ends inside a string, which does not
    /// read, and the list is then read whole.
    pub(super) fn printed_evidence_parts(
        &self,
        least_bytes: usize,
        part_bytes: usize,
    ) -> Option<(Vec<&'de str>, usize)> {
        let bytes = self.bytes();
        let open = skip_layout(bytes, self.position);
        if bytes.get(open) != Some(&b'[') {
            return None;
        }
        let line = &bytes[open..];
        let line = &line[..memchr::memchr(b'\n', line).unwrap_or(line.len())];
        if line.len() < least_bytes {
            return None;
        }
        let (cut_text, separator_bytes): (&[u8], usize) = if self.spaced {
            (b"), (document: \"", ", ".len())
        } else {
            (b"),(document:\"", ",".len())
        };
        // The list's closing bracket: the last piece's parenthesis and it.
        let close = open + memchr::memmem::rfind(line, b")]")? + 1;
        let mut parts = Vec::new();
        let mut start = open + 1;
        loop {
            let target = start + part_bytes;
            let cut = (target < close)
                .then(|| memchr::memmem::find(&bytes[target..close], cut_text))
                .flatten();
            match cut {
                Some(found) => {
                    let end = target + found + 1;
                    parts.push(&self.text[start..end]);
                    start = end + separator_bytes;
                }
                None => {
                    parts.push(&self.text[start..close]);
                    return Some((parts, close + 1));
                }
            }
        }
    }

    /// `None` as printed, followed by the comma or bracket after it.
    pub(super) fn printed_none(&mut self) -> bool {
        self.take_printed(|printed| {
            printed.exactly(b"None")?;
            matches!(
                printed.text.as_bytes().get(printed.at),
                Some(b',' | b')' | b']')
            )
            .then_some(())
        })
        .is_some()
    }

    /// A span as printed, `(start:<number>,end:<number>)`.
    pub(super) fn printed_span(&mut self) -> Option<Span> {
        self.take_printed(Printed::span).map(span_of)
    }

    /// An extracted mention as printed, `(span:(start:<number>,end:
    /// <number>),surface:"<text>",sentence:<number>)`.
    pub(super) fn printed_mention(&mut self) -> Option<(Span, Text<'de>, usize)> {
        self.take_printed(|printed| {
            printed.literal(b"(span:", b"(span: ")?;
            let span = printed.span()?;
            printed.literal(b",surface:", b", surface: ")?;
            let surface = printed.plain_string()?;
            printed.literal(b",sentence:", b", sentence: ")?;
            let sentence = printed.number()?;
            printed.exactly(b")")?;
            Some((span_of(span), Text::Borrowed(surface), sentence as usize))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `ron` makes of an evidence's text.
    fn evidence_read_by_ron(text: &str) -> Option<(String, u64, u64)> {
        #[derive(serde::Deserialize)]
        struct Evidence {
            document: String,
            start: u64,
            end: u64,
        }
        let evidence: Evidence = ron::from_str(text).ok()?;
        Some((evidence.document, evidence.start, evidence.end))
    }

    #[test]
    fn printed_structs_are_taken_whole_and_anything_else_left_where_it_was() {
        // Taken: as printed, or with a space after each comma and colon,
        // after any layout.
        for text in [
            r#"(document:"d1",start:0,end:12)"#,
            r#"(document: "d1", start: 0, end: 12)"#,
            "\n   (document:\"a b\",start:999999999,end:7),x",
            "\n   (document: \"a b\", start: 999999999, end: 7), x",
        ] {
            let mut reader = Reader::new(text);
            let (document, start, end) = reader.printed_evidence().unwrap();
            assert_eq!(reader.position, text.find(')').unwrap() + 1, "{text}");
            let by_ron = evidence_read_by_ron(&text[..=text.find(')').unwrap()]).unwrap();
            assert_eq!(
                (document.to_string(), u64::from(start), u64::from(end)),
                by_ron
            );
        }
        // Left to the token reader, the reader unmoved: other layouts, an
        // escape, a number of ten digits, a missing or extra field.
        for text in [
            r#"(document:"d1", start:0,end: 12)"#,
            r#"(document: "d1",start:0,end:12)"#,
            r#"(document:  "d1", start: 0, end: 12)"#,
            r#"( document: "d1", start: 0, end: 12)"#,
            r#"(document : "d1", start: 0, end: 12)"#,
            r#"(document:"d1",start:0,end:12,)"#,
            r#"(document: "d1", start: 0, end: 12,)"#,
            r#"(document: "d\"1", start: 0, end: 12)"#,
            r#"(document:"d1",start:1000000000,end:12)"#,
            r#"(document: "d1", start: 4294967296, end: 12)"#,
            r#"(document: "d1", start: , end: 12)"#,
            r#"(document:"d1",start:0)"#,
            r#"(document: "d1", start: 0, end: 12, extra: 1)"#,
            r#"(document: "d1", start: 0x1, end: 12)"#,
            r#"(document: "d1"#,
            r#"(document:"d1"#,
        ] {
            let mut reader = Reader::new(text);
            assert!(reader.printed_evidence().is_none(), "{text}");
            assert_eq!(reader.position, 0, "{text}");
        }
    }

    #[test]
    fn printed_evidence_lists_are_taken_whole_or_not_at_all() {
        for (one, two, comma) in [
            (
                r#"(document:"d1",start:0,end:12)"#,
                r#"(document:"d2",start:5,end:9)"#,
                ",",
            ),
            (
                r#"(document: "d1", start: 0, end: 12)"#,
                r#"(document: "d2", start: 5, end: 9)"#,
                ", ",
            ),
        ] {
            for (text, expected) in [
                ("[]".to_string(), vec![]),
                (format!(" [{one}]"), vec![("d1", 0, 12)]),
                (
                    format!("[{one}{comma}{two}]"),
                    vec![("d1", 0, 12), ("d2", 5, 9)],
                ),
            ] {
                let mut reader = Reader::new(&text);
                let mut pieces = vec![("stale", 1, 2)];
                assert_eq!(reader.printed_evidence_list(&mut pieces), Some(()));
                assert_eq!(pieces, expected, "{text}");
                assert_eq!(reader.position, text.len(), "{text}");
            }
            for text in [
                format!("[{one},]"),
                format!("[{one}, ]"),
                format!("[{one},  {two}]"),
                format!("[ {one}]"),
                format!("[{one}{comma}(document: \"d\\\"\", start: 1, end: 2)]"),
                format!("[{one}"),
                "[ ]".to_string(),
            ] {
                let mut reader = Reader::new(&text);
                let mut pieces = Vec::new();
                assert_eq!(reader.printed_evidence_list(&mut pieces), None, "{text}");
                assert_eq!(reader.position, 0, "{text}");
            }
        }
    }

    #[test]
    fn long_printed_evidence_lists_are_cut_where_pieces_end() {
        for spaced in [false, true] {
            long_evidence_list_cut_where_pieces_end(spaced);
        }
    }

    /// [`long_printed_evidence_lists_are_cut_where_pieces_end`] for lists
    /// printed with or without a space after each comma and colon.
    fn long_evidence_list_cut_where_pieces_end(spaced: bool) {
        let space = if spaced { " " } else { "" };
        let piece = |id: &str, index: usize| {
            format!(
                "(document:{space}\"{id}\",{space}start:{space}{index},{space}end:{space}{})",
                index + 1
            )
        };
        let list = |ids: &dyn Fn(usize) -> String| {
            let pieces: Vec<String> = (0..1_000).map(|index| piece(&ids(index), index)).collect();
            format!("  [{}],\n        ),", pieces.join(&format!(",{space}")))
        };
        let plain = list(&|index| format!("doc-{}", index / 3));
        let whole = {
            let mut reader = Reader::new(&plain);
            let mut pieces = Vec::new();
            reader.printed_evidence_list(&mut pieces).unwrap();
            (pieces, reader.position)
        };
        let reader = Reader::new(&plain);
        assert_eq!(reader.printed_evidence_parts(plain.len(), 100), None);
        for part_bytes in [1, 100, 1_000, 10_000, 100_000] {
            let (parts, end) = reader.printed_evidence_parts(1_000, part_bytes).unwrap();
            assert_eq!(end, whole.1, "parts of {part_bytes}");
            assert_eq!(&plain[end..], ",\n        ),");
            assert!(parts.len() > 1 || part_bytes == 100_000);
            let read: Vec<_> = parts
                .iter()
                .flat_map(|part| evidence_run(part, spaced).unwrap())
                .collect();
            assert_eq!(read, whole.0, "parts of {part_bytes}");
        }
        // An id that ends like the text a cut falls before: a cut there
        // leaves a part that does not read.
        let tricky = list(&|index| format!("q{index}),{space}(document:{space}"));
        let (parts, _) = Reader::new(&tricky)
            .printed_evidence_parts(1_000, 1)
            .unwrap();
        assert!(parts
            .iter()
            .any(|part| evidence_run(part, spaced).is_none()));
        // Not a list, or not on one line long enough: not cut.
        for text in [
            "(document: \"d\", start: 1, end: 2)",
            "[]",
            "x[(document: \"d\", start: 1, end: 2)]",
        ] {
            assert_eq!(
                Reader::new(text).printed_evidence_parts(0, 1),
                None,
                "{text}"
            );
        }
    }

    #[test]
    fn printed_spans_mentions_and_nones_read_as_the_token_reader_reads_them() {
        for text in ["(start:3,end:10),rest", "(start: 3, end: 10), rest"] {
            let mut reader = Reader::new(text);
            assert_eq!(reader.printed_span(), Some(Span { start: 3, end: 10 }));
            assert_eq!(
                &text[reader.position..],
                &text[text.find(')').unwrap() + 1..]
            );
        }

        for text in [
            r#" (span:(start:28,end:34),surface:"Panama",sentence:0)]"#,
            r#" (span: (start: 28, end: 34), surface: "Panama", sentence: 0)]"#,
        ] {
            let mut reader = Reader::new(text);
            let (span, surface, sentence) = reader.printed_mention().unwrap();
            assert_eq!(
                (span, surface.as_str(), sentence),
                (Span { start: 28, end: 34 }, "Panama", 0)
            );
            assert_eq!(&reader.text[reader.position..], "]");
        }

        for (text, taken) in [("None, x", true), (" None)", true), ("None]", true)] {
            let mut reader = Reader::new(text);
            assert_eq!(reader.printed_none(), taken);
            assert_eq!(reader.position, text.find('e').unwrap() + 1);
        }
        for text in ["Nonetheless, x", "None ,", "Some(\"None\")", "None"] {
            let mut reader = Reader::new(text);
            assert!(!reader.printed_none(), "{text}");
            assert_eq!(reader.position, 0);
        }

        for text in [
            r#"(span: (start: 28, end: 34), surface: "Pa\u{6e}ama", sentence: 0)"#,
            r#"(span: (start: 28, end: 34), surface: "Panama", sentence: 0, )"#,
            r#"(span: (end: 34, start: 28), surface: "Panama", sentence: 0)"#,
            r#"(span:(start:28,end:34),surface:"Panama",sentence:0,)"#,
            r#"(span:(start: 28, end: 34), surface: "Panama",sentence:0)"#,
            r#"(span:  (start: 28, end: 34), surface: "Panama", sentence: 0)"#,
        ] {
            let mut reader = Reader::new(text);
            assert!(reader.printed_mention().is_none(), "{text}");
            assert_eq!(reader.position, 0, "{text}");
        }
    }
}
