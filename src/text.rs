//! Deciding whether a file's bytes are a document newsgraph can read.
//!
//! Spans in the graph are byte offsets into the text exactly as read, so the
//! text is never repaired: no lossy decoding, no byte-order-mark stripping,
//! no newline conversion. Bytes that are not UTF-8, or that hold a NUL byte
//! (which text never does and binary files nearly always do), are refused
//! with the offset of the first bad byte.

use newsgraph_extract::Document;

/// Why a file's bytes are not a text document. The messages say what is
/// wrong and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotText {
    /// The bytes are not valid UTF-8.
    #[error(
        "not UTF-8 text (invalid byte at offset {offset}); convert it to UTF-8, \
         e.g. `iconv -f LATIN1 -t UTF-8` for Latin-1"
    )]
    InvalidUtf8 {
        /// Byte offset of the first byte that is not part of valid UTF-8.
        offset: usize,
    },
    /// The bytes start with a UTF-16 byte order mark.
    #[error("UTF-16 text, not UTF-8 (it starts with a UTF-16 byte order mark); convert it, e.g. `iconv -f UTF-16 -t UTF-8`")]
    Utf16,
    /// The bytes contain a NUL byte, which text never does: a binary file.
    #[error("not text: looks binary (NUL byte at offset {offset}); give plain text files only")]
    Binary {
        /// Byte offset of the first NUL byte.
        offset: usize,
    },
}

/// A document from a file's bytes, if they are text.
///
/// The text is kept exactly as given. `id` is the document id, by convention
/// the file name without directories.
///
/// ```
/// use newsgraph::{document_from_bytes, NotText};
/// let document = document_from_bytes("a.txt", b"Mayor Anna Berg spoke.".to_vec()).unwrap();
/// assert_eq!(document.text, "Mayor Anna Berg spoke.");
/// assert_eq!(
///     document_from_bytes("b.txt", vec![b'o', b'k', 0xff]),
///     Err(NotText::InvalidUtf8 { offset: 2 })
/// );
/// ```
pub fn document_from_bytes(id: impl Into<String>, bytes: Vec<u8>) -> Result<Document, NotText> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(NotText::Utf16);
    }
    // NUL bytes first: binary data is rarely valid UTF-8 either, and
    // "looks binary" is the more useful thing to say about it.
    if let Some(offset) = bytes.iter().position(|&byte| byte == 0) {
        return Err(NotText::Binary { offset });
    }
    let text = String::from_utf8(bytes).map_err(|error| NotText::InvalidUtf8 {
        offset: error.utf8_error().valid_up_to(),
    })?;
    Ok(Document::new(id, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_byte_order_mark_and_carriage_returns() {
        let bytes = "\u{feff}Line one.\r\nLine two.".as_bytes().to_vec();
        let document = document_from_bytes("bom.txt", bytes.clone()).unwrap();
        assert_eq!(document.text.as_bytes(), bytes.as_slice());
    }

    #[test]
    fn reports_first_invalid_byte() {
        let mut bytes = "caf\u{e9} ".as_bytes().to_vec();
        bytes.push(0xc3);
        assert_eq!(
            document_from_bytes("x.txt", bytes),
            Err(NotText::InvalidUtf8 { offset: 6 })
        );
    }

    #[test]
    fn names_utf16() {
        for bytes in [vec![0xff, 0xfe, b'a', 0], vec![0xfe, 0xff, 0, b'a']] {
            assert_eq!(document_from_bytes("x.txt", bytes), Err(NotText::Utf16));
        }
    }

    #[test]
    fn refuses_nul_bytes() {
        assert_eq!(
            document_from_bytes("x.bin", b"ab\0cd".to_vec()),
            Err(NotText::Binary { offset: 2 })
        );
    }

    #[test]
    fn empty_text_is_a_document() {
        assert_eq!(
            document_from_bytes("empty.txt", Vec::new()).unwrap().text,
            ""
        );
    }
}
