//! Name normalisation shared by in-document linking and cross-document
//! resolution: folding for equality, and a phonetic skeleton under which
//! spelling and transliteration variants of one name agree
//! (Zelenskiy / Zelenskyy / Zelensky / Зеленський).

use unicode_normalization::UnicodeNormalization;

/// Case-folds, strips accents, unifies apostrophes, turns hyphens and dashes
/// into spaces, collapses whitespace and drops a trailing possessive.
///
/// "José Núñez’s" and "jose nunez" fold alike; "Mar-a-Lago" folds to
/// "mar a lago".
pub fn fold_name(name: &str) -> String {
    let mut folded = String::with_capacity(name.len());
    // Whitespace runs become one space, written only before the next word,
    // so the result has no space at either end.
    let mut space_pending = false;
    if name.is_ascii() {
        // Most names are ASCII, and decomposing them changes nothing: the
        // steps below for the ASCII characters alone, byte by byte.
        for byte in name.bytes() {
            let byte = match byte {
                b'`' => b'\'',
                b'-' => b' ',
                other => other,
            };
            if char::from(byte).is_whitespace() {
                space_pending = !folded.is_empty();
                continue;
            }
            if space_pending {
                folded.push(' ');
                space_pending = false;
            }
            folded.push(char::from(byte.to_ascii_lowercase()));
        }
    } else {
        let mut push = |character: char| {
            let character = match character {
                '’' | '‘' | 'ʼ' | '`' | '´' => '\'',
                '‐' | '‑' | '‒' | '–' | '—' | '-' => ' ',
                other => other,
            };
            if character.is_whitespace() {
                space_pending = !folded.is_empty();
                return;
            }
            if space_pending {
                folded.push(' ');
                space_pending = false;
            }
            if character.is_ascii() {
                folded.push(character.to_ascii_lowercase());
            } else {
                folded.extend(character.to_lowercase());
            }
        };
        name.nfkd()
            .filter(|character| !unicode_normalization::char::is_combining_mark(*character))
            .for_each(&mut push);
    }
    let last_word_start = folded.rfind(' ').map_or(0, |space| space + 1);
    let kept = strip_possessive(&folded[last_word_start..]).len();
    folded.truncate(last_word_start + kept);
    if folded.ends_with(' ') {
        folded.pop();
    }
    folded
}

/// "Berg's" → "Berg", "Jones'" → "Jones"; anything else unchanged.
pub fn strip_possessive(word: &str) -> &str {
    if let Some(stem) = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .or_else(|| word.strip_suffix("'S"))
    {
        if !stem.is_empty() {
            return stem;
        }
    }
    if let Some(stem) = word.strip_suffix('\'').or_else(|| word.strip_suffix('’')) {
        if stem.ends_with(['s', 'S']) {
            return stem;
        }
    }
    word
}

/// The phonetic skeleton of one word: transliterated to ASCII, lowercased,
/// with the letters that vary between spellings and transliterations
/// unified and doubled letters collapsed, so that Zelenskiy, Zelenskyy,
/// Zelensky, Zelenskky and Зеленський agree.
pub fn name_skeleton(word: &str) -> String {
    let mut skeleton = String::new();
    push_name_skeleton(word, &mut skeleton);
    skeleton
}

/// Appends the skeleton of `word` to `output`.
pub fn push_name_skeleton(word: &str, output: &mut String) {
    let transliterated;
    let ascii = if word.is_ascii() {
        word
    } else {
        transliterated = deunicode::deunicode(word);
        transliterated.as_str()
    };
    // At most one letter per byte: one allocation at most.
    output.reserve(ascii.len());
    let mut letters = ascii
        .bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|byte| byte.to_ascii_lowercase())
        .peekable();
    let start = output.len();
    let mut previous: Option<u8> = None;
    while let Some(letter) = letters.next() {
        let unified = match (letter, letters.peek()) {
            (b'k', Some(b'h')) | (b'c', Some(b'k')) | (b'p', Some(b'h')) => {
                letters.next();
                match letter {
                    b'k' => b'h',
                    b'c' => b'k',
                    _ => b'f',
                }
            }
            (b'w', _) => b'v',
            (b'y', _) => b'i',
            // "Sergej" and "Sergei"; an inner j ("Jan") is kept so that Jan
            // and Ian stay different names.
            (b'j', None) if output.len() - start >= 2 => b'i',
            (other, _) => other,
        };
        // Collapsing doubles also makes the endings -iy, -yy, -ii, -y and
        // -i one ending, since y has become i above.
        if previous != Some(unified) {
            output.push(char::from(unified));
            previous = Some(unified);
        }
    }
}

/// The skeleton of a whole name: word skeletons joined by spaces.
pub fn full_name_skeleton(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|word| !word.is_empty())
        .map(name_skeleton)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A slug for ids: ASCII, lowercase, runs of other characters as one "-",
/// no "-" at either end.
pub fn slug(name: &str) -> String {
    let ascii = deunicode::deunicode(name).to_lowercase();
    let mut slug = String::with_capacity(ascii.len());
    for character in ascii.chars() {
        if character.is_ascii_alphanumeric() {
            slug.push(character);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliteration_variants_share_a_skeleton() {
        let expected = name_skeleton("Kovalenkiy");
        for variant in ["Kovalenkyy", "Kovalenky", "Kovalenkky", "Коваленкий"] {
            assert_eq!(name_skeleton(variant), expected, "{variant}");
        }
        assert_eq!(name_skeleton("Володимир"), name_skeleton("Volodymyr"));
        assert_ne!(name_skeleton("Tusk"), name_skeleton("Trump"));
        assert_eq!(name_skeleton("Sergej"), name_skeleton("Sergei"));
        assert_ne!(name_skeleton("Jan"), name_skeleton("Ian"));
    }

    #[test]
    fn folding_drops_case_accents_and_possessives() {
        assert_eq!(fold_name("José Núñez’s"), "jose nunez");
        assert_eq!(fold_name("Mar-a-Lago"), "mar a lago");
        assert_eq!(fold_name("  O’Neil  "), "o'neil");
        assert_eq!(fold_name("Harris'"), "harris");
        assert_eq!(fold_name("'s"), "'s");
        assert_eq!(fold_name(" O`Neil\t-  Smith's "), "o'neil smith");
        assert_eq!(fold_name(" O’Neil\t—  Smith’s "), "o'neil smith");
        assert_eq!(fold_name(""), "");
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slug("Volodymyr Zelenskyy"), "volodymyr-zelenskyy");
        assert_eq!(slug("São Paulo!"), "sao-paulo");
    }
}
