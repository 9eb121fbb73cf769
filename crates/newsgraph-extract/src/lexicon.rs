//! Closed-class English word lists the rules are written in: function words,
//! titles and honorifics, role nouns, speech cue verbs, and the head words
//! that mark a name as an organization or a place.
//!
//! These are grammar of news English, not names: nothing here is specific to
//! any article. Gazetteers of names live in `gazetteer`.
//!
//! The lists matched without regard to case are held in one hash table from
//! the lowercased word to the set of lists it is in ([`Lists`]), built on
//! first use: a word is lowercased and looked up once, instead of being
//! compared with each word of a long list. A tokenized document
//! (`text::Analysed`) looks up each of its words once and keeps the
//! answer, which the rules then ask their questions of ([`Lists`]).
//!
//! The table also holds the words `statements` and `relations` look for
//! (claim nouns, relation words, accusing verbs), from the lists those
//! modules keep, so that their rules pass over a word in none of them
//! without comparing it with each.

use std::sync::OnceLock;

/// The ASCII lowercase form of a short word, without allocating; `None`
/// for words no list here holds (non-ASCII, or longer than 24 bytes).
pub(crate) struct Lowercase {
    bytes: [u8; 24],
    length: usize,
}

impl Lowercase {
    pub(crate) fn of(word: &str) -> Option<Lowercase> {
        if word.len() > 24 || !word.is_ascii() {
            return None;
        }
        let mut bytes = [0u8; 24];
        for (slot, byte) in bytes.iter_mut().zip(word.bytes()) {
            *slot = byte.to_ascii_lowercase();
        }
        Some(Lowercase {
            bytes,
            length: word.len(),
        })
    }

    pub(crate) fn as_str(&self) -> &str {
        // Lowercasing ASCII bytes keeps them ASCII, hence valid UTF-8.
        std::str::from_utf8(&self.bytes[..self.length]).unwrap_or("")
    }
}

/// A set of the case-insensitive word lists of this module: the lists a
/// word is in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Lists(u16);

impl Lists {
    pub(crate) const TITLE_HEAD: Lists = Lists(1 << 0);
    pub(crate) const TITLE_MODIFIER: Lists = Lists(1 << 1);
    pub(crate) const LEADER_NOUN: Lists = Lists(1 << 2);
    pub(crate) const FUNCTION: Lists = Lists(1 << 3);
    pub(crate) const CALENDAR: Lists = Lists(1 << 4);
    pub(crate) const ORGANIZATION_HEAD: Lists = Lists(1 << 5);
    pub(crate) const NON_PERSON: Lists = Lists(1 << 6);
    pub(crate) const PLACE_HEAD: Lists = Lists(1 << 7);
    pub(crate) const CLAUSE_CUE: Lists = Lists(1 << 8);
    pub(crate) const OBJECT_CUE: Lists = Lists(1 << 9);
    pub(crate) const ANONYMOUS_SPEAKER: Lists = Lists(1 << 10);
    /// A relation verb or noun (`relations::RELATION_WORDS`) in some case;
    /// the relation rules themselves match these words case-sensitively.
    pub(crate) const RELATION_WORD: Lists = Lists(1 << 11);
    /// A verb that claims an accusation (`relations::ACCUSING_VERBS`) in
    /// some case.
    pub(crate) const ACCUSING_VERB: Lists = Lists(1 << 12);
    /// A noun that carries a reported clause (`statements::CLAIM_NOUNS`)
    /// in some case.
    pub(crate) const CLAIM_NOUN: Lists = Lists(1 << 13);
    /// A word that is a speech cue only in a fixed phrase ([`PHRASE_CUES`]):
    /// "according to X", "made (it) clear that".
    pub(crate) const PHRASE_CUE: Lists = Lists(1 << 14);

    /// The lists of this set and of `other` (`|`, for constants).
    pub(crate) const fn union(self, other: Lists) -> Lists {
        Lists(self.0 | other.0)
    }

    /// Whether every list of `other` is in this set.
    pub(crate) fn contains(self, other: Lists) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether some list of `other` is in this set.
    pub(crate) fn intersects(self, other: Lists) -> bool {
        self.0 & other.0 != 0
    }
}

/// The questions the rules ask of a word, answered from the lists it is
/// in (`lists_of(word).is_place_head()`). A tokenized document keeps each
/// word's lists, so the rules ask these of a token without looking its word
/// up again.
impl Lists {
    /// See [`is_title_word`].
    pub(crate) fn is_title_word(self) -> bool {
        self.intersects(Lists::TITLE_HEAD | Lists::TITLE_MODIFIER)
    }

    /// See [`is_title_head`].
    pub(crate) fn is_title_head(self) -> bool {
        self.contains(Lists::TITLE_HEAD)
    }

    /// A role noun for a leader ([`LEADER_NOUNS`]).
    pub(crate) fn is_leader_noun(self) -> bool {
        self.contains(Lists::LEADER_NOUN)
    }

    /// A weekday, month or holiday name ([`CALENDAR_WORDS`]).
    pub(crate) fn is_calendar_word(self) -> bool {
        self.contains(Lists::CALENDAR)
    }

    /// A head word of an organization's name ([`ORGANIZATION_HEADS`]).
    pub(crate) fn is_organization_head(self) -> bool {
        self.contains(Lists::ORGANIZATION_HEAD)
    }

    /// A word that makes a capitalised phrase no person's name
    /// ([`NON_PERSON_WORDS`]).
    pub(crate) fn is_non_person_word(self) -> bool {
        self.contains(Lists::NON_PERSON)
    }

    /// A head word of a place's name ([`PLACE_HEADS`]).
    pub(crate) fn is_place_head(self) -> bool {
        self.contains(Lists::PLACE_HEAD)
    }

    /// A noun for an unnamed speaker ([`ANONYMOUS_SPEAKER_NOUNS`]).
    pub(crate) fn is_anonymous_speaker_noun(self) -> bool {
        self.contains(Lists::ANONYMOUS_SPEAKER)
    }

    /// The kind of speech cue verb this is, if any ([`CLAUSE_CUES`],
    /// [`OBJECT_CUES`]).
    pub(crate) fn speech_cue(self) -> Option<CueKind> {
        if self.contains(Lists::CLAUSE_CUE) {
            Some(CueKind::Clause)
        } else if self.contains(Lists::OBJECT_CUE) {
            Some(CueKind::Object)
        } else {
            None
        }
    }
}

impl std::ops::BitOr for Lists {
    type Output = Lists;
    fn bitor(self, other: Lists) -> Lists {
        Lists(self.0 | other.0)
    }
}

/// Each case-insensitive list with the member of [`Lists`] that stands for it
/// (and see [`caseless_words`]).
const CASELESS_LISTS: [(&[&str], Lists); 14] = [
    (TITLE_HEADS, Lists::TITLE_HEAD),
    (TITLE_MODIFIERS, Lists::TITLE_MODIFIER),
    (LEADER_NOUNS, Lists::LEADER_NOUN),
    (FUNCTION_WORDS, Lists::FUNCTION),
    (CALENDAR_WORDS, Lists::CALENDAR),
    (ORGANIZATION_HEADS, Lists::ORGANIZATION_HEAD),
    (NON_PERSON_WORDS, Lists::NON_PERSON),
    (PLACE_HEADS, Lists::PLACE_HEAD),
    (CLAUSE_CUES, Lists::CLAUSE_CUE),
    (OBJECT_CUES, Lists::OBJECT_CUE),
    (ANONYMOUS_SPEAKER_NOUNS, Lists::ANONYMOUS_SPEAKER),
    (crate::relations::ACCUSING_VERBS, Lists::ACCUSING_VERB),
    (crate::statements::CLAIM_NOUNS, Lists::CLAIM_NOUN),
    (PHRASE_CUES, Lists::PHRASE_CUE),
];

/// Words that are statement cues only in a fixed phrase: "according to
/// X", "made (it) clear that".
const PHRASE_CUES: &[&str] = &["according", "clear"];

/// Every word of the case-insensitive lists, with the list it is in: those
/// of [`CASELESS_LISTS`] and the relation words, which `relations` lists
/// with what they state.
fn caseless_words() -> impl Iterator<Item = (&'static str, Lists)> {
    let listed = CASELESS_LISTS
        .iter()
        .flat_map(|&(words, list)| words.iter().map(move |&word| (word, list)));
    let relation_words = crate::relations::RELATION_WORDS
        .iter()
        .map(|&(word, ..)| (word, Lists::RELATION_WORD));
    listed.chain(relation_words)
}

/// The lowercase words of [`caseless_words`], each with the lists it is in.
fn caseless_table() -> &'static CaselessTable {
    static TABLE: OnceLock<CaselessTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = CaselessTable::with_capacity(caseless_words().count());
        for (word, list) in caseless_words() {
            table.insert(word.as_bytes(), list);
        }
        table
    })
}

/// The case-insensitive lists `word` is in (none for a word that is not
/// ASCII or longer than any word of them).
pub(crate) fn lists_of(word: &str) -> Lists {
    // (A word that is not ASCII equals no listed word, even ignoring ASCII
    // case, so the table needs no check of its own for it.)
    if word.len() > MAX_LISTED_WORD_BYTES {
        return Lists::default();
    }
    caseless_table().get(word.as_bytes())
}

/// No listed word is longer than this (checked by a unit test).
const MAX_LISTED_WORD_BYTES: usize = 24;

/// A hash table from lowercase ASCII words to the lists they are in, looked
/// up without regard to ASCII case. A word is keyed by its length and its
/// first eight bytes lowercased and packed into a `u64` ([`packed_prefix`]):
/// the key picks the slot, and comparing keys settles most lookups without
/// reading the word again; only a word longer than eight bytes whose key
/// matches has the rest of its bytes compared. Open addressing with linear
/// probing, at most a quarter full.
struct CaselessTable {
    /// A power of two many slots.
    slots: Vec<CaselessSlot>,
}

/// One slot of a [`CaselessTable`]: empty (an empty word) or one listed
/// word, with its key and lists.
#[derive(Debug, Clone, Copy, Default)]
struct CaselessSlot {
    /// [`packed_prefix`] of the word.
    prefix: u64,
    /// The word (lowercase): its length is part of the key, its bytes past
    /// the eighth are compared.
    word: &'static [u8],
    lists: Lists,
}

/// How many bytes of a word [`packed_prefix`] packs.
const PACKED_BYTES: usize = 8;

/// The first eight bytes of `word`, ASCII-lowercased, packed into a `u64`
/// (first byte lowest; zeros past the end of a shorter word). Two words of
/// the same length are equal ignoring ASCII case exactly when these are
/// equal and so are their bytes past the eighth, ignoring ASCII case.
fn packed_prefix(word: &[u8]) -> u64 {
    let length = word.len();
    let byte = |index: usize| u64::from(word[index]) << (8 * index);
    let four_from = |start: usize| {
        let four: [u8; 4] = word[start..start + 4].try_into().unwrap_or_default();
        u64::from(u32::from_le_bytes(four)) << (8 * start)
    };
    // A few whole loads instead of a byte at a time: loads that overlap
    // put the same bytes in the same places.
    let packed = match length {
        0 => 0,
        1..=3 => byte(0) | byte(length / 2) | byte(length - 1),
        4..=7 => four_from(0) | four_from(length - 4),
        _ => u64::from_le_bytes(word[..8].try_into().unwrap_or_default()),
    };
    ascii_lowercase_bytes(packed)
}

/// `packed` with each of its eight bytes ASCII-lowercased, all at once.
fn ascii_lowercase_bytes(packed: u64) -> u64 {
    const EACH_BYTE: u64 = 0x0101_0101_0101_0101;
    // Per byte, with its high bit cleared so that no sum carries into the
    // next byte: the high bit of `seven + 0x80 - b'A'` is set from 'A' on,
    // that of `seven + 0x80 - b'Z' - 1` past 'Z'.
    let seven = packed & (0x7f * EACH_BYTE);
    let from_a = seven + (0x80 - u64::from(b'A')) * EACH_BYTE;
    let past_z = seven + (0x80 - u64::from(b'Z') - 1) * EACH_BYTE;
    // Uppercase: from 'A', not past 'Z', and ASCII (high bit clear).
    let upper = from_a & !past_z & !packed & (0x80 * EACH_BYTE);
    // 0x80 >> 2 is 0x20, the bit that makes an ASCII letter lowercase.
    packed | upper >> 2
}

impl CaselessTable {
    fn with_capacity(words: usize) -> CaselessTable {
        let slots = (4 * words).next_power_of_two().max(16);
        debug_assert!(slots < 1 << 32);
        CaselessTable {
            slots: vec![CaselessSlot::default(); slots],
        }
    }

    /// The first slot to look in for a word of this key and length.
    fn first_slot(&self, prefix: u64, length: usize) -> usize {
        // Fibonacci hashing: the high bits of the product, mixed from all
        // of the key, pick the slot.
        let slot_bits = self.slots.len().trailing_zeros();
        let key = prefix ^ (length as u64).rotate_right(8);
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - slot_bits)) as usize
    }

    /// The slot holding a non-empty `word` (in any case), or the empty slot
    /// where it would go.
    fn slot_of(&self, word: &[u8]) -> usize {
        let prefix = packed_prefix(word);
        let length = word.len();
        let mask = self.slots.len() - 1;
        let mut slot = self.first_slot(prefix, length);
        loop {
            let held = &self.slots[slot];
            if held.word.is_empty()
                || (held.prefix == prefix
                    && held.word.len() == length
                    && (length <= PACKED_BYTES
                        || held.word[PACKED_BYTES..].eq_ignore_ascii_case(&word[PACKED_BYTES..])))
            {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Adds `lists` to those of a lowercase, non-empty `word`.
    fn insert(&mut self, word: &'static [u8], lists: Lists) {
        let slot = self.slot_of(word);
        let held = self.slots[slot].lists;
        self.slots[slot] = CaselessSlot {
            prefix: packed_prefix(word),
            word,
            lists: held | lists,
        };
    }

    /// The lists of `word`, in any case (none for an empty word).
    fn get(&self, word: &[u8]) -> Lists {
        if word.is_empty() {
            return Lists::default();
        }
        self.slots[self.slot_of(word)].lists
    }
}

/// Words that end in a full stop without ending a sentence.
pub(crate) fn is_abbreviation(word: &str) -> bool {
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "St"
            | "Sr"
            | "Jr"
            | "Prof"
            | "Gen"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Lt"
            | "Col"
            | "Capt"
            | "Sgt"
            | "Maj"
            | "Rev"
            | "Hon"
            | "No"
            | "Vol"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
            | "Inc"
            | "Ltd"
            | "Co"
            | "Corp"
            | "vs"
            | "etc"
            | "approx"
            | "Ave"
            | "Blvd"
            | "Mt"
            | "Ft"
            | "a.m"
            | "p.m"
    )
}

/// Honorifics that precede a person's name.
pub(crate) fn is_honorific(word: &str) -> bool {
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Miss"
            | "Dr"
            | "Sir"
            | "Dame"
            | "Lord"
            | "Lady"
            | "Prof"
            | "Professor"
            | "Rev"
            | "Reverend"
            | "Father"
            | "Sister"
            | "Brother"
            | "Sheikh"
            | "Imam"
            | "Rabbi"
            | "Mx"
    )
}

/// Title words that precede a person's name ("President", "Minister").
/// Multi-word titles are sequences of these ("Foreign Minister", "Prime
/// Minister", "Vice President", "Secretary of State").
pub(crate) fn is_title_word(word: &str) -> bool {
    lists_of(word).is_title_word()
}

/// Words that only modify a title head ("Foreign", "Prime", "Deputy"), and
/// the "of" of "Secretary of State".
const TITLE_MODIFIERS: &[&str] = &[
    "vice",
    "prime",
    "foreign",
    "defence",
    "defense",
    "interior",
    "finance",
    "justice",
    "health",
    "trade",
    "economy",
    "energy",
    "education",
    "culture",
    "deputy",
    "chief",
    "captain's",
    "treasury",
    "state",
    "home",
    "of",
    "national",
    "security",
    "majority",
    "minority",
    "assistant",
    "first",
    "lady",
    "crown",
    "monarch",
    "dictator",
    "ministry",
    "spokesmen",
    "chef",
    // Of the time in office: "Former President", "Acting Attorney General".
    "former",
    "acting",
    "interim",
    "outgoing",
    "incoming",
    // Portfolios of ministers and secretaries: "Transport Secretary",
    // "Shadow Environment Minister".
    "shadow",
    "environment",
    "transport",
    "transportation",
    "agriculture",
    "labor",
    "labour",
    "communications",
    "infrastructure",
    "immigration",
    "housing",
    "industry",
    "commerce",
    "tourism",
    "sport",
    "sports",
    "development",
    "climate",
    "science",
    "technology",
    "veterans",
    // Company officers: "Chief Financial Officer", "Chief Operating
    // Officer", "Managing Director".
    "financial",
    "operating",
    "information",
    "marketing",
    "investment",
    "commercial",
    "legal",
    "medical",
    "managing",
];

/// Whether a word is a preposition: it ends a listener ("told media in a
/// chat"), no clause starts with it ("said in a statement."), and it opens
/// a phrase of its own between a verb and a noun ("imposed tariffs after
/// talks with").
pub(crate) fn is_preposition(word: &str) -> bool {
    matches!(
        word,
        "in" | "on"
            | "at"
            | "during"
            | "to"
            | "via"
            | "through"
            | "from"
            | "of"
            | "for"
            | "with"
            | "about"
            | "after"
            | "before"
            | "over"
            | "by"
    )
}

/// Whether a word opens a noun phrase ("the", "his", "some").
pub(crate) fn is_determiner(word: &str) -> bool {
    matches!(
        word,
        "the" | "a" | "an" | "his" | "her" | "its" | "their" | "our" | "some" | "no" | "all"
    )
}

/// A player's or a coach's role in a team: after a city's name it names the
/// city's club ("Liverpool striker", "Boston coach").
pub(crate) fn is_team_role(word: &str) -> bool {
    matches!(
        word,
        "striker"
            | "forward"
            | "winger"
            | "midfielder"
            | "playmaker"
            | "defender"
            | "centre-back"
            | "center-back"
            | "full-back"
            | "fullback"
            | "goalkeeper"
            | "keeper"
            | "goalie"
            | "quarterback"
            | "linebacker"
            | "pitcher"
            | "batsman"
            | "bowler"
            | "fly-half"
            | "scrum-half"
            | "coach"
            | "manager"
            | "boss"
            | "captain"
            | "skipper"
    )
}

/// Title words that can stand on their own as a person's title; a title
/// sequence must contain one of these ("Foreign Minister" has "Minister").
pub(crate) fn is_title_head(word: &str) -> bool {
    lists_of(word).is_title_head()
}

const TITLE_HEADS: &[&str] = &[
    "striker",
    "undersecretary",
    "writer",
    "blogger",
    "lecturer",
    "instructor",
    "teacher",
    "pastor",
    "priest",
    "rabbi",
    "imam",
    "musician",
    "designer",
    "illustrator",
    "painter",
    "sculptor",
    "composer",
    "producer",
    "filmmaker",
    "poet",
    "playwright",
    "comedian",
    "dancer",
    "guitarist",
    "drummer",
    "pianist",
    "violinist",
    "vocalist",
    "cartoonist",
    "columnist",
    "commentator",
    "athlete",
    "footballer",
    "cyclist",
    "golfer",
    "swimmer",
    "boxer",
    "referee",
    "astronaut",
    "inventor",
    "physicist",
    "chemist",
    "biologist",
    "psychologist",
    "philosopher",
    "architect",
    "curator",
    "goalkeeper",
    "defender",
    "midfielder",
    "winger",
    "quarterback",
    "pitcher",
    "batsman",
    "bowler",
    "author",
    "novelist",
    "actor",
    "actress",
    "singer",
    "rapper",
    "artist",
    "photographer",
    "journalist",
    "reporter",
    "editor",
    "economist",
    "historian",
    "researcher",
    "scientist",
    "activist",
    "campaigner",
    "entrepreneur",
    "businessman",
    "businesswoman",
    "billionaire",
    "councillor",
    "councilor",
    "councilman",
    "councilwoman",
    "alderman",
    "prosecutor",
    "magistrate",
    "dean",
    "president",
    "minister",
    "secretary",
    "chancellor",
    "king",
    "queen",
    "prince",
    "princess",
    "emperor",
    "pope",
    "senator",
    "sen",
    "governor",
    "gov",
    "mayor",
    "ambassador",
    "envoy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "commissioner",
    "judge",
    "attorney",
    "representative",
    "rep",
    "congressman",
    "congresswoman",
    "lawmaker",
    "premier",
    "speaker",
    "leader",
    "commander",
    "general",
    "lieutenant",
    "colonel",
    "captain",
    "major",
    "sergeant",
    "admiral",
    "marshal",
    "coach",
    "manager",
    "ceo",
    "cfo",
    "founder",
    "co-founder",
    "adviser",
    "advisor",
    "sheriff",
    "detective",
    "inspector",
    "superintendent",
    "bishop",
    "archbishop",
    "cardinal",
    "ayatollah",
    "sultan",
    "emir",
    "professor",
    "dr",
    "mp",
    "mep",
    "executive",
    "officer",
    "head",
];

/// Title heads that are also everyday adjectives or nouns in lowercase
/// ("major European leaders", "general election"), so they mark a person
/// only when capitalised.
pub(crate) fn is_adjectival_title(word: &str) -> bool {
    matches!(
        word,
        "major"
            | "general"
            | "head"
            | "leader"
            | "chief"
            | "executive"
            | "officer"
            | "speaker"
            | "chair"
            | "representative"
            | "rep"
            | "dr"
            | "sen"
            | "gov"
    )
}

/// Role nouns that refer to a person holding a position of a country or an
/// organization: "the Ukrainian leader", "the minister".
const LEADER_NOUNS: &[&str] = &["leader", "president", "premier", "head", "chief"];

/// Titles of a head of state or government, which "the X leader" refers to.
pub(crate) fn is_head_of_state_title(title: &str) -> bool {
    let lower = Lowercase::of(title);
    let lower = lower.as_ref().map_or("", Lowercase::as_str);
    lower == "president"
        || lower == "prime minister"
        || lower == "chancellor"
        || lower == "premier"
        || lower == "king"
        || lower == "queen"
        || lower == "leader"
}

/// Words that cannot be (the start of) a name even when capitalised:
/// determiners, pronouns, prepositions, conjunctions, auxiliaries and
/// sentence adverbs that begin sentences.
pub(crate) fn is_function_word(word: &str) -> bool {
    is_function_word_in(word, lists_of(word))
}

/// [`is_function_word`] for a word whose lists are known: `lists` must be
/// `lists_of(word)`.
pub(crate) fn is_function_word_in(word: &str, lists: Lists) -> bool {
    // "US", "IT", "WHO" in capitals are names, not words. (Checked after
    // the lists, which rule most words out more cheaply.)
    lists.intersects(Lists::CALENDAR | Lists::FUNCTION) && !is_shouted(word)
}

/// Whether a word of two or more characters is all in capitals ("US",
/// "WHO").
fn is_shouted(word: &str) -> bool {
    if word.is_ascii() {
        // (The same test a byte at a time, stopping at the first byte that
        // is not a capital: the first or second of most words.)
        word.len() >= 2 && word.bytes().all(|byte| byte.is_ascii_uppercase())
    } else {
        word.chars().count() >= 2 && word.chars().all(|c| c.is_uppercase())
    }
}

const FUNCTION_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "some",
    "any",
    "each",
    "every",
    "no",
    "all",
    "both",
    "either",
    "neither",
    "many",
    "much",
    "more",
    "most",
    "few",
    "several",
    "other",
    "another",
    "such",
    "i",
    "we",
    "you",
    "he",
    "she",
    "it",
    "they",
    "me",
    "us",
    "him",
    "her",
    "them",
    "my",
    "our",
    "your",
    "his",
    "its",
    "their",
    "who",
    "whom",
    "whose",
    "which",
    "what",
    "where",
    "when",
    "why",
    "how",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "to",
    "with",
    "without",
    "of",
    "about",
    "after",
    "before",
    "during",
    "since",
    "until",
    "while",
    "as",
    "if",
    "unless",
    "because",
    "although",
    "though",
    "despite",
    "amid",
    "among",
    "between",
    "against",
    "into",
    "over",
    "under",
    "through",
    "across",
    "within",
    "inside",
    "outside",
    "near",
    "and",
    "or",
    "but",
    "nor",
    "so",
    "yet",
    "then",
    "thus",
    "also",
    "still",
    "just",
    "only",
    "even",
    "now",
    "meanwhile",
    "however",
    "indeed",
    "instead",
    "moreover",
    "furthermore",
    "nevertheless",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "will",
    "would",
    "can",
    "could",
    "should",
    "may",
    "might",
    "must",
    "shall",
    "not",
    "there",
    "here",
    "asked",
    "speaking",
    "according",
    "following",
    "last",
    "next",
    "earlier",
    "later",
    "today",
    "yesterday",
    "tomorrow",
    "once",
    "whether",
    "than",
    "like",
    "unlike",
    "via",
    "per",
    "upon",
    "onto",
    "toward",
    "towards",
    "along",
    "around",
    "behind",
    "beyond",
    "above",
    "below",
    "up",
    "down",
    "out",
    "off",
    "again",
    "yes",
    "oh",
    "well",
    "why's",
    "let",
    "please",
    "thanks",
    "thank",
    "related",
    "image",
    "photo",
    "source",
    "sources",
    "read",
    "see",
    "watch",
    "click",
    "share",
    "follow",
    "continues",
    "advertisement",
    "citation",
];

/// Weekday and month names: capitalised, never entities of our kinds.
const CALENDAR_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "christmas",
    "easter",
    "ramadan",
];

/// Head words that make a name an organization ("Foreign Ministry",
/// "Labour Party", "Harvard University").
const ORGANIZATION_HEADS: &[&str] = &[
    "ministry",
    "department",
    "office",
    "agency",
    "bureau",
    "service",
    "services",
    "council",
    "committee",
    "commission",
    "chamber",
    "parliament",
    "congress",
    "senate",
    "assembly",
    "court",
    "tribunal",
    "party",
    "union",
    "alliance",
    "coalition",
    "league",
    "association",
    "federation",
    "confederation",
    "organization",
    "organisation",
    "foundation",
    "institute",
    "institution",
    "university",
    "college",
    "school",
    "academy",
    "hospital",
    "bank",
    "fund",
    "company",
    "corporation",
    "corp",
    "inc",
    "ltd",
    "llc",
    "plc",
    "group",
    "holdings",
    "airlines",
    "airways",
    "motors",
    "industries",
    "technologies",
    "systems",
    "media",
    "news",
    "times",
    "post",
    "journal",
    "herald",
    "gazette",
    "tribune",
    "telegraph",
    "guardian",
    "press",
    "radio",
    "television",
    "tv",
    "network",
    "channel",
    "army",
    "navy",
    "forces",
    "guard",
    "police",
    "command",
    "church",
    "society",
    "club",
    "fc",
    "team",
    "government",
    "administration",
    "cabinet",
    "authority",
    "board",
    "centre",
    "center",
    "museum",
    "library",
    "gallery",
    "trust",
    "movement",
    "front",
    "brigade",
    "battalion",
    "regiment",
    "division",
    "legion",
    "corps",
    "house",
    "nations",
    "council's",
    "secretariat",
    "cooperation",
    "programme",
    "program",
    "initiative",
    "exchange",
    "reserve",
    "treasury",
    "labs",
    "laboratory",
    "studios",
    "records",
    "magazine",
    "newspaper",
    "weekly",
    "daily",
    "force",
    "org",
    "band",
    "orchestra",
    "choir",
    "partners",
    "ventures",
    "entertainment",
    "pictures",
    "foods",
    "pharmaceuticals",
    "networks",
    "communications",
    "petroleum",
    "insurance",
    "capital",
    "energy",
    "electric",
    "electronics",
    "motor",
    "chemical",
    "chemicals",
    "telecom",
    "telecommunications",
    "securities",
    "logistics",
    "mining",
    "laboratories",
    "railway",
    "railways",
    "shipping",
    "bancorp",
    "investments",
    "semiconductor",
    "therapeutics",
    "aerospace",
    "automotive",
    "pharma",
    "consortium",
    "syndicate",
    "collective",
    "ensemble",
    "troupe",
    "quartet",
    "trio",
];

/// Words that make a capitalised phrase an event, document or work rather
/// than a person ("Operation Spiderweb", "Budapest Memorandum", "World
/// Cup"), and regional adjectives that are not demonyms of one country.
const NON_PERSON_WORDS: &[&str] = &[
    "operation",
    "festival",
    "expo",
    "war",
    "wars",
    "battle",
    "summit",
    "agreement",
    "memorandum",
    "treaty",
    "accord",
    "accords",
    "act",
    "bill",
    "plan",
    "deal",
    "conference",
    "cup",
    "championship",
    "championships",
    "games",
    "olympics",
    "awards",
    "award",
    "prize",
    "day",
    "week",
    "season",
    "series",
    "tour",
    "league",
    "open",
    "protocol",
    "convention",
    "declaration",
    "doctrine",
    "initiative",
    "strategy",
    "report",
    "index",
    "law",
    "code",
    "constitution",
    "charter",
    "process",
    "talks",
    "crisis",
    "revolution",
    "rebellion",
    "uprising",
    "attack",
    "attacks",
    "european",
    "western",
    "eastern",
    "northern",
    "southern",
    "asian",
    "african",
    "arab",
    "latin",
    "nordic",
    "baltic",
    "balkan",
    "middle",
    "far",
    "global",
    "international",
    "national",
    "federal",
    "royal",
    "new",
    "old",
    "great",
    "north",
    "south",
    "east",
    "west",
    "central",
    "leaders",
    "officials",
    "forces",
    "troops",
    "states",
    "peace",
    "security",
    "news",
    "breaking",
    "live",
    "update",
    "updates",
    "exclusive",
    "analysis",
    "opinion",
];

/// Lowercase nouns that introduce an organization's name ("the software
/// company Lumio", "carmaker Vireo").
pub(crate) fn is_organization_noun(word: &str) -> bool {
    matches!(
        word,
        "company"
            | "organization"
            | "organisation"
            | "firm"
            | "maker"
            | "carmaker"
            | "automaker"
            | "giant"
            | "retailer"
            | "carrier"
            | "airline"
            | "lender"
            | "startup"
            | "start-up"
            | "conglomerate"
            | "broadcaster"
            | "newspaper"
            | "magazine"
            | "publisher"
            | "studio"
            | "developer"
            | "manufacturer"
            | "chain"
            | "brand"
            | "charity"
            | "insurer"
            | "operator"
            | "outlet"
            | "network"
            | "label"
            | "band"
            | "group"
            | "party"
            | "union"
            | "agency"
            | "club"
            | "supplier"
            | "distributor"
            | "exchange"
    )
}

/// Words that open a place name ("Port Louis", "Mount Kenya", "Lake
/// Placid", "Fort Worth").
pub(crate) fn is_place_prefix(word: &str) -> bool {
    matches!(
        word,
        "Port"
            | "Mount"
            | "Mt"
            | "Lake"
            | "Fort"
            | "Ft"
            | "Cape"
            | "Isle"
            | "Glen"
            | "Point"
            | "Camp"
            | "Gulf"
            | "Bay"
            | "Mont"
            | "Monte"
            | "Lac"
            | "Rio"
    )
}

/// Head words that make a name a place ("Downing Street", "Black Sea").
const PLACE_HEADS: &[&str] = &[
    "street",
    "avenue",
    "road",
    "square",
    "boulevard",
    "lane",
    "bridge",
    "airport",
    "station",
    "port",
    "harbour",
    "harbor",
    "sea",
    "ocean",
    "river",
    "lake",
    "mountain",
    "mountains",
    "mount",
    "valley",
    "island",
    "islands",
    "bay",
    "gulf",
    "strait",
    "straits",
    "peninsula",
    "desert",
    "coast",
    "region",
    "oblast",
    "province",
    "county",
    "district",
    "state",
    "city",
    "town",
    "village",
    "park",
    "plant",
    "canal",
    "border",
    "basin",
    "plateau",
    "hills",
    "heights",
    "forest",
    "beach",
    "stadium",
    "arena",
    "hall",
    "palace",
    "castle",
    "tower",
    "place",
    "plains",
    "towers",
    "hotel",
    "mosque",
    "cave",
    "base",
    "prison",
    "territory",
    "territories",
    "krai",
    "governorate",
    "prefecture",
    "republic",
    "kingdom",
];

/// Speech and attribution cue verbs, in every form a news report uses.
/// The value says whether the verb takes a reported clause ("said that"),
/// only a quote or an object ("described X as"), or is a denial.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueKind {
    /// Takes a clause: "said (that) ...".
    Clause,
    /// Takes an object: "described the claim as ...", "rejected the claim".
    Object,
}

/// Cue verbs that take a clause: "said (that) ...".
const CLAUSE_CUES: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "tell",
    "telling",
    "stated",
    "states",
    "stating",
    "added",
    "adds",
    "adding",
    "warned",
    "warns",
    "warning",
    "claimed",
    "claims",
    "claiming",
    "stressed",
    "stresses",
    "stressing",
    "insisted",
    "insists",
    "insisting",
    "argued",
    "argues",
    "arguing",
    "explained",
    "explains",
    "noted",
    "notes",
    "noting",
    "announced",
    "announces",
    "announcing",
    "confirmed",
    "confirms",
    "confirming",
    "indicated",
    "indicates",
    "suggested",
    "suggests",
    "suggesting",
    "asserted",
    "asserts",
    "asserting",
    "alleged",
    "alleges",
    "alleging",
    "acknowledged",
    "acknowledges",
    "acknowledging",
    "admitted",
    "admits",
    "believes",
    "believed",
    "thinks",
    "reported",
    "reports",
    "wrote",
    "writes",
    "writing",
    "posted",
    "posting",
    "tweeted",
    "messaging",
    "replied",
    "responded",
    "answered",
    "emphasized",
    "emphasised",
    "emphasizing",
    "emphasising",
    "reiterated",
    "reiterates",
    "declared",
    "declares",
    "maintained",
    "maintains",
    "predicted",
    "promised",
    "pledged",
    "vowed",
    "urged",
    "cautioned",
    "signalled",
    "signaled",
    "hinted",
    "estimated",
    "revealed",
    "disclosed",
    "recalled",
    "observed",
    "remarked",
    "commented",
    "concluded",
    "agreed",
    "countered",
    "contended",
    "conceded",
    "assured",
    "floated",
    "continued",
    "highlighted",
    "expressed",
    "expressing",
    "voiced",
    "underlined",
    "underscored",
    "complained",
    "mentioned",
    "announce",
    "insist",
    "argue",
    "warn",
    "claim",
    "believe",
    "think",
    "confirm",
    "admit",
];

/// Cue verbs that take an object: "described the claim as ...".
const OBJECT_CUES: &[&str] = &[
    "described",
    "describes",
    "describing",
    "called",
    "calls",
    "calling",
    "labelled",
    "labeled",
    "dismissed",
    "dismisses",
    "dismissing",
    "denied",
    "denies",
    "denying",
    "rejected",
    "rejects",
    "rejecting",
    "welcomed",
    "welcomes",
    "praised",
    "criticised",
    "criticized",
    "condemned",
    "accused",
    "accuses",
    "accusing",
    "referred",
    "insisted on",
];

/// Third-person pronouns that can stand for a speaker.
pub(crate) fn is_subject_pronoun(word: &str) -> bool {
    matches!(word, "he" | "she" | "He" | "She")
}

/// Nouns that name an unnamed speaker ("the spokesman said", "a source
/// said"): the speaker is real but not an entity, so a following "he" must
/// not be given to someone else.
const ANONYMOUS_SPEAKER_NOUNS: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "source",
    "sources",
    "official",
    "officials",
    "analyst",
    "analysts",
    "witness",
    "witnesses",
    "resident",
    "residents",
    "expert",
    "experts",
    "diplomat",
    "diplomats",
    "aide",
    "aides",
    "person",
    "people",
    "observers",
    "critics",
    "lawyer",
    "statement",
    "report",
    "reports",
    "readout",
    "police",
    "authorities",
    "officers",
];

/// Lines of page furniture ("Continues after advertising", "Image: ...",
/// "CITATION"), given lowercased.
pub(crate) fn is_furniture_line(lower: &str) -> bool {
    // A prefix is compared only when it starts with the line's first byte:
    // most lines start with none of their first letters.
    let Some(&first) = lower.as_bytes().first() else {
        return false;
    };
    FURNITURE_PREFIXES
        .iter()
        .any(|prefix| prefix.as_bytes().first() == Some(&first) && lower.starts_with(prefix))
}

/// The prefixes [`is_furniture_line`] looks for.
const FURNITURE_PREFIXES: &[&str] = &[
    "continues after advertising",
    "continue reading",
    "advertisement",
    "image:",
    "photo:",
    "picture:",
    "video:",
    "credit:",
    "source:",
    "sources:",
    "categories:",
    "citation",
    "share this",
    "follow us",
    "sign up",
    "subscribe",
    "read more",
    "click here",
];

/// A verb in the past tense, as after the subject of a clause: a lowercase
/// word in "-ed" ("scored", "replaced"), or a common irregular one ("won",
/// "met").
pub(crate) fn is_past_tense_verb(word: &str) -> bool {
    let regular =
        word.len() > 4 && word.ends_with("ed") && word.chars().all(|c| c.is_ascii_lowercase());
    regular
        || matches!(
            word,
            "won"
                | "lost"
                | "made"
                | "took"
                | "gave"
                | "got"
                | "came"
                | "went"
                | "became"
                | "left"
                | "ran"
                | "saw"
                | "met"
                | "held"
                | "led"
                | "kept"
                | "beat"
                | "hit"
                | "wrote"
                | "told"
                | "said"
                | "began"
                | "brought"
                | "bought"
                | "sold"
                | "built"
                | "sent"
                | "spent"
                | "struck"
                | "threw"
                | "thought"
                | "found"
                | "heard"
                | "felt"
                | "knew"
        )
}

/// Words that say what a centre is for when it is a building ("Convention
/// Centre", "Art Center", "Shopping Centre"), not an institute ("Center for
/// Policy Studies").
pub(crate) fn is_facility_word(word: &str) -> bool {
    matches!(
        word,
        "Convention"
            | "Conference"
            | "Exhibition"
            | "Exposition"
            | "Art"
            | "Arts"
            | "Shopping"
            | "Trade"
            | "Sports"
            | "Community"
            | "Cultural"
            | "Civic"
            | "Visitor"
            | "Visitors"
            | "Leisure"
            | "Aquatic"
            | "Performing"
    )
}

/// Nouns for a message, which name its medium after "on" ("a post on
/// Mastodon", "a video on Twitch").
pub(crate) fn is_message_noun(word: &str) -> bool {
    matches!(
        word,
        "post"
            | "posts"
            | "message"
            | "messages"
            | "statement"
            | "video"
            | "videos"
            | "account"
            | "channel"
            | "page"
            | "broadcast"
            | "interview"
            | "livestream"
            | "podcast"
            | "thread"
            | "tweet"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_lines_are_found_by_their_first_byte_as_by_every_prefix() {
        let by_every_prefix = |lower: &str| {
            FURNITURE_PREFIXES
                .iter()
                .any(|prefix| lower.starts_with(prefix))
        };
        let mut lines = vec![String::new(), "the minister said".to_string()];
        for prefix in FURNITURE_PREFIXES {
            // Each prefix, cut short, whole and followed by more.
            for end in 0..=prefix.len() {
                lines.push(prefix[..end].to_string());
            }
            lines.push(format!("{prefix} the story"));
            lines.push(format!(" {prefix}"));
        }
        for byte in 0..128u8 {
            lines.push(format!("{}mage: a", char::from(byte)));
        }
        lines.push("école".to_string());
        for line in &lines {
            assert_eq!(is_furniture_line(line), by_every_prefix(line), "{line:?}");
        }
        // Every prefix is found by its first byte.
        for prefix in FURNITURE_PREFIXES {
            assert!(is_furniture_line(prefix), "{prefix}");
        }
    }

    #[test]
    fn cue_verbs_in_their_forms() {
        for word in ["said", "says", "Stated", "warned", "told", "according"] {
            let expected = word != "according";
            assert_eq!(lists_of(word).speech_cue().is_some(), expected, "{word}");
        }
        assert_eq!(lists_of("described").speech_cue(), Some(CueKind::Object));
    }

    #[test]
    fn every_listed_word_is_found_in_its_list_in_any_case() {
        for (word, list) in caseless_words() {
            assert!(lists_of(word).contains(list), "{word}");
            assert!(lists_of(&word.to_uppercase()).contains(list), "{word}");
        }
        // "may" is a month and an auxiliary; "chief" a title word and a leader.
        assert!(lists_of("May").contains(Lists::CALENDAR | Lists::FUNCTION));
        assert!(lists_of("Chief").contains(Lists::TITLE_MODIFIER | Lists::LEADER_NOUN));
        assert_eq!(lists_of("Lumio"), Lists::default());
        assert_eq!(lists_of("März"), Lists::default());
    }

    #[test]
    fn listed_words_are_short_lowercase_ascii() {
        // The table compares words ignoring ASCII case, which finds the
        // same words as comparing the lowercased word only if every listed
        // word is lowercase ASCII.
        for (word, _) in caseless_words() {
            assert!(word.is_ascii() && !word.is_empty(), "{word}");
            assert_eq!(word, word.to_ascii_lowercase(), "{word}");
            assert!(word.len() <= MAX_LISTED_WORD_BYTES, "{word}");
        }
    }

    #[test]
    fn caseless_table_finds_its_words_in_any_case_and_nothing_else() {
        let mut table = CaselessTable::with_capacity(3);
        table.insert(b"street", Lists::PLACE_HEAD);
        table.insert(b"state", Lists::PLACE_HEAD);
        table.insert(b"state", Lists::TITLE_MODIFIER);
        assert_eq!(table.get(b"STREET"), Lists::PLACE_HEAD);
        assert_eq!(
            table.get(b"State"),
            Lists::PLACE_HEAD | Lists::TITLE_MODIFIER
        );
        for absent in [
            &b"stat"[..],
            b"states",
            b"",
            b"st\xc3\xa4te",
            b"STR\xc3\x89ET",
        ] {
            assert_eq!(table.get(absent), Lists::default(), "{absent:?}");
        }
        // The table of the lists is what the lists say, word by word.
        for (word, list) in caseless_words() {
            let expected = caseless_words()
                .filter(|&(other, _)| other == word)
                .fold(Lists::default(), |lists, (_, other)| lists | other);
            assert_eq!(lists_of(word), expected, "{word}");
            assert!(expected.contains(list));
        }
    }

    #[test]
    fn packed_prefix_is_the_first_eight_bytes_lowercased() {
        assert_eq!(packed_prefix(b""), 0);
        assert_eq!(packed_prefix(b"Ab"), u64::from_le_bytes(*b"ab\0\0\0\0\0\0"));
        assert_eq!(
            packed_prefix(b"SPOKESMAN"),
            u64::from_le_bytes(*b"spokesma")
        );
        assert_eq!(packed_prefix(b"spokesman"), packed_prefix(b"SpokesMaid"));
        assert_ne!(packed_prefix(b"state"), packed_prefix(b"states"));
        // Every length, against lowercasing a byte at a time.
        let text = b"AbCdEfGhIjKlMnOpQ@[`{Z\xc3\x89z";
        for start in 0..text.len() {
            for end in start..text.len() {
                let word = &text[start..end];
                let expected = word
                    .iter()
                    .take(8)
                    .enumerate()
                    .fold(0, |packed, (index, byte)| {
                        packed | u64::from(byte.to_ascii_lowercase()) << (8 * index)
                    });
                assert_eq!(packed_prefix(word), expected, "{word:?}");
            }
        }
        // Bytes that are not ASCII letters are kept as they are.
        assert_eq!(
            packed_prefix("ä-1".as_bytes()),
            u64::from_le_bytes(*b"\xc3\xa4-1\0\0\0\0")
        );
    }

    #[test]
    fn ascii_lowercase_bytes_lowercases_each_ascii_letter_only() {
        for byte in 0..=255u8 {
            let packed = u64::from_le_bytes([byte, b'A', 0xc3, byte, b'z', b'@', byte, b'[']);
            let expected = u64::from_le_bytes(
                [byte, b'A', 0xc3, byte, b'z', b'@', byte, b'['].map(|b| b.to_ascii_lowercase()),
            );
            assert_eq!(ascii_lowercase_bytes(packed), expected, "{byte}");
        }
    }

    #[test]
    fn caseless_table_compares_long_words_past_their_key() {
        let mut table = CaselessTable::with_capacity(2);
        table.insert(b"conversation", Lists::RELATION_WORD);
        table.insert(b"conversations", Lists::RELATION_WORD);
        assert_eq!(table.get(b"Conversations"), Lists::RELATION_WORD);
        assert_eq!(table.get(b"CONVERSATION"), Lists::RELATION_WORD);
        for absent in [
            &b"conversatioN2"[..],
            b"conversatiox",
            b"conversat",
            b"conversation\xc3\xa4",
        ] {
            assert_eq!(table.get(absent), Lists::default(), "{absent:?}");
        }
    }

    #[test]
    fn caseless_table_probes_few_slots() {
        // Words are found after a probe or two on average: the hash spreads
        // them over the table.
        let table = caseless_table();
        let mask = table.slots.len() - 1;
        let (mut words, mut probes) = (0, 0);
        for (slot, held) in table.slots.iter().enumerate() {
            if !held.word.is_empty() {
                words += 1;
                let first = table.first_slot(held.prefix, held.word.len());
                probes += 1 + (slot.wrapping_sub(first) & mask);
            }
        }
        assert!(probes <= 2 * words, "{probes} probes for {words} words");
    }

    #[test]
    fn listed_words_start_with_a_letter_or_digit() {
        // A tokenized document looks up only its word tokens, which start
        // with a letter, digit or underscore; the other tokens (punctuation,
        // quotation marks, possessive endings) must be in no list.
        for (word, _) in caseless_words() {
            assert!(
                word.starts_with(|c: char| c.is_ascii_alphanumeric()),
                "{word}"
            );
        }
    }

    #[test]
    fn union_of_lists_is_their_bitwise_or() {
        let both = Lists::CLAIM_NOUN.union(Lists::PHRASE_CUE);
        assert_eq!(both, Lists::CLAIM_NOUN | Lists::PHRASE_CUE);
        assert!(both.contains(Lists::PHRASE_CUE) && !both.intersects(Lists::CALENDAR));
    }

    #[test]
    fn shouted_words_are_all_capitals_of_two_or_more_characters() {
        for word in ["US", "WHO", "ÉTÉ", "AB-C"] {
            assert_eq!(is_shouted(word), word != "AB-C", "{word}");
        }
        for word in ["U", "É", "Us", "uS", "the", "The", "Été", "", "2B"] {
            assert!(!is_shouted(word), "{word}");
        }
        assert!(is_function_word("the") && is_function_word("The"));
        assert!(!is_function_word("THE") && !is_function_word("IT"));
        assert!(is_function_word("A"));
    }

    #[test]
    fn title_heads_are_title_words() {
        for word in ["President", "Minister", "spokeswoman", "Secretary", "Mayor"] {
            assert!(is_title_word(word), "{word}");
            assert!(is_title_head(word), "{word}");
        }
        assert!(!is_title_head("Foreign"));
    }
}
