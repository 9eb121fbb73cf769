//! Whether a character is a letter or a digit (`char::is_alphanumeric`),
//! remembered for each character of the Basic Multilingual Plane once
//! asked. The standard library answers for a character past ASCII by
//! searching Unicode's tables, some five hundred instructions each time,
//! and names in other scripts ask about every one of their characters: the
//! gazetteers' hundred thousand non-ASCII characters asked about at
//! start-up took nearly half of it.

use std::sync::atomic::{AtomicU8, Ordering};

/// Not asked about yet.
const UNKNOWN: u8 = 0;
const NOT_ALPHANUMERIC: u8 = 1;
const ALPHANUMERIC: u8 = 2;

/// The characters below this are remembered.
const REMEMBERED_BELOW: usize = 0x1_0000;

/// Per character below [`REMEMBERED_BELOW`], what `char::is_alphanumeric`
/// answered, or [`UNKNOWN`]. Threads may ask at once: each stores the same
/// answer, so a plain (relaxed) store is all it takes.
static REMEMBERED: [AtomicU8; REMEMBERED_BELOW] =
    [const { AtomicU8::new(UNKNOWN) }; REMEMBERED_BELOW];

/// `character.is_alphanumeric()`.
#[inline]
pub(crate) fn is_alphanumeric(character: char) -> bool {
    if character.is_ascii() {
        return character.is_ascii_alphanumeric();
    }
    let Some(remembered) = REMEMBERED.get(character as usize) else {
        return character.is_alphanumeric();
    };
    match remembered.load(Ordering::Relaxed) {
        ALPHANUMERIC => true,
        NOT_ALPHANUMERIC => false,
        _ => {
            let answer = character.is_alphanumeric();
            let state = if answer {
                ALPHANUMERIC
            } else {
                NOT_ALPHANUMERIC
            };
            remembered.store(state, Ordering::Relaxed);
            answer
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_is_answered_as_the_standard_library_answers() {
        // Every character twice: asked, then (below U+10000) remembered.
        for _ in 0..2 {
            for character in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
                assert_eq!(
                    is_alphanumeric(character),
                    character.is_alphanumeric(),
                    "{character:?}"
                );
            }
        }
    }
}
