//! Name normalisation shared by in-document linking and cross-document
//! resolution: folding for equality, and a phonetic skeleton under which
//! spelling and transliteration variants of one name agree
//! (Zelenskiy / Zelenskyy / Zelensky / Зеленський).

use unicode_normalization::UnicodeNormalization;

/// Case-folds, strips accents, unifies apostrophes and drops a trailing
/// possessive: the form two spellings of the same name share.
pub fn fold_name(name: &str) -> String {
    let mut folded = String::with_capacity(name.len());
    for character in name.nfkd() {
        if unicode_normalization::char::is_combining_mark(character) {
            continue;
        }
        let character = match character {
            '’' | '‘' | 'ʼ' | '`' => '\'',
            '‐' | '‑' | '–' | '—' => '-',
            other => other,
        };
        folded.extend(character.to_lowercase());
    }
    let trimmed = folded.trim();
    let trimmed = trimmed
        .strip_suffix("'s")
        .or_else(|| trimmed.strip_suffix('\''))
        .unwrap_or(trimmed);
    trimmed
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The phonetic skeleton of one word of a name: transliterated to ASCII,
/// lowercased, with the letters that vary between spellings unified and
/// doubled letters collapsed.
pub fn name_skeleton(word: &str) -> String {
    let ascii = deunicode::deunicode(word).to_lowercase();
    let letters: String = ascii
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let unified = letters
        .replace("kh", "h")
        .replace("ck", "k")
        .replace("ph", "f")
        .replace("ou", "u")
        .replace('w', "v")
        .replace(['y', 'j'], "i")
        .replace('q', "k");
    let mut skeleton = String::with_capacity(unified.len());
    for character in unified.chars() {
        if !skeleton.ends_with(character) {
            skeleton.push(character);
        }
    }
    // "-ii", "-iy", "-yy", "-y" and "-i" endings all collapse to "i" above;
    // "-ei"/"-ey" (Sergei / Sergey) agree already.
    skeleton
}

/// The skeleton of a whole name: word skeletons joined by spaces.
pub fn full_name_skeleton(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|word| !word.is_empty())
        .map(name_skeleton)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A slug for ids: ASCII, lowercase, runs of other characters as one "-".
pub fn slug(name: &str) -> String {
    let ascii = deunicode::deunicode(name).to_lowercase();
    let mut slug = String::with_capacity(ascii.len());
    for character in ascii.chars() {
        if character.is_ascii_alphanumeric() {
            slug.push(character);
        } else if !slug.ends_with('-') && !slug.is_empty() {
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
    }

    #[test]
    fn folding_drops_case_accents_and_possessives() {
        assert_eq!(fold_name("José Núñez’s"), "jose nunez");
        assert_eq!(fold_name("Mar-a-Lago"), "mar a lago");
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slug("Volodymyr Zelenskyy"), "volodymyr-zelenskyy");
        assert_eq!(slug("São Paulo!"), "sao-paulo");
    }
}
