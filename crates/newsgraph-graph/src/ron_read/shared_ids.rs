//! The ids of a list read earlier (documents, entities), found again by
//! their text, so that the elements read after them share them.
//!
//! A million documents' ids do not stay in the caches while a graph file
//! streams past them, so each lookup waits on memory. A general hash set
//! reads three places one after another: its control bytes, its slot, and
//! the id the slot points to, to compare the text. Here a slot holds the
//! id's hash beside the id, so a lookup reads the slot, then the id (which
//! sharing it touches anyway). A batch of lookups ([`SharedIds::warm`])
//! reads every slot and then every id before any is compared and shared,
//! so that its reads from memory wait together instead of in turn: sharing
//! an id is a locked increment, which lets no read after it start early.

use std::borrow::Borrow;
use std::hash::BuildHasher;

use rayon::prelude::*;
use rustc_hash::FxBuildHasher;

/// Ids found by their text.
pub(crate) struct SharedIds<T> {
    /// Open addressing, probed one slot on at a time; at most half full.
    slots: Vec<Option<Slot<T>>>,
    /// The slot count less one (a power of two less one).
    mask: usize,
}

struct Slot<T> {
    hash: u64,
    id: T,
}

impl<T> Default for SharedIds<T> {
    fn default() -> Self {
        SharedIds {
            slots: Vec::new(),
            mask: 0,
        }
    }
}

/// The hash an id is held and looked for under.
pub(crate) fn hash_of(text: &str) -> u64 {
    FxBuildHasher.hash_one(text)
}

impl<T: Borrow<str> + Send> SharedIds<T> {
    /// Holds `ids`; of ids with the same text, the first. Hashed on all
    /// threads: a million documents in a large graph.
    pub fn new(ids: Vec<T>) -> Self {
        if ids.is_empty() {
            return SharedIds::default();
        }
        let hashed: Vec<(u64, T)> = ids
            .into_par_iter()
            .map(|id| (hash_of(id.borrow()), id))
            .collect();
        let count = (2 * hashed.len()).next_power_of_two();
        let mut slots = Vec::with_capacity(count);
        slots.resize_with(count, || None);
        let mut shared = SharedIds {
            slots,
            mask: count - 1,
        };
        for (hash, id) in hashed {
            let mut at = shared.home(hash);
            loop {
                match &shared.slots[at] {
                    None => {
                        shared.slots[at] = Some(Slot { hash, id });
                        break;
                    }
                    Some(slot) if slot.hash == hash && slot.id.borrow() == id.borrow() => break,
                    Some(_) => at = (at + 1) & shared.mask,
                }
            }
        }
        shared
    }
}

impl<T: Borrow<str>> SharedIds<T> {
    fn home(&self, hash: u64) -> usize {
        // (Truncated on 32-bit targets, and masked: only the low bits.)
        hash as usize & self.mask
    }

    /// The id whose text is `text`.
    #[cfg(test)]
    pub fn get(&self, text: &str) -> Option<&T> {
        self.get_hashed(text, hash_of(text))
    }

    /// The id whose text is `text`, of hash `hash` ([`hash_of`]).
    pub fn get_hashed(&self, text: &str, hash: u64) -> Option<&T> {
        self.at(self.slot_of(text, hash)?)
    }

    /// The slot that holds the id whose text is `text`, of hash `hash`:
    /// kept by a reader that expects the same id again soon, and read
    /// again with [`Self::at`].
    pub fn slot_of(&self, text: &str, hash: u64) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        let mut at = self.home(hash);
        loop {
            match &self.slots[at] {
                None => return None,
                Some(slot) if slot.hash == hash && slot.id.borrow() == text => return Some(at),
                Some(_) => at = (at + 1) & self.mask,
            }
        }
    }

    /// The id held in slot `slot`, if it holds one.
    pub fn at(&self, slot: usize) -> Option<&T> {
        self.slots.get(slot)?.as_ref().map(|slot| &slot.id)
    }

    /// Reads what looking up each of `hashes` will read (the first slot
    /// holding the hash, and its id), all the slots first and then all the
    /// ids, so that the lookups that follow find them in the caches. Only
    /// a matter of speed: what is found is the same.
    pub fn warm(&self, hashes: impl Iterator<Item = u64> + Clone) {
        if self.slots.is_empty() {
            return;
        }
        // What was read is summed and kept, so that the reads are made.
        let mut read = 0u64;
        for hash in hashes.clone() {
            if let Some(slot) = &self.slots[self.home(hash)] {
                read = read.wrapping_add(slot.hash);
            }
        }
        for hash in hashes {
            let mut at = self.home(hash);
            while let Some(slot) = &self.slots[at] {
                if slot.hash == hash {
                    read = read.wrapping_add(slot.id.borrow().len() as u64);
                    break;
                }
                at = (at + 1) & self.mask;
            }
        }
        std::hint::black_box(read);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(count: usize) -> Vec<String> {
        (0..count).map(|index| format!("doc-{index}")).collect()
    }

    #[test]
    fn every_id_held_is_found_and_no_other() {
        for count in [0, 1, 2, 3, 100, 5_000] {
            let shared = SharedIds::new(ids(count));
            for id in ids(count) {
                assert_eq!(shared.get(&id).map(String::as_str), Some(id.as_str()));
            }
            for missing in ["", "doc-", "doc-x", &format!("doc-{count}")] {
                assert_eq!(shared.get(missing), None, "{missing:?} among {count}");
            }
        }
    }

    #[test]
    fn ids_with_the_same_hash_are_told_apart_by_their_text() {
        // Every id held under one hash, in one run of slots from its home
        // slot to past the end and round to the start: slots are probed on
        // past those of another text with the same hash.
        let shared = SharedIds::new(ids(50));
        let mut chained = SharedIds::<String> {
            slots: (0..128).map(|_| None).collect(),
            mask: 127,
        };
        for (offset, id) in ids(50).into_iter().enumerate() {
            chained.slots[(100 + offset) & 127] = Some(Slot { hash: 100, id });
        }
        for id in ids(50) {
            assert_eq!(chained.get_hashed(&id, 100), Some(&id));
            assert_eq!(shared.get(&id), Some(&id));
        }
        assert_eq!(chained.get_hashed("doc-50", 100), None);
        assert_eq!(chained.get_hashed("doc-1", 101), None);
    }

    #[test]
    fn the_first_of_ids_with_the_same_text_is_kept() {
        let first = arcstr::ArcStr::from("same");
        let second = arcstr::ArcStr::from("same");
        let shared = SharedIds::new(vec![first.clone(), second]);
        assert!(arcstr::ArcStr::ptr_eq(shared.get("same").unwrap(), &first));
        assert_eq!(shared.slots.iter().flatten().count(), 1);
    }

    #[test]
    fn a_slot_found_holds_the_id_found() {
        let shared = SharedIds::new(ids(300));
        for id in ids(300) {
            let slot = shared.slot_of(&id, hash_of(&id)).unwrap();
            assert_eq!(shared.at(slot), Some(&id));
        }
        assert_eq!(shared.slot_of("absent", hash_of("absent")), None);
        assert_eq!(shared.at(shared.slots.len()), None);
        let empty_slot = shared.slots.iter().position(Option::is_none).unwrap();
        assert_eq!(shared.at(empty_slot), None);
    }

    #[test]
    fn warming_changes_nothing_found() {
        let shared = SharedIds::new(ids(1_000));
        let texts = ["doc-3", "doc-999", "absent", "doc-3"];
        shared.warm(texts.iter().map(|text| hash_of(text)));
        SharedIds::<String>::default().warm(texts.iter().map(|text| hash_of(text)));
        assert_eq!(shared.get("doc-999").map(String::as_str), Some("doc-999"));
        assert_eq!(shared.get("absent"), None);
    }
}
