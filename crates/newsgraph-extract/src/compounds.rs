//! Where the tokenizer cuts a capitalised word joined by hyphens into the
//! names it is made of.
//!
//! News joins names to what they qualify: "Iran-backed militias", "a
//! Moscow-based analyst", "the Hamas-run health ministry", "the
//! Russia-Ukraine war", "US-China trade talks". Kept whole, such a word is
//! no name the gazetteers know and is taken for an unknown one; cut, its
//! names are found as anywhere else and "Iran-backed Hezbollah" reads as
//! "Iran backed Hezbollah". Names that are hyphenated themselves
//! ("Guinea-Bissau", "Coca-Cola", "Kim Jong-un", "Mar-a-Lago") are kept.

use crate::gazetteer::{gazetteer, Entry, PlaceKind};

/// Participles and adjectives that follow a name after a hyphen to
/// qualify what comes next ("Iran-backed", "London-based", "Saudi-led").
const QUALIFYING_ENDINGS: &[&str] = &[
    "affiliated",
    "aligned",
    "allied",
    "appointed",
    "backed",
    "based",
    "bound",
    "brokered",
    "controlled",
    "dominated",
    "financed",
    "flagged",
    "friendly",
    "funded",
    "headquartered",
    "held",
    "installed",
    "led",
    "linked",
    "listed",
    "made",
    "occupied",
    "operated",
    "owned",
    "registered",
    "related",
    "run",
    "sponsored",
    "supported",
    "wide",
];

/// The byte offsets, within `word`, of the hyphens to cut it at: before a
/// qualifying ending ("Iran|-backed"), or between names the gazetteers
/// know when the whole is none ("Russia|-Ukraine", "US|-China"). Empty when
/// the word stays whole, as when it opens a longer name
/// ("Russia-India-China Strategic Triangle"). `text` is the text from the
/// word on. Only asked of capitalised words with a hyphen.
pub(crate) fn cuts(word: &str, text: &str) -> Vec<usize> {
    let hyphens: Vec<usize> = word
        .char_indices()
        .filter(|&(_, character)| is_hyphen(character))
        .map(|(offset, _)| offset)
        .collect();
    let Some(&last) = hyphens.last() else {
        return Vec::new();
    };
    let gazetteer = gazetteer();
    // (A name ends where a word does, so never inside this one.)
    let a_name_opens = gazetteer
        .longest_name_opening(text)
        .is_some_and(|end| end >= word.len());
    if a_name_opens || gazetteer.brand(word).is_some() {
        return Vec::new();
    }
    let ending = &word[last + hyphen_length(word, last)..];
    if QUALIFYING_ENDINGS.contains(&ending) {
        return vec![last];
    }
    if !word.split(is_hyphen).all(is_known_name) {
        return Vec::new();
    }
    hyphens
}

/// Whether a character joins the parts of a hyphenated word.
pub(crate) fn is_hyphen(character: char) -> bool {
    matches!(character, '-' | '‐')
}

/// The length in bytes of the hyphen at `offset` of `text` ('-' or '‐').
pub(crate) fn hyphen_length(text: &str, offset: usize) -> usize {
    text[offset..].chars().next().map_or(1, char::len_utf8)
}

/// Whether a part of a hyphenated word is a name of its own: a country, a
/// region or an organization the gazetteers know, or a city whose name is
/// no given name ("Pierre" of "Jean-Pierre" is a city too).
fn is_known_name(part: &str) -> bool {
    let gazetteer = gazetteer();
    if !part.starts_with(char::is_uppercase) {
        return false;
    }
    match gazetteer.entry(part) {
        Some(Entry::Organization(_)) => true,
        Some(Entry::Place(place)) => {
            matches!(place.kind, PlaceKind::Country | PlaceKind::Region)
                || !gazetteer.is_given_name(part)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    fn cuts(word: &str) -> Vec<usize> {
        super::cuts(word, word)
    }

    #[test]
    fn a_name_before_a_qualifying_ending_is_cut_off() {
        assert_eq!(cuts("Iran-backed"), vec![4]);
        assert_eq!(cuts("Moscow-based"), vec![6]);
        assert_eq!(cuts("Mar-a-Lago-based"), vec![10]);
        assert_eq!(cuts("Hamas‐run"), vec![5]);
    }

    #[test]
    fn two_known_names_are_cut_apart() {
        assert_eq!(cuts("Russia-Ukraine"), vec![6]);
        assert_eq!(cuts("US-China"), vec![2]);
        assert_eq!(cuts("Israel-Hamas"), vec![6]);
    }

    #[test]
    fn hyphenated_names_stay_whole() {
        for word in [
            "Guinea-Bissau",
            "Coca-Cola",
            "Mar-a-Lago",
            "Jong-un",
            "Jean-Pierre",
            "Min-Woo",
            "Pro-Beijing",
            "Ukraine",
            "T-shirt",
            "Scientology-critic",
        ] {
            assert!(cuts(word).is_empty(), "{word}");
        }
        let name = "Russia-India-China Strategic Triangle";
        assert!(super::cuts("Russia-India-China", name).is_empty());
    }
}
