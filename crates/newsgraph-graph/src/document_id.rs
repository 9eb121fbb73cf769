//! The document id a piece of evidence names: shared, one pointer wide.
//!
//! A large graph holds a piece of evidence for every mention, statement and
//! relation, a hundred million of them for a million articles, and each
//! names its document. The id is shared rather than copied, and held by a
//! thin pointer (the length lives beside the text), so a piece of evidence
//! is 16 bytes instead of the 32 of a shared `str` and two offsets.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use arcstr::ArcStr;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A document id, shared by every piece of evidence from that document.
///
/// It reads as the `str` it holds: compared, ordered and hashed as that
/// text, and printed as it. Cloning it copies a pointer.
#[derive(Clone, Default)]
pub struct DocumentId(ArcStr);

impl DocumentId {
    /// Whether two ids share one text (and so are equal without comparing
    /// it).
    pub fn ptr_eq(&self, other: &DocumentId) -> bool {
        ArcStr::ptr_eq(&self.0, &other.0)
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for DocumentId {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for DocumentId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for DocumentId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for DocumentId {
    fn from(id: &str) -> Self {
        DocumentId(ArcStr::from(id))
    }
}

impl From<String> for DocumentId {
    fn from(id: String) -> Self {
        DocumentId(ArcStr::from(id))
    }
}

impl From<&String> for DocumentId {
    fn from(id: &String) -> Self {
        DocumentId(ArcStr::from(id.as_str()))
    }
}

impl From<&DocumentId> for DocumentId {
    fn from(id: &DocumentId) -> Self {
        id.clone()
    }
}

impl PartialEq for DocumentId {
    fn eq(&self, other: &Self) -> bool {
        self.ptr_eq(other) || self.as_str() == other.as_str()
    }
}

impl Eq for DocumentId {}

impl PartialEq<str> for DocumentId {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for DocumentId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<DocumentId> for str {
    fn eq(&self, other: &DocumentId) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<DocumentId> for &str {
    fn eq(&self, other: &DocumentId) -> bool {
        *self == other.as_str()
    }
}

impl Ord for DocumentId {
    fn cmp(&self, other: &Self) -> Ordering {
        if self.ptr_eq(other) {
            Ordering::Equal
        } else {
            self.as_str().cmp(other.as_str())
        }
    }
}

impl PartialOrd for DocumentId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Hashed as its text, so that a set of ids can be asked for a `str`.
impl Hash for DocumentId {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Display for DocumentId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self)
    }
}

impl fmt::Debug for DocumentId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), formatter)
    }
}

impl Serialize for DocumentId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

thread_local! {
    /// The document id this thread read last, to share with the next.
    static LAST_READ: RefCell<DocumentId> = RefCell::new(DocumentId::default());
}

/// `id` as read into a piece of evidence: the id the evidence read last
/// on this thread when it is the same, as it mostly is, else a new one.
/// Evidence is saved sorted, so neighbouring pieces mostly name one
/// document, and a graph being read holds about one copy of each id
/// instead of one a piece of evidence.
pub(crate) fn shared_document_id(id: &str) -> DocumentId {
    LAST_READ.with(|last| {
        let mut last = last.borrow_mut();
        if last.as_str() != id {
            *last = DocumentId::from(id);
        }
        last.clone()
    })
}

/// Read shared with the id read just before, as `shared_document_id`.
impl<'de> Deserialize<'de> for DocumentId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Id;

        impl Visitor<'_> for Id {
            type Value = DocumentId;

            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("a document id")
            }

            fn visit_str<E: de::Error>(self, id: &str) -> Result<DocumentId, E> {
                Ok(shared_document_id(id))
            }
        }

        deserializer.deserialize_str(Id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn is_one_pointer_wide() {
        assert_eq!(std::mem::size_of::<DocumentId>(), 8);
    }

    #[test]
    fn compares_orders_and_hashes_as_its_text() {
        let first = DocumentId::from("a.txt");
        let same_text = DocumentId::from(String::from("a.txt"));
        let later = DocumentId::from("b.txt");
        assert!(!first.ptr_eq(&same_text));
        assert_eq!(first, same_text);
        assert_eq!(first, "a.txt");
        assert!(first < later);
        assert_eq!(first.cmp(&first.clone()), Ordering::Equal);
        let set: HashSet<DocumentId> = [first.clone(), later].into_iter().collect();
        assert!(set.contains("a.txt"));
        assert!(!set.contains("c.txt"));
        assert_eq!(format!("{first} {first:?}"), "a.txt \"a.txt\"");
    }
}
