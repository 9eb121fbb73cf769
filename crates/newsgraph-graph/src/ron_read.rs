//! A fast reader of the plain RON that graph files are written in.
//!
//! Graph files are large and `ron`'s parser reads them at well under 100
//! MB/s. This reader understands only the plain subset that `write.rs`
//! prints: structs without names, lists, `Some(..)`/`None`, unit variants,
//! quoted strings with `ron`'s escapes, unsigned and signed integers and
//! booleans, separated by spaces, tabs and line breaks. Anything else
//! (comments, raw strings, struct names, numbers in other bases, unknown
//! fields) makes it give up with [`NotPlain`], and the caller reads the
//! text again with `ron` itself, which either accepts it or says precisely
//! what is wrong. So whatever this reader accepts, `ron` reads the same
//! way; the tests check that on generated graphs and hand-made text.

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, Visitor};
use serde::Deserialize;

mod printed;
mod shared_ids;
mod typed;

pub(crate) use typed::{
    CheckedExtraction, EarlierLists, EntityElement, EntityId, ReadElement, StatementElement, Unkept,
};

/// The text is not plain RON of the kind graph files are written in (or
/// not valid at all); `ron` must read it.
#[derive(Debug, thiserror::Error)]
#[error("not plain RON")]
pub(crate) struct NotPlain;

impl de::Error for NotPlain {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        NotPlain
    }
}

type Result<T> = std::result::Result<T, NotPlain>;

/// Reads a whole value from `text`, which must hold nothing else but
/// whitespace.
pub(crate) fn from_str<'de, T: Deserialize<'de>>(text: &'de str) -> Result<T> {
    let mut reader = Reader::new(text);
    let value = T::deserialize(&mut reader)?;
    reader.skip_whitespace();
    if reader.position == text.len() {
        Ok(value)
    } else {
        Err(NotPlain)
    }
}

/// Fewer bytes than any element of a graph's lists takes as printed: what
/// an element's length is taken to be at least when room is made for the
/// elements after it.
const MIN_ELEMENT_BYTES: usize = 16;

/// Reads `text`: list elements, each followed by a comma, and nothing else
/// but whitespace; what the inside of a list of a graph file is made of.
/// The elements are read field by field ([`typed`]), so their fields must
/// come in the order they are printed in, and share the strings of
/// `earlier` lists.
pub(crate) fn elements<T: ReadElement>(text: &str, earlier: &EarlierLists<'_>) -> Result<Vec<T>> {
    let mut reader = Reader::new(text);
    let mut elements = Vec::new();
    loop {
        reader.skip_whitespace();
        if reader.position == text.len() {
            T::finish_piece(&mut elements, &mut reader);
            return Ok(elements);
        }
        let start = reader.position;
        elements.push(T::read(&mut reader, earlier)?);
        reader.expect(b',')?;
        if elements.len() == 1 {
            // Room for as many more as the rest of the text holds if they
            // are as long as the first (most elements of a list are alike
            // in length), rather than room doubled a dozen times.
            let first_length = (reader.position - start).max(MIN_ELEMENT_BYTES);
            elements.reserve((text.len() - reader.position) / first_length);
        }
    }
}

/// Whether `text`, a graph file or a run of its elements, has a space
/// after its first colon (in its first 256 bytes), as `ron`'s default
/// layout puts one after every colon and comma. The first colon ends the
/// graph's first field, or the first field of a run's first struct.
fn spaced_layout(text: &str) -> bool {
    let head = &text.as_bytes()[..text.len().min(256)];
    memchr::memchr(b':', head).is_some_and(|colon| head.get(colon + 1) == Some(&b' '))
}

pub(crate) struct Reader<'de> {
    text: &'de str,
    position: usize,
    /// The document id the last piece of evidence read named, found again
    /// without a lookup: neighbouring pieces mostly name the same document,
    /// and among a million documents a lookup mostly misses the caches.
    last_document: Option<crate::DocumentId>,
    /// The slots of the entity ids read last ([`EarlierLists`]), the latest
    /// first: a relation's source is most often the last one's (relations
    /// are sorted by source), and found again here without a lookup.
    recent_entities: [Option<usize>; 2],
    /// How many entity ids read so far were not among the entities read
    /// before ([`EarlierLists`]).
    unknown_entities: usize,
    /// Where the resolved statements of the last extraction read ended
    /// (see `EarlierLists::statements_of`).
    next_statement: usize,
    /// Whether the text puts a space after each colon and comma, as
    /// `ron`'s default layout does and graph files were written before
    /// ([`spaced_layout`]), so that the reader of structs as printed
    /// (`printed.rs`) compares their fixed text with that layout's.
    spaced: bool,
    /// The cues read so far, each held once: a few dozen words said by
    /// millions of statements.
    cues: rustc_hash::FxHashSet<arcstr::ArcStr>,
    /// The same for extracted statements.
    extracted_cues: rustc_hash::FxHashSet<std::sync::Arc<str>>,
    /// The pieces of the list of evidence being read, kept for the next.
    evidence_pieces: Vec<(&'de str, u32, u32)>,
    /// The hashes of their documents, where one is looked up.
    evidence_hashes: Vec<Option<u64>>,
    /// The words of the statements read so far, one after another, and
    /// where each statement's are: shared by document once all are read
    /// (`ReadElement::finish_piece`), rather than allocated one by one.
    statement_words: String,
    statement_word_ranges: Vec<std::ops::Range<usize>>,
}

impl<'de> Reader<'de> {
    fn new(text: &'de str) -> Self {
        Reader {
            text,
            position: 0,
            last_document: None,
            recent_entities: [None; 2],
            unknown_entities: 0,
            next_statement: 0,
            spaced: spaced_layout(text),
            cues: Default::default(),
            extracted_cues: Default::default(),
            evidence_pieces: Vec::new(),
            evidence_hashes: Vec::new(),
            statement_words: String::new(),
            statement_word_ranges: Vec::new(),
        }
    }

    fn bytes(&self) -> &'de [u8] {
        self.text.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.position).copied()
    }

    fn skip_whitespace(&mut self) {
        self.position = typed::skip_layout(self.bytes(), self.position);
    }

    /// Skips whitespace, then consumes `byte` if it comes next.
    fn eat(&mut self, byte: u8) -> bool {
        self.skip_whitespace();
        if self.peek() == Some(byte) {
            self.position += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, byte: u8) -> Result<()> {
        if self.eat(byte) {
            Ok(())
        } else {
            Err(NotPlain)
        }
    }

    fn identifier(&mut self) -> Result<&'de str> {
        self.skip_whitespace();
        let start = self.position;
        let bytes = self.bytes();
        match bytes.get(start) {
            Some(first) if first.is_ascii_alphabetic() || *first == b'_' => {}
            _ => return Err(NotPlain),
        }
        let mut end = start + 1;
        while bytes
            .get(end)
            .is_some_and(|byte| byte.is_ascii_alphanumeric() || *byte == b'_')
        {
            end += 1;
        }
        // `r#name` is a raw identifier to `ron`.
        if bytes.get(end) == Some(&b'#') {
            return Err(NotPlain);
        }
        self.position = end;
        Ok(&self.text[start..end])
    }

    /// Reads an integer: an optional minus sign and decimal digits.
    fn integer(&mut self) -> Result<(bool, u64)> {
        self.skip_whitespace();
        let negative = self.peek() == Some(b'-');
        if negative {
            self.position += 1;
        }
        let start = self.position;
        let mut value: u64 = 0;
        while let Some(digit @ b'0'..=b'9') = self.peek() {
            value = value
                .checked_mul(10)
                .and_then(|value| value.checked_add(u64::from(digit - b'0')))
                .ok_or(NotPlain)?;
            self.position += 1;
        }
        // Digits must end the number: `ron` also reads `1_000`, `0x1f` and
        // `1e3`, which this reader leaves to it.
        let ends_cleanly = !matches!(
            self.peek(),
            Some(byte) if byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'.'
        );
        if self.position == start || !ends_cleanly {
            return Err(NotPlain);
        }
        Ok((negative, value))
    }

    fn unsigned(&mut self) -> Result<u64> {
        match self.integer()? {
            (false, value) => Ok(value),
            (true, _) => Err(NotPlain),
        }
    }

    fn signed(&mut self) -> Result<i64> {
        let (negative, magnitude) = self.integer()?;
        let value = i64::try_from(magnitude).map_err(|_| NotPlain)?;
        Ok(if negative { -value } else { value })
    }

    /// Reads a quoted string; borrowed from the text when it holds no
    /// escapes.
    fn string(&mut self) -> Result<Text<'de>> {
        self.expect(b'"')?;
        let start = self.position;
        let bytes = self.bytes();
        let Some(stop) = memchr::memchr2(b'"', b'\\', &bytes[start..]) else {
            return Err(NotPlain);
        };
        if bytes[start + stop] == b'"' {
            self.position = start + stop + 1;
            return Ok(Text::Borrowed(&self.text[start..start + stop]));
        }
        let mut owned = String::with_capacity(stop + 16);
        let mut plain_from = start;
        loop {
            let Some(offset) = memchr::memchr2(b'"', b'\\', &bytes[self.position..]) else {
                return Err(NotPlain);
            };
            let at = self.position + offset;
            owned.push_str(&self.text[plain_from..at]);
            if bytes[at] == b'"' {
                self.position = at + 1;
                return Ok(Text::Owned(owned));
            }
            self.position = at + 1;
            owned.push(self.escape()?);
            plain_from = self.position;
        }
    }

    /// The character an escape stands for, the backslash already read.
    fn escape(&mut self) -> Result<char> {
        let letter = self.peek().ok_or(NotPlain)?;
        self.position += 1;
        Ok(match letter {
            b'\'' => '\'',
            b'"' => '"',
            b'\\' => '\\',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'0' => '\0',
            b'u' => {
                let rest = &self.text[self.position..];
                let digits = rest.strip_prefix('{').ok_or(NotPlain)?;
                let close = digits.find('}').ok_or(NotPlain)?;
                let hex = &digits[..close];
                if hex.is_empty() || hex.len() > 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return Err(NotPlain);
                }
                let scalar = u32::from_str_radix(hex, 16).map_err(|_| NotPlain)?;
                self.position += close + 2;
                char::from_u32(scalar).ok_or(NotPlain)?
            }
            _ => return Err(NotPlain),
        })
    }

    /// After a list element or struct field: a comma, or the closing
    /// bracket next.
    fn after_item(&mut self, close: u8) -> Result<()> {
        if self.eat(b',') {
            return Ok(());
        }
        self.skip_whitespace();
        if self.peek() == Some(close) {
            Ok(())
        } else {
            Err(NotPlain)
        }
    }
}

enum Text<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Text<'_> {
    fn as_str(&self) -> &str {
        match self {
            Text::Borrowed(text) => text,
            Text::Owned(text) => text,
        }
    }

    /// The text as a `String` of its own, copied only if borrowed.
    fn into_owned(self) -> String {
        match self {
            Text::Borrowed(text) => text.to_string(),
            Text::Owned(text) => text,
        }
    }
}

impl AsRef<str> for Text<'_> {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

macro_rules! refuse {
    ($($method:ident)*) => {
        $(fn $method<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
            Err(NotPlain)
        })*
    };
}

/// Deserializer methods that read an integer with `$read` and hand it to
/// the visitor's `$visit`, which checks that it fits.
macro_rules! read_integers {
    ($($($method:ident)* => $read:ident, $visit:ident;)*) => {
        $($(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            visitor.$visit(self.$read()?)
        })*)*
    };
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = NotPlain;

    refuse! {
        deserialize_any deserialize_ignored_any deserialize_f32 deserialize_f64
        deserialize_char deserialize_bytes deserialize_byte_buf deserialize_unit
        deserialize_map
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.identifier()? {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            _ => Err(NotPlain),
        }
    }

    read_integers! {
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 => unsigned, visit_u64;
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 => signed, visit_i64;
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.string()? {
            Text::Borrowed(text) => visitor.visit_borrowed_str(text),
            Text::Owned(text) => visitor.visit_string(text),
        }
    }
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.identifier()? {
            "None" => visitor.visit_none(),
            "Some" => {
                self.expect(b'(')?;
                let value = visitor.visit_some(&mut *self)?;
                self.expect(b')')?;
                Ok(value)
            }
            _ => Err(NotPlain),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, _: V) -> Result<V::Value> {
        Err(NotPlain)
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: V,
    ) -> Result<V::Value> {
        Err(NotPlain)
    }
    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value> {
        Err(NotPlain)
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        _: V,
    ) -> Result<V::Value> {
        Err(NotPlain)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect(b'[')?;
        let value = visitor.visit_seq(Items {
            reader: &mut *self,
            close: b']',
        })?;
        self.expect(b']')?;
        Ok(value)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.expect(b'(')?;
        let value = visitor.visit_map(Items {
            reader: &mut *self,
            close: b')',
        })?;
        self.expect(b')')?;
        Ok(value)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let variant = self.identifier()?;
        // A variant with data (`Name(..)`) is not in graph files.
        self.skip_whitespace();
        if self.peek() == Some(b'(') {
            return Err(NotPlain);
        }
        visitor.visit_enum(UnitVariant(variant))
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.identifier()?)
    }
}

/// The elements of a list or the fields of a struct.
struct Items<'r, 'de> {
    reader: &'r mut Reader<'de>,
    close: u8,
}

impl Items<'_, '_> {
    fn at_end(&mut self) -> bool {
        self.reader.skip_whitespace();
        self.reader.peek() == Some(self.close)
    }
}

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = NotPlain;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.at_end() {
            return Ok(None);
        }
        let value = seed.deserialize(&mut *self.reader)?;
        self.reader.after_item(self.close)?;
        Ok(Some(value))
    }
}

impl<'de> de::MapAccess<'de> for Items<'_, 'de> {
    type Error = NotPlain;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.at_end() {
            return Ok(None);
        }
        let name = self.reader.identifier()?;
        self.reader.expect(b':')?;
        seed.deserialize(BorrowedStrDeserializer::new(name))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let value = seed.deserialize(&mut *self.reader)?;
        self.reader.after_item(self.close)?;
        Ok(value)
    }
}

struct UnitVariant<'de>(&'de str);

impl<'de> de::EnumAccess<'de> for UnitVariant<'de> {
    type Error = NotPlain;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let value = seed.deserialize(BorrowedStrDeserializer::new(self.0))?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for UnitVariant<'de> {
    type Error = NotPlain;

    fn unit_variant(self) -> Result<()> {
        Ok(())
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _: T) -> Result<T::Value> {
        Err(NotPlain)
    }
    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value> {
        Err(NotPlain)
    }
    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], _: V) -> Result<V::Value> {
        Err(NotPlain)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Shade {
        Light,
        VeryDark,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Inner {
        label: String,
        count: u32,
        offset: i64,
        shade: Shade,
        note: Option<String>,
        flags: Vec<bool>,
        #[serde(default)]
        extra: Vec<u8>,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Outer {
        name: String,
        inners: Vec<Inner>,
        maybe: Option<Inner>,
        nested: Vec<Vec<usize>>,
    }

    fn sample() -> Outer {
        let labels = [
            "",
            "plain",
            "\"quoted\" 'single' \\ back",
            "tab\tline\nreturn\r nul\0 del\u{7f} esc\u{1b}",
            "Zürich «» … 🙂 北京 e\u{301} \u{301} \u{200b}\u{feff}\u{2028}",
        ];
        Outer {
            name: labels.concat(),
            inners: labels
                .iter()
                .enumerate()
                .map(|(index, label)| Inner {
                    label: label.to_string(),
                    count: u32::MAX - index as u32,
                    offset: -(index as i64) * 1_000_000_007,
                    shade: if index.is_multiple_of(2) {
                        Shade::Light
                    } else {
                        Shade::VeryDark
                    },
                    note: index.is_multiple_of(3).then(|| format!("note {index}")),
                    flags: vec![true, false][..index % 3].to_vec(),
                    extra: vec![index as u8; index],
                })
                .collect(),
            maybe: None,
            nested: vec![vec![], vec![0, 1, usize::MAX]],
        }
    }

    #[test]
    fn reads_what_ron_writes_at_every_depth_limit() {
        let value = sample();
        for depth_limit in 0..5 {
            let layout = ron::ser::PrettyConfig::default().depth_limit(depth_limit);
            let text = ron::ser::to_string_pretty(&value, layout).unwrap();
            assert_eq!(from_str::<Outer>(&text).unwrap(), value, "{text}");
        }
        let compact = ron::to_string(&value).unwrap();
        assert_eq!(from_str::<Outer>(&compact).unwrap(), value);
    }

    #[test]
    fn reads_graph_files_as_ron_does() {
        let committed = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../graphs/news.ron"
        ));
        let mut graph = crate::KnowledgeGraph::new();
        for (index, text) in [
            "Mayor Anna Berg said on Monday that the harbour in Lisbon would reopen. \
             \"It is \\\"safe\\\"\nnow,\" Berg told the Lisbon Port Authority (LPA).",
            "Councillor Tomas Reyes met Anna Berg in Porto. Reyes accused the LPA of delays.",
            "Forecaster Lena Ortiz said heavy rain was expected across Portugal — «chuva».",
        ]
        .iter()
        .enumerate()
        {
            let document = newsgraph_extract::Document::new(format!("d{index}.txt"), *text);
            graph.add(newsgraph_extract::extract(&document));
        }
        let empty = crate::KnowledgeGraph::new().to_ron();
        // And as earlier versions laid graphs out.
        let [_, spaced, field_a_line] = crate::ron_stream::tests::every_layout(committed);
        for text in [
            committed.to_string(),
            graph.to_ron(),
            empty,
            spaced,
            field_a_line,
        ] {
            let fast: crate::SavedGraph = from_str(&text).unwrap();
            let slow: crate::SavedGraph = ron::from_str(&text).unwrap();
            assert_eq!(fast, slow);
            let by_lists = crate::ron_stream::saved_graph(text.as_bytes()).unwrap();
            assert_eq!(by_lists.into_saved(), slow);
        }
    }

    /// Damaged graph files: whatever the reader accepts, `ron` reads as the
    /// same value, and nothing panics.
    #[test]
    fn damaged_files_are_read_as_ron_reads_them_or_left_to_it() {
        let committed = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../graphs/news.ron"
        ));
        // A small deterministic generator (xorshift), so that a failure
        // can be reproduced.
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |below: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % below as u64) as usize
        };
        let replacements: &[&str] = &[
            "",
            "\"",
            "\\",
            "(",
            ")",
            "[",
            "]",
            ",",
            ":",
            " ",
            "\n",
            "0",
            "-1",
            "99999999999999999999",
            "None",
            "Some(",
            "r#",
            "\\u{",
            "\\u{110000}",
            "é",
            "//",
            "/*",
            "x",
        ];
        // The layout written now, and those earlier versions wrote.
        let layouts = crate::ron_stream::tests::every_layout(committed);
        let mut accepted = 0;
        for round in 0..900 {
            let mut text = layouts[round % layouts.len()].clone();
            for _ in 0..1 + next(3) {
                let mut at = next(text.len());
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                let mut end = (at + next(4)).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text.replace_range(at..end, replacements[next(replacements.len())]);
            }
            let read = [
                crate::ron_stream::saved_graph(text.as_bytes())
                    .ok()
                    .map(crate::ron_stream::StreamedGraph::into_saved),
                from_str::<crate::SavedGraph>(&text).ok(),
            ];
            for fast in read.into_iter().flatten() {
                accepted += 1;
                let slow: crate::SavedGraph = ron::from_str(&text).expect("ron reads it too");
                assert_eq!(fast, slow);
            }
        }
        // Some damage (inside a string, say) leaves a valid graph.
        assert!(accepted > 0);
    }

    #[test]
    fn graphs_laid_out_otherwise_are_read_whole() {
        let mut graph = crate::KnowledgeGraph::new();
        let document = newsgraph_extract::Document::new(
            "d.txt",
            "Mayor Anna Berg met Councillor Tomas Reyes in Porto.",
        );
        graph.add(newsgraph_extract::extract(&document));
        let text = graph.to_ron();
        let expected = graph.to_saved();
        let compact = ron::to_string(&from_str::<crate::SavedGraph>(&text).unwrap()).unwrap();
        let reordered = text.replacen("    format_version:2,\n", "", 1).replacen(
            "    entities:",
            "    format_version:2,\n    entities:",
            1,
        );
        let without_extractions = {
            let start = text.find("    extractions:").unwrap();
            format!("{})\n", &text[..start])
        };
        for other in [compact, reordered, without_extractions] {
            assert!(
                crate::ron_stream::saved_graph(other.as_bytes()).is_err(),
                "{other}"
            );
            let whole: crate::SavedGraph = from_str(&other).unwrap();
            assert_eq!(whole.entities, expected.entities);
        }
    }

    #[test]
    fn the_layout_is_told_by_the_first_colon() {
        for (text, spaced) in [
            ("(\n    format_version:2,\n", false),
            ("(\n    format_version: 2,\n", true),
            ("\n        (id:\"a: b\",kind:place", false),
            ("\n        (id: \"a:b\", kind: place", true),
            ("\n        (\n            id: \"a\",\n", true),
            ("\n        (document:\"d\",entities:[]", false),
            ("\n        \"d1\",\n", false),
        ] {
            assert_eq!(spaced_layout(text), spaced, "{text:?}");
            assert_eq!(Reader::new(text).spaced, spaced, "{text:?}");
        }
    }

    #[test]
    fn reads_escapes_as_ron_does() {
        let text = r#""a\u{1F600}b\u{e9}\x41\'\"\\\n""#;
        // `\x41` is left to `ron`.
        assert!(from_str::<String>(text).is_err());
        let text = r#""a\u{1F600}b\u{e9}\'\"\\\n\t\r\0""#;
        assert_eq!(
            from_str::<String>(text).unwrap(),
            ron::from_str::<String>(text).unwrap()
        );
    }

    #[test]
    fn leaves_everything_else_to_ron() {
        let plain = "(name: \"x\", inners: [], maybe: None, nested: [])";
        assert!(from_str::<Outer>(plain).is_ok());
        for text in [
            // A comment.
            "(name: \"x\", // note\n inners: [], maybe: None, nested: [])",
            // A struct name.
            "Outer(name: \"x\", inners: [], maybe: None, nested: [])",
            // A raw string.
            "(name: r\"x\", inners: [], maybe: None, nested: [])",
            // An unknown field.
            "(name: \"x\", inners: [], maybe: None, nested: [], more: 1)",
            // Numbers in other forms.
            "(name: \"x\", inners: [], maybe: None, nested: [[0x10]])",
            "(name: \"x\", inners: [], maybe: None, nested: [[1_000]])",
            // Text after the value.
            "(name: \"x\", inners: [], maybe: None, nested: []) trailing",
            // Not valid at all.
            "(name: \"x\", inners: [], maybe: None, nested: [",
            "(name: \"x\" inners: [], maybe: None, nested: [])",
            "(name: \"x\", inners: [], maybe: None, nested: [[-1]])",
            "(name: \"x\", inners: [], maybe: None, nested: [[99999999999999999999999]])",
        ] {
            assert!(from_str::<Outer>(text).is_err(), "{text}");
        }
    }

    #[test]
    fn trailing_commas_and_missing_defaults_read_as_ron_reads_them() {
        let text = "(\n name: \"x\",\n inners: [(label: \"l\", count: 1, offset: -2, \
                    shade: very_dark, note: Some(\"n\"), flags: [true,],),],\n \
                    maybe: None,\n nested: [[1,2,],],\n)\n";
        assert_eq!(
            from_str::<Outer>(text).unwrap(),
            ron::from_str::<Outer>(text).unwrap()
        );
    }
}
