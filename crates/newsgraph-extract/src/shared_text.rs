//! Reading shared strings (`Arc<str>`) with one allocation each, for
//! `#[serde(deserialize_with = ...)]` on the extraction model's shared fields: serde's
//! own reading of an `Arc<str>` makes a `String` first and then copies it
//! into the `Arc`, which for a large graph file is millions of needless
//! allocations.

use std::fmt;
use std::sync::Arc;

use serde::de::{DeserializeSeed, Deserializer, SeqAccess, Visitor};

/// Reads one string as an `Arc<str>`.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Arc<str>, D::Error> {
    deserializer.deserialize_str(SharedText)
}

/// Reads a list of strings as `Arc<str>`s.
pub fn deserialize_list<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<Arc<str>>, D::Error> {
    deserializer.deserialize_seq(SharedTexts)
}

struct SharedText;

impl Visitor<'_> for SharedText {
    type Value = Arc<str>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Arc<str>, E> {
        Ok(Arc::from(text))
    }
}

impl<'de> DeserializeSeed<'de> for SharedText {
    type Value = Arc<str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Arc<str>, D::Error> {
        deserializer.deserialize_str(SharedText)
    }
}

struct SharedTexts;

impl<'de> Visitor<'de> for SharedTexts {
    type Value = Vec<Arc<str>>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a list of strings")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Vec<Arc<str>>, A::Error> {
        // The hint comes from the file: trusted only up to a small bound.
        let mut texts = Vec::with_capacity(items.size_hint().unwrap_or(0).min(64));
        while let Some(text) = items.next_element_seed(SharedText)? {
            texts.push(text);
        }
        Ok(texts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::value::{Error, SeqDeserializer, StrDeserializer, StringDeserializer};

    #[test]
    fn strings_and_lists_read_as_they_are_written() {
        let one = deserialize(StrDeserializer::<Error>::new("Anna \"Berg\" ✓")).unwrap();
        assert_eq!(&*one, "Anna \"Berg\" ✓");
        let owned = deserialize(StringDeserializer::<Error>::new("Kyiv".to_string())).unwrap();
        assert_eq!(&*owned, "Kyiv");
        let list = deserialize_list(SeqDeserializer::<_, Error>::new(
            ["Kiev", "", "Київ"].into_iter(),
        ))
        .unwrap();
        let list: Vec<&str> = list.iter().map(|text| &**text).collect();
        assert_eq!(list, ["Kiev", "", "Київ"]);
        assert!(deserialize(serde::de::value::U32Deserializer::<Error>::new(7)).is_err());
    }
}
