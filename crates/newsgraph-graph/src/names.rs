//! Name normalisation for cross-document entity resolution.
//!
//! Each function turns a name as written into one of the keys the resolver
//! indexes: a folded name for `same-name`, a phonetic skeleton for
//! `spelling-variant` and `surname`, initials and acronyms for `acronym`,
//! and the slug of a stable id. Nothing here decides a merge.

use newsgraph_extract::{
    fold_name as fold, push_name_skeleton as push_word_skeleton, strip_possessive, EntityKind,
};

/// Words that may precede a person's name without being part of it, folded
/// and without a trailing period. Sorted, for binary search.
///
/// Several are only ever the first half of a title ("prime", "foreign",
/// "vice"); stripping them word by word handles "Deputy Prime Minister"
/// without listing every combination.
const PERSON_TITLE_WORDS: &[&str] = &[
    "admiral",
    "ambassador",
    "archbishop",
    "bishop",
    "capt",
    "captain",
    "cardinal",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief",
    "col",
    "colonel",
    "commander",
    "commissioner",
    "dame",
    "defence",
    "defense",
    "deputy",
    "director",
    "dr",
    "emir",
    "envoy",
    "foreign",
    "former",
    "gen",
    "general",
    "gov",
    "governor",
    "judge",
    "justice",
    "king",
    "lady",
    "leader",
    "lieutenant",
    "lord",
    "lt",
    "madam",
    "madame",
    "mayor",
    "minister",
    "miss",
    "mme",
    "monsieur",
    "mr",
    "mrs",
    "ms",
    "mx",
    "pope",
    "premier",
    "president",
    "prime",
    "prince",
    "princess",
    "prof",
    "professor",
    "queen",
    "rep",
    "representative",
    "rev",
    "reverend",
    "secretary",
    "sen",
    "senator",
    "sergeant",
    "sgt",
    "sheikh",
    "sir",
    "speaker",
    "spokesman",
    "spokeswoman",
    "vice",
];

/// Whether a folded word (trailing period allowed) is a title word.
fn is_person_title_word(folded_word: &str) -> bool {
    let word = folded_word.trim_end_matches('.');
    PERSON_TITLE_WORDS.binary_search(&word).is_ok()
}

/// Whether a folded word is one that may precede a place or organization
/// name without being part of it ("the European Union").
fn is_article_word(folded_word: &str) -> bool {
    folded_word == "the"
}

fn is_leading_noise(kind: EntityKind, folded_word: &str) -> bool {
    match kind {
        EntityKind::Person => is_person_title_word(folded_word),
        EntityKind::Place | EntityKind::Organization => is_article_word(folded_word),
    }
}

/// The folded words of a name with leading titles (persons) or a leading
/// article (places, organizations) removed, joined by single spaces, and
/// how many words that is. Never removes the last word, so "Mr President"
/// stays "president" rather than becoming nothing.
pub(crate) fn normalized_name(name: &str, kind: EntityKind) -> (String, usize) {
    let mut folded = fold(name);
    let mut word_count = if folded.is_empty() {
        0
    } else {
        folded.bytes().filter(|byte| *byte == b' ').count() + 1
    };
    let mut start = 0;
    while word_count > 1 {
        let Some((first, _)) = folded[start..].split_once(' ') else {
            break;
        };
        if !is_leading_noise(kind, first) {
            break;
        }
        start += first.len() + 1;
        word_count -= 1;
    }
    folded.drain(..start);
    (folded, word_count)
}

#[cfg(test)]
fn normalized_words(name: &str, kind: EntityKind) -> Vec<String> {
    let (normalized, _) = normalized_name(name, kind);
    normalized
        .split(' ')
        .filter(|word| !word.is_empty())
        .map(str::to_string)
        .collect()
}

/// The name as written, with leading titles or article and a trailing
/// possessive removed: the form shown as an entity's canonical name.
/// "President Anna Berg's" → "Anna Berg".
pub(crate) fn display_name(name: &str, kind: EntityKind) -> String {
    let tokens: Vec<&str> = name.split_whitespace().collect();
    let mut first = 0;
    while first + 1 < tokens.len() {
        let folded = fold(tokens[first]);
        let all_noise =
            !folded.is_empty() && folded.split(' ').all(|word| is_leading_noise(kind, word));
        if !all_noise {
            break;
        }
        first += 1;
    }
    let mut kept: Vec<&str> = tokens[first..].to_vec();
    if let Some(last) = kept.last_mut() {
        *last = strip_possessive(last);
        if last.is_empty() {
            kept.pop();
        }
    }
    kept.join(" ")
}

/// The skeleton of a person's normalized name: its words' skeletons joined
/// by spaces. Initials ("J.") are left out when at least two longer words
/// remain, so "Anna J. Berg" and "Anna Berg" agree.
pub(crate) fn person_skeleton(normalized_name: &str) -> String {
    let mut skeleton = String::with_capacity(normalized_name.len());
    for word in normalized_name.split(' ') {
        let before = skeleton.len();
        if before > 0 {
            skeleton.push(' ');
        }
        push_word_skeleton(word, &mut skeleton);
        if skeleton.len() == before + usize::from(before > 0) {
            // Nothing of the word was a letter or digit.
            skeleton.truncate(before);
        }
    }
    let (words, longer_words) = skeleton.split(' ').fold((0, 0), |(words, longer), word| {
        (words + 1, longer + usize::from(word.len() > 1))
    });
    if longer_words >= 2 && longer_words < words {
        let kept: Vec<&str> = skeleton.split(' ').filter(|word| word.len() > 1).collect();
        kept.join(" ")
    } else {
        skeleton
    }
}

/// The initials of an organization's capitalised words, if it has two or
/// more: "North Atlantic Treaty Organization" → "NATO", "Organization of the
/// Petroleum Exporting Countries" → "OPEC".
pub(crate) fn organization_initials(name: &str) -> Option<String> {
    let mut words = name
        .split(|character: char| character.is_whitespace() || character == '-')
        .filter(|word| !word.is_empty())
        .peekable();
    if words
        .peek()
        .is_some_and(|word| word.eq_ignore_ascii_case("the"))
    {
        words.next();
    }
    let initials: String = words
        .filter_map(|word| word.chars().next())
        .filter(|first| first.is_uppercase())
        .flat_map(|first| deunicode::deunicode_char(first).unwrap_or("").chars())
        .filter(char::is_ascii_alphabetic)
        .map(|letter| letter.to_ascii_uppercase())
        .collect();
    (initials.len() >= 2).then_some(initials)
}

/// The acronym an all-capitals name spells ("EU", "NATO", "U.N." → "UN"),
/// or `None` for any other name.
pub(crate) fn acronym(name: &str) -> Option<String> {
    let letters: String = name
        .trim()
        .chars()
        .filter(|character| *character != '.')
        .collect();
    let plausible_length = (2..=8).contains(&letters.len());
    (plausible_length && letters.chars().all(|letter| letter.is_ascii_uppercase()))
        .then_some(letters)
}

/// Why an extractor made `alias` a name of the entity it calls `name` within
/// one document, as a [`crate::MergeRecord`] rule: the same name with a
/// title, article or possessive (`document-title`), a person's surname
/// (`document-surname`), an organization's initials (`document-acronym`), a
/// spelling or transliteration of the same name (`document-spelling`), or
/// the document's context otherwise (`document-context`: a gazetteer key,
/// a description, a shortened organization name).
pub(crate) fn in_document_rule(alias: &str, name: &str, kind: EntityKind) -> &'static str {
    let (alias_normalized, alias_words) = normalized_name(alias, kind);
    let (name_normalized, _) = normalized_name(name, kind);
    if alias_normalized == name_normalized {
        return "document-title";
    }
    if kind == EntityKind::Person {
        let surname = name_normalized.rsplit(' ').next().unwrap_or_default();
        if alias_words == 1 && alias_normalized == surname {
            return "document-surname";
        }
        // The whole name, or the surname alone, spelled another way.
        let compared = if alias_words == 1 {
            surname
        } else {
            &name_normalized
        };
        if person_skeleton(&alias_normalized) == person_skeleton(compared) {
            return "document-spelling";
        }
    }
    if kind == EntityKind::Organization
        && acronym(alias).is_some_and(|letters| organization_initials(name) == Some(letters))
    {
        return "document-acronym";
    }
    "document-context"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_document_links_are_named_by_what_joins_them() {
        use EntityKind::{Organization, Person, Place};
        assert_eq!(
            in_document_rule("Mayor Anna Berg", "Anna Berg", Person),
            "document-title"
        );
        assert_eq!(
            in_document_rule("Berg", "Anna Berg", Person),
            "document-surname"
        );
        assert_eq!(
            in_document_rule("Mr Berg", "Anna Berg", Person),
            "document-surname"
        );
        assert_eq!(
            in_document_rule("Dmytro Kovalskiy", "Dmytro Kovalskyy", Person),
            "document-spelling"
        );
        assert_eq!(
            in_document_rule("Kovalskiy", "Dmytro Kovalskyy", Person),
            "document-spelling"
        );
        assert_eq!(
            in_document_rule("LPA", "Lisbon Port Authority", Organization),
            "document-acronym"
        );
        assert_eq!(
            in_document_rule("the Port Authority", "Lisbon Port Authority", Organization),
            "document-context"
        );
        assert_eq!(
            in_document_rule("Porto", "Oporto", Place),
            "document-context"
        );
    }

    #[test]
    fn title_words_are_sorted_for_binary_search() {
        assert!(PERSON_TITLE_WORDS.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn titles_are_stripped_but_never_the_last_word() {
        let words = normalized_words("Deputy Prime Minister Anna Berg", EntityKind::Person);
        assert_eq!(words, ["anna", "berg"]);
        assert_eq!(normalized_words("Mr. Berg", EntityKind::Person), ["berg"]);
        assert_eq!(
            normalized_words("President", EntityKind::Person),
            ["president"]
        );
        assert_eq!(
            normalized_words("The Northern League", EntityKind::Organization),
            ["northern", "league"]
        );
        // Only persons have titles.
        assert_eq!(
            normalized_words("President Hotel", EntityKind::Place),
            ["president", "hotel"]
        );
        assert_eq!(
            display_name("Vice-President Anna Berg’s", EntityKind::Person),
            "Anna Berg"
        );
    }

    #[test]
    fn initials_are_dropped_only_when_two_words_remain() {
        let skeleton = |name: &str| person_skeleton(&normalized_name(name, EntityKind::Person).0);
        assert_eq!(skeleton("Anna J. Berg"), skeleton("Anna Berg"));
        assert_eq!(skeleton("J. Berg"), "j berg");
    }

    #[test]
    fn acronyms_and_initials() {
        assert_eq!(
            organization_initials("North Atlantic Treaty Organization").as_deref(),
            Some("NATO")
        );
        assert_eq!(
            organization_initials("the Organization of the Petroleum Exporting Countries")
                .as_deref(),
            Some("OPEC")
        );
        assert_eq!(organization_initials("Interpol"), None);
        assert_eq!(acronym("U.N.").as_deref(), Some("UN"));
        assert_eq!(acronym("NATO").as_deref(), Some("NATO"));
        assert_eq!(acronym("Nato"), None);
        assert_eq!(acronym("A"), None);
    }
}
