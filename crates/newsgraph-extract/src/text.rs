//! Tokens, sentences, paragraphs and quotations of a document.
//!
//! The text is never rewritten: every token, sentence and quotation is a
//! byte span into the original. Curly and straight quotation marks, internal
//! apostrophes, possessive `'s`, dotted abbreviations ("U.S.") and titles
//! that end in a full stop ("Mr.") are handled here so that later stages can
//! work on clean units.

use crate::compounds;
use crate::lexicon::{self, Lists};
use crate::model::Span;
use rustc_hash::FxHashSet;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// Letters, digits and internal joiners ("Mar-a-Lago", "U.S.", "didn't").
    Word,
    /// A possessive ending split off a word ("'s", "’s").
    Possessive,
    /// A quotation mark (or an apostrophe that might be one).
    Quote(QuoteMark),
    /// Any other punctuation or symbol.
    Punct,
}

/// The shapes of quotation marks, by how they behave when pairing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum QuoteMark {
    DoubleOpen,
    DoubleClose,
    DoubleStraight,
    SingleOpen,
    /// `’`: a closing single quotation mark or an apostrophe.
    SingleClose,
    SingleStraight,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// The paragraph (non-empty line) the token is in.
    pub paragraph: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sentence {
    pub span: Span,
    /// Range of token indices.
    pub tokens: std::ops::Range<usize>,
    pub paragraph: usize,
}

/// A quotation: the words between a pair of quotation marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Quotation {
    /// The quoted content, marks excluded.
    pub content: Span,
    /// The whole quotation, marks included.
    pub outer: Span,
    /// Token index of the opening mark.
    pub open_token: usize,
    /// Token index of the closing mark, if one was found.
    pub close_token: Option<usize>,
    /// Nesting depth: 0 for a quotation that is not inside another.
    pub depth: usize,
}

/// A document cut into tokens, sentences, paragraphs and quotations.
#[derive(Debug)]
pub(crate) struct Analysed<'text> {
    pub text: &'text str,
    pub tokens: Vec<Token>,
    /// Per token: its text and what the rules ask of it, worked out once
    /// here for all the rules that ask.
    token_facts: Vec<TokenFacts<'text>>,
    pub sentences: Vec<Sentence>,
    /// Byte span of each paragraph (a non-empty line).
    pub paragraphs: Vec<Span>,
    pub quotations: Vec<Quotation>,
    /// Quotations that had no closing mark and were closed at the end of
    /// their paragraph.
    pub unclosed_quotations: Vec<Span>,
    /// Per paragraph: a headline (title case or capitals, no full stop).
    pub headline: Vec<bool>,
    /// Per paragraph: page furniture rather than article text: a repeat of
    /// an earlier paragraph (an embedded post shown twice, a teaser), a
    /// line like "Continues after advertising", or anything after a
    /// "Related articles" heading.
    pub boilerplate: Vec<bool>,
}

/// What the rules ask of a token, worked out once per token as the text
/// is cut.
#[derive(Debug, Clone, Copy)]
struct TokenFacts<'text> {
    /// The token's text.
    text: &'text str,
    /// The case-insensitive word lists it is in (none for a token that is
    /// not a word).
    lists: Lists,
    /// Whether it starts with a capital letter ([`is_capitalised`]).
    capitalised: bool,
}

impl<'text> Analysed<'text> {
    pub fn new(text: &'text str) -> Self {
        let Tokenized {
            tokens,
            facts: token_facts,
            paragraphs,
        } = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        let (quotations, unclosed_quotations) = pair_quotations(text, &tokens, &paragraphs);
        let headline = headline_paragraphs(text, &paragraphs);
        let boilerplate = boilerplate_paragraphs(text, &paragraphs);
        Analysed {
            text,
            tokens,
            token_facts,
            sentences,
            paragraphs,
            quotations,
            unclosed_quotations,
            headline,
            boilerplate,
        }
    }

    /// Whether a paragraph is a headline or page furniture: names in it are
    /// only kept when known from elsewhere, and no facts come from it.
    pub fn is_furniture(&self, paragraph: usize) -> bool {
        self.headline.get(paragraph).copied().unwrap_or(false)
            || self.boilerplate.get(paragraph).copied().unwrap_or(false)
    }

    #[inline]
    pub fn slice(&self, span: Span) -> &'text str {
        &self.text[span.start..span.end]
    }

    /// The text of token `index`: `self.slice(self.tokens[index].span)`,
    /// cut once.
    #[inline]
    pub fn token_text(&self, index: usize) -> &'text str {
        self.token_facts[index].text
    }

    /// The case-insensitive word lists token `index` is in: the same as
    /// `lexicon::lists_of(self.token_text(index))`, without the lookup.
    #[inline]
    pub fn lists(&self, index: usize) -> Lists {
        self.token_facts[index].lists
    }

    /// Whether token `index` is a function word
    /// ([`lexicon::is_function_word`]).
    #[inline]
    pub fn is_function_word(&self, index: usize) -> bool {
        let facts = self.token_facts[index];
        lexicon::is_function_word_in(facts.text, facts.lists)
    }

    /// Whether token `index` starts with a capital letter: the same as
    /// [`is_capitalised`]`(self.token_text(index))`. Only a word token
    /// does: every capital letter is a word character.
    #[inline]
    pub fn is_capitalised(&self, index: usize) -> bool {
        self.token_facts[index].capitalised
    }

    /// The index of the sentence holding a byte offset.
    pub fn sentence_at(&self, offset: usize) -> usize {
        match self
            .sentences
            .binary_search_by(|sentence| sentence.span.start.cmp(&offset))
        {
            Ok(index) => index,
            Err(0) => 0,
            Err(index) => index - 1,
        }
    }
}

/// Whether a word starts with a capital letter (in any script).
pub(crate) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_uppercase())
}

fn is_word_char(character: char) -> bool {
    crate::letters::is_alphanumeric(character) || character == '_'
}

fn is_apostrophe(character: char) -> bool {
    matches!(character, '\'' | '’' | 'ʼ')
}

/// How many bytes at the start of `bytes` are ASCII word characters
/// (letters, digits and '_', for which [`is_word_char`] holds).
///
/// Eight bytes are classified at a time ([`ascii_word_bytes`]): most words
/// are shorter than that, so one step finds their end.
fn ascii_word_length(bytes: &[u8]) -> usize {
    let mut length = 0;
    loop {
        let rest = &bytes[length..];
        let eight: [u8; 8] = match rest.first_chunk() {
            Some(&eight) => eight,
            None => {
                // The last few bytes, padded with zeros (not word bytes).
                let mut padded = [0u8; 8];
                padded[..rest.len()].copy_from_slice(rest);
                padded
            }
        };
        let others = !ascii_word_bytes(u64::from_le_bytes(eight)) & HIGH_BITS;
        if others != 0 {
            // The lowest high bit set is that of the first other byte.
            return length + (others.trailing_zeros() / 8) as usize;
        }
        length += 8;
    }
}

/// The high bit of each of the eight bytes of a `u64`.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Of eight bytes packed into a `u64`, the high bit of each that is an
/// ASCII letter, digit or '_' ([`is_word_char`]), all at once.
fn ascii_word_bytes(packed: u64) -> u64 {
    const EACH_BYTE: u64 = 0x0101_0101_0101_0101;
    // Each byte with its high bit cleared, so that no sum below carries
    // into the next byte; the high bit of `seven + 0x80 - low` is set from
    // `low` on, that of `seven + 0x7f - high` past `high`.
    let seven = packed & !HIGH_BITS;
    let in_range = |bytes: u64, low: u8, high: u8| {
        let from_low = bytes + u64::from(0x80 - low) * EACH_BYTE;
        let past_high = bytes + u64::from(0x7f - high) * EACH_BYTE;
        from_low & !past_high
    };
    // 0x20 makes an ASCII capital lowercase and leaves lowercase letters
    // as they are.
    let letter = in_range(seven | (0x20 * EACH_BYTE), b'a', b'z');
    let digit = in_range(seven, b'0', b'9');
    // A byte equal to '_' is zero after the exclusive or; the high bit of
    // `zero + 0x7f` is clear only for zero.
    let underscore = !((seven ^ (u64::from(b'_') * EACH_BYTE)) + 0x7f * EACH_BYTE);
    // Bytes with the high bit set are not ASCII.
    (letter | digit | underscore) & !packed & HIGH_BITS
}

/// The character starting at byte `offset` of `text`, if there is one
/// (`None` at the end, or inside a character): the same as
/// `text.get(offset..)?.chars().next()`.
fn char_at(text: &str, offset: usize) -> Option<char> {
    let byte = *text.as_bytes().get(offset)?;
    if byte.is_ascii() {
        // An ASCII byte is a whole character (never part of another), and
        // most of news text is ASCII: no decoding needed.
        Some(char::from(byte))
    } else {
        text.get(offset..).and_then(|rest| rest.chars().next())
    }
}

/// What [`tokenize`] does at a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CharKind {
    /// A line break ('\n', '\r', U+2029): it ends a paragraph.
    LineBreak,
    /// Other whitespace, or a control character: skipped.
    Space,
    /// A word character ([`is_word_char`]): it starts a word.
    Word,
    /// Anything else: a token of its own.
    Other,
}

impl CharKind {
    /// The kind of a character: [`CharKind::of_any`], read from a table for
    /// an ASCII character (most of news text) instead of asked in turn.
    #[inline]
    fn of(character: char) -> CharKind {
        if character.is_ascii() {
            ASCII_KINDS[character as usize]
        } else {
            CharKind::of_any(character)
        }
    }

    /// The kind of any character, by the general rule.
    fn of_any(character: char) -> CharKind {
        if character == '\n' || character == '\r' || character == '\u{2029}' {
            CharKind::LineBreak
        } else if character.is_whitespace() || character.is_control() {
            CharKind::Space
        } else if is_word_char(character) {
            CharKind::Word
        } else {
            CharKind::Other
        }
    }
}

/// [`CharKind::of_any`] each ASCII character, by its byte (ASCII whitespace
/// is space and tab to carriage return, the controls are below space and
/// delete, and the word characters are letters, digits and '_').
const ASCII_KINDS: [CharKind; 128] = {
    let mut kinds = [CharKind::Other; 128];
    let mut byte: u8 = 0;
    while byte < 128 {
        kinds[byte as usize] = match byte {
            b'\n' | b'\r' => CharKind::LineBreak,
            0..=0x1f | b' ' | 0x7f => CharKind::Space,
            b'0'..=b'9' | b'A'..=b'Z' | b'a'..=b'z' | b'_' => CharKind::Word,
            _ => CharKind::Other,
        };
        byte += 1;
    }
    kinds
};

/// A text cut by [`tokenize`].
struct Tokenized<'text> {
    tokens: Vec<Token>,
    /// Per token, what the rules ask of it.
    facts: Vec<TokenFacts<'text>>,
    /// Byte span of each paragraph (a non-empty line).
    paragraphs: Vec<Span>,
}

impl<'text> Tokenized<'text> {
    /// Adds a token, `text` its text and `first` its first character.
    fn push(&mut self, token: Token, text: &'text str, first: char) {
        let lists = match token.kind {
            TokenKind::Word => lexicon::lists_of(text),
            // Punctuation, quotation marks and possessive endings start
            // with a character no listed word starts with.
            _ => Lists::default(),
        };
        self.tokens.push(token);
        self.facts.push(TokenFacts {
            text,
            lists,
            capitalised: first.is_uppercase(),
        });
    }
}

/// Cuts the text into tokens and paragraphs (non-empty lines).
fn tokenize(text: &str) -> Tokenized<'_> {
    // News text has a token every four or five bytes: room for a token
    // every five bytes grows the lists once at most, and a text of few
    // tokens (a table of numbers, a long address) leaves no more than a
    // fifth of its length unused.
    let expected_tokens = text.len() / 5 + 1;
    let mut tokenized = Tokenized {
        tokens: Vec::with_capacity(expected_tokens),
        facts: Vec::with_capacity(expected_tokens),
        // A paragraph of news is a few hundred bytes: room for one every
        // 128 bytes leaves the list to grow rarely, at little cost.
        paragraphs: Vec::with_capacity(text.len() / 128 + 1),
    };
    let mut paragraph_start: Option<usize> = None;
    let mut paragraph_end = 0;
    // Offsets are byte offsets, always on character boundaries.
    let char_at = |offset: usize| char_at(text, offset);
    let mut offset = 0;
    while let Some(character) = char_at(offset) {
        let after_character = offset + character.len_utf8();
        let kind = CharKind::of(character);
        match kind {
            CharKind::LineBreak => {
                if let Some(start) = paragraph_start.take() {
                    tokenized.paragraphs.push(Span::new(start, paragraph_end));
                }
                offset = after_character;
                continue;
            }
            CharKind::Space => {
                offset = after_character;
                continue;
            }
            CharKind::Word | CharKind::Other => {}
        }
        if paragraph_start.is_none() {
            paragraph_start = Some(offset);
        }
        let paragraph = tokenized.paragraphs.len();
        if kind == CharKind::Word {
            let mut end = after_character;
            let mut hyphenated = false;
            loop {
                // Most word characters are ASCII letters and digits: skip
                // them byte by byte before decoding the next character.
                end += ascii_word_length(&text.as_bytes()[end..]);
                let Some(&byte) = text.as_bytes().get(end) else {
                    break;
                };
                let next = if byte.is_ascii() {
                    // The ASCII byte that stopped the skip is no word
                    // character; of the joiners below, only these are ASCII.
                    if !matches!(byte, b'-' | b'.' | b'&' | b'\'') {
                        break;
                    }
                    char::from(byte)
                } else {
                    let Some(next) = char_at(end) else {
                        break;
                    };
                    if is_word_char(next) {
                        end += next.len_utf8();
                        continue;
                    }
                    next
                };
                // A joiner between word characters joins them; the
                // character after is only read after a joiner.
                let after_next = end + next.len_utf8();
                let joined = match next {
                    '-' | '‐' | '.' | '&' => {
                        char_at(after_next).filter(|&after| is_word_char(after))
                    }
                    c if is_apostrophe(c) => {
                        char_at(after_next).filter(|after| after.is_alphabetic())
                    }
                    _ => None,
                };
                match joined {
                    Some(after) => {
                        hyphenated |= compounds::is_hyphen(next);
                        end = after_next + after.len_utf8();
                    }
                    None => break,
                }
            }
            // "U.S." keeps its last full stop: single letters joined by dots.
            if text.as_bytes().get(end) == Some(&b'.') && is_dotted_initialism(&text[offset..end]) {
                end += 1;
            }
            let word_end = end;
            // "Iran-backed", "Russia-Ukraine": the names before the last
            // cut are tokens of their own, each hyphen a punctuation mark.
            let mut first = character;
            if hyphenated && character.is_uppercase() {
                let word_start = offset;
                for cut in compounds::cuts(&text[offset..word_end], &text[offset..]) {
                    let hyphen_start = word_start + cut;
                    let hyphen_end = hyphen_start + compounds::hyphen_length(text, hyphen_start);
                    let part = Token {
                        span: Span::new(offset, hyphen_start),
                        kind: TokenKind::Word,
                        paragraph,
                    };
                    tokenized.push(part, &text[offset..hyphen_start], first);
                    let hyphen = Token {
                        span: Span::new(hyphen_start, hyphen_end),
                        kind: TokenKind::Punct,
                        paragraph,
                    };
                    tokenized.push(hyphen, &text[hyphen_start..hyphen_end], '-');
                    offset = hyphen_end;
                    first = text[offset..].chars().next().unwrap_or(character);
                }
            }
            let word = &text[offset..word_end];
            let possessive = possessive_length(word);
            if possessive > 0 && word.len() > possessive {
                let split = word_end - possessive;
                let (stem, ending) = word.split_at(split - offset);
                let word_token = Token {
                    span: Span::new(offset, split),
                    kind: TokenKind::Word,
                    paragraph,
                };
                tokenized.push(word_token, stem, first);
                let possessive_token = Token {
                    span: Span::new(split, word_end),
                    kind: TokenKind::Possessive,
                    paragraph,
                };
                // (An ending starts with an apostrophe.)
                tokenized.push(possessive_token, ending, '\'');
            } else {
                let token = Token {
                    span: Span::new(offset, word_end),
                    kind: TokenKind::Word,
                    paragraph,
                };
                tokenized.push(token, word, first);
            }
            paragraph_end = word_end;
            offset = word_end;
            continue;
        }
        let kind = match character {
            '“' | '„' | '«' => TokenKind::Quote(QuoteMark::DoubleOpen),
            '”' | '»' => TokenKind::Quote(QuoteMark::DoubleClose),
            '"' => TokenKind::Quote(QuoteMark::DoubleStraight),
            '‘' | '‚' => TokenKind::Quote(QuoteMark::SingleOpen),
            '’' => TokenKind::Quote(QuoteMark::SingleClose),
            '\'' => TokenKind::Quote(QuoteMark::SingleStraight),
            _ => TokenKind::Punct,
        };
        let token = Token {
            span: Span::new(offset, after_character),
            kind,
            paragraph,
        };
        tokenized.push(token, &text[offset..after_character], character);
        paragraph_end = after_character;
        offset = after_character;
    }
    if let Some(start) = paragraph_start {
        tokenized.paragraphs.push(Span::new(start, paragraph_end));
    }
    tokenized
}

/// Paragraphs written as headlines: title case with no final full stop, or
/// capitals. Names in them are only kept when the gazetteers or the body of
/// the article know them.
fn headline_paragraphs(text: &str, paragraphs: &[Span]) -> Vec<bool> {
    paragraphs
        .iter()
        .map(|&span| is_headline(&text[span.start..span.end]))
        .collect()
}

fn is_headline(text: &str) -> bool {
    let words = || {
        text.split(|c: char| c.is_whitespace() || c == '/' || c == '-')
            .filter(|word| word.chars().next().is_some_and(|c| c.is_alphabetic()))
    };
    // A line ending like a sentence is one, whatever its case, unless it
    // is in capitals; most paragraphs stop here, before their words are
    // looked up.
    let end = text.trim_end();
    let ends_sentence =
        end.ends_with(['.', '!', '?', ':', ';', ',']) || end.ends_with(['”', '’', '"']);
    // A line in capitals ("SOCCER - JAPAN WIN .", a "WASHINGTON" dateline)
    // says nothing by its case, whatever its length. Of a sentence only
    // that is asked, so its words are counted only as long as enough of
    // them could still be in capitals.
    let (word_count, shouted) = count_shouted_words(text, ends_sentence);
    if is_shouted(word_count, shouted) {
        return true;
    }
    if word_count < 3 || ends_sentence {
        return false;
    }
    let (mut content, mut capitalised) = (0usize, 0usize);
    for word in words() {
        let is_content =
            (!lexicon::is_function_word(word) || is_capitalised(word)) && word.chars().count() > 3;
        if is_content {
            content += 1;
            capitalised += usize::from(is_capitalised(word));
        }
    }
    content > 0 && capitalised * 10 >= content * 8
}

/// Whether a line with `word_count` words, `shouted` of them in capitals,
/// is in capitals: four words in five are.
fn is_shouted(word_count: usize, shouted: usize) -> bool {
    word_count > 0 && shouted * 10 >= word_count * 8
}

/// A line's words (split and kept as in [`is_headline`]: split at
/// whitespace, '/' and '-', and starting with a letter) and how many of
/// them are in capitals, with two letters or more and no lowercase one.
///
/// The count is made in one pass, without splitting the line first. An
/// ASCII byte (most of news text) is classified by a table, without
/// decoding it; only other characters are decoded.
///
/// With `only_if_shouted`, counting stops once the line cannot be in
/// capitals ([`is_shouted`]) whatever its remaining words are: the counts
/// so far are returned, and they are not in capitals either.
fn count_shouted_words(text: &str, only_if_shouted: bool) -> (usize, usize) {
    let (mut word_count, mut shouted) = (0usize, 0usize);
    // The most words in capitals the whole line could hold by its capitals
    // (counted once a word not in capitals asks).
    let mut most_by_capitals: Option<usize> = None;
    // The word being read: whether it counts (it starts with a letter),
    // its letters so far and whether one of them is lowercase.
    let (mut counts, mut letters, mut lowercase) = (false, 0usize, false);
    // Whether the previous character ended a word (or the line just
    // started), so that this one starts a new word.
    let mut at_word_start = true;
    let bytes = text.as_bytes();
    let mut offset = 0;
    while let Some(&byte) = bytes.get(offset) {
        let class = if byte.is_ascii() {
            offset += 1;
            ASCII_CLASSES[usize::from(byte)]
        } else {
            let Some(character) = char_at(text, offset) else {
                break;
            };
            offset += character.len_utf8();
            CharClass::of(character)
        };
        if class.separator {
            if counts {
                word_count += 1;
                let in_capitals = letters >= 2 && !lowercase;
                shouted += usize::from(in_capitals);
                // The most the rest of the line could add is words in
                // capitals of two letters and a separator each (the last
                // without one), and no more than its capitals make.
                if only_if_shouted && !in_capitals {
                    let by_capitals =
                        *most_by_capitals.get_or_insert_with(|| most_words_in_capitals(bytes));
                    let most_to_come = ((bytes.len() - offset + 1) / 3).min(by_capitals);
                    if !is_shouted(word_count + most_to_come, shouted + most_to_come) {
                        return (word_count, shouted);
                    }
                }
            }
            (counts, at_word_start) = (false, true);
            continue;
        }
        if at_word_start {
            at_word_start = false;
            (counts, letters, lowercase) = (class.alphabetic, 0, false);
        }
        letters += usize::from(class.alphabetic);
        lowercase |= class.lowercase;
        if lowercase || !counts {
            // The rest of the word changes nothing (it is not in capitals,
            // or it does not count): its ASCII bytes are skipped to its
            // end, looking only for a separator.
            while let Some(&next) = bytes.get(offset) {
                if !next.is_ascii() || ASCII_CLASSES[usize::from(next)].separator {
                    break;
                }
                offset += 1;
            }
        }
    }
    if counts {
        word_count += 1;
        shouted += usize::from(letters >= 2 && !lowercase);
    }
    (word_count, shouted)
}

/// The most words in capitals `bytes` can hold: each has two letters
/// or more and no lowercase one, and each such letter is an ASCII capital
/// or a character outside ASCII, all of whose bytes are 0x80 or above. So
/// a word in capitals takes two of those bytes at least. (Prose has few of
/// them: this bounds how far [`count_shouted_words`] reads a sentence.)
fn most_words_in_capitals(bytes: &[u8]) -> usize {
    // Counted in bytes, up to 255 bytes at a time, so that the count is
    // made on many bytes at once.
    let capitals: usize = bytes
        .chunks(usize::from(u8::MAX))
        .map(|chunk| {
            let in_chunk = chunk.iter().fold(0u8, |count, &byte| {
                count + u8::from(byte.wrapping_sub(b'A') < 26 || byte >= 0x80)
            });
            usize::from(in_chunk)
        })
        .sum();
    capitals / 2
}

/// What [`count_shouted_words`] needs to know of a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct CharClass {
    /// Whitespace, '/' or '-': it separates words.
    separator: bool,
    alphabetic: bool,
    lowercase: bool,
}

impl CharClass {
    fn of(character: char) -> CharClass {
        CharClass {
            separator: character.is_whitespace() || character == '/' || character == '-',
            alphabetic: character.is_alphabetic(),
            lowercase: character.is_lowercase(),
        }
    }
}

/// [`CharClass::of`] each ASCII character, by its byte (ASCII whitespace
/// here is what `char::is_whitespace` calls whitespace: space, and tab to
/// carriage return).
const ASCII_CLASSES: [CharClass; 128] = {
    let mut classes = [CharClass {
        separator: false,
        alphabetic: false,
        lowercase: false,
    }; 128];
    let mut byte: u8 = 0;
    while byte < 128 {
        classes[byte as usize] = CharClass {
            separator: matches!(byte, b' ' | b'\t'..=b'\r' | b'/' | b'-'),
            alphabetic: byte.is_ascii_alphabetic(),
            lowercase: byte.is_ascii_lowercase(),
        };
        byte += 1;
    }
    classes
};

/// Paragraphs that are page furniture, not article text.
fn boilerplate_paragraphs(text: &str, paragraphs: &[Span]) -> Vec<bool> {
    // Exact repeats anywhere, and containment in the few paragraphs just
    // before (an embedded post and its plain copy sit together), so that
    // the check stays linear in the length of the document.
    let mut seen: FxHashSet<&str> =
        FxHashSet::with_capacity_and_hasher(paragraphs.len(), Default::default());
    let mut recent: std::collections::VecDeque<&str> = std::collections::VecDeque::new();
    let mut after_related = false;
    // The lowercase start of each paragraph in turn.
    let mut lower = String::with_capacity(FURNITURE_HEAD_BYTES);
    paragraphs
        .iter()
        .map(|&span| {
            let paragraph = text[span.start..span.end].trim();
            // Headings and furniture lines are short phrases or start with
            // one, so only the start of a paragraph is lowercased.
            let head = prefix_within(paragraph, FURNITURE_HEAD_BYTES);
            lower.clear();
            push_lowercase(head, &mut lower);
            let lower = lower.as_str();
            let heading = if head.len() == paragraph.len() {
                lower.trim_end_matches(':')
            } else {
                ""
            };
            if matches!(
                heading,
                "related articles"
                    | "related"
                    | "read more"
                    | "more on this story"
                    | "related stories"
                    | "see also"
                    | "most read"
            ) {
                after_related = true;
            }
            let furniture_line = lexicon::is_furniture_line(lower);
            // A repeat: the same words as an earlier paragraph, or a shorter
            // text contained in one (the plain copy of an embedded post).
            let core = paragraph.trim_end_matches(['…', '.', ' ']);
            // A search for the whole of a long text first builds a searcher
            // over all of it; its first few bytes are found (or not) with a
            // vector search at no set-up cost, and most paragraphs are not
            // in their neighbours at all.
            let core_start = prefix_within(core, CONTAINMENT_PREFILTER_BYTES);
            // (Hashed once: whether it was seen is whether it is new.)
            let seen_before = !seen.insert(paragraph);
            let repeated = core.len() >= 40
                && (seen_before
                    || recent.iter().any(|earlier| {
                        earlier.len() >= core.len()
                            && earlier.contains(core_start)
                            && contains_where_first_byte(earlier, core)
                    }));
            recent.push_back(paragraph);
            if recent.len() > 3 {
                recent.pop_front();
            }
            after_related || furniture_line || repeated
        })
        .collect()
}

/// Appends `text.to_lowercase()` to `output`. ASCII characters (most of
/// news text, and of the rest but for its quotation marks and accented
/// letters) are lowercased without a look-up in the tables of case, and the
/// other characters one by one; only a capital sigma, whose lowercase form
/// depends on the letters around it, makes the whole text go through
/// `str::to_lowercase`.
fn push_lowercase(text: &str, output: &mut String) {
    if text.is_ascii() {
        let start = output.len();
        output.push_str(text);
        output[start..].make_ascii_lowercase();
        return;
    }
    if text.contains('Σ') {
        output.push_str(&text.to_lowercase());
        return;
    }
    for character in text.chars() {
        if character.is_ascii() {
            output.push(character.to_ascii_lowercase());
        } else {
            output.extend(character.to_lowercase());
        }
    }
}

/// Whether `haystack` contains `needle`: the same as
/// `haystack.contains(needle)`, found by comparing the needle where its
/// first byte is.
///
/// For a long needle, the standard library's search first works out how
/// to shift it, which costs more than the search itself in a paragraph of
/// a few hundred bytes that holds its first byte in a few places.
fn contains_where_first_byte(haystack: &str, needle: &str) -> bool {
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some(&first) = needle.first() else {
        return true;
    };
    let Some(last_start) = haystack.len().checked_sub(needle.len()) else {
        return false;
    };
    haystack[..=last_start]
        .iter()
        .enumerate()
        .any(|(start, &byte)| byte == first && haystack[start..].starts_with(needle))
}

/// How much of a paragraph's start can decide that it is a heading or a
/// furniture line: longer than any of their phrases.
const FURNITURE_HEAD_BYTES: usize = 64;

/// How much of a paragraph's start is looked for in an earlier paragraph
/// before the whole of it: at most 32 bytes, the longest needle the
/// standard library searches for without building a searcher.
const CONTAINMENT_PREFILTER_BYTES: usize = 32;

/// The longest start of `text` of at most `bytes` bytes that ends on a
/// character boundary.
fn prefix_within(text: &str, bytes: usize) -> &str {
    if text.len() <= bytes {
        return text;
    }
    let mut end = bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// "U.S", "U.K", "D.C": single letters joined by full stops.
fn is_dotted_initialism(word: &str) -> bool {
    // Most words asked about end a sentence ("said."): a full stop after
    // the first letter is looked for before the word is split.
    let first_length = word.chars().next().map_or(0, char::len_utf8);
    if word.as_bytes().get(first_length) != Some(&b'.') {
        return false;
    }
    let mut parts = 0;
    let all_single = word.split('.').all(|part| {
        parts += 1;
        part.chars().count() == 1
    });
    all_single && parts >= 2
}

/// The byte length of a possessive ending ("'s", "’s", in either case) on
/// a word with a stem before it, or 0. "It's", "he's", "that's" are
/// contractions, not possessives, but splitting them does no harm: they
/// are never names.
fn possessive_length(word: &str) -> usize {
    // Every ending is an s after an apostrophe, all read as bytes: 's' and
    // '\'' are ASCII, and '’' is the only character whose UTF-8 ends a
    // string as its three bytes do.
    let Some((b's' | b'S', before_s)) = word.as_bytes().split_last() else {
        return 0;
    };
    let ending = if before_s.ends_with(b"'") {
        "'s".len()
    } else if before_s.ends_with("’".as_bytes()) {
        "’s".len()
    } else {
        return 0;
    };
    if word.len() > ending {
        ending
    } else {
        0
    }
}

/// Splits tokens into sentences at full stops, question and exclamation
/// marks followed by a capital, and at every paragraph end.
fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    // A sentence of news is some twenty tokens or more: room for one every
    // sixteen leaves the list to grow rarely, at little cost.
    let mut sentences = Vec::with_capacity(tokens.len() / 16 + 1);
    let mut start = 0;
    let mut index = 0;
    while index < tokens.len() {
        let token = tokens[index];
        let next = tokens.get(index + 1);
        let paragraph_ends = next.is_none_or(|next| next.paragraph != token.paragraph);
        let mut ends_here = paragraph_ends;
        if !ends_here && token.kind == TokenKind::Punct {
            let mark = &text[token.span.start..token.span.end];
            if matches!(mark, "." | "!" | "?" | "…") {
                // Closing quotation marks and brackets after the stop belong
                // to this sentence.
                let mut last = index;
                while let Some(following) = tokens.get(last + 1) {
                    let following_text = &text[following.span.start..following.span.end];
                    // A straight quotation mark after a space opens the next
                    // sentence's quotation; only one right after the stop
                    // closes this one.
                    let straight = matches!(
                        following.kind,
                        TokenKind::Quote(QuoteMark::DoubleStraight)
                            | TokenKind::Quote(QuoteMark::SingleStraight)
                    );
                    if straight && tokens[last].span.end != following.span.start {
                        break;
                    }
                    let closes = matches!(
                        following.kind,
                        TokenKind::Quote(QuoteMark::DoubleClose)
                            | TokenKind::Quote(QuoteMark::SingleClose)
                            | TokenKind::Quote(QuoteMark::DoubleStraight)
                            | TokenKind::Quote(QuoteMark::SingleStraight)
                    ) || matches!(following_text, ")" | "]" | "!" | "?" | ".");
                    if closes && following.paragraph == token.paragraph {
                        last += 1;
                    } else {
                        break;
                    }
                }
                let previous_word = (index > start)
                    .then(|| &text[tokens[index - 1].span.start..tokens[index - 1].span.end]);
                let abbreviation = mark == "."
                    && previous_word.is_some_and(|word| {
                        lexicon::is_abbreviation(word)
                            || (word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()))
                    });
                let following = tokens.get(last + 1);
                let starts_new = following.is_none_or(|following| {
                    following.paragraph != token.paragraph || {
                        let first = text[following.span.start..].chars().next().unwrap_or(' ');
                        first.is_uppercase()
                            || first.is_numeric()
                            || matches!(following.kind, TokenKind::Quote(_))
                    }
                });
                if !abbreviation && starts_new {
                    index = last;
                    ends_here = true;
                }
            }
        }
        if ends_here {
            let end = index + 1;
            sentences.push(Sentence {
                span: Span::new(tokens[start].span.start, tokens[index].span.end),
                tokens: start..end,
                paragraph: tokens[start].paragraph,
            });
            start = end;
        }
        index += 1;
    }
    sentences
}

/// Pairs quotation marks within paragraphs, with a stack so that nested
/// quotations (of the same or the other style) pair correctly. A quotation
/// left open at the end of a paragraph continues when the next paragraph
/// opens with a quotation mark (the news convention for quotes running over
/// paragraphs); otherwise it is closed at the end of its paragraph.
fn pair_quotations(
    text: &str,
    tokens: &[Token],
    paragraphs: &[Span],
) -> (Vec<Quotation>, Vec<Span>) {
    #[derive(Clone, Copy)]
    struct Open {
        token: usize,
        double: bool,
    }
    let mut quotations = Vec::new();
    let mut unclosed = Vec::new();
    // Quotations are rarely nested more than twice.
    let mut stack: Vec<Open> = Vec::with_capacity(4);
    // Closes the innermost open quotation, at a closing mark or (without
    // one) at byte `end`.
    let close = |stack: &mut Vec<Open>,
                 quotations: &mut Vec<Quotation>,
                 close_token: Option<usize>,
                 end: usize| {
        if let Some(open) = stack.pop() {
            let open_span = tokens[open.token].span;
            let content_end = close_token.map(|t| tokens[t].span.start).unwrap_or(end);
            if content_end > open_span.end {
                quotations.push(Quotation {
                    content: Span::new(open_span.end, content_end),
                    outer: Span::new(
                        open_span.start,
                        close_token.map(|t| tokens[t].span.end).unwrap_or(end),
                    ),
                    open_token: open.token,
                    close_token,
                    depth: stack.len(),
                });
            }
        }
    };
    // Closes the innermost double quotation at the mark `index`, closing
    // any single quotation left open inside it first.
    let close_double = |stack: &mut Vec<Open>, quotations: &mut Vec<Quotation>, index: usize| {
        while stack.last().is_some_and(|open| !open.double) {
            close(stack, quotations, None, tokens[index].span.start);
        }
        close(stack, quotations, Some(index), tokens[index].span.end);
    };
    for (index, token) in tokens.iter().enumerate() {
        // At a paragraph boundary, decide whether open quotations continue
        // (asked only while one is open: most tokens are outside any).
        if !stack.is_empty() && index > 0 && tokens[index - 1].paragraph != token.paragraph {
            let continues = matches!(
                token.kind,
                TokenKind::Quote(QuoteMark::DoubleOpen)
                    | TokenKind::Quote(QuoteMark::SingleOpen)
                    | TokenKind::Quote(QuoteMark::DoubleStraight)
            ) && stack.len() == 1;
            if continues {
                // The new opening mark repeats the open quotation: skip it.
                continue;
            }
            let end = paragraphs
                .get(tokens[index - 1].paragraph)
                .map(|p| p.end)
                .unwrap_or(tokens[index - 1].span.end);
            while !stack.is_empty() {
                let open_start = tokens[stack[stack.len() - 1].token].span.start;
                unclosed.push(Span::new(open_start, end));
                close(&mut stack, &mut quotations, None, end);
            }
        }
        let TokenKind::Quote(mark) = token.kind else {
            continue;
        };
        let before = text[..token.span.start].chars().next_back();
        let after = text[token.span.end..].chars().next();
        let preceded_by_space = before.is_none_or(|c| c.is_whitespace() || "([{—–-:".contains(c));
        let followed_by_word = after.is_some_and(|c| !c.is_whitespace());
        let top_double = stack.last().map(|open| open.double);
        match mark {
            QuoteMark::DoubleOpen => stack.push(Open {
                token: index,
                double: true,
            }),
            QuoteMark::SingleOpen => stack.push(Open {
                token: index,
                double: false,
            }),
            QuoteMark::DoubleClose => {
                if stack.iter().any(|open| open.double) {
                    close_double(&mut stack, &mut quotations, index);
                }
            }
            QuoteMark::DoubleStraight => {
                if top_double == Some(true) && !(preceded_by_space && followed_by_word) {
                    close(&mut stack, &mut quotations, Some(index), token.span.end);
                } else if stack.iter().any(|open| open.double) && !preceded_by_space {
                    close_double(&mut stack, &mut quotations, index);
                } else {
                    stack.push(Open {
                        token: index,
                        double: true,
                    });
                }
            }
            QuoteMark::SingleClose | QuoteMark::SingleStraight => {
                let after_is_letter = after.is_some_and(crate::letters::is_alphanumeric);
                if top_double == Some(false) && !after_is_letter && !preceded_by_space {
                    close(&mut stack, &mut quotations, Some(index), token.span.end);
                } else if mark == QuoteMark::SingleStraight && preceded_by_space && followed_by_word
                {
                    stack.push(Open {
                        token: index,
                        double: false,
                    });
                }
                // Otherwise it is an apostrophe ("leaders’ summit").
            }
        }
    }
    if let Some(last) = tokens.last() {
        let end = paragraphs
            .get(last.paragraph)
            .map(|p| p.end)
            .unwrap_or(last.span.end);
        while !stack.is_empty() {
            let open_start = tokens[stack[stack.len() - 1].token].span.start;
            unclosed.push(Span::new(open_start, end));
            close(&mut stack, &mut quotations, None, end);
        }
    }
    quotations.sort_by_key(|quotation| (quotation.content.start, quotation.depth));
    (quotations, unclosed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let analysed = Analysed::new(text);
        analysed
            .tokens
            .iter()
            .map(|token| &text[token.span.start..token.span.end])
            .collect()
    }

    #[test]
    fn tokens_keep_abbreviations_and_split_possessives() {
        assert_eq!(
            words("The U.S. envoy met Mr. Kowalski’s aide in Mar-a-Lago."),
            vec![
                "The",
                "U.S.",
                "envoy",
                "met",
                "Mr",
                ".",
                "Kowalski",
                "’s",
                "aide",
                "in",
                "Mar-a-Lago",
                "."
            ]
        );
        assert_eq!(words("didn't"), vec!["didn't"]);
    }

    #[test]
    fn sentences_do_not_split_after_titles() {
        let analysed = Analysed::new("Mr. Brown arrived. He said no. Then he left!\nNew line here");
        let sentences: Vec<&str> = analysed
            .sentences
            .iter()
            .map(|sentence| analysed.slice(sentence.span))
            .collect();
        assert_eq!(
            sentences,
            vec![
                "Mr. Brown arrived.",
                "He said no.",
                "Then he left!",
                "New line here"
            ]
        );
    }

    #[test]
    fn nested_single_quotes_pair_from_the_inside() {
        let text = "She said: ‘This ‘so-called’ plan is dead’. Then left.";
        let analysed = Analysed::new(text);
        let outer: Vec<&str> = analysed
            .quotations
            .iter()
            .filter(|q| q.depth == 0)
            .map(|q| analysed.slice(q.content))
            .collect();
        assert_eq!(outer, vec!["This ‘so-called’ plan is dead"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        let analysed = Analysed::new("The leaders’ summit was ‘productive’, it’s said.");
        let found: Vec<&str> = analysed
            .quotations
            .iter()
            .map(|q| analysed.slice(q.content))
            .collect();
        assert_eq!(found, vec!["productive"]);
    }

    #[test]
    fn unclosed_quote_closes_at_paragraph_end() {
        let text = "He said “we will win.\nThe next paragraph is narration.";
        let analysed = Analysed::new(text);
        assert_eq!(analysed.quotations.len(), 1);
        assert_eq!(
            analysed.slice(analysed.quotations[0].content),
            "we will win."
        );
        assert_eq!(analysed.unclosed_quotations.len(), 1);
    }

    #[test]
    fn quote_continues_over_paragraphs() {
        let text = "“First part of it.\n“Second part,” she said.";
        let analysed = Analysed::new(text);
        assert_eq!(analysed.quotations.len(), 1);
        assert_eq!(
            analysed.slice(analysed.quotations[0].content),
            "First part of it.\n“Second part,"
        );
    }

    #[test]
    fn shouted_words_count_alike_in_one_pass() {
        for line in [
            "SOCCER - JAPAN WIN .",
            "WASHINGTON",
            "Rain in Spain/FALLS mainly\tON the PLAIN-ish 2024 A I'M",
            "",
            "  -- / ",
            "A",
            "AB",
            "Ab",
            "3M SAYS 9A\x0bOK\x0cNO\rYES\x1fNO x-RAY U.S. (AP) O'NEIL",
            "-Trailing/ END-",
            "“KYIV’S MAYOR” SAYS ÉTÉ\u{a0}ÜBER ß 日本語 ÀB Àb \u{2029}NO",
            "Zürich—GENÈVE – “Ça VA”",
        ] {
            let (mut word_count, mut shouted) = (0, 0);
            for word in line
                .split(|c: char| c.is_whitespace() || c == '/' || c == '-')
                .filter(|word| word.chars().next().is_some_and(|c| c.is_alphabetic()))
            {
                word_count += 1;
                let letters = word.chars().filter(|c| c.is_alphabetic()).count();
                let lowercase = word.chars().any(|c| c.is_lowercase());
                shouted += usize::from(letters >= 2 && !lowercase);
            }
            assert_eq!(
                count_shouted_words(line, false),
                (word_count, shouted),
                "{line}"
            );
            let (early_words, early_shouted) = count_shouted_words(line, true);
            assert_eq!(
                is_shouted(early_words, early_shouted),
                is_shouted(word_count, shouted),
                "{line}"
            );
        }
    }

    #[test]
    fn a_sentence_with_few_capitals_is_read_only_until_it_cannot_be_in_capitals() {
        let sentence = "The council said on Monday that the new bridge over the river would \
                        open to traffic in the spring, after years of delays over its cost.";
        // Two capitals make one word in capitals at most: after "The",
        // one of two words at most could be.
        assert_eq!(most_words_in_capitals(sentence.as_bytes()), 1);
        assert_eq!(count_shouted_words(sentence, true), (1, 0));
        assert_eq!(count_shouted_words(sentence, false), (26, 0));
        // Bytes outside ASCII count as capitals: the five bytes of "ÉTÉ"
        // allow two words (a bound, not a count).
        assert_eq!(most_words_in_capitals("ÉTÉ".as_bytes()), 2);
        assert_eq!(most_words_in_capitals(b"NATO and EU"), 3);
    }

    #[test]
    fn counting_stops_only_when_a_line_cannot_be_in_capitals() {
        // Every line of up to five words from a set of words in capitals,
        // not in capitals, and not counted, with every separator.
        let words = [
            "AB",
            "Ab",
            "ab",
            "A",
            "3M",
            "ÉTÉ",
            "Été",
            "日本",
            "",
            "MAYOR’S",
        ];
        let separators = [" ", "-", "/", "\u{a0}", " - "];
        let mut lines = vec![String::new()];
        for length in 0..5 {
            let mut longer = Vec::new();
            for line in &lines {
                for word in words {
                    for separator in separators {
                        longer.push(format!("{line}{separator}{word}"));
                    }
                    if length == 0 {
                        longer.push(word.to_string());
                    }
                }
            }
            for line in &longer {
                let (word_count, shouted) = count_shouted_words(line, false);
                let (early_words, early_shouted) = count_shouted_words(line, true);
                assert_eq!(
                    is_shouted(early_words, early_shouted),
                    is_shouted(word_count, shouted),
                    "{line}"
                );
            }
            // Longer lines from the shorter ones only, to keep the count
            // of lines in bounds.
            longer.truncate(2_000);
            lines = longer;
        }
    }

    #[test]
    fn ascii_classes_are_the_classes_of_ascii_characters() {
        for byte in 0..128u8 {
            assert_eq!(
                ASCII_CLASSES[usize::from(byte)],
                CharClass::of(char::from(byte)),
                "{byte}"
            );
        }
    }

    #[test]
    fn ascii_word_characters_are_word_characters() {
        for byte in 0..128u8 {
            let character = char::from(byte);
            assert_eq!(
                ascii_word_length(&[byte]) == 1,
                is_word_char(character),
                "{byte}"
            );
        }
        assert_eq!(ascii_word_length("Kyiv_2024’s".as_bytes()), 9);
        assert_eq!(ascii_word_length("Zürich".as_bytes()), 1);
    }

    #[test]
    fn ascii_word_length_counts_like_a_byte_at_a_time() {
        let by_bytes = |bytes: &[u8]| {
            bytes
                .iter()
                .take_while(|&&byte| byte.is_ascii_alphanumeric() || byte == b'_')
                .count()
        };
        // Every byte value after every count of word bytes, at the end of
        // the bytes or before more of them.
        for byte in 0..=255u8 {
            for before in 0..20 {
                for after in [&b""[..], b"x", b"abcdefghijklmnop"] {
                    let mut bytes = b"aZ_09zA"
                        .iter()
                        .copied()
                        .cycle()
                        .take(before)
                        .collect::<Vec<u8>>();
                    bytes.push(byte);
                    bytes.extend_from_slice(after);
                    assert_eq!(
                        ascii_word_length(&bytes),
                        by_bytes(&bytes),
                        "{byte} after {before}"
                    );
                    assert_eq!(ascii_word_length(&bytes[..before]), before);
                }
            }
        }
        for text in ["", "Kyiv’s", "Zürich", "U.S.", "a-b", "word_2024 x", "日本"] {
            assert_eq!(
                ascii_word_length(text.as_bytes()),
                by_bytes(text.as_bytes())
            );
        }
    }

    #[test]
    fn words_end_at_ascii_bytes_as_at_any_character() {
        // An ASCII byte after the ASCII part of a word ends it unless it is
        // one of the ASCII joiners: none is a word character, and of the
        // joiners only these are ASCII.
        for byte in 0..128u8 {
            let character = char::from(byte);
            let joiner = matches!(character, '-' | '‐' | '.' | '&') || is_apostrophe(character);
            assert_eq!(joiner, matches!(byte, b'-' | b'.' | b'&' | b'\''), "{byte}");
            if ascii_word_length(&[byte]) == 0 {
                assert!(!is_word_char(character), "{byte}");
            }
        }
    }

    #[test]
    fn ascii_kinds_are_the_kinds_of_ascii_characters() {
        for byte in 0..128u8 {
            let character = char::from(byte);
            assert_eq!(
                ASCII_KINDS[usize::from(byte)],
                CharKind::of_any(character),
                "{byte}"
            );
            assert_eq!(CharKind::of(character), CharKind::of_any(character));
        }
        for character in [
            '\u{2029}', '\u{a0}', '\u{85}', 'ü', '’', '日', '٣', '\u{feff}',
        ] {
            assert_eq!(CharKind::of(character), CharKind::of_any(character));
        }
    }

    #[test]
    fn containment_where_the_first_byte_is_as_the_standard_library() {
        let texts = [
            "",
            "a",
            "aaab",
            "The minister said the plan was dead. The minister said so.",
            "Kyiv’s “Zürich” 日本 Kyiv’s “Zürich” 日本",
        ];
        for haystack in texts {
            let mut needles = vec![
                String::new(),
                "x".to_string(),
                "Kyiv’s “Zürich” 日本!".to_string(),
            ];
            for text in texts {
                // Every cut of every text, on character boundaries.
                let bounds: Vec<usize> = (0..=text.len())
                    .filter(|&at| text.is_char_boundary(at))
                    .collect();
                for &start in &bounds {
                    for &end in bounds.iter().filter(|&&end| end >= start) {
                        needles.push(text[start..end].to_string());
                    }
                }
            }
            for needle in &needles {
                assert_eq!(
                    contains_where_first_byte(haystack, needle),
                    haystack.contains(needle.as_str()),
                    "{haystack:?} {needle:?}"
                );
            }
        }
    }

    #[test]
    fn char_at_decodes_like_the_standard_library() {
        let text = "Kyiv’s “Zürich” a\u{2029}b\r\n日本 ok";
        for offset in 0..=text.len() + 1 {
            assert_eq!(
                char_at(text, offset),
                text.get(offset..).and_then(|rest| rest.chars().next()),
                "{offset}"
            );
        }
    }

    #[test]
    fn possessive_endings_are_found_whatever_the_word_ends_with() {
        for word in [
            "",
            "s",
            "'s",
            "Berg's",
            "Berg’s",
            "BERG'S",
            "BERG’S",
            "Bergs",
            "Berg'",
            "it's",
            "Berg",
            "Jones’",
            "x's'",
            "’S",
            "'S",
            "S",
            "Berg‘s",
            "Berg´s",
            "Bergʼs",
            "日本’s",
            "é's",
            "’’s",
            "''s",
        ] {
            let by_endings = ["'s", "’s", "'S", "’S"]
                .into_iter()
                .find(|ending| {
                    word.strip_suffix(ending)
                        .is_some_and(|stem| !stem.is_empty())
                })
                .map_or(0, str::len);
            assert_eq!(possessive_length(word), by_endings, "{word:?}");
        }
    }

    #[test]
    fn lowercase_as_the_standard_library() {
        for text in [
            "",
            "Related Articles:",
            "“CONTINUES After Advertising”",
            "ΟΔΥΣΣΕΥΣ Σ σ ΣΑ",
            "İstanbul \u{212a}elvin ÀÉÎ ß ǅ Ꭰ",
            "Kyiv’s MAYOR — Zürich 日本",
        ] {
            let mut lower = String::from("kept ");
            push_lowercase(text, &mut lower);
            assert_eq!(lower, format!("kept {}", text.to_lowercase()), "{text}");
        }
    }

    #[test]
    fn dotted_initialisms() {
        for (word, expected) in [
            ("U.S", true),
            ("D.C", true),
            ("U.K.", false),
            ("U", false),
            ("US", false),
            ("Ü.S", true),
            ("U..S", false),
            ("Jr.S", false),
            ("", false),
            ("said", false),
            ("日.本", true),
            (".S", false),
            ("É.", false),
        ] {
            assert_eq!(is_dotted_initialism(word), expected, "{word}");
        }
    }

    #[test]
    fn token_facts_are_those_of_the_token_text() {
        let text = "The Foreign Ministry said on MONDAY that Mr. Smith’s spokesman, \
                    ‘a source’, told the U.S. press: «the President's aide» — WHO?";
        let analysed = Analysed::new(text);
        for index in 0..analysed.tokens.len() {
            let word = analysed.token_text(index);
            assert_eq!(word, analysed.slice(analysed.tokens[index].span));
            assert_eq!(analysed.lists(index), lexicon::lists_of(word), "{word}");
            assert_eq!(
                analysed.is_function_word(index),
                lexicon::is_function_word(word),
                "{word}"
            );
            assert_eq!(analysed.is_capitalised(index), is_capitalised(word));
        }
    }

    #[test]
    fn every_capital_letter_is_a_word_character() {
        // So only a word token is capitalised: a mark, a quotation mark or
        // a possessive ending never starts with a capital.
        for character in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            if character.is_uppercase() {
                assert!(is_word_char(character), "{character:?}");
                assert_eq!(CharKind::of(character), CharKind::Word, "{character:?}");
            }
        }
    }

    #[test]
    fn straight_quotes_pair() {
        let analysed = Analysed::new("\"We are ready,\" the coach said.");
        assert_eq!(
            analysed.slice(analysed.quotations[0].content),
            "We are ready,"
        );
    }
}
