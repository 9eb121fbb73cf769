//! A fast printer of the RON that graph files are made of.
//!
//! It lays values out exactly as `ron`'s pretty printer with a depth limit
//! does (fields and list elements one per line down to the limit, everything
//! deeper on one line), with every line indented by a fixed prefix, so a list
//! element can be printed straight into place in the whole file. `ron`
//! writes strings a character at a time; this printer copies runs of plain
//! ASCII at once, which makes writing a large graph several times faster.
//! It covers what the saved graph's types use (structs, sequences, options,
//! unit variants, strings, integers, booleans); anything else is an error,
//! so a new kind of field cannot be printed differently from `ron` unnoticed.
//! The tests compare its output with `ron`'s.

use std::cell::RefCell;
use std::fmt::Display;

use serde::ser::{self, Impossible, Serialize};

/// Why a value could not be printed. Boxed, so that a result is one word,
/// which every serializer method returns in a register.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub(crate) struct PrintError(Box<Reason>);

/// What [`PrintError`] holds.
#[derive(Debug, thiserror::Error)]
enum Reason {
    #[error("the RON printer does not handle {0}")]
    Unsupported(&'static str),
    #[error("{0}")]
    Custom(String),
}

impl PrintError {
    /// `what` is a kind of value the printer does not handle.
    #[cold]
    fn unsupported(what: &'static str) -> Self {
        PrintError(Box::new(Reason::Unsupported(what)))
    }
}

impl ser::Error for PrintError {
    fn custom<T: Display>(message: T) -> Self {
        PrintError(Box::new(Reason::Custom(message.to_string())))
    }
}

type Result<T = ()> = std::result::Result<T, PrintError>;

/// Prints `value` to `out` as `ron::ser::to_string_pretty` would with
/// `PrettyConfig::default().depth_limit(depth_limit)`, each line starting
/// with `prefix`.
pub(crate) fn print(
    out: &mut Vec<u8>,
    value: &impl Serialize,
    depth_limit: usize,
    prefix: &'static str,
) -> Result {
    out.extend_from_slice(prefix.as_bytes());
    PLAIN_NAMES.with(|names| {
        // A value whose `Serialize` prints another value with this printer
        // finds the names in use; it checks its names without them.
        let mut held = names.try_borrow_mut();
        let mut own;
        let names = match held {
            Ok(ref mut names) => &mut **names,
            Err(_) => {
                own = PlainNames::default();
                &mut own
            }
        };
        let mut printer = Printer {
            out,
            depth_limit,
            prefix: prefix.as_bytes(),
            prefix_is_spaces: prefix.bytes().all(|byte| byte == b' '),
            depth: 0,
            is_empty: None,
            names,
        };
        value.serialize(&mut printer)
    })
}

/// The state `ron`'s pretty printer keeps, under the same names: how deep
/// the value being printed is, and whether the list or struct just opened
/// is empty; and the names known to be plain identifiers.
struct Printer<'a> {
    out: &'a mut Vec<u8>,
    depth_limit: usize,
    prefix: &'a [u8],
    /// Whether `prefix` is spaces only, so that it and a line's
    /// indentation are written as one run of spaces.
    prefix_is_spaces: bool,
    depth: usize,
    is_empty: Option<bool>,
    names: &'a mut PlainNames,
}

thread_local! {
    /// The names this thread found plain, kept from one printed value to
    /// the next: a graph's list elements all have the same field names.
    static PLAIN_NAMES: RefCell<PlainNames> = RefCell::new(PlainNames::default());
}

/// How many names [`PlainNames`] remembers: `1 << PLAIN_NAME_BITS`.
const PLAIN_NAME_BITS: u32 = 8;
const PLAIN_NAME_SLOTS: usize = 1 << PLAIN_NAME_BITS;

/// Field and variant names found to be plain identifiers, remembered by
/// where they are in memory, so that the names of a type's fields, which
/// serde passes as the same `&'static str` each time, are checked once
/// rather than byte by byte for every field printed. A `&'static str` is
/// never changed, so a name at the same address and of the same length is
/// the same name. Names whose slots collide are checked again, no more.
struct PlainNames {
    slots: [PlainName; PLAIN_NAME_SLOTS],
}

/// The bytes of a [`PlainName`]'s text: a name of up to
/// `NAME_TEXT - 2` bytes, a colon and a space, and zeros after them.
const NAME_TEXT: usize = 16;

/// A name found plain, with the text of a field of that name ready to be
/// copied whole: a copy of fixed length, which needs no call.
#[derive(Clone, Copy)]
struct PlainName {
    address: usize,
    length: usize,
    /// The name and `": "`, when they fit.
    text: [u8; NAME_TEXT],
}

impl Default for PlainNames {
    fn default() -> Self {
        // No name starts at address 0, so an empty slot matches none.
        let empty = PlainName {
            address: 0,
            length: 0,
            text: [0; NAME_TEXT],
        };
        PlainNames {
            slots: [empty; PLAIN_NAME_SLOTS],
        }
    }
}

impl PlainNames {
    /// `name`'s slot if it is a plain identifier, which `ron` writes as it
    /// is.
    #[inline]
    fn plain(&mut self, name: &'static str) -> Option<&PlainName> {
        let address = name.as_ptr() as usize;
        // Fibonacci hashing of the address: names are packed together in
        // memory, so their low bits alone would share slots.
        let index = address.wrapping_mul(0x9E37_79B9_7F4A_7C15_u64 as usize)
            >> (usize::BITS - PLAIN_NAME_BITS);
        let slot = &self.slots[index];
        if slot.address == address && slot.length == name.len() {
            return Some(&self.slots[index]);
        }
        self.check(name, index)
    }

    /// Checks a name that is not in its slot, and puts it there if it is
    /// plain.
    #[cold]
    fn check(&mut self, name: &'static str, index: usize) -> Option<&PlainName> {
        if !is_plain_identifier(name) {
            return None;
        }
        let mut text = [0; NAME_TEXT];
        if let Some(field) = text.get_mut(..name.len() + 2) {
            field[..name.len()].copy_from_slice(name.as_bytes());
            field[name.len()..].copy_from_slice(b": ");
        }
        let slot = &mut self.slots[index];
        *slot = PlainName {
            address: name.as_ptr() as usize,
            length: name.len(),
            text,
        };
        Some(slot)
    }
}

/// Whether `ron` writes `name` as it is rather than as a raw identifier:
/// ASCII letters, digits and `_`, not starting with a digit.
fn is_plain_identifier(name: &str) -> bool {
    let bytes = name.as_bytes();
    bytes.first().is_some_and(|first| !first.is_ascii_digit())
        && bytes
            .iter()
            .all(|byte| IDENTIFIER_BYTES[usize::from(*byte)])
}

/// How many spaces each level of depth indents a line by.
const INDENT_WIDTH: usize = 4;

/// Spaces that line starts are copied from.
const SPACES: &[u8] = &[b' '; 64];

/// Writes `count` spaces.
fn write_spaces(out: &mut Vec<u8>, count: usize) {
    let mut left = count;
    while left > SPACES.len() {
        out.extend_from_slice(SPACES);
        left -= SPACES.len();
    }
    out.extend_from_slice(&SPACES[..left]);
}

impl Printer<'_> {
    fn laid_out(&self) -> bool {
        self.depth <= self.depth_limit
    }

    fn start_indent(&mut self) {
        self.depth += 1;
        if self.laid_out() && !self.is_empty.unwrap_or(false) {
            self.out.push(b'\n');
        }
    }

    /// Starts a line `levels` levels deep: the prefix and the levels'
    /// indentation.
    fn start_line(&mut self, levels: usize) {
        let width = levels * INDENT_WIDTH;
        if self.prefix_is_spaces {
            write_spaces(self.out, self.prefix.len() + width);
        } else {
            self.out.extend_from_slice(self.prefix);
            write_spaces(self.out, width);
        }
    }

    #[inline]
    fn indent(&mut self) {
        if self.laid_out() {
            self.start_line(self.depth);
        }
    }

    fn end_indent(&mut self) {
        if self.laid_out() && !self.is_empty.unwrap_or(false) {
            self.start_line(self.depth - 1);
        }
        self.depth -= 1;
        self.is_empty = None;
    }

    /// A separator between two fields or elements: a line break down to
    /// the depth limit, a space below it.
    #[inline]
    fn separate(&mut self) {
        self.out
            .extend_from_slice(if self.laid_out() { b",\n" } else { b", " });
    }

    /// After the last field or element: a comma and line break down to the
    /// depth limit.
    fn close(&mut self, any: bool) {
        if any && self.laid_out() {
            self.out.extend_from_slice(b",\n");
        }
    }

    fn write_integer(&mut self, value: impl itoa::Integer) {
        self.out
            .extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
    }

    /// Writes `value` in decimal. The offsets and indices a graph is full
    /// of mostly have four digits or fewer, and hardly ever more than
    /// eight: such a number is written as one copy of a known length, the
    /// leading zeros dropped after it, rather than through a buffer and a
    /// call.
    #[inline(always)]
    fn write_unsigned(&mut self, value: u64) {
        if value < 10 {
            self.out.push(b'0' + value as u8);
        } else if value < 100 {
            self.out.extend_from_slice(&DIGIT_PAIRS[value as usize]);
        } else if value < 10_000 {
            let [a, b] = DIGIT_PAIRS[value as usize / 100];
            let [c, d] = DIGIT_PAIRS[value as usize % 100];
            let leading_zeros = usize::from(value < 1_000);
            let digits = u32::from_le_bytes([a, b, c, d]) >> (8 * leading_zeros);
            let kept = self.out.len() + 4 - leading_zeros;
            self.out.extend_from_slice(&digits.to_le_bytes());
            self.out.truncate(kept);
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
            let kept = self.out.len() + 8 - leading_zeros;
            self.out.extend_from_slice(&digits.to_le_bytes());
            self.out.truncate(kept);
        } else {
            self.write_integer(value);
        }
    }

    /// Writes a variant's name, or a field's name and the colon after it
    /// (`field`).
    #[inline]
    fn write_name(&mut self, name: &'static str, field: bool) -> Result {
        let Some(plain) = self.names.plain(name) else {
            // `ron` writes other names as raw identifiers; graph files have
            // none.
            return Err(PrintError::unsupported("identifiers that need r#"));
        };
        let length = if field { name.len() + 2 } else { name.len() };
        if name.len() + 2 <= NAME_TEXT {
            // The whole text is copied and what is not wanted of it dropped.
            let kept = self.out.len() + length;
            self.out.extend_from_slice(&plain.text);
            self.out.truncate(kept);
        } else {
            self.out.extend_from_slice(name.as_bytes());
            if field {
                self.out.extend_from_slice(b": ");
            }
        }
        Ok(())
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

/// The bytes a plain identifier is made of: ASCII letters, digits and `_`.
const IDENTIFIER_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let value = byte as u8;
        table[byte] = value.is_ascii_alphanumeric() || value == b'_';
        byte += 1;
    }
    table
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
fn write_escaped(out: &mut Vec<u8>, text: &str) {
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

/// A list or struct being printed.
struct Compound<'p, 'a> {
    printer: &'p mut Printer<'a>,
    any: bool,
}

impl Compound<'_, '_> {
    #[inline]
    fn before_item(&mut self) {
        if self.any {
            self.printer.separate();
        }
        self.any = true;
    }
}

/// Serializer methods that print an integer as it is.
macro_rules! print_integers {
    ($($method:ident: $type:ty),* $(,)?) => {
        $(fn $method(self, value: $type) -> Result {
            self.write_integer(value);
            Ok(())
        })*
    };
}

/// Serializer methods that print an unsigned integer as it is. They are
/// left to the compiler to inline or not: inlining them into every field
/// of every type costs more than it saves.
macro_rules! print_unsigned {
    ($($method:ident: $type:ty),* $(,)?) => {
        $(fn $method(self, value: $type) -> Result {
            self.write_unsigned(u64::from(value));
            Ok(())
        })*
    };
}

impl<'p, 'a> ser::Serializer for &'p mut Printer<'a> {
    type Ok = ();
    type Error = PrintError;
    type SerializeSeq = Compound<'p, 'a>;
    type SerializeTuple = Impossible<(), PrintError>;
    type SerializeTupleStruct = Impossible<(), PrintError>;
    type SerializeTupleVariant = Impossible<(), PrintError>;
    type SerializeMap = Impossible<(), PrintError>;
    type SerializeStruct = Compound<'p, 'a>;
    type SerializeStructVariant = Impossible<(), PrintError>;

    fn serialize_bool(self, value: bool) -> Result {
        self.out
            .extend_from_slice(if value { b"true" } else { b"false" });
        Ok(())
    }
    print_integers! {
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
    }
    print_unsigned! {
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64,
    }
    fn serialize_f32(self, _: f32) -> Result {
        Err(PrintError::unsupported("floating-point numbers"))
    }
    fn serialize_f64(self, _: f64) -> Result {
        Err(PrintError::unsupported("floating-point numbers"))
    }
    fn serialize_char(self, _: char) -> Result {
        Err(PrintError::unsupported("characters"))
    }
    #[inline]
    fn serialize_str(self, value: &str) -> Result {
        write_escaped(self.out, value);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result {
        Err(PrintError::unsupported("byte strings"))
    }
    #[inline]
    fn serialize_none(self) -> Result {
        self.out.extend_from_slice(b"None");
        Ok(())
    }
    #[inline]
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result {
        self.out.extend_from_slice(b"Some(");
        value.serialize(&mut *self)?;
        self.out.push(b')');
        Ok(())
    }
    fn serialize_unit(self) -> Result {
        self.out.extend_from_slice(b"()");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result {
        self.serialize_unit()
    }
    #[inline]
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.write_name(variant, false)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, _: &T) -> Result {
        Err(PrintError::unsupported("newtype structs"))
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result {
        Err(PrintError::unsupported("enum variants with data"))
    }
    #[inline]
    fn serialize_seq(self, length: Option<usize>) -> Result<Self::SerializeSeq> {
        let Some(length) = length else {
            return Err(PrintError::unsupported("sequences of unknown length"));
        };
        self.out.push(b'[');
        self.is_empty = Some(length == 0);
        self.start_indent();
        Ok(Compound {
            printer: self,
            any: false,
        })
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
        Err(PrintError::unsupported("tuples"))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(PrintError::unsupported("tuple structs"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(PrintError::unsupported("enum variants with data"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
        Err(PrintError::unsupported("maps"))
    }
    #[inline]
    fn serialize_struct(self, _: &'static str, fields: usize) -> Result<Self::SerializeStruct> {
        self.out.push(b'(');
        self.is_empty = Some(fields == 0);
        self.start_indent();
        Ok(Compound {
            printer: self,
            any: false,
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(PrintError::unsupported("enum variants with data"))
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = PrintError;

    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        self.before_item();
        self.printer.indent();
        value.serialize(&mut *self.printer)
    }

    #[inline]
    fn end(self) -> Result {
        self.printer.close(self.any);
        self.printer.end_indent();
        self.printer.out.push(b']');
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = PrintError;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result {
        self.before_item();
        self.printer.indent();
        self.printer.write_name(key, true)?;
        value.serialize(&mut *self.printer)
    }

    #[inline]
    fn end(self) -> Result {
        self.printer.close(self.any);
        self.printer.end_indent();
        self.printer.out.push(b')');
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Serialize)]
    #[serde(rename_all = "snake_case")]
    enum Shade {
        Light,
        VeryDark,
        ADarkerShadeWithALongName,
    }

    #[derive(Serialize)]
    struct Inner {
        label: String,
        count: u32,
        shade: Shade,
        note: Option<String>,
        numbers: Vec<i64>,
    }

    #[derive(Serialize)]
    struct Outer {
        name: String,
        flag: bool,
        empty: Vec<String>,
        inner: Inner,
        inners: Vec<Inner>,
        nested: Vec<Vec<u8>>,
        maybe: Option<Inner>,
        // Names around the length up to which a field's text is copied
        // whole, and past it.
        fourteen_bytes: Shade,
        fifteen_bytes_x: Shade,
        a_field_name_of_thirty_bytes_x: Shade,
    }

    fn inner(label: &str, count: u32) -> Inner {
        Inner {
            label: label.to_string(),
            count,
            shade: if count.is_multiple_of(2) {
                Shade::Light
            } else {
                Shade::VeryDark
            },
            note: count.is_multiple_of(3).then(|| format!("note {count}")),
            numbers: (0..count as i64).map(|n| n * -7).collect(),
        }
    }

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

    fn sample() -> Outer {
        Outer {
            name: AWKWARD.concat(),
            flag: true,
            empty: Vec::new(),
            inner: inner("first", 3),
            inners: AWKWARD
                .iter()
                .enumerate()
                .map(|(count, label)| inner(label, count as u32))
                .collect(),
            nested: vec![vec![], vec![1, 2], vec![3]],
            maybe: Some(inner("maybe", 2)),
            fourteen_bytes: Shade::ADarkerShadeWithALongName,
            fifteen_bytes_x: Shade::Light,
            a_field_name_of_thirty_bytes_x: Shade::ADarkerShadeWithALongName,
        }
    }

    fn printed_by_ron(value: &impl Serialize, depth_limit: usize, prefix: &str) -> String {
        let layout = ron::ser::PrettyConfig::default().depth_limit(depth_limit);
        let text = ron::ser::to_string_pretty(value, layout).unwrap();
        text.split('\n')
            .map(|line| format!("{prefix}{line}"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn printed(value: &impl Serialize, depth_limit: usize, prefix: &'static str) -> String {
        let mut out = Vec::new();
        print(&mut out, value, depth_limit, prefix).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn prints_what_ron_prints_at_every_depth_limit() {
        let value = sample();
        for depth_limit in 0..5 {
            for prefix in ["", "        "] {
                assert_eq!(
                    printed(&value, depth_limit, prefix),
                    printed_by_ron(&value, depth_limit, prefix),
                    "depth limit {depth_limit}, prefix {prefix:?}"
                );
            }
        }
    }

    #[test]
    fn escapes_strings_as_ron_does() {
        for text in AWKWARD {
            assert_eq!(printed(text, 1, ""), printed_by_ron(text, 1, ""));
        }
        for length in 0..40 {
            let plain: String = "abcdefghijklmnopqrstuvwxyz0123456789-: ABC"[..length].to_string();
            let odd = format!("{plain}\"");
            for text in [plain, odd] {
                assert_eq!(printed(&text, 1, ""), printed_by_ron(&text, 1, ""));
            }
        }
        for at in 0..20 {
            for odd in ["\"", "'", "\\", "\n", "\u{7f}", "é", "🙂", "\u{200b}"] {
                let text = format!("{}{odd}{}", "a".repeat(at), "b~ ".repeat(7));
                assert_eq!(printed(&text, 1, ""), printed_by_ron(&text, 1, ""));
            }
        }
        let every_character: String = (0..0x3000u32)
            .filter_map(char::from_u32)
            .chain(['\u{1f600}', '\u{e0001}', '\u{10ffff}'])
            .collect();
        assert_eq!(
            printed(&every_character, 1, ""),
            printed_by_ron(&every_character, 1, "")
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
            assert_eq!(printed(&value, 1, ""), printed_by_ron(&value, 1, ""));
            assert_eq!(printed(&(value as usize), 1, ""), value.to_string());
        }
        for value in [0u8, 9, 10, 99, 100, 255] {
            assert_eq!(printed(&value, 1, ""), printed_by_ron(&value, 1, ""));
        }
        for value in [i64::MIN, -10_000, -1, 0, 1, 9_999, i64::MAX] {
            assert_eq!(printed(&value, 1, ""), printed_by_ron(&value, 1, ""));
        }
    }

    #[test]
    fn lines_start_with_any_prefix_at_any_depth() {
        let deep = vec![vec![vec![vec![vec![vec![vec![vec![vec![vec![vec![
            vec![vec![vec![vec![vec![vec![1u8]]]]]],
        ]]]]]]]]]]];
        for prefix in ["", "  ", "\t", "x  "] {
            for depth_limit in [1, 20] {
                assert_eq!(
                    printed(&deep, depth_limit, prefix),
                    printed_by_ron(&deep, depth_limit, prefix),
                    "depth limit {depth_limit}, prefix {prefix:?}"
                );
            }
        }
    }

    #[test]
    fn the_printed_text_reads_back() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Read {
            name: String,
            flag: bool,
        }
        let text = printed(&sample(), 2, "");
        let read: Read = ron::from_str(&text).unwrap();
        assert_eq!(read.name, AWKWARD.concat());
        assert!(read.flag);
    }

    #[test]
    fn kinds_of_value_ron_would_print_differently_are_refused() {
        let mut out = Vec::new();
        assert!(print(&mut out, &1.5f64, 1, "").is_err());
        assert!(print(&mut out, &(1, 2), 1, "").is_err());
        let map: std::collections::BTreeMap<u8, u8> = [(1, 2)].into();
        assert!(print(&mut out, &map, 1, "").is_err());
    }

    #[test]
    fn names_ron_writes_as_raw_identifiers_are_refused_every_time() {
        #[derive(Serialize)]
        struct Named {
            plain_name: u8,
            #[serde(rename = "needs-r#")]
            dashed: u8,
        }
        #[derive(Serialize)]
        enum Variant {
            #[serde(rename = "2nd")]
            Second,
        }
        let mut out = Vec::new();
        for _ in 0..3 {
            assert!(print(
                &mut out,
                &Named {
                    plain_name: 1,
                    dashed: 2
                },
                1,
                ""
            )
            .is_err());
            assert!(print(&mut out, &Variant::Second, 1, "").is_err());
        }
        let mut names = PlainNames::default();
        for _ in 0..3 {
            assert!(names.plain("plain_name").is_some());
            assert!(names.plain("needs-r#").is_none());
            assert!(names.plain("2nd").is_none());
            assert!(names.plain("").is_none());
        }
    }
}
