//! A statement's words: a slice of one buffer its document's statements
//! share.
//!
//! A million articles hold over twenty million statements of fifty bytes
//! or so each. Held as a shared string apiece, each statement's words cost
//! an allocation and its header, more than the words themselves; held as a
//! slice of one buffer per document, they cost their bytes. A `Words` is
//! two pointers wide, like the `Arc<str>` it replaces, and reads, compares,
//! hashes and serializes as the text it holds.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::{Deref, Range};

use arcstr::{ArcStr, Substr};
use serde::de::{Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// The words of one statement, usually a slice of a buffer shared with
/// the other statements of its document. Cloning it copies a pointer.
#[derive(Clone, Default)]
pub struct Words(Substr);

/// The most bytes a buffer that words are slices of holds: a slice's
/// offsets are 32-bit. Extraction reads no more of a document than this.
const MOST_BUFFER_BYTES: usize = u32::MAX as usize;

impl Words {
    /// The words of each of `texts`, in order, as slices of one shared
    /// buffer (see [`Words::gathered`]).
    pub fn shared<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<Words> {
        let (buffer, ranges) = Words::gathered(texts);
        ranges
            .into_iter()
            .map(|range| Words::slice_of(&buffer, range))
            .collect()
    }

    /// `texts` copied one after another into one buffer, and where in it
    /// each is.
    pub fn gathered<'a>(texts: impl IntoIterator<Item = &'a str>) -> (ArcStr, Vec<Range<usize>>) {
        // Gathered here first, then copied once into the shared buffer.
        let mut buffer = String::new();
        let ranges = texts
            .into_iter()
            .map(|text| {
                let start = buffer.len();
                buffer.push_str(text);
                start..buffer.len()
            })
            .collect();
        (ArcStr::from(buffer), ranges)
    }

    /// The words at `range` of `buffer`: a slice of it when the buffer fits
    /// in 32-bit offsets, else (never for what extraction gives) a copy.
    fn slice_of(buffer: &ArcStr, range: Range<usize>) -> Words {
        if buffer.len() <= MOST_BUFFER_BYTES {
            Words(buffer.substr(range))
        } else {
            Words::from(&buffer[range])
        }
    }

    /// The words as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether two are the same slice of the same buffer (and so are equal
    /// without comparing their text).
    pub fn ptr_eq(&self, other: &Words) -> bool {
        Substr::shallow_eq(&self.0, &other.0)
    }

    /// Whether two are slices of one buffer.
    pub fn shares_buffer_with(&self, other: &Words) -> bool {
        ArcStr::ptr_eq(self.0.parent(), other.0.parent())
    }

    /// The buffer these words are a slice of, and where in it they are.
    pub fn buffer_and_range(&self) -> (&ArcStr, Range<usize>) {
        (self.0.parent(), self.0.range())
    }

    /// The words at `range` of `buffer`, as [`Self::buffer_and_range`] gave
    /// them; `None` when `range` is not within `buffer` on character
    /// boundaries.
    pub fn from_buffer(buffer: &ArcStr, range: Range<usize>) -> Option<Words> {
        buffer.get(range.clone())?;
        Some(Words::slice_of(buffer, range))
    }
}

impl Deref for Words {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Words {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Words {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Words {
    fn from(text: &str) -> Self {
        Words::from(ArcStr::from(text))
    }
}

impl From<String> for Words {
    fn from(text: String) -> Self {
        Words::from(ArcStr::from(text))
    }
}

impl From<ArcStr> for Words {
    fn from(text: ArcStr) -> Self {
        if text.len() <= MOST_BUFFER_BYTES {
            Words(Substr::full(text))
        } else {
            // Longer than any document extraction reads: cut, as a
            // document is, at the last character within the limit.
            let mut end = MOST_BUFFER_BYTES;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            Words(Substr::full(ArcStr::from(&text[..end])))
        }
    }
}

impl PartialEq for Words {
    fn eq(&self, other: &Self) -> bool {
        self.ptr_eq(other) || self.as_str() == other.as_str()
    }
}

impl Eq for Words {}

impl PartialEq<str> for Words {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Words {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialOrd for Words {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Words {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for Words {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for Words {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), formatter)
    }
}

impl fmt::Display for Words {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), formatter)
    }
}

impl Serialize for Words {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Words {
    /// Read with one allocation: serde's own reading of a shared string
    /// makes a `String` first and then copies it.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct WordsVisitor;

        impl Visitor<'_> for WordsVisitor {
            type Value = Words;

            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("a string")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Words, E> {
                Ok(Words::from(text))
            }
        }

        deserializer.deserialize_str(WordsVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_words_are_slices_of_one_buffer_and_read_as_given() {
        let texts = ["the port will reopen", "", "Київ ✓ said \"no\"", "x"];
        let words = Words::shared(texts);
        assert_eq!(words.len(), texts.len());
        for (words, text) in words.iter().zip(texts) {
            assert_eq!(words.as_str(), text);
            assert_eq!(*words, *text);
        }
        assert!(words
            .windows(2)
            .all(|pair| pair[0].shares_buffer_with(&pair[1])));
        assert!(!words[0].ptr_eq(&words[2]));
        assert!(words[0].ptr_eq(&words[0].clone()));
        let (buffer, range) = words[2].buffer_and_range();
        assert_eq!(
            Words::from_buffer(buffer, range).unwrap().as_str(),
            texts[2]
        );
        // A range that ends inside a character is refused, not a panic.
        let inside = texts[0].len() + 1;
        assert!(Words::from_buffer(buffer, inside..inside + 1).is_none());
        assert!(Words::from_buffer(buffer, 0..buffer.len() + 1).is_none());
        assert!(Words::shared(Vec::<&str>::new()).is_empty());
    }

    #[test]
    fn words_compare_hash_and_serialize_as_their_text() {
        use std::collections::hash_map::DefaultHasher;
        let shared = Words::shared(["alpha", "beta"]);
        let apart = Words::from("alpha");
        assert_eq!(shared[0], apart);
        assert!(!shared[0].ptr_eq(&apart));
        assert_ne!(shared[0], shared[1]);
        assert_eq!(shared[0].cmp(&shared[1]), "alpha".cmp("beta"));
        let hash = |value: &dyn Fn(&mut DefaultHasher)| {
            let mut hasher = DefaultHasher::new();
            value(&mut hasher);
            hasher.finish()
        };
        assert_eq!(
            hash(&|hasher| shared[0].hash(hasher)),
            hash(&|hasher| "alpha".hash(hasher))
        );
        assert_eq!(format!("{:?} {}", shared[1], shared[1]), "\"beta\" beta");
        let json = serde_json::to_string(&shared[1]).unwrap();
        assert_eq!(json, "\"beta\"");
        let read: Words = serde_json::from_str("\"b\\\"eta ✓\"").unwrap();
        assert_eq!(read.as_str(), "b\"eta ✓");
    }
}
