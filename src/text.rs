//! Deciding whether a file's bytes are a document newsgraph can read.
//!
//! Spans in the graph are byte offsets into the text exactly as read, so the
//! text is never repaired: no lossy decoding, no byte-order-mark stripping,
//! no newline conversion. Bytes that are not UTF-8, or that hold a NUL byte
//! (which text never does and binary files nearly always do), are refused
//! with the offset of the first bad byte.

use newsgraph_extract::Document;

/// Why a file's bytes are not a text document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotText {
    /// The bytes are not valid UTF-8.
    #[error("not UTF-8 text (invalid byte at offset {offset})")]
    InvalidUtf8 {
        /// Byte offset of the first byte that is not part of valid UTF-8.
        offset: usize,
    },
    /// The bytes are UTF-8 but contain a NUL byte: a binary file.
    #[error("not text: looks binary (NUL byte at offset {offset})")]
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
    let text = String::from_utf8(bytes).map_err(|error| NotText::InvalidUtf8 {
        offset: error.utf8_error().valid_up_to(),
    })?;
    if let Some(offset) = text.bytes().position(|byte| byte == 0) {
        return Err(NotText::Binary { offset });
    }
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
