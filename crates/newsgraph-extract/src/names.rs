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
    push_folded_name(name, &mut folded);
    folded
}

/// Appends [`fold_name`] of `name` to `output`: a buffer can be reused for
/// many names, as when a folded name is only looked up.
pub fn push_folded_name(name: &str, output: &mut String) {
    let start = output.len();
    let last_word_start = if name.is_ascii() {
        push_folded_ascii(name, output)
    } else {
        push_folded_unicode(name, output);
        start + output[start..].rfind(' ').map_or(0, |space| space + 1)
    };
    let kept = strip_possessive(&output[last_word_start..]).len();
    output.truncate(last_word_start + kept);
    if output.len() > start && output.ends_with(' ') {
        output.pop();
    }
}

/// The folding of [`push_folded_name`] for any text, before the possessive
/// is dropped: decomposed, accents removed, lowercased character by
/// character.
fn push_folded_unicode(name: &str, output: &mut String) {
    // Whitespace runs become one space, written only before the next word,
    // so the result has no space at either end.
    let start = output.len();
    let mut space_pending = false;
    let mut push = |character: char| {
        let character = match character {
            '’' | '‘' | 'ʼ' | '`' | '´' => '\'',
            '‐' | '‑' | '‒' | '–' | '—' | '-' => ' ',
            other => other,
        };
        if character.is_whitespace() {
            space_pending = output.len() > start;
            return;
        }
        if space_pending {
            output.push(' ');
            space_pending = false;
        }
        if character.is_ascii() {
            output.push(character.to_ascii_lowercase());
        } else {
            output.extend(character.to_lowercase());
        }
    };
    name.nfkd()
        .filter(|character| !unicode_normalization::char::is_combining_mark(*character))
        .for_each(&mut push);
}

/// [`push_folded_unicode`] for ASCII text, where decomposing changes
/// nothing and the only characters to replace are whitespace, '-' and '`':
/// one pass over the bytes, each copied lowercased. Returns where the last
/// word starts in `output`.
fn push_folded_ascii(name: &str, output: &mut String) -> usize {
    let start = output.len();
    // Most names are words with one space between them and nothing to
    // replace: copied whole and lowercased in place.
    if is_plain_ascii_name(name.as_bytes()) {
        output.push_str(name);
        output[start..].make_ascii_lowercase();
        return start
            + name
                .bytes()
                .rposition(|byte| byte == b' ')
                .map_or(0, |space| space + 1);
    }
    output.reserve(name.len());
    let mut last_word_start = start;
    // Separator runs become one space, written only before the next word,
    // so the result has no space at either end.
    let mut space_pending = false;
    for &byte in name.as_bytes() {
        if matches!(byte, b' ' | b'\t'..=b'\r' | b'-') {
            space_pending = output.len() > start;
            continue;
        }
        if space_pending {
            output.push(' ');
            last_word_start = output.len();
            space_pending = false;
        }
        let folded = if byte == b'`' {
            b'\''
        } else {
            byte.to_ascii_lowercase()
        };
        output.push(char::from(folded));
    }
    last_word_start
}

/// Whether an ASCII name folds by lowercasing alone: words with one space
/// between them, no other separator, no '`', and no space at either end.
fn is_plain_ascii_name(bytes: &[u8]) -> bool {
    // (As if after a space, so that a leading space is a double one.)
    let mut previous = b' ';
    for &byte in bytes {
        if matches!(byte, b'\t'..=b'\r' | b'-' | b'`') || (byte == b' ' && previous == b' ') {
            return false;
        }
        previous = byte;
    }
    previous != b' '
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
    if word.is_ascii() {
        push_ascii_skeleton(word.as_bytes(), output);
    } else {
        push_ascii_skeleton(deunicode::deunicode(word).as_bytes(), output);
    }
}

/// Each ASCII byte as a skeleton letter: letters lowercased, with w as v
/// and y as i; digits kept; 0 for a byte that is no letter or digit.
const SKELETON_LETTERS: [u8; 256] = {
    let mut letters = [0u8; 256];
    let mut byte = 0;
    while byte < 128 {
        let lowercase = (byte as u8).to_ascii_lowercase();
        letters[byte] = match lowercase {
            b'w' => b'v',
            b'y' => b'i',
            b'a'..=b'z' | b'0'..=b'9' => lowercase,
            _ => 0,
        };
        byte += 1;
    }
    letters
};

/// The skeleton of ASCII text (a transliterated word): its letters and
/// digits, lowercased and unified ([`SKELETON_LETTERS`]), with kh, ck and
/// ph as one letter each, a final j after two letters as i, and doubled
/// letters written once.
fn push_ascii_skeleton(ascii: &[u8], output: &mut String) {
    let letter_at = |index: usize| {
        ascii
            .get(index)
            .map(|&byte| SKELETON_LETTERS[usize::from(byte)])
    };
    // At most one letter per byte: one allocation at most.
    output.reserve(ascii.len());
    let start = output.len();
    let mut previous = 0;
    let mut index = 0;
    while let Some(mut letter) = letter_at(index) {
        index += 1;
        match letter {
            0 => continue,
            b'k' | b'c' | b'p' => {
                // The next letter, past anything that is not one.
                let mut next = index;
                while letter_at(next) == Some(0) {
                    next += 1;
                }
                let joined = match (letter, letter_at(next)) {
                    (b'k', Some(b'h')) => b'h',
                    (b'c', Some(b'k')) => b'k',
                    (b'p', Some(b'h')) => b'f',
                    _ => 0,
                };
                if joined != 0 {
                    letter = joined;
                    index = next + 1;
                }
            }
            // "Sergej" and "Sergei"; an inner j ("Jan") is kept so that Jan
            // and Ian stay different names.
            b'j' if output.len() - start >= 2
                && ascii[index..]
                    .iter()
                    .all(|&byte| SKELETON_LETTERS[usize::from(byte)] == 0) =>
            {
                letter = b'i';
            }
            _ => {}
        }
        // Collapsing doubles also makes the endings -iy, -yy, -ii, -y and
        // -i one ending, since y has become i.
        if letter != previous {
            output.push(char::from(letter));
            previous = letter;
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

    /// Words and names of every shape the fast paths treat specially:
    /// digraphs, final j, doubles, possessives, hyphens and dashes,
    /// whitespace of all kinds, backticks, digits, non-ASCII and empty.
    const SAMPLE_NAMES: &[&str] = &[
        "",
        " ",
        "-",
        "'s",
        "’s",
        "s'",
        "Zelenskiy",
        "Zelenskyy",
        "Zelensky",
        "Зеленський",
        "Володимир",
        "Khan",
        "Kh",
        "kh",
        "Ck",
        "ph",
        "Phh",
        "Kkh",
        "k-h",
        "c'k",
        "Pha'h",
        "Jackh",
        "Sergej",
        "SERGEJ",
        "Sergej's",
        "Jj",
        "Ajj",
        "Aj",
        "j",
        "Jan",
        "Ian",
        "Wywy",
        "WYYW",
        "Mar-a-Lago",
        "O'Neil",
        "O`Neil",
        " O`Neil\t-  Smith's ",
        " O’Neil\t—  Smith’s ",
        "Harris'",
        "Harris’",
        "Berg's",
        "Jones'",
        "José Núñez’s",
        "AT&T",
        "G7",
        "3M",
        "U.S.",
        "al-Amr",
        "Smith\u{000B}Jones",
        "Smith\u{000C}\u{000D}Jones\n",
        "Smith\u{00A0}Jones",
        "Smith\u{001C}Jones",
        "Smith\u{0085}Jones",
        "Smith\u{2003}Jones",
        "-Smith--Jones-",
        "Anna  Berg",
        "Chon Buri Water Board",
        "Cornman Says Food Prices In Panama Had Risen By 82 Percent This Year",
        "McElwain",
        "Nanette McElwain's",
        "Zhytomyr",
        "Kharkiv",
        "Chkalov",
        "Philipp",
        "Schmidt",
        "Łódź",
        "Straße",
        "Ǆokić",
        "ﬁnance",
    ];

    /// The skeleton as first written: transliterate, keep the lowercased
    /// letters and digits, then unify letter by letter.
    fn reference_skeleton(word: &str) -> String {
        let ascii = deunicode::deunicode(word);
        let mut output = String::new();
        let mut letters = ascii
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|byte| byte.to_ascii_lowercase())
            .peekable();
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
                (b'j', None) if output.len() >= 2 => b'i',
                (other, _) => other,
            };
            if previous != Some(unified) {
                output.push(char::from(unified));
                previous = Some(unified);
            }
        }
        output
    }

    /// Every word of the sample names, whole names, and every short string
    /// over an alphabet of the letters the skeleton treats specially.
    fn sample_words() -> Vec<String> {
        let mut words: Vec<String> = SAMPLE_NAMES.iter().map(|name| name.to_string()).collect();
        words.extend(
            SAMPLE_NAMES
                .iter()
                .flat_map(|name| name.split_whitespace())
                .map(str::to_string),
        );
        let alphabet = [
            'k', 'h', 'c', 'p', 'j', 'y', 'w', 'i', 'a', 'K', 'H', '-', '\'',
        ];
        let mut short = vec![String::new()];
        for _ in 0..4 {
            short = short
                .iter()
                .flat_map(|word| alphabet.iter().map(move |letter| format!("{word}{letter}")))
                .collect();
            words.extend(short.iter().cloned());
        }
        words
    }

    #[test]
    fn the_skeleton_matches_its_letter_by_letter_definition() {
        for word in sample_words() {
            assert_eq!(name_skeleton(&word), reference_skeleton(&word), "{word:?}");
            // Appended after other text, the same letters (the final-j rule
            // counts only this word's letters).
            let mut appended = String::from("ab ");
            push_name_skeleton(&word, &mut appended);
            assert_eq!(
                appended,
                format!("ab {}", reference_skeleton(&word)),
                "{word:?}"
            );
        }
    }

    #[test]
    fn ascii_folding_matches_the_general_folding() {
        let separated = [
            "",
            "-",
            " -\t",
            "  Mar-a-Lago  ",
            "O`Neil -- SMITH\t",
            "a\r\nb\x0bc\x0cd",
            "Jones' ",
        ]
        .map(str::to_string);
        for name in sample_words()
            .iter()
            .chain(&separated)
            .filter(|name| name.is_ascii())
        {
            let (mut fast, mut general) = (String::from("x "), String::from("x "));
            let last_word_start = push_folded_ascii(name, &mut fast);
            push_folded_unicode(name, &mut general);
            assert_eq!(fast, general, "{name:?}");
            let after_last_space = fast[2..].rfind(' ').map_or(0, |space| space + 1);
            assert_eq!(last_word_start, 2 + after_last_space, "{name:?}");
        }
    }

    #[test]
    fn plain_ascii_names() {
        for (name, plain) in [
            ("Chon Buri Water Board", true),
            ("NATO", true),
            ("O'Neil", true),
            ("", false),
            (" Berg", false),
            ("Berg ", false),
            ("Anna  Berg", false),
            ("Mar-a-Lago", false),
            ("O`Neil", false),
            ("Anna\tBerg", false),
        ] {
            assert_eq!(is_plain_ascii_name(name.as_bytes()), plain, "{name:?}");
        }
    }

    #[test]
    fn folding_appends_after_other_text() {
        for name in sample_words() {
            let mut appended = String::from("x ");
            push_folded_name(&name, &mut appended);
            assert_eq!(appended, format!("x {}", fold_name(&name)), "{name:?}");
        }
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slug("Volodymyr Zelenskyy"), "volodymyr-zelenskyy");
        assert_eq!(slug("São Paulo!"), "sao-paulo");
    }
}
