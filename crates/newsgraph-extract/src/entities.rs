//! Entity mentions: finding the names of people, places and organizations
//! in a document, and linking the mentions of one entity together.
//!
//! Candidates are capitalised word sequences and gazetteer matches. Titles,
//! honorifics, demonyms and countries in front of a name are peeled off and
//! kept as the mention's title phrase ("Russian Foreign Minister" before
//! "Sergei Lavrov"); what remains is classified by the gazetteers, by its head
//! word ("Ministry", "Street"), and by context (a title, a given name, a
//! speech verb). Surname-only mentions then join the full name they shorten,
//! and places that take a match score become teams for the document.

use std::borrow::Cow;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::gazetteer::{gazetteer, BrandAmbiguity, Entry, NameKind, PlaceKind};
use crate::lexicon;
use crate::model::{shared_in, DocEntity, EntityKind, Mention, Span};
use crate::names::{fold_name, push_folded_name, push_name_skeleton};
use crate::text::{is_capitalised, Analysed, TokenKind};

/// One mention found in the text, with what the rules learned around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EntityMention {
    /// The name, titles excluded.
    pub span: Span,
    /// Token range of the name.
    pub tokens: std::ops::Range<usize>,
    pub sentence: usize,
    pub kind: EntityKind,
    /// Index into [`DocumentEntities::entities`].
    pub entity: usize,
    /// The title phrase before a person's name ("Foreign Minister").
    pub title: Option<String>,
    /// The entity the title belongs to ("Russia" for "Russian Foreign
    /// Minister"), an index into entities.
    pub title_owner: Option<usize>,
    /// First token of the whole phrase, title and owner included.
    pub phrase_start: usize,
    /// Whether a possessive "'s" follows.
    pub possessive: bool,
}

/// The entities of one document and all their mentions.
#[derive(Debug, Default)]
pub(crate) struct DocumentEntities {
    pub entities: Vec<DocEntity>,
    /// Sorted by span.
    pub mentions: Vec<EntityMention>,
}

impl DocumentEntities {
    /// The mention whose name covers a token, if any.
    pub fn mention_covering(&self, token: usize) -> Option<&EntityMention> {
        let index = self
            .mentions
            .partition_point(|mention| mention.tokens.end <= token);
        self.mentions
            .get(index)
            .filter(|mention| mention.tokens.start <= token && token < mention.tokens.end)
    }

    /// The mention ending just before a token (the name's last token is
    /// `token - 1`), if any.
    pub fn mention_ending_at(&self, token: usize) -> Option<&EntityMention> {
        // Mentions do not overlap, so they are sorted by end as by start.
        let index = self
            .mentions
            .partition_point(|mention| mention.tokens.end < token);
        self.mentions
            .get(index)
            .filter(|mention| mention.tokens.end == token)
    }

    /// The mentions whose names lie within a token range, in order.
    pub fn within(&self, tokens: std::ops::Range<usize>) -> &[EntityMention] {
        let first = self
            .mentions
            .partition_point(|mention| mention.tokens.start < tokens.start);
        let last = self
            .mentions
            .partition_point(|mention| mention.tokens.end <= tokens.end);
        &self.mentions[first..last.max(first)]
    }

    /// The mention whose phrase (title included) or name starts at a token.
    pub fn mention_at_phrase_start(&self, token: usize) -> Option<&EntityMention> {
        let index = self
            .mentions
            .partition_point(|mention| mention.tokens.start < token);
        self.mentions
            .get(index)
            .filter(|mention| mention.phrase_start == token || mention.tokens.start == token)
    }
}

/// How a candidate was classified, before linking.
#[derive(Debug, Clone)]
struct Candidate<'text> {
    tokens: std::ops::Range<usize>,
    sentence: usize,
    kind: Option<EntityKind>,
    key: Option<Cow<'static, str>>,
    /// The name as it should be known (the span's text, or an extended form).
    name: Cow<'text, str>,
    phrase_start: usize,
    title_tokens: Option<std::ops::Range<usize>>,
    /// Country named before the title (an index into `countries`).
    title_country: Option<&'static str>,
    title_country_tokens: Option<std::ops::Range<usize>>,
    in_headline: bool,
    /// A person signal (title, honorific, given name, speech verb) was seen.
    person_evidence: bool,
}

/// Capitalised words for a party, creed or camp, by their endings
/// ("Republican", "Democrat", "Scientologist", "Nonpartisan",
/// "Conservative"), which news puts before a name.
fn is_descriptor_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    ["ist", "crat", "ican", "tive", "isan"]
        .iter()
        .any(|ending| lower.ends_with(ending))
}

/// "IATA", "OPEC": three to six capitals, not a Roman numeral ("XVII")
/// nor a word in capitals ("UNLESS").
fn is_acronym(word: &str) -> bool {
    // The test of the characters comes first: it stops at the first small
    // letter, and most words asked about are written in title case.
    if !word
        .bytes()
        .all(|byte| byte.is_ascii_uppercase() || byte.is_ascii_digit() || byte == b'&')
    {
        return false;
    }
    // (All ASCII from here: each byte is a character.)
    let letters = word
        .bytes()
        .filter(|byte| byte.is_ascii_alphabetic())
        .count();
    let roman = word.bytes().all(|byte| b"IVXLCDM".contains(&byte));
    (3..=6).contains(&letters) && !roman && !lexicon::is_function_word(&word.to_ascii_lowercase())
}

/// A hyphenated given name as romanised from Chinese or Korean
/// ("Mei-ling", "Jae-won"), but not a prefixed word ("Anti-war").
fn is_hyphenated_given_name(word: &str) -> bool {
    word.split_once('-').is_some_and(|(head, tail)| {
        is_capitalised(head)
            && !tail.is_empty()
            && tail.chars().all(|c| c.is_lowercase())
            && !is_descriptor_word(word)
    })
}

/// Compass words that name a part of a place before its name ("Southeast
/// Asia", "Western Europe").
fn is_compass_word(word: &str) -> bool {
    matches!(
        word,
        "North"
            | "South"
            | "East"
            | "West"
            | "Northern"
            | "Southern"
            | "Eastern"
            | "Western"
            | "Central"
            | "Northeast"
            | "Northwest"
            | "Southeast"
            | "Southwest"
            | "Northeastern"
            | "Northwestern"
            | "Southeastern"
            | "Southwestern"
    )
}

/// Small connecting words allowed inside a name ("Bank of England",
/// "Ludwig van Beethoven").
fn is_name_joiner(word: &str) -> bool {
    matches!(
        word,
        "of" | "de"
            | "da"
            | "van"
            | "von"
            | "der"
            | "den"
            | "la"
            | "le"
            | "du"
            | "del"
            | "al"
            | "bin"
            | "ibn"
            | "dos"
            | "das"
            | "y"
            | "ten"
            | "ter"
            | "for"
            | "&"
    )
}

/// Whether the name of `tokens` (two words or more) opens with a particle,
/// as a surname written alone does ("Von der Leyen", "De Gaulle"). A
/// particle that is also a given name ("Al Gore", "Van Morrison") counts
/// only before another particle ("Von der Leyen").
fn opens_with_particle(analysed: &Analysed, tokens: &std::ops::Range<usize>) -> bool {
    let first = analysed.token_text(tokens.start);
    if tokens.len() < 2
        || matches!(first, "Of" | "For")
        || !is_name_joiner(&first.to_ascii_lowercase())
    {
        return false;
    }
    !gazetteer().is_given_name(first) || is_name_joiner(analysed.token_text(tokens.start + 1))
}

/// Lowercase words that extend a place name into a region or facility
/// ("the Kherson region", "the Kursk nuclear power plant").
fn region_word(word: &str) -> bool {
    matches!(
        word,
        "region"
            | "oblast"
            | "province"
            | "district"
            | "county"
            | "governorate"
            | "prefecture"
            | "krai"
            | "state"
    )
}

/// Finds every entity mention of a document and links them into entities.
pub(crate) fn find_entities(analysed: &Analysed) -> DocumentEntities {
    // A news article has about one name in nine or ten tokens: room for
    // one in six spares nearly every article the copies of a growing list
    // (a candidate is about 150 bytes; one in eight left half the articles
    // of the generated corpus to grow it once).
    let mut candidates = Vec::with_capacity(analysed.tokens.len() / 6);
    for (sentence_index, sentence) in analysed.sentences.iter().enumerate() {
        let in_headline = analysed.is_furniture(sentence.paragraph);
        let mut index = sentence.tokens.start;
        while index < sentence.tokens.end {
            let end = capitalised_run_end(analysed, index, sentence.tokens.end);
            if end > index {
                classify_run(
                    analysed,
                    index..end,
                    sentence_index,
                    sentence.tokens.start,
                    in_headline,
                    &mut candidates,
                );
                index = end;
            } else {
                index += 1;
            }
        }
    }
    teams_in_results(analysed, link(analysed, candidates))
}

/// The token range of a match score starting at `index` ("3-1", "1 – 0"),
/// if one starts there.
fn score_at(analysed: &Analysed, index: usize) -> Option<std::ops::Range<usize>> {
    let goals =
        |text: &str| (1..=2).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit());
    let text = analysed.token_text(index);
    if analysed.tokens[index].kind != TokenKind::Word {
        return None;
    }
    if let Some((home, away)) = text.split_once(['-', '–']) {
        return (goals(home) && goals(away)).then_some(index..index + 1);
    }
    let dash = index + 1;
    let away = index + 2;
    (away < analysed.tokens.len()
        && goals(text)
        && matches!(analysed.token_text(dash), "-" | "–" | "—")
        && analysed.tokens[away].kind == TokenKind::Word
        && goals(analysed.token_text(away)))
    .then_some(index..away + 1)
}

/// Words that open a sports club's name before its city ("Real Madrid",
/// "Bayern Munich").
fn is_club_prefix(word: &str) -> bool {
    matches!(
        word,
        "Real"
            | "Athletic"
            | "Atletico"
            | "Atlético"
            | "Inter"
            | "Sporting"
            | "Dynamo"
            | "Dinamo"
            | "Olympique"
            | "Borussia"
            | "Bayern"
            | "Racing"
            | "Deportivo"
            | "Lokomotiv"
            | "Spartak"
            | "Eintracht"
            | "Hertha"
    )
}

/// Words that close a sports club's name after its city ("Newcastle
/// United", "Leicester City", "Blackburn Rovers").
fn is_club_suffix(word: &str) -> bool {
    matches!(
        word,
        "United"
            | "City"
            | "Rovers"
            | "Wanderers"
            | "Athletic"
            | "Albion"
            | "Hotspur"
            | "Rangers"
            | "Villa"
            | "Town"
            | "Argyle"
            | "Orient"
    )
}

/// Verbs that report a match's result between two sides ("Sweden defeated
/// South Korea 1 – 0", "Tunisia lost 1-2 to England").
fn is_result_verb(word: &str) -> bool {
    matches!(
        word,
        "beat"
            | "beats"
            | "defeated"
            | "defeats"
            | "edged"
            | "thrashed"
            | "routed"
            | "drew"
            | "draw"
            | "lost"
            | "won"
            | "held"
            | "overcame"
    )
}

/// Places that play a match whose score the document gives are teams, so
/// organizations, in all of this document: "Belgium 3 – 0 Panama", "Sweden
/// defeated South Korea 1 – 0", "Tunisia lost 1-2 to England", "Liverpool
/// beat Everton 2-1". A country or city never takes a score otherwise.
fn teams_in_results(analysed: &Analysed, mut document: DocumentEntities) -> DocumentEntities {
    let mut teams: Vec<usize> = Vec::new();
    for sentence in &analysed.sentences {
        let range = sentence.tokens.clone();
        for index in range.clone() {
            // (Most tokens are no score: a digit first is asked first.)
            if !analysed
                .token_text(index)
                .starts_with(|c: char| c.is_ascii_digit())
            {
                continue;
            }
            let Some(score) = score_at(analysed, index) else {
                continue;
            };
            if score.end > range.end {
                continue;
            }
            let word = |token: usize| analysed.token_text(token);
            let before = document
                .mention_ending_at(score.start)
                .map(|m| (m.entity, m.phrase_start));
            let after = document
                .mention_at_phrase_start(score.end)
                .filter(|m| m.tokens.start == score.end)
                .map(|m| m.entity);
            // "Belgium 3 – 0 Panama".
            if let (Some((home, _)), Some(away)) = (before, after) {
                teams.extend([home, away]);
                continue;
            }
            // "Sweden defeated South Korea 1 – 0".
            if let Some((object, phrase_start)) = before {
                let verb = phrase_start
                    .checked_sub(1)
                    .filter(|&verb| verb > range.start);
                if let Some(verb) = verb.filter(|&verb| is_result_verb(word(verb))) {
                    if let Some(subject) = document.mention_ending_at(verb) {
                        teams.extend([subject.entity, object]);
                    }
                }
                continue;
            }
            // "Liverpool beat Everton 2-1": an opponent no rule names
            // stands between the verb and the score.
            let mut opponent_start = score.start;
            while opponent_start > range.start
                && score.start - opponent_start < 3
                && analysed.tokens[opponent_start - 1].kind == TokenKind::Word
                && analysed.is_capitalised(opponent_start - 1)
            {
                opponent_start -= 1;
            }
            if opponent_start < score.start {
                let verb = opponent_start
                    .checked_sub(1)
                    .filter(|&verb| verb > range.start && is_result_verb(word(verb)));
                if let Some(subject) = verb.and_then(|verb| document.mention_ending_at(verb)) {
                    teams.push(subject.entity);
                }
                continue;
            }
            // "Tunisia lost 1 – 2 to England", "X won 2-0 against Y".
            let verb = score
                .start
                .checked_sub(1)
                .filter(|&verb| verb > range.start);
            let Some(verb) = verb.filter(|&verb| is_result_verb(word(verb))) else {
                continue;
            };
            let Some(subject) = document.mention_ending_at(verb) else {
                continue;
            };
            let preposition = score.end;
            if preposition + 1 < range.end
                && matches!(word(preposition), "to" | "against" | "with" | "over")
            {
                if let Some(object) = document
                    .mention_at_phrase_start(preposition + 1)
                    .filter(|m| m.tokens.start == preposition + 1)
                {
                    teams.extend([subject.entity, object.entity]);
                }
            }
        }
    }
    teams.retain(|&team| document.entities[team].kind == EntityKind::Place);
    if teams.is_empty() {
        return document;
    }
    for &team in &teams {
        document.entities[team].kind = EntityKind::Organization;
    }
    for mention in &mut document.mentions {
        if teams.contains(&mention.entity) {
            mention.kind = EntityKind::Organization;
        }
    }
    document
}

/// The end of the run of capitalised words starting at `start` (== start
/// when the token there does not begin one).
fn capitalised_run_end(analysed: &Analysed, start: usize, limit: usize) -> usize {
    let tokens = &analysed.tokens;
    // (Only a word token is capitalised.)
    let starts = |index: usize| analysed.is_capitalised(index);
    if !starts(start) {
        return start;
    }
    let mut end = start + 1;
    loop {
        if end >= limit {
            break;
        }
        let text = analysed.token_text(end);
        if starts(end) {
            end += 1;
            continue;
        }
        // "Free People's Party", "Northern People's Army": a possessive inside
        // a name whose next word is an organization or place head.
        if tokens[end].kind == TokenKind::Possessive
            && end + 1 < limit
            && starts(end + 1)
            && (analysed.lists(end + 1).is_organization_head()
                || analysed.lists(end + 1).is_place_head())
        {
            end += 2;
            continue;
        }
        // "Suleiman al-Amr", "Ahmed el-Sayed": a particle joined by a hyphen
        // to a capitalised name.
        let particle_name = text.split_once('-').is_some_and(|(particle, name)| {
            (is_name_joiner(particle) || particle == "el") && is_capitalised(name)
        });
        if tokens[end].kind == TokenKind::Word && particle_name {
            end += 1;
            continue;
        }
        // "University of North Carolina at Greensboro": a campus after a
        // name that opens with a head word.
        if text == "at"
            && analysed.lists(start).is_organization_head()
            && (start..end).any(|index| analysed.token_text(index) == "of")
            && end + 1 < limit
            && starts(end + 1)
        {
            end += 2;
            continue;
        }
        // "Mr." keeps its full stop inside the run.
        let previous = analysed.token_text(end - 1);
        let initial = previous.len() == 1 && previous.chars().all(|c| c.is_ascii_uppercase());
        if text == "."
            && (lexicon::is_abbreviation(previous) || initial)
            && end + 1 < limit
            && starts(end + 1)
        {
            end += 2;
            continue;
        }
        // "Trinidad and Tobago", "Save the Children", "Council on Foreign
        // Relations": a connecting word inside a name the gazetteers know.
        if is_connecting_word(text) && end + 1 < limit {
            if let Some(name_end) = known_name_over_joiner(analysed, start, end, limit) {
                end = name_end;
                continue;
            }
        }
        // "Union of Lake Fishers and Boatmen", "Ministry of Trade
        // and Industry": "and" before the last word of a name with a head
        // word and "of".
        if text == "and"
            && end + 1 < limit
            && starts(end + 1)
            && (end + 2 >= limit || !starts(end + 2))
            && (start..end).any(|index| analysed.token_text(index) == "of")
            && (start..end).any(|index| analysed.lists(index).is_organization_head())
        {
            end += 2;
            continue;
        }
        // "Harlow Science Museum and Art Gallery": two head words joined by
        // "and", each closing its part of one name.
        if text == "and" && analysed.lists(end - 1).is_organization_head() {
            let second_end = (end + 1..limit.min(end + 4))
                .take_while(|&index| starts(index))
                .last()
                .map(|index| index + 1);
            if let Some(second_end) = second_end {
                let closes_with_head = analysed.lists(second_end - 1).is_organization_head();
                let more = second_end < limit && starts(second_end);
                if closes_with_head && !more && second_end - end >= 3 {
                    end = second_end;
                    continue;
                }
            }
        }
        // "Bank of England", "Secretary of State", "Gulf of the Mexico".
        if (tokens[end].kind == TokenKind::Word || text == "&") && is_name_joiner(text) {
            let mut next = end + 1;
            if next < limit && analysed.token_text(next) == "the" {
                next += 1;
            }
            // "Ursula von der Leyen", "Guillermo de la Vega": a second
            // particle after a personal one.
            let personal_particle = !matches!(text, "of" | "for" | "&");
            if personal_particle
                && next + 1 < limit
                && tokens[next].kind == TokenKind::Word
                && is_name_joiner(analysed.token_text(next))
                && !matches!(analysed.token_text(next), "of" | "for")
            {
                next += 1;
            }
            // "of" and "for" join only after a head word somewhere in the
            // run ("Joint Council for the Welfare of Immigrants").
            let head_so_far = (start..end).any(|index| {
                let lists = analysed.lists(index);
                lists.is_organization_head() || lists.is_place_head()
            });
            let previous_lists = analysed.lists(end - 1);
            let joinable =
                head_so_far || previous_lists.is_title_head() || text != "of" && text != "for";
            if next < limit && starts(next) && joinable {
                end = next + 1;
                continue;
            }
        }
        break;
    }
    end
}

/// The title head inside the run `core` that two or three words of a
/// person's name close ("Governor" in "Texas Governor Greg Abbott" and in
/// "Bank of England Governor Andrew Bailey").
fn title_head_before_name(analysed: &Analysed, core: &std::ops::Range<usize>) -> Option<usize> {
    if core.len() < 3 {
        return None;
    }
    (core.start + 1..core.end - 2).find(|&head| {
        let name = head + 1..core.end;
        analysed.lists(head).is_title_head()
            && (2..=3).contains(&name.len())
            && !analysed.lists(head + 1).is_title_word()
            && (gazetteer().is_given_name(analysed.token_text(head + 1))
                || name.clone().all(|index| plain_name_word(analysed, index)))
    })
}

/// Lowercase words that connect the capitalised words of a name ("and",
/// "the", "on", "to", "for", "of").
fn is_connecting_word(word: &str) -> bool {
    matches!(word, "and" | "the" | "on" | "to" | "for" | "of")
}

/// The end of the longest place, organization or brand name that starts at
/// a word of the run `start..joiner` and goes on over the connecting word
/// at `joiner` to capitalised words, with more connecting words between
/// them ("Trinidad and Tobago", "Food and Agriculture Organization", "Save
/// the Children", "Committee to Protect Journalists"). A name that more
/// capitalised words follow must be a country or an organization
/// ("Central and Western", a district, is not one in "Central and Western
/// Europe").
fn known_name_over_joiner(
    analysed: &Analysed,
    start: usize,
    joiner: usize,
    limit: usize,
) -> Option<usize> {
    let gazetteer = gazetteer();
    let tokens = &analysed.tokens;
    let opening_end = tokens[joiner - 1].span.end;
    let mut longest = None;
    for first in start..joiner {
        let name_start = tokens[first].span.start;
        if !gazetteer.opens_name_with_joiner(analysed.slice(Span::new(name_start, opening_end))) {
            continue;
        }
        let mut last = joiner + 1;
        while last < limit.min(joiner + 8) {
            if !analysed.is_capitalised(last) {
                if tokens[last].kind == TokenKind::Word
                    && is_connecting_word(analysed.token_text(last))
                {
                    last += 1;
                    continue;
                }
                break;
            }
            let name = analysed.slice(Span::new(name_start, tokens[last].span.end));
            let more_follow = last + 1 < limit && analysed.is_capitalised(last + 1);
            let known = match gazetteer.entry(name) {
                Some(Entry::Place(place)) => !more_follow || place.kind == PlaceKind::Country,
                Some(Entry::Organization(_)) => true,
                None => gazetteer.brand(name).is_some(),
            };
            if known {
                longest = Some(last + 1);
            }
            last += 1;
        }
        if longest.is_some() {
            break;
        }
    }
    longest
}

/// Turns one run of capitalised words into zero or more candidates, added
/// to `output`.
fn classify_run<'text>(
    analysed: &Analysed<'text>,
    run: std::ops::Range<usize>,
    sentence: usize,
    sentence_start: usize,
    in_headline: bool,
    output: &mut Vec<Candidate<'text>>,
) {
    let gazetteer = gazetteer();
    let word = |index: usize| analysed.token_text(index);
    let mut start = run.start;
    let mut end = run.end;

    // "Harbour Lights Image: Dana Pruett": the label of a caption credit is
    // not part of the name before it.
    if end > start + 1
        && matches!(
            word(end - 1),
            "Image" | "Photo" | "Picture" | "Photograph" | "Video" | "Credit" | "Caption"
        )
        && end < analysed.tokens.len()
        && word(end) == ":"
    {
        end -= 1;
    }

    // Leading function and calendar words ("The", "On", "Monday").
    while start < end
        && (analysed.is_function_word(start) || analysed.lists(start).is_calendar_word())
    {
        start += 1;
    }
    if start >= end {
        return;
    }
    let phrase_start = start;
    // "told The Herald": a capital "The" inside a sentence belongs to a
    // name, and makes one head word ("Herald", "Courier") a name too.
    let capital_the = run.start > sentence_start
        && start == run.start + 1
        && word(run.start) == "The"
        && !in_headline;

    // The whole run names an organization by its head word ("White House",
    // "Foreign Ministry", "Labour Party"): keep it whole.
    let last = word(end - 1);
    let last_lists = analysed.lists(end - 1);
    let whole = analysed.slice(Span::new(
        analysed.tokens[start].span.start,
        analysed.tokens[end - 1].span.end,
    ));
    // "White House" is an alternate name of a city in some gazetteer data;
    // an organization head word wins over an alternate place name.
    // A single word is left to the checks on the name itself below, which
    // know about towns named like people.
    let alternate_name_with_head = |place: &crate::gazetteer::Place| {
        end - start < 2 || (place.canonical != whole && last_lists.is_organization_head())
    };
    // What the gazetteers know the run as, looked up once for the checks
    // below.
    let whole_entry = gazetteer.entry(whole);
    let whole_is_place = matches!(whole_entry, Some(Entry::Place(_)));
    let whole_place = match whole_entry {
        Some(Entry::Place(place)) => Some(place),
        _ => None,
    };
    if let Some(place) = whole_place.filter(|place| !alternate_name_with_head(place)) {
        output.push(
            candidate_of(analysed, start..end, sentence, phrase_start, in_headline)
                .with_kind(EntityKind::Place, Some(Cow::Borrowed(place.canonical))),
        );
        extend_region(analysed, output);
        return;
    }
    // "told the Guardian", "The Economist said": a name the gazetteers
    // know with its article only.
    if whole_entry.is_none() && start > sentence_start && matches!(word(start - 1), "the" | "The") {
        if let Some(organization) = gazetteer.organization_after_the(whole) {
            output.push(
                candidate_of(analysed, start..end, sentence, phrase_start, in_headline).with_kind(
                    EntityKind::Organization,
                    Some(Cow::Borrowed(organization.canonical)),
                ),
            );
            return;
        }
    }
    // "Southeast Asia", "Western Europe": a compass word before a known
    // continent, country or region names a part of it.
    if (2..=3).contains(&(end - start))
        && (start..end - 1).all(|index| is_compass_word(word(index)))
    {
        let rest = analysed.token_text(end - 1);
        if gazetteer.place_kind(rest).is_some_and(|kind| {
            matches!(
                kind,
                PlaceKind::Continent | PlaceKind::Country | PlaceKind::Region
            )
        }) && !whole_is_place
        {
            output.push(
                candidate_of(analysed, start..end, sentence, phrase_start, in_headline)
                    .with_kind(EntityKind::Place, None),
            );
            return;
        }
    }
    // "Manila North", "Nairobi West": a known place and a compass
    // word after it name a part of it (a district, a constituency).
    if end - start >= 2
        && matches!(
            word(end - 1),
            "North" | "South" | "East" | "West" | "Central"
        )
    {
        let rest = analysed.slice(Span::new(
            analysed.tokens[start].span.start,
            analysed.tokens[end - 2].span.end,
        ));
        if gazetteer.is_place(rest) && !whole_is_place {
            output.push(
                candidate_of(analysed, start..end, sentence, phrase_start, in_headline)
                    .with_kind(EntityKind::Place, None),
            );
            return;
        }
    }
    // "Team Norway", "Radio Chile": an organization head word before a
    // country's name names an organization of that country.
    if end - start >= 2
        && analysed.lists(start).is_organization_head()
        && !analysed.lists(start).is_title_word()
    {
        let rest = analysed.slice(Span::new(
            analysed.tokens[start + 1].span.start,
            analysed.tokens[end - 1].span.end,
        ));
        if gazetteer.country(rest).is_some() {
            output.push(
                candidate_of(analysed, start..end, sentence, phrase_start, in_headline)
                    .with_kind(EntityKind::Organization, None),
            );
            return;
        }
    }
    if let Some(Entry::Organization(organization)) = whole_entry {
        output.push(
            candidate_of(analysed, start..end, sentence, phrase_start, in_headline).with_kind(
                EntityKind::Organization,
                Some(Cow::Borrowed(organization.canonical)),
            ),
        );
        return;
    }
    // "Harbourside Convention Centre", "Ortega Art Center": a centre
    // named for what happens in it is a building, a place.
    if end - start >= 2
        && matches!(last, "Centre" | "Center")
        && lexicon::is_facility_word(word(end - 2))
    {
        output.push(
            candidate_of(analysed, start..end, sentence, phrase_start, in_headline)
                .with_kind(EntityKind::Place, None),
        );
        return;
    }
    // "Mary Church said", "Lena Park told": a given name that is no place,
    // then a head word that is also a surname, right before a speech verb,
    // name a person ("Lincoln Center said" stays a building's).
    // ("said Lena Park." too: a speech verb before, and the clause ends.)
    let speech_before = || {
        start > sentence_start
            && analysed.lists(start - 1).speech_cue().is_some()
            && analysed
                .tokens
                .get(end)
                .is_none_or(|_| matches!(word(end), "." | "," | ";"))
    };
    let person_named_like_a_building = end - start == 2
        && (last_lists.is_organization_head() || last_lists.is_place_head())
        && !in_headline
        && (speech_before()
            || analysed
                .tokens
                .get(end)
                .is_some_and(|_| analysed.lists(end).speech_cue().is_some()))
        && gazetteer.is_given_name(word(start))
        && gazetteer.is_surname(last)
        && !gazetteer.is_company_suffix(last)
        && !gazetteer.is_place(word(start));
    if person_named_like_a_building {
        let mut person = candidate_of(analysed, start..end, sentence, phrase_start, in_headline)
            .with_kind(EntityKind::Person, None);
        person.person_evidence = true;
        output.push(person);
        return;
    }
    if end - start >= 2 && last_lists.is_organization_head() && !last_lists.is_title_head() {
        // A country or demonym in front stays part of the name
        // ("Russian Orthodox Church", "US Congress").
        output.push(
            candidate_of(analysed, start..end, sentence, phrase_start, in_headline)
                .with_kind(EntityKind::Organization, None),
        );
        return;
    }

    // Peel a country or demonym in front of a title ("US President",
    // "Russian Foreign Minister"), then the title, then honorifics.
    let mut title_country = None;
    let mut title_country_tokens = None;
    let mut cursor = start;
    let country_here = |index: usize| -> Option<(&'static str, usize, bool)> {
        // A country name of one or more tokens, or a demonym.
        if let Some(country) = gazetteer.country_of_demonym(word(index)) {
            return Some((country, index + 1, true));
        }
        for length in (1..=3).rev() {
            if index + length > end {
                continue;
            }
            let text = analysed.slice(Span::new(
                analysed.tokens[index].span.start,
                analysed.tokens[index + length - 1].span.end,
            ));
            if let Some(country) = gazetteer.country(text) {
                return Some((country, index + length, false));
            }
            // A demonym of more than one word ("South Korean").
            if length > 1 {
                if let Some(country) = gazetteer.country_of_demonym(text) {
                    return Some((country, index + length, true));
                }
            }
        }
        None
    };
    // A country or demonym is peeled only before a title word, one to three
    // tokens on; without a title word there, nothing is looked up.
    let title_word_follows =
        (cursor + 1..end.min(cursor + 4)).any(|index| analysed.lists(index).is_title_word());
    if let Some((country, after, _is_demonym)) =
        title_word_follows.then(|| country_here(cursor)).flatten()
    {
        if after < end && analysed.lists(after).is_title_word() {
            title_country = Some(country);
            title_country_tokens = Some(cursor..after);
            cursor = after;
        }
    }
    let title_start = cursor;
    let mut title_has_head = false;
    while cursor < end && analysed.lists(cursor).is_title_word() {
        title_has_head |= analysed.lists(cursor).is_title_head();
        cursor += 1;
    }
    if !title_has_head {
        cursor = title_start;
    }
    let mut honorific = false;
    while cursor < end && (lexicon::is_honorific(word(cursor)) || word(cursor) == ".") {
        honorific = true;
        cursor += 1;
    }
    // "Co-founder of Google": a title ending in "of" or "for" names what
    // follows as the organization or place of the role, not a person.
    let title_of_what = title_has_head
        && cursor > title_start
        && matches!(word(cursor - 1), "of" | "for")
        && !honorific;
    if title_of_what {
        title_has_head = false;
    }
    // "Dean Morrow": a one-word title that is also a given name, before one
    // word that is not, is the given name; royal titles stand before one
    // name ("King Salman").
    if title_has_head
        && !honorific
        && !matches!(word(title_start), "King" | "Queen" | "Prince" | "Princess")
        && cursor == title_start + 1
        && end == cursor + 1
        && title_country.is_none()
        && gazetteer.is_given_name(word(title_start))
        && !gazetteer.is_given_name(word(cursor))
    {
        title_has_head = false;
        cursor = title_start;
    }
    let title_tokens = (title_has_head && cursor > title_start).then_some(title_start..cursor);
    // A country before a title is itself a place mention ("US" in "US
    // President").
    if let (Some(country), Some(tokens)) = (&title_country, &title_country_tokens) {
        let text = analysed.slice(Span::new(
            analysed.tokens[tokens.start].span.start,
            analysed.tokens[tokens.end - 1].span.end,
        ));
        if gazetteer.country_of_demonym(text).is_none() {
            output.push(
                candidate_of(
                    analysed,
                    tokens.clone(),
                    sentence,
                    tokens.start,
                    in_headline,
                )
                .with_kind(EntityKind::Place, Some(Cow::Borrowed(*country))),
            );
        }
    }
    if cursor >= end {
        return;
    }
    // Whether the word at the cursor is a demonym, looked up once for the
    // two checks below and only when one of them asks.
    let demonym_at_cursor = (cursor + 1 == end || (title_tokens.is_none() && !honorific))
        && gazetteer.country_of_demonym(word(cursor)).is_some();
    // A demonym that is not before a title is not a name ("Russian forces",
    // "the South African president").
    if cursor + 1 == end && demonym_at_cursor {
        return;
    }
    if end == cursor + 2
        && gazetteer
            .country_of_demonym(analysed.slice(Span::new(
                analysed.tokens[cursor].span.start,
                analysed.tokens[cursor + 1].span.end,
            )))
            .is_some()
    {
        return;
    }
    // A leading demonym before a non-title name is dropped
    // ("Hungarian Conservative" keeps "Conservative" as a candidate).
    if title_tokens.is_none() && !honorific && demonym_at_cursor {
        cursor += 1;
    }

    // "chief executive of the Refugee Council": articles after a title.
    while cursor < end && analysed.is_function_word(cursor) {
        cursor += 1;
    }
    if cursor >= end {
        return;
    }
    let core = cursor..end;
    // The title inside the run before a person's name, which two rules
    // below ask about: found once, when first asked.
    let title_head_cell = std::cell::OnceCell::new();
    let title_head = || *title_head_cell.get_or_init(|| title_head_before_name(analysed, &core));
    let core_text = analysed.slice(Span::new(
        analysed.tokens[core.start].span.start,
        analysed.tokens[core.end - 1].span.end,
    ));
    let mut candidate = candidate_of(analysed, core.clone(), sentence, phrase_start, in_headline);
    candidate.title_tokens = title_tokens.clone();
    candidate.title_country = title_country;
    candidate.title_country_tokens = title_country_tokens.clone();
    // A lowercase role noun right before the run ("spokeswoman Ellen
    // Park", "coach Mark Ellis") says the name is a person's.
    // The plural too, before a list ("athletes Mira Dolenc and ...").
    let role_noun = |index: usize| {
        analysed.lists(index).is_title_head()
            || word(index)
                .strip_suffix('s')
                .is_some_and(|singular| singular.len() > 3 && lexicon::is_title_head(singular))
    };
    let role_before = start > sentence_start
        && analysed.tokens[start - 1].kind == TokenKind::Word
        && role_noun(start - 1)
        && !lexicon::is_adjectival_title(word(start - 1))
        && !analysed.is_capitalised(start - 1);
    let person_context = title_tokens.is_some() || honorific || role_before;
    candidate.person_evidence = person_context;

    // "CEO of the Housing Council Omar Faris", "Ambassador to the United
    // States Idris Kamara": a known place or organization, or a name with
    // an organization or place head word, then a person's name of two or
    // three words that a given name, a surname, a title or a speech verb
    // vouches for.
    let speech_after_run =
        core.end < analysed.tokens.len() && analysed.lists(core.end).speech_cue().is_some();
    for rest_length in [2, 3] {
        if core.len() < rest_length + 1 {
            continue;
        }
        let rest_start = core.end - rest_length;
        let prefix = core.start..rest_start;
        // "Union of | Coastal Towns" is one name.
        if is_name_joiner(word(rest_start - 1)) || analysed.is_function_word(rest_start - 1) {
            continue;
        }
        // "House Speaker | Mike Johnson": a title closing the words before
        // the name is the person's, not part of an organization's name
        // (the title inside the run, below, reads it).
        if analysed.lists(rest_start - 1).is_title_head() {
            continue;
        }
        let prefix_text = analysed.slice(Span::new(
            analysed.tokens[prefix.start].span.start,
            analysed.tokens[prefix.end - 1].span.end,
        ));
        let known = gazetteer.entry(prefix_text).map(|entry| match entry {
            Entry::Place(place) => (EntityKind::Place, Some(Cow::Borrowed(place.canonical))),
            Entry::Organization(organization) => (
                EntityKind::Organization,
                Some(Cow::Borrowed(organization.canonical)),
            ),
        });
        let head_kind = if prefix.len() < 2 {
            None
        } else if (prefix.clone()).any(|index| analysed.lists(index).is_organization_head()) {
            Some((EntityKind::Organization, None))
        } else if (prefix.clone()).any(|index| analysed.lists(index).is_place_head()) {
            Some((EntityKind::Place, None))
        } else {
            None
        };
        let prefix_known = known.is_some();
        let Some((prefix_kind, prefix_key)) = known.or(head_kind) else {
            continue;
        };
        let rest_is_name = (rest_start..core.end).all(|index| plain_name_word(analysed, index));
        // After a known place or organization, two more words no list
        // knows are a name of their own ("the United States Idris
        // Mohib").
        let personal_prefix = prefix.len() == 1
            && (gazetteer.is_given_name(word(prefix.start))
                || gazetteer.is_surname(word(prefix.start)));
        // A town whose name is also a personal name opens a person's
        // name ("Kim Jong Un", "Park Geun-hye"), not a place before one.
        if personal_prefix && gazetteer.place_kind(prefix_text) == Some(PlaceKind::City) {
            continue;
        }
        let unknown_pair = prefix_known
            && !personal_prefix
            && !is_name_joiner(&word(rest_start).to_lowercase())
            && rest_length == 2
            && (rest_start..core.end).all(|index| {
                let text = word(index);
                gazetteer.brand(text).is_none()
                    && gazetteer.organization(text).is_none()
                    && gazetteer.country_of_demonym(text).is_none()
            });
        let verb_after = analysed.tokens.get(core.end).is_some_and(|token| {
            token.kind == TokenKind::Word && lexicon::is_past_tense_verb(word(core.end))
        });
        let vouched = gazetteer.is_given_name(word(rest_start))
            || gazetteer.is_surname(word(core.end - 1))
            || title_tokens.is_some()
            || speech_after_run
            || verb_after
            || unknown_pair;
        if !(rest_is_name && vouched) {
            continue;
        }
        let prefix_candidate = candidate_of(analysed, prefix, sentence, phrase_start, in_headline)
            .with_kind(prefix_kind, prefix_key);
        let mut person = candidate_of(
            analysed,
            rest_start..core.end,
            sentence,
            phrase_start,
            in_headline,
        )
        .with_kind(EntityKind::Person, None);
        person.title_tokens = title_tokens.clone();
        person.person_evidence = true;
        output.push(prefix_candidate);
        output.push(person);
        return;
    }

    if !person_context {
        // (The core is the whole run when nothing was peeled off it.)
        let core_entry = if core.start == start {
            whole_entry
        } else {
            gazetteer.entry(core_text)
        };
        // "Real Madrid", "Bayern Munich", "Newcastle United", "Leicester
        // City": a known place with a club's word before or after it names
        // a club, when the two words are no place of their own ("Kansas
        // City").
        if core_entry.is_none() && core.len() == 2 {
            let (first, second) = (word(core.start), word(core.start + 1));
            let club = (is_club_prefix(first) && gazetteer.place(second).is_some())
                || (is_club_suffix(second) && gazetteer.place(first).is_some());
            if club {
                output.push(candidate.with_kind(EntityKind::Organization, None));
                return;
            }
        }
        if let Some(Entry::Place(place)) = core_entry {
            // A town that is also a common given name or surname ("Paul",
            // "Young") is a place only where the words around say so.
            let name_like_town = core.len() == 1
                && place.kind == PlaceKind::City
                && place.population < 1_000_000
                && (gazetteer.is_given_name(core_text) || gazetteer.is_surname(core_text));
            // A town named by an English word ("Police", "University") is
            // the word unless it is a big city inside a sentence ("Nice").
            let word_like_town = place.common_word
                && place.kind == PlaceKind::City
                && (place.population < 100_000 || core.start == sentence_start || in_headline);
            // "the capital, Wellington": an apposition to a place noun.
            let apposition = core.start >= sentence_start + 2
                && word(core.start - 1) == ","
                && matches!(
                    word(core.start - 2),
                    "capital" | "city" | "town" | "village" | "port" | "province" | "state"
                );
            let place_context = apposition
                || core.start > sentence_start
                    && matches!(
                        word(core.start - 1),
                        "in" | "at" | "from" | "near" | "to" | "of" | "across" | "outside" | "into"
                    );
            // "Liverpool striker Mohamed Salah", "Boston coach": a city
            // before a role in a team is its club.
            // A manager or a boss may be a company's ("its London manager"):
            // only before a name, and with no article or possessive before
            // the city.
            let business_role_too = |role: &str| matches!(role, "manager" | "boss");
            let team_role_after = place.kind == PlaceKind::City
                && !place_context
                && analysed.tokens.get(core.end).is_some_and(|token| {
                    let role = word(core.end);
                    token.kind == TokenKind::Word
                        && !analysed.is_capitalised(core.end)
                        && lexicon::is_team_role(role)
                        && (!business_role_too(role)
                            || (core.end + 1 < analysed.tokens.len()
                                && analysed.is_capitalised(core.end + 1)
                                && (phrase_start == sentence_start
                                    || !(lexicon::is_determiner(
                                        &word(phrase_start - 1).to_ascii_lowercase(),
                                    ) || analysed.tokens[phrase_start - 1].kind
                                        == TokenKind::Possessive))))
                });
            if team_role_after {
                output.push(candidate.with_kind(EntityKind::Organization, None));
                return;
            }
            if !(name_like_town || word_like_town) || place_context {
                output.push(
                    candidate.with_kind(EntityKind::Place, Some(Cow::Borrowed(place.canonical))),
                );
                extend_region(analysed, output);
                return;
            }
            output.push(candidate);
            return;
        }
        if let Some(Entry::Organization(organization)) = core_entry {
            output.push(candidate.with_kind(
                EntityKind::Organization,
                Some(Cow::Borrowed(organization.canonical)),
            ));
            return;
        }
        // A brand ("Spotify", "Airbnb"); one that is also an English word
        // ("Signal") only inside a sentence, and one that is also a
        // personal name or very short ("Ford", "X") only as the medium of a
        // message ("wrote on X").
        if let Some(brand) = gazetteer.brand(core_text) {
            let medium =
                phrase_start > sentence_start && matches!(word(phrase_start - 1), "on" | "via");
            let inside_sentence = phrase_start > sentence_start && !in_headline;
            let accepted = match brand.ambiguity {
                BrandAmbiguity::None => true,
                BrandAmbiguity::Word => inside_sentence || medium,
                BrandAmbiguity::Name => medium,
            };
            if accepted {
                output.push(candidate.with_kind(
                    EntityKind::Organization,
                    Some(Cow::Borrowed(brand.canonical)),
                ));
                return;
            }
        }
        let core_last = word(core.end - 1);
        let core_last_lists = analysed.lists(core.end - 1);
        let company_suffix = core.len() >= 2 && gazetteer.is_company_suffix(core_last);
        let single_word = core.len() == 1;
        if company_suffix
            || (core_last_lists.is_organization_head()
                && !core_last_lists.is_title_word()
                && (!single_word || capital_the))
        {
            output.push(candidate.with_kind(EntityKind::Organization, None));
            return;
        }
        if core.len() >= 2 && core_last_lists.is_place_head() {
            output.push(candidate.with_kind(EntityKind::Place, None));
            return;
        }
        // "Treasury Department Spokesperson", "Sacramento Sheriff": a role,
        // not a name; only an organization in it is kept.
        if core_last_lists.is_title_head() && !single_word {
            let prefix = core.start..core.end - 1;
            if (prefix.clone()).any(|index| analysed.lists(index).is_organization_head()) {
                output.push(
                    candidate_of(analysed, prefix, sentence, phrase_start, in_headline)
                        .with_kind(EntityKind::Organization, None),
                );
            }
            return;
        }
        // "Church of Scientology", "University of Texas", "Gulf of Mexico":
        // a head word joined to a name by "of" or "for"; but not when a
        // title and a person's name close the run ("Bank of England
        // Governor Andrew Bailey": the title inside the run, below, reads
        // it).
        let title_and_name_after = |index: usize| title_head().is_some_and(|head| head > index + 2);
        for index in core.start..core.end.saturating_sub(2) {
            if matches!(word(index + 1), "of" | "for") && !title_and_name_after(index) {
                if analysed.lists(index).is_organization_head() {
                    output.push(candidate.with_kind(EntityKind::Organization, None));
                    return;
                }
                if analysed.lists(index).is_place_head() {
                    output.push(candidate.with_kind(EntityKind::Place, None));
                    return;
                }
            }
        }
        // "Housing Council Omar Faris": an organization, then a person.
        if let Some(head) = (core.start + 1..core.end.saturating_sub(1))
            .rev()
            .find(|&index| analysed.lists(index).is_organization_head())
        {
            let rest = head + 1..core.end;
            if rest.len() <= 3 && gazetteer.is_given_name(word(rest.start))
                || title_tokens.is_some()
            {
                let organization = candidate_of(
                    analysed,
                    core.start..head + 1,
                    sentence,
                    phrase_start,
                    in_headline,
                )
                .with_kind(EntityKind::Organization, None);
                let mut person = candidate_of(analysed, rest, sentence, phrase_start, in_headline)
                    .with_kind(EntityKind::Person, None);
                person.title_tokens = title_tokens.clone();
                person.person_evidence = true;
                output.push(organization);
                output.push(person);
                return;
            }
        }
        // A lone acronym ("IATA", "OPEC") names an organization; not after
        // a number, "@" or "a" ("15:11 GMT", "@POTUS", "a VIP guest"), nor
        // before a number (a version: "HTML 5").
        let before = (core.start > sentence_start).then(|| word(core.start - 1));
        let unit_or_handle = before.is_some_and(|text| {
            matches!(text, "@" | "a" | "an" | "A" | "An")
                || text.chars().last().is_some_and(|c| c.is_ascii_digit())
        });
        let version_after = analysed.tokens.get(core.end).is_some_and(|_| {
            word(core.end)
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit())
        });
        // "LONDON, Dec 7 (Reuters) -", "KYIV (AP) —": a dateline's city,
        // in capitals at the start of a paragraph, is the place.
        let paragraph_start = core.start == 0
            || analysed.tokens[core.start - 1].paragraph != analysed.tokens[core.start].paragraph;
        let dateline = single_word
            && paragraph_start
            && analysed
                .tokens
                .get(core.end)
                .is_some_and(|_| matches!(word(core.end), "," | "(" | "—" | "–" | "-"));
        if dateline && core_text.bytes().all(|byte| byte.is_ascii_uppercase()) {
            if let Some(place) = gazetteer.place(&title_case_words(core_text)) {
                output.push(
                    candidate.with_kind(EntityKind::Place, Some(Cow::Borrowed(place.canonical))),
                );
                return;
            }
        }
        if single_word
            && is_acronym(core_text)
            && !lexicon::is_title_word(core_text)
            && !unit_or_handle
            && !version_after
        {
            output.push(candidate.with_kind(EntityKind::Organization, None));
            return;
        }
    }
    // "Undersecretary for Education Mr. Toccafondi": an honorific inside
    // the run starts a person's name.
    if !in_headline && core.len() >= 3 {
        if let Some(honorific_at) =
            (core.start + 1..core.end - 1).find(|&index| lexicon::is_honorific(word(index)))
        {
            let mut name_start = honorific_at + 1;
            if word(name_start) == "." {
                name_start += 1;
            }
            let name_length = core.end.saturating_sub(name_start);
            if (1..=3).contains(&name_length)
                // (Only a word token is capitalised.)
                && (name_start..core.end).all(|index| analysed.is_capitalised(index))
            {
                let mut person = candidate_of(
                    analysed,
                    name_start..core.end,
                    sentence,
                    phrase_start,
                    in_headline,
                )
                .with_kind(EntityKind::Person, None);
                person.person_evidence = true;
                person.title_tokens = title_tokens.clone();
                output.push(person);
                return;
            }
        }
    }
    if person_context {
        output.push(candidate.with_kind(EntityKind::Person, None));
        return;
    }
    // "Shadow Transport Secretary Ruth Kell", "Housing Council Chief
    // Executive Ann Moe", "Texas Governor Greg Abbott", "Tesla CEO Elon
    // Musk": a title inside the run, then two or three words of a name, is
    // a person. The words before the title name the place or organization
    // of the role: a place the gazetteers know, else an organization.
    if !in_headline {
        if let Some(head) = title_head() {
            let mut title_start = head;
            while title_start > core.start && analysed.lists(title_start - 1).is_title_word() {
                title_start -= 1;
            }
            if title_start > core.start {
                let prefix = core.start..title_start;
                let prefix_text = analysed.slice(Span::new(
                    analysed.tokens[prefix.start].span.start,
                    analysed.tokens[prefix.end - 1].span.end,
                ));
                let owner = match gazetteer.entry(prefix_text) {
                    Some(Entry::Place(place)) => {
                        Some((EntityKind::Place, Some(Cow::Borrowed(place.canonical))))
                    }
                    Some(Entry::Organization(organization)) => Some((
                        EntityKind::Organization,
                        Some(Cow::Borrowed(organization.canonical)),
                    )),
                    // A demonym or a party's adjective is not an owner
                    // ("Texan", "Republican", "Democratic"), and a word with
                    // a digit is a number or a date.
                    None if gazetteer.country_of_demonym(prefix_text).is_none()
                        && !(prefix.len() == 1
                            && gazetteer.brand(prefix_text).is_none()
                            && (is_descriptor_word(prefix_text)
                                || prefix_text.ends_with("ic")
                                || prefix_text.ends_with("al")))
                        && (prefix.clone()).all(|index| {
                            // "Bank of England", "Ministry of Defence": a
                            // joiner after a head word.
                            let joiner = index > prefix.start
                                && index + 1 < prefix.end
                                && is_name_joiner(word(index))
                                && (prefix.start..index)
                                    .any(|before| analysed.lists(before).is_organization_head());
                            joiner
                                || analysed.tokens[index].kind == TokenKind::Word
                                    && analysed.is_capitalised(index)
                                    && !analysed.lists(index).is_calendar_word()
                                    && !word(index).bytes().any(|byte| byte.is_ascii_digit())
                        }) =>
                    {
                        let brand = gazetteer
                            .brand(prefix_text)
                            .map(|brand| Cow::Borrowed(brand.canonical));
                        Some((EntityKind::Organization, brand))
                    }
                    None => None,
                };
                if let Some((kind, key)) = owner {
                    output.push(
                        candidate_of(analysed, prefix, sentence, phrase_start, in_headline)
                            .with_kind(kind, key),
                    );
                }
            }
            let mut person = candidate_of(
                analysed,
                head + 1..core.end,
                sentence,
                phrase_start,
                in_headline,
            )
            .with_kind(EntityKind::Person, None);
            person.title_tokens = Some(title_start..head + 1);
            person.person_evidence = true;
            output.push(person);
            return;
        }
    }
    let first = word(core.start);
    let first_lists = analysed.lists(core.start);
    // Whether the first word is a given name, which most checks below ask.
    let first_given = gazetteer.is_given_name(first);
    let name_like = (core.start..core.end).all(|index| {
        let text = word(index);
        analysed.tokens[index].kind == TokenKind::Word
            && !analysed.is_function_word(index)
            && !analysed.lists(index).is_calendar_word()
            && !text.chars().any(|c| c.is_ascii_digit())
    });
    // "software company Lumio", "Lumio spokesman Tom Hart", "Lumio
    // co-founder Ana Ruiz": a company noun before, or a role after, makes
    // an unexplained name an organization.
    // ("the band The Silver Lanterns": past a capital "The").
    let organization_noun_before =
        run.start > sentence_start && lexicon::is_organization_noun(word(run.start - 1));
    // "English captain", "Flemish group": a single adjective of a people.
    let people_adjective = core.len() == 1 && (first.ends_with("ish") || first.ends_with("ese"));
    let role_after = !people_adjective
        && core.end < analysed.tokens.len()
        && analysed.tokens[core.end].kind == TokenKind::Word
        && !analysed.is_capitalised(core.end)
        && role_noun(core.end)
        && !lexicon::is_adjectival_title(word(core.end))
        && !first_given
        && gazetteer.country_of_demonym(first).is_none()
        && !(core.len() == 1 && first_lists.is_non_person_word());
    // "messaging on Truth Social", "in a post on Mastodon": a name after a
    // speech verb or a message noun and "on" is the medium, a platform.
    let medium_before = phrase_start >= sentence_start + 2
        && word(phrase_start - 1) == "on"
        && (analysed.lists(phrase_start - 2).speech_cue().is_some()
            || lexicon::is_message_noun(word(phrase_start - 2)));
    // "Tom Evers of Glass Harbour", "Lena Park of the Tide": a name
    // after a person's name and "of" is where the person belongs.
    let mut before_of = phrase_start;
    if before_of > sentence_start && word(before_of - 1) == "the" {
        before_of -= 1;
    }
    let of_after_name = core.start == phrase_start
        && before_of >= sentence_start + 2
        && word(before_of - 1) == "of"
        && analysed.tokens[before_of - 2].kind == TokenKind::Word
        && analysed.is_capitalised(before_of - 2)
        && !analysed.lists(before_of - 2).is_title_word()
        && !analysed.is_function_word(before_of - 2)
        && !analysed.lists(before_of - 2).is_organization_head()
        && !analysed.lists(before_of - 2).is_place_head()
        && !analysed.lists(before_of - 2).is_non_person_word()
        && (gazetteer.is_surname(word(before_of - 2))
            || (before_of >= sentence_start + 3
                && gazetteer.is_given_name(word(before_of - 3))))
        // Not a modifier of a noun after it ("Man of the Match award").
        && !analysed.tokens.get(core.end).is_some_and(|token| {
            token.kind == TokenKind::Word
                && !analysed.is_capitalised(core.end)
                && !analysed.is_function_word(core.end)
        });
    // "the town of Yeoncheon", "the province of Liege": a place noun and
    // "of" before the name.
    let place_noun_of = core.start == phrase_start
        && phrase_start >= sentence_start + 2
        && word(phrase_start - 1) == "of"
        && matches!(
            word(phrase_start - 2),
            "town"
                | "city"
                | "village"
                | "region"
                | "province"
                | "state"
                | "district"
                | "county"
                | "municipality"
                | "island"
                | "port"
                | "suburb"
                | "capital"
        );
    if name_like && !in_headline && place_noun_of {
        output.push(candidate.with_kind(EntityKind::Place, None));
        return;
    }
    // "Yonhap news agency", "Lumio company": a company noun right after.
    let lowercase_word_at = |index: usize| {
        analysed
            .tokens
            .get(index)
            .is_some_and(|token| token.kind == TokenKind::Word && !analysed.is_capitalised(index))
    };
    let organization_noun_after = !people_adjective
        && core.start > sentence_start
        && lowercase_word_at(core.end)
        && (lexicon::is_organization_noun(word(core.end))
            || (word(core.end) == "news"
                && lowercase_word_at(core.end + 1)
                && lexicon::is_organization_noun(word(core.end + 1))));
    // "analysts at Morgan Stanley", "an economist at Lumio": a name after
    // a role noun and "at" is the employer, whatever personal names it
    // holds.
    let employer_after_role = core.start == phrase_start
        && phrase_start >= sentence_start + 2
        && word(phrase_start - 1) == "at"
        && analysed.tokens[phrase_start - 2].kind == TokenKind::Word
        && (!analysed.is_capitalised(phrase_start - 2) || phrase_start - 2 == sentence_start)
        && !lexicon::is_adjectival_title(word(phrase_start - 2))
        && (role_noun(phrase_start - 2)
            || analysed.lists(phrase_start - 2).is_anonymous_speaker_noun());
    if name_like
        && !in_headline
        && (organization_noun_before
            || role_after
            || medium_before
            || organization_noun_after
            || of_after_name
            || employer_after_role)
    {
        output.push(candidate.with_kind(EntityKind::Organization, None));
        return;
    }
    // "the Kremlin said", "the Taliban's leaders": one capitalised word
    // that nothing else explains, after "the" and before a speech verb or a
    // possessive, names an institution or a group speaking or owning; news
    // writes no article before a person's name.
    let article_before =
        core.start > sentence_start && matches!(word(core.start - 1), "the" | "The");
    // A past-tense verb after it ("the Kremlin provided") makes it the
    // subject of a clause too.
    // The agent of a passive ("controlled by the Taliban") too.
    let agent = core.start >= sentence_start + 2
        && word(core.start - 2) == "by"
        && analysed
            .tokens
            .get(core.end)
            .is_none_or(|token| token.kind != TokenKind::Word);
    let speaks_or_owns = agent
        || analysed.tokens.get(core.end).is_some_and(|token| {
            let next = word(core.end);
            token.kind == TokenKind::Possessive
                || analysed.lists(core.end).speech_cue().is_some()
                || (token.kind == TokenKind::Word
                    && next.len() > 4
                    && next.ends_with("ed")
                    && next.chars().all(|c| c.is_ascii_lowercase()))
        });
    if name_like
        && core.len() == 1
        && !in_headline
        && article_before
        && speaks_or_owns
        && !first_lists.is_organization_head()
        && !first_lists.is_place_head()
        && !first_given
        && !first_lists.is_non_person_word()
        && !first_lists.is_title_word()
        && gazetteer.country_of_demonym(first).is_none()
    {
        output.push(candidate.with_kind(EntityKind::Organization, None));
        return;
    }
    // One word known as a personal name, followed by a speech verb
    // ("Becker told reporters").
    let speech_after_core =
        core.end < analysed.tokens.len() && analysed.lists(core.end).speech_cue().is_some();
    // A given name that owns something ("Gloria's eczema") is a person's.
    let given_name_owns = first_given
        && analysed
            .tokens
            .get(core.end)
            .is_some_and(|token| token.kind == TokenKind::Possessive);
    if name_like
        && core.len() == 1
        && !in_headline
        && (speech_after_core || given_name_owns)
        && (gazetteer.is_surname(first) || first_given)
        && !first_lists.is_organization_head()
        && !gazetteer.is_place(first)
    {
        output.push(candidate.with_kind(EntityKind::Person, None));
        return;
    }
    // "Republican Ann Hale", "Methodist Joe Barr": a descriptor
    // before a given name is not part of the name.
    if name_like
        && (3..=4).contains(&core.len())
        && !in_headline
        && !first_given
        && !gazetteer.is_surname(first)
        && is_descriptor_word(first)
        && (gazetteer.is_given_name(word(core.start + 1))
            || (core.start + 1..core.end).any(|index| is_hyphenated_given_name(word(index))))
    {
        let mut person = candidate_of(
            analysed,
            core.start + 1..core.end,
            sentence,
            phrase_start,
            in_headline,
        )
        .with_kind(EntityKind::Person, None);
        person.person_evidence = true;
        output.push(person);
        return;
    }
    if name_like && (2..=4).contains(&core.len()) && !in_headline {
        let given = first_given;
        let speech_follows = analysed
            .tokens
            .get(core.end)
            .is_some_and(|_| analysed.lists(core.end).speech_cue().is_some());
        // A run of two or three capitalised words that no gazetteer, head
        // word or title explains is most often a person's name in news.
        let gazetteer_word = (core.start..core.end).any(|index| {
            let text = word(index);
            // (Asked only of a place or a brand.)
            let personal = || gazetteer.is_given_name(text) || gazetteer.is_surname(text);
            let name_kind = gazetteer.name_kind(text);
            analysed.lists(index).is_non_person_word()
                || (name_kind == Some(NameKind::Place) && !personal())
                || name_kind == Some(NameKind::Organization)
                || (gazetteer.brand(text).is_some() && !personal())
                || gazetteer.country_of_demonym(text).is_some()
                || is_acronym(text)
        });
        // Some word must look like a personal name: a census given name or
        // surname, or a hyphenated given name ("Mei-ling", "Jae-won").
        let person_word = (core.start..core.end).any(|index| {
            let text = word(index);
            (if index == core.start {
                first_given
            } else {
                gazetteer.is_given_name(text)
            }) || gazetteer.is_surname(text)
                || is_hyphenated_given_name(text)
        });
        // "Port Elmsworth", "Mount Kenya", "in Elmsworth Falls": a place
        // word in front, or "in"/"near" before a name that starts with no
        // given name.
        let place_prefix = lexicon::is_place_prefix(first);
        let after_place_preposition = phrase_start > sentence_start
            && matches!(word(phrase_start - 1), "in" | "near")
            && !given
            && !(core.start..core.end).any(|index| {
                analysed.lists(index).is_non_person_word()
                    || analysed.lists(index).is_organization_head()
            });
        if place_prefix || (after_place_preposition && !speech_follows) {
            output.push(candidate.with_kind(EntityKind::Place, None));
            return;
        }
        // A last word in "-s" is a plural ("Green Workers") unless it is a
        // known surname ("Evans").
        let last = word(core.end - 1);
        let plural_last =
            last.ends_with('s') && !last.ends_with("ss") && !gazetteer.is_surname(last);
        // "Environment Canada", "Statistics Canada", "Team England": a
        // common word before a country names one of its bodies or teams,
        // even when the country is also a surname.
        let national_body = gazetteer.country(last).is_some()
            && (core.start..core.end - 1).all(|index| {
                let text = word(index);
                !gazetteer.is_given_name(text)
                    && !gazetteer.is_surname(text)
                    && !is_hyphenated_given_name(text)
                    && gazetteer.name_kind(text).is_none()
                    && gazetteer.country_of_demonym(text).is_none()
                    && !analysed.lists(index).is_title_head()
            });
        if national_body {
            output.push(candidate.with_kind(EntityKind::Organization, None));
            return;
        }
        let plain_name = core.len() <= 3 && !gazetteer_word && person_word && !plural_last;
        // "Tariq Osei doubled the lead": two or three capitalised words
        // that nothing explains, as the subject of a verb in the past tense.
        let title_case = (core.start..core.end).all(|index| {
            let text = word(index);
            text.chars().skip(1).any(|c| c.is_lowercase()) && !analysed.lists(index).is_title_word()
        });
        let acting = core.len() <= 3
            && !gazetteer_word
            && title_case
            && !plural_last
            && analysed.tokens.get(core.end).is_some_and(|token| {
                token.kind == TokenKind::Word && lexicon::is_past_tense_verb(word(core.end))
            });
        // "the team's coach, Ana Reyes,", "Co-founder of Lumio, Sergey
        // Brin,": a name set off by commas after a phrase with a role noun.
        let comma_before = phrase_start > sentence_start && word(phrase_start - 1) == ",";
        let closes = analysed
            .tokens
            .get(core.end)
            .is_none_or(|_| matches!(word(core.end), "," | "." | ";"));
        let role_in_phrase_before = comma_before
            && (phrase_start.saturating_sub(12).max(sentence_start)..phrase_start - 1).any(
                |index| {
                    analysed.tokens[index].kind == TokenKind::Word
                        && analysed.lists(index).is_title_head()
                        && !lexicon::is_adjectival_title(word(index))
                },
            );
        let apposition_to_role =
            core.len() <= 3 && !gazetteer_word && title_case && closes && role_in_phrase_before;
        // "Petra Lind, spokeswoman for ...", "Ann Moe, a curator at ...": a
        // role noun set off by a comma after the name.
        let role_apposition_after = core.len() <= 3
            && !gazetteer_word
            && title_case
            && analysed
                .tokens
                .get(core.end)
                .is_some_and(|_| word(core.end) == ",")
            && {
                let mut next = core.end + 1;
                if analysed
                    .tokens
                    .get(next)
                    .is_some_and(|_| matches!(word(next), "a" | "an" | "the"))
                {
                    next += 1;
                }
                analysed.tokens.get(next).is_some_and(|token| {
                    token.kind == TokenKind::Word
                        && !analysed.is_capitalised(next)
                        && analysed.lists(next).is_title_head()
                })
            };
        // "Jonas Berglund replaced Mateo Ruiz.": the object of a past-tense
        // verb, ending the clause.
        let acted_on = core.len() <= 3
            && !gazetteer_word
            && title_case
            && !plural_last
            && closes
            && phrase_start > sentence_start
            && core.start == phrase_start
            && analysed.tokens[phrase_start - 1].kind == TokenKind::Word
            && lexicon::is_past_tense_verb(word(phrase_start - 1));
        if given
            || speech_follows
            || plain_name
            || acting
            || acted_on
            || apposition_to_role
            || role_apposition_after
        {
            candidate.person_evidence = true;
            output.push(candidate.with_kind(EntityKind::Person, None));
            return;
        }
    }
    // Unknown: decided when linking (a surname of a known person, a name
    // seen elsewhere), or split into gazetteer names it contains.
    output.push(candidate);
}

/// Whether token `index` may be a word of a person's name that no list
/// vouches for: a capitalised word that is no function word, title, head
/// word of an organization or place, word no person is named by, or place.
fn plain_name_word(analysed: &Analysed, index: usize) -> bool {
    let lists = analysed.lists(index);
    analysed.tokens[index].kind == TokenKind::Word
        && analysed.is_capitalised(index)
        && !analysed.is_function_word(index)
        && !lists.is_title_word()
        && !lists.is_organization_head()
        && !lists.is_place_head()
        && !lists.is_non_person_word()
        && !gazetteer().is_place(analysed.token_text(index))
}

impl Candidate<'_> {
    fn with_kind(mut self, kind: EntityKind, key: Option<Cow<'static, str>>) -> Self {
        self.kind = Some(kind);
        self.key = key;
        self
    }
}

fn candidate_of<'text>(
    analysed: &Analysed<'text>,
    tokens: std::ops::Range<usize>,
    sentence: usize,
    phrase_start: usize,
    in_headline: bool,
) -> Candidate<'text> {
    let span = Span::new(
        analysed.tokens[tokens.start].span.start,
        analysed.tokens[tokens.end - 1].span.end,
    );
    Candidate {
        name: Cow::Borrowed(analysed.slice(span)),
        tokens,
        sentence,
        kind: None,
        key: None,
        phrase_start,
        title_tokens: None,
        title_country: None,
        title_country_tokens: None,
        in_headline,
        person_evidence: false,
    }
}

/// "the Kherson region", "Kursk Oblast": a place followed by a region word
/// becomes the region; "Zaporizhzhia nuclear power plant" a facility. (The
/// last of `candidates` is the one looked at.)
fn extend_region<'text>(analysed: &Analysed<'text>, candidates: &mut [Candidate<'text>]) {
    let gazetteer = gazetteer();
    if let Some(candidate) = candidates.last_mut() {
        let next = candidate.tokens.end;
        if next < analysed.tokens.len() && analysed.tokens[next].kind == TokenKind::Word {
            let word = analysed.token_text(next);
            if region_word(word) {
                let base = candidate.name.clone();
                candidate.tokens.end = next + 1;
                candidate.name = Cow::Owned(format!("{base} {word}"));
                candidate.kind = Some(EntityKind::Place);
                let region_key = [
                    "Oblast",
                    "Region",
                    "Province",
                    "Krai",
                    "County",
                    "Governorate",
                    "Prefecture",
                ]
                .iter()
                .find_map(|suffix| {
                    let name = format!("{base} {suffix}");
                    gazetteer
                        .place(&name)
                        .filter(|place| place.kind == PlaceKind::Region)
                        .map(|place| Cow::Borrowed(place.canonical))
                })
                .or_else(|| {
                    gazetteer
                        .place(&base)
                        .filter(|place| place.kind == PlaceKind::Region)
                        .map(|place| Cow::Borrowed(place.canonical))
                });
                candidate.key =
                    Some(region_key.unwrap_or_else(|| Cow::Owned(format!("{base} region"))));
            } else if matches!(word, "nuclear" | "power") {
                let mut end = next;
                while end < analysed.tokens.len()
                    && matches!(
                        analysed.token_text(end),
                        "nuclear" | "power" | "plant" | "station"
                    )
                {
                    end += 1;
                }
                if analysed.token_text(end - 1) == "plant"
                    || analysed.token_text(end - 1) == "station"
                {
                    candidate.tokens.end = end;
                    let span = Span::new(
                        analysed.tokens[candidate.tokens.start].span.start,
                        analysed.tokens[end - 1].span.end,
                    );
                    candidate.name = Cow::Borrowed(analysed.slice(span));
                    candidate.kind = Some(EntityKind::Place);
                    candidate.key = None;
                }
            }
        }
    }
}

/// Decides unknown candidates and links mentions into entities.
fn link<'text>(
    analysed: &Analysed<'text>,
    mut candidates: Vec<Candidate<'text>>,
) -> DocumentEntities {
    let gazetteer = gazetteer();
    // Words the document itself uses as a person's surname: before a speech
    // verb ("Ladki said") or after an honorific ("Mr Ladki"). A name of two
    // or three unexplained words ending in one is a person's, even when no
    // list of names knows it.
    let mut keys = NameKeys::new(analysed.tokens.len());
    // (Gathered from the whole text only once a candidate asks.)
    let mut signalled: Option<FxHashSet<String>> = None;
    for candidate in candidates.iter_mut() {
        let unexplained = candidate.kind.is_none() && !candidate.in_headline;
        if unexplained && (2..=3).contains(&candidate.tokens.len()) {
            let name_like = candidate.tokens.clone().all(|index| {
                let word = analysed.token_text(index);
                analysed.tokens[index].kind == TokenKind::Word
                    && analysed.is_capitalised(index)
                    && !analysed.lists(index).is_non_person_word()
                    && !word.bytes().any(|byte| byte.is_ascii_digit())
            });
            if !name_like {
                continue;
            }
            if meets_or_is_met(analysed, &candidate.tokens)
                && !candidate
                    .tokens
                    .clone()
                    .any(|index| analysed.lists(index).is_organization_head())
            {
                candidate.kind = Some(EntityKind::Person);
                continue;
            }
            let signalled =
                signalled.get_or_insert_with(|| person_signalled_words(analysed, &mut keys));
            let surname = candidate.tokens.end - 1;
            if signalled.contains(keys.token_skeleton(analysed, surname)) {
                candidate.kind = Some(EntityKind::Person);
            }
        }
    }
    // Full names of people seen in the body, by the skeleton of their last
    // word, so that "Lavrov" joins "Sergei Lavrov".
    // (Sized for every candidate at once: grown from empty, the maps were
    // rebuilt several times for each article.)
    let mut surname_owners: FxHashMap<String, Vec<String>> =
        FxHashMap::with_capacity_and_hasher(candidates.len(), Default::default());
    // The same by their first word, so that "Wang" joins "Wang Yi" and
    // "Kim" "Kim Jong Un" when no one in the article has it as surname.
    let mut first_word_owners: FxHashMap<String, Vec<String>> = FxHashMap::default();
    let mut known_names: FxHashMap<String, (EntityKind, Option<Cow<'static, str>>)> =
        FxHashMap::with_capacity_and_hasher(candidates.len(), Default::default());
    // Full-name keys are made in this buffer, and only copied when a map
    // keeps them.
    let mut full = String::new();
    for candidate in &candidates {
        let Some(kind) = candidate.kind else { continue };
        if candidate.in_headline && candidate.key.is_none() {
            continue;
        }
        let folded = keys.folded(analysed, candidate);
        if !known_names.contains_key(folded) {
            known_names.insert(folded.to_string(), (kind, candidate.key.clone()));
        }
        if kind == EntityKind::Person
            && candidate.tokens.len() >= 2
            && !opens_with_particle(analysed, &candidate.tokens)
        {
            full.clear();
            keys.push_full_name_key(analysed, &candidate.tokens, &mut full);
            let surname = keys.token_skeleton(analysed, candidate.tokens.end - 1);
            add_owner(&mut surname_owners, surname, &full);
            let first_word = keys.token_skeleton(analysed, candidate.tokens.start);
            add_owner(&mut first_word_owners, first_word, &full);
        }
    }

    // "Karen Voss" and "Karin Voss" in one article: a given name
    // one letter away from another with the same surname is a misspelling
    // of it.
    let mut variant_of: FxHashMap<String, String> = FxHashMap::default();
    for owners in surname_owners.values_mut() {
        let mut kept: Vec<String> = Vec::new();
        for owner in owners.drain(..) {
            match kept.iter().find(|other| one_letter_apart(other, &owner)) {
                Some(first) => {
                    variant_of.insert(owner, first.clone());
                }
                None => kept.push(owner),
            }
        }
        *owners = kept;
    }
    // Only a first word that no one has as surname, of one person.
    first_word_owners.retain(|first_word, owners| {
        for owner in owners.iter_mut() {
            if let Some(first) = variant_of.get(owner) {
                owner.clone_from(first);
            }
        }
        owners.sort_unstable();
        owners.dedup();
        owners.len() == 1 && !surname_owners.contains_key(first_word)
    });

    // Places that qualify another place: "Springfield, Illinois". Only a
    // place right after a comma is asked about, so only those are kept.
    let qualifying_place_at: FxHashMap<usize, bool> = candidates
        .iter()
        .filter(|candidate| {
            candidate.kind == Some(EntityKind::Place)
                && candidate.tokens.start >= 1
                && analysed.token_text(candidate.tokens.start - 1) == ","
        })
        .map(|candidate| {
            let broad = candidate
                .key
                .as_deref()
                .and_then(|key| gazetteer.place_kind(key))
                .is_some_and(|kind| matches!(kind, PlaceKind::Region | PlaceKind::Country));
            (candidate.tokens.start, broad)
        })
        .collect();

    // About one decided candidate per candidate (a few are split in parts
    // or dropped).
    let mut decided: Vec<Candidate<'text>> = Vec::with_capacity(candidates.len());
    for mut candidate in candidates {
        let end = candidate.tokens.end;
        // (Not an event or an organization: "the World Cup, Sweden ...";
        // asked only of an unknown name before a comma.)
        let event_or_organization = |tokens: std::ops::Range<usize>| {
            tokens.into_iter().any(|index| {
                let lists = analysed.lists(index);
                lists.is_non_person_word() || lists.is_organization_head()
            })
        };
        if candidate.kind.is_none()
            && !candidate.in_headline
            && end + 1 < analysed.tokens.len()
            && analysed.token_text(end) == ","
            && !event_or_organization(candidate.tokens.clone())
            && qualifying_place_at
                .get(&(end + 1))
                .copied()
                .unwrap_or(false)
        {
            candidate.kind = Some(EntityKind::Place);
        }
        if candidate.kind.is_none() {
            if let Some((kind, key)) = known_names.get(keys.folded(analysed, &candidate)) {
                candidate.kind = Some(*kind);
                candidate.key = key.clone();
            } else if candidate.tokens.len() == 1 {
                let word = keys.token_skeleton(analysed, single_word_token(analysed, &candidate));
                if surname_owners
                    .get(word)
                    .or_else(|| first_word_owners.get(word))
                    .is_some_and(|owners| owners.len() == 1)
                {
                    candidate.kind = Some(EntityKind::Person);
                } else if let Some(country) = gazetteer.country(&candidate.name) {
                    candidate.kind = Some(EntityKind::Place);
                    candidate.key = Some(Cow::Borrowed(country));
                }
            } else {
                // A name in another script or spelling of a known person
                // ("Володимир Зеленський" beside "Volodymyr Zelenskyy").
                let surname = candidate.tokens.end - 1;
                if surname_owners
                    .get(keys.token_skeleton(analysed, surname))
                    .is_some_and(|owners| owners.len() == 1)
                {
                    candidate.kind = Some(EntityKind::Person);
                }
            }
        }
        // "Apple said", "fined Apple": a brand whose name is also a
        // personal name, alone, is the company when no one in the article
        // bears the name and no title or honorific makes it a person's.
        if candidate.tokens.len() == 1
            && !candidate.in_headline
            && candidate.key.is_none()
            && matches!(candidate.kind, None | Some(EntityKind::Person))
        {
            let index = candidate.tokens.start;
            // (Not a letter or two: "C", "X", "HP" may be anything.)
            let brand = gazetteer
                .brand(&candidate.name)
                .filter(|brand| brand.ambiguity == BrandAmbiguity::Name)
                .filter(|_| candidate.name.chars().count() > 2);
            if let Some(brand) = brand {
                let word = keys.token_skeleton(analysed, index);
                let borne =
                    surname_owners.contains_key(word) || first_word_owners.contains_key(word);
                let titled = index >= 1
                    && analysed.is_capitalised(index - 1)
                    && analysed.lists(index - 1).is_title_word();
                if !borne
                    && !titled
                    && !after_honorific(analysed, index)
                    && !gazetteer.is_given_name(&candidate.name)
                {
                    candidate.kind = Some(EntityKind::Organization);
                    candidate.key = Some(Cow::Borrowed(brand.canonical));
                }
            }
        }
        if candidate.kind.is_none()
            && !candidate.in_headline
            && in_organization_context(analysed, &candidate.tokens)
        {
            candidate.kind = Some(EntityKind::Organization);
        }
        if candidate.kind.is_none() {
            // Names the gazetteers know inside an unknown run
            // ("Budapest Memorandum" still names Budapest).
            decided.extend(gazetteer_parts(analysed, &candidate));
            continue;
        }
        if candidate.in_headline && candidate.key.is_none() {
            // A headline keeps the names the article's body knows, whole
            // ("Donald Trump") or as single words ("Trump Rejects Putin"
            // names Trump and Putin), and the names the gazetteers know.
            let known = known_names.contains_key(keys.folded(analysed, &candidate));
            let single_surname = candidate.tokens.len() == 1
                && surname_owners.contains_key(
                    keys.token_skeleton(analysed, single_word_token(analysed, &candidate)),
                );
            if !(known || single_surname) {
                let mut parts = gazetteer_parts(analysed, &candidate);
                for index in candidate.tokens.clone() {
                    let covered = parts.iter().any(|part| part.tokens.contains(&index));
                    let known_person = surname_owners
                        .get(keys.token_skeleton(analysed, index))
                        .is_some_and(|owners| owners.len() == 1);
                    if !covered && known_person {
                        let mut part = candidate_of(
                            analysed,
                            index..index + 1,
                            candidate.sentence,
                            index,
                            true,
                        );
                        part.kind = Some(EntityKind::Person);
                        parts.push(part);
                    }
                }
                decided.extend(parts);
                continue;
            }
        }
        // "Valeska Paris ... Paris said", "Kim Jong Un ... Kim said": a
        // one-word place or organization that is the surname or the first
        // word of a person in this article, used as a person here (before
        // a speech verb, after an honorific).
        if candidate.tokens.len() == 1
            && matches!(
                candidate.kind,
                Some(EntityKind::Place) | Some(EntityKind::Organization)
            )
            && {
                let word = keys.token_skeleton(analysed, single_word_token(analysed, &candidate));
                surname_owners
                    .get(word)
                    .or_else(|| first_word_owners.get(word))
                    .is_some_and(|owners| owners.len() == 1)
            }
            && used_as_person(analysed, candidate.tokens.start)
        {
            candidate.kind = Some(EntityKind::Person);
            candidate.key = None;
        }
        decided.push(candidate);
    }
    decided.sort_by_key(|candidate| (candidate.tokens.start, candidate.tokens.end));
    decided.dedup_by_key(|candidate| candidate.tokens.start);
    name_acronyms_in_parentheses(analysed, &mut decided);
    one_kind_per_name(analysed, &mut decided, &known_names, &mut keys);

    let owners = Owners {
        by_surname: &surname_owners,
        by_first_word: &first_word_owners,
        variant_of: &variant_of,
    };
    group(analysed, decided, &owners, &mut keys)
}

/// One name, one kind in an article: a name of several words that no
/// gazetteer knows, read by its contexts as different kinds ("Civic
/// Passion's leader", "Cheng of Civic Passion", "his leadership in Civic
/// Passion"), takes the kind most of its mentions were read as, or a
/// person's when one was read as a person's by a title or a given name
/// ("Mayor Bettie Church ... the Bettie Church statement"). A tie leaves
/// each mention as it was read.
fn one_kind_per_name<'text>(
    analysed: &Analysed<'text>,
    decided: &mut [Candidate<'text>],
    known_names: &FxHashMap<String, (EntityKind, Option<Cow<'static, str>>)>,
    keys: &mut NameKeys<'text>,
) {
    let counted = |candidate: &Candidate<'_>| {
        candidate.key.is_none() && candidate.tokens.len() >= 2 && !candidate.in_headline
    };
    // Most articles read each name as one kind: a name read as two kinds
    // has a mention read otherwise than the kind first seen for it
    // (`known_names`). Only then are the mentions counted.
    let mut mixed = false;
    for candidate in decided.iter().filter(|candidate| counted(candidate)) {
        let Some(kind) = candidate.kind else { continue };
        mixed |= known_names
            .get(keys.folded(analysed, candidate))
            .is_none_or(|&(first_kind, _)| first_kind != kind);
        if mixed {
            break;
        }
    }
    if !mixed {
        return;
    }
    let slot = |kind: EntityKind| match kind {
        EntityKind::Person => 0,
        EntityKind::Place => 1,
        EntityKind::Organization => 2,
    };
    // Per name: mentions read as each kind; a person's title or given
    // name counts as every mention there is.
    let mut votes: FxHashMap<String, [usize; 3]> = FxHashMap::default();
    for candidate in decided.iter().filter(|candidate| counted(candidate)) {
        let Some(kind) = candidate.kind else { continue };
        let vouched = candidate.title_tokens.is_some()
            || gazetteer().is_given_name(analysed.token_text(candidate.tokens.start));
        let weight = if kind == EntityKind::Person && vouched {
            decided.len()
        } else {
            1
        };
        let folded = keys.folded(analysed, candidate);
        match votes.get_mut(folded) {
            Some(counts) => counts[slot(kind)] += weight,
            None => {
                let mut counts = [0; 3];
                counts[slot(kind)] = weight;
                votes.insert(folded.to_string(), counts);
            }
        }
    }
    if votes
        .values()
        .all(|counts| counts.iter().filter(|&&count| count > 0).count() < 2)
    {
        return;
    }
    for candidate in decided.iter_mut().filter(|candidate| counted(candidate)) {
        let Some(kind) = candidate.kind else { continue };
        let Some(counts) = votes.get(keys.folded(analysed, candidate)) else {
            continue;
        };
        let own = counts[slot(kind)];
        let winner = [
            EntityKind::Person,
            EntityKind::Place,
            EntityKind::Organization,
        ]
        .into_iter()
        .find(|&other| {
            other != kind
                && counts[slot(other)] > own
                && 2 * counts[slot(other)] > counts.iter().sum::<usize>()
        });
        if let Some(winner) = winner {
            candidate.kind = Some(winner);
        }
    }
}

/// The folded names ([`push_folded_name`]) and word skeletons
/// ([`push_name_skeleton`]) of a document's names, each made once: a name
/// recurs throughout an article.
struct NameKeys<'text> {
    skeletons: Derived<'text>,
    /// Per token: the byte range in `skeletons.made` of its word's
    /// skeleton, once asked for, so that a token asked about again is not
    /// hashed again.
    skeleton_of_token: Vec<Option<(usize, usize)>>,
    folds: Derived<'text>,
    /// The folded name of a candidate whose name is not its text.
    folded_other: String,
}

impl<'text> NameKeys<'text> {
    /// Keys for a document of `token_count` tokens.
    fn new(token_count: usize) -> Self {
        NameKeys {
            skeletons: Derived::for_tokens(token_count),
            skeleton_of_token: vec![None; token_count],
            folds: Derived::for_tokens(token_count),
            folded_other: String::new(),
        }
    }

    /// The skeleton of the word of token `index`.
    fn token_skeleton(&mut self, analysed: &Analysed<'text>, index: usize) -> &str {
        let range = self.token_skeleton_range(analysed, index);
        &self.skeletons.made[range]
    }

    /// The byte range in `self.skeletons.made` of the skeleton of the word
    /// of token `index`.
    fn token_skeleton_range(
        &mut self,
        analysed: &Analysed<'text>,
        index: usize,
    ) -> std::ops::Range<usize> {
        if let Some((start, end)) = self.skeleton_of_token[index] {
            return start..end;
        }
        let range = self
            .skeletons
            .range(analysed.token_text(index), push_name_skeleton);
        self.skeleton_of_token[index] = Some((range.start, range.end));
        range
    }

    /// The folded name of a candidate.
    fn folded(&mut self, analysed: &Analysed<'text>, candidate: &Candidate<'_>) -> &str {
        let text = analysed.slice(Span::new(
            analysed.tokens[candidate.tokens.start].span.start,
            analysed.tokens[candidate.tokens.end - 1].span.end,
        ));
        // The name is its text but for a region's extended name and an
        // acronym named by its organization.
        // (A borrowed name is most often the very text: no bytes compared.)
        let text_itself = matches!(&candidate.name, Cow::Borrowed(name)
            if std::ptr::eq(name.as_ptr(), text.as_ptr()) && name.len() == text.len());
        if text_itself || candidate.name == text {
            return self.folds.of(text, push_folded_name);
        }
        self.folded_other.clear();
        push_folded_name(&candidate.name, &mut self.folded_other);
        &self.folded_other
    }

    /// Appends the key under which full names of one person meet within a
    /// document: skeletons of the first and last word of `tokens`.
    fn push_full_name_key(
        &mut self,
        analysed: &Analysed<'text>,
        tokens: &std::ops::Range<usize>,
        key: &mut String,
    ) {
        let first = self.token_skeleton_range(analysed, tokens.start);
        let last = self.token_skeleton_range(analysed, tokens.end - 1);
        key.push_str(&self.skeletons.made[first]);
        key.push(' ');
        key.push_str(&self.skeletons.made[last]);
    }
}

/// Strings derived from pieces of a document's text by one function,
/// made once per distinct piece and kept one after another in one string.
struct Derived<'text> {
    made: String,
    /// Per piece of text: the byte range of what was derived from it.
    by_source: FxHashMap<&'text str, (usize, usize)>,
}

impl<'text> Derived<'text> {
    /// For a document of `token_count` tokens: sized for a name in about
    /// every sixteenth token, which most news articles stay under, so that
    /// the map is seldom rebuilt as it grows.
    fn for_tokens(token_count: usize) -> Self {
        Derived {
            made: String::new(),
            by_source: FxHashMap::with_capacity_and_hasher(token_count / 16, Default::default()),
        }
    }

    /// The byte range in `self.made` of what `derive` appends for `source`.
    fn range(
        &mut self,
        source: &'text str,
        derive: fn(&str, &mut String),
    ) -> std::ops::Range<usize> {
        let (start, end) = *self.by_source.entry(source).or_insert_with(|| {
            let start = self.made.len();
            derive(source, &mut self.made);
            (start, self.made.len())
        });
        start..end
    }

    /// What `derive` appends for `source`.
    fn of(&mut self, source: &'text str, derive: fn(&str, &mut String)) -> &str {
        let range = self.range(source, derive);
        &self.made[range]
    }
}

/// The token of a one-word candidate, whose text is its name until
/// acronyms are named, after linking.
fn single_word_token(analysed: &Analysed<'_>, candidate: &Candidate<'_>) -> usize {
    let token = candidate.tokens.start;
    debug_assert!(candidate.tokens.len() == 1 && candidate.name == analysed.token_text(token));
    token
}

/// "Union of Lake Fishers and Boatmen (ULFB)": an acronym in
/// parentheses right after an organization's name, made of the initials of
/// its capitalised words (in any order, as acronyms of names translated into
/// English are), names the same organization.
fn name_acronyms_in_parentheses(analysed: &Analysed<'_>, decided: &mut [Candidate<'_>]) {
    for index in 1..decided.len() {
        let (before, after) = decided.split_at_mut(index);
        let organization = &before[index - 1];
        let acronym = &mut after[0];
        let open = organization.tokens.end;
        let adjacent = organization.kind == Some(EntityKind::Organization)
            && acronym.tokens.start == open + 1
            && acronym.tokens.len() == 1
            && analysed.token_text(open) == "("
            && analysed
                .tokens
                .get(acronym.tokens.end)
                .is_some_and(|_| analysed.token_text(acronym.tokens.end) == ")");
        if !adjacent || !is_acronym(&acronym.name) {
            continue;
        }
        let mut initials: Vec<char> = organization
            .name
            .split_whitespace()
            .filter_map(|word| word.chars().next())
            .filter(|c| c.is_uppercase())
            .collect();
        let mut letters: Vec<char> = acronym.name.chars().filter(|c| c.is_alphabetic()).collect();
        initials.sort_unstable();
        letters.sort_unstable();
        if initials == letters {
            acronym.kind = Some(EntityKind::Organization);
            acronym.name = organization.name.clone();
            acronym.key = organization.key.clone();
        }
    }
}

/// Whether the words around an unexplained name say it is an
/// organization's: a source after "according to" ("according to
/// Reuters"), where a role is held after a role noun and "for", "at" or
/// "of" ("a spokesperson for Amazon", "an analyst at Jefferies"), or a
/// company whose shares move ("Nvidia shares rose", "Nvidia's stock
/// fell"). Asked only of names no list and no other mention explains.
fn in_organization_context(analysed: &Analysed, tokens: &std::ops::Range<usize>) -> bool {
    let word = |index: usize| analysed.token_text(index);
    let name_like = tokens.clone().all(|index| {
        analysed.tokens[index].kind == TokenKind::Word
            && analysed.is_capitalised(index)
            && !analysed.is_function_word(index)
            && !word(index).bytes().any(|byte| byte.is_ascii_digit())
    });
    // The whole name, not a part of one cut at a word that joins names
    // ("the spokesman of Bosnia | and Herzegovina", "Conference | on
    // Interaction and ...", but "Amazon on Monday").
    let next = tokens.end;
    let name_goes_on_after_on = || {
        word(next) == "on"
            && analysed.tokens.get(next + 1).is_some_and(|token| {
                token.kind == TokenKind::Word
                    && analysed.is_capitalised(next + 1)
                    && !analysed.lists(next + 1).is_calendar_word()
            })
    };
    let whole = analysed.tokens.get(next).is_none_or(|token| {
        token.kind != TokenKind::Word
            || (!analysed.is_capitalised(next)
                && !is_name_joiner(word(next))
                && word(next) != "and"
                && !name_goes_on_after_on())
    });
    if !name_like || !whole || tokens.len() > 4 {
        return false;
    }
    let start = tokens.start;
    // (Asked last, only where a source or shares were found.)
    let single_unnamed = || tokens.len() == 1 && !gazetteer().is_given_name(word(start));
    let according_to =
        start >= 2 && word(start - 1) == "to" && word(start - 2).eq_ignore_ascii_case("according");
    let role_held = start >= 2
        && matches!(word(start - 1), "for" | "at" | "of")
        && analysed.tokens[start - 2].kind == TokenKind::Word
        && !analysed.is_capitalised(start - 2)
        && {
            // ("an analyst at", "an official at": one unnamed speaker too.)
            let lists = analysed.lists(start - 2);
            lists.is_title_head()
                || (lists.is_anonymous_speaker_noun() && !word(start - 2).ends_with('s'))
        }
        && !lexicon::is_adjectival_title(word(start - 2));
    let mut after = tokens.end;
    if after < analysed.tokens.len() && analysed.tokens[after].kind == TokenKind::Possessive {
        after += 1;
    }
    let shares_move =
        after + 1 < analysed.tokens.len() && matches!(word(after), "shares" | "stock") && {
            let verb = word(after + 1);
            lexicon::is_past_tense_verb(verb)
                || matches!(verb, "rose" | "fell" | "are" | "were" | "have" | "had")
        };
    ((according_to || shares_move) && single_unnamed()) || role_held
}

/// Whether the word at a token is used as a person's name there: followed by
/// a speech verb, or preceded by an honorific ("Mr X", "Dr. X").
fn used_as_person(analysed: &Analysed, index: usize) -> bool {
    let before_speech = analysed
        .tokens
        .get(index + 1)
        .is_some_and(|_| analysed.lists(index + 1).speech_cue().is_some());
    before_speech || after_honorific(analysed, index)
}

/// Whether the name of `tokens` is the one who meets or is met: "met
/// Margrethe Vestager", "spoke with Abel Tesfaye", "Abel Tesfaye met".
/// People meet; an unexplained name of two or three words there is a
/// person's.
fn meets_or_is_met(analysed: &Analysed, tokens: &std::ops::Range<usize>) -> bool {
    let word = |index: usize| analysed.token_text(index);
    let start = tokens.start;
    let met_before = start >= 1 && word(start - 1) == "met"
        || start >= 2
            && matches!(word(start - 1), "with" | "to")
            && matches!(
                word(start - 2),
                "met" | "meeting" | "meetings" | "spoke" | "speaking" | "talked" | "talks"
            );
    let meets_after =
        analysed.tokens.get(tokens.end).is_some() && matches!(word(tokens.end), "met" | "meets");
    met_before || meets_after
}

/// Whether an honorific comes right before the word at a token: "Mr X",
/// "Dr. X" (the full stop, seldom before a word, is looked for before the
/// honorific).
fn after_honorific(analysed: &Analysed, index: usize) -> bool {
    (index >= 1 && lexicon::is_honorific(analysed.token_text(index - 1)))
        || (index >= 2
            && analysed.token_text(index - 1) == "."
            && lexicon::is_honorific(analysed.token_text(index - 2)))
}

/// Skeletons of capitalised words used as a person's name: followed by a
/// speech verb, or preceded by an honorific.
fn person_signalled_words<'text>(
    analysed: &Analysed<'text>,
    keys: &mut NameKeys<'text>,
) -> FxHashSet<String> {
    let mut signalled = FxHashSet::default();
    for (index, token) in analysed.tokens.iter().enumerate() {
        if token.kind != TokenKind::Word {
            continue;
        }
        if !analysed.is_capitalised(index) || analysed.is_function_word(index) {
            continue;
        }
        if used_as_person(analysed, index) {
            let skeleton = keys.token_skeleton(analysed, index);
            if !signalled.contains(skeleton) {
                signalled.insert(skeleton.to_string());
            }
        }
    }
    signalled
}

/// The gazetteer names inside an unknown run, as candidates of their own
/// ("Budapest Memorandum" still names Budapest).
fn gazetteer_parts<'text>(
    analysed: &Analysed<'text>,
    candidate: &Candidate<'text>,
) -> Vec<Candidate<'text>> {
    let run = Span::new(
        analysed.tokens[candidate.tokens.start].span.start,
        analysed.tokens[candidate.tokens.end - 1].span.end,
    );
    // A run in capitals ("JAPAN", "NEW YORK") is looked up as a title
    // ("Japan", "New York"); for ASCII the byte offsets stay the same.
    let written = analysed.slice(run);
    let shouted = written.is_ascii()
        && written.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 4
        && !written.chars().any(|c| c.is_ascii_lowercase());
    let titled = if shouted {
        title_case_words(written)
    } else {
        written.to_string()
    };
    let mut parts = Vec::new();
    for found in gazetteer().find_all(&titled) {
        let span = Span::new(run.start + found.span.start, run.start + found.span.end);
        // Only whole tokens: a match must start and end where tokens do.
        let first = analysed
            .tokens
            .partition_point(|token| token.span.start < span.start);
        let last = analysed
            .tokens
            .partition_point(|token| token.span.end <= span.end);
        let aligned = first < last
            && analysed.tokens[first].span.start == span.start
            && analysed.tokens[last - 1].span.end == span.end;
        if !aligned {
            continue;
        }
        let (kind, key) = match found.entry {
            // Inside an unknown run, a small town or a place whose name is
            // also an ordinary word ("Deal", "Man") is more likely a word.
            Entry::Place(place)
                if (place.common_word && place.kind != PlaceKind::Country)
                    || (place.kind == PlaceKind::City && place.population < 50_000)
                    || (last - first == 1
                        && candidate.tokens.len() > 1
                        && place.kind == PlaceKind::City
                        && (gazetteer().is_given_name(analysed.token_text(first))
                            || gazetteer().is_surname(analysed.token_text(first)))) =>
            {
                continue;
            }
            Entry::Place(place) => (EntityKind::Place, place.canonical),
            Entry::Organization(organization) => (EntityKind::Organization, organization.canonical),
        };
        let mut part = candidate_of(
            analysed,
            first..last,
            candidate.sentence,
            first,
            candidate.in_headline,
        );
        part.kind = Some(kind);
        part.key = Some(Cow::Borrowed(key));
        parts.push(part);
    }
    parts
}

/// Whether two full-name keys differ in one letter of a given name of five
/// letters or more, with the same surname.
fn one_letter_apart(first: &str, second: &str) -> bool {
    let (Some((given_a, surname_a)), Some((given_b, surname_b))) =
        (first.split_once(' '), second.split_once(' '))
    else {
        return false;
    };
    surname_a == surname_b
        && given_a.len() == given_b.len()
        && given_a.len() >= 5
        && given_a
            .bytes()
            .zip(given_b.bytes())
            .filter(|(a, b)| a != b)
            .count()
            == 1
}

/// Groups decided candidates into entities.
/// Adds a person's full name to the owners of a word of it, once.
fn add_owner(owners_by_word: &mut FxHashMap<String, Vec<String>>, word: &str, full: &str) {
    match owners_by_word.get_mut(word) {
        Some(owners) => {
            if !owners.iter().any(|owner| owner == full) {
                owners.push(full.to_string());
            }
        }
        None => {
            owners_by_word.insert(word.to_string(), vec![full.to_string()]);
        }
    }
}

/// The full names of an article's people, by the words a lone mention of
/// one of them may be.
struct Owners<'a> {
    /// By the skeleton of their last word ("Lavrov").
    by_surname: &'a FxHashMap<String, Vec<String>>,
    /// By the skeleton of their first word, one owner each, none a
    /// surname ("Wang" of "Wang Yi").
    by_first_word: &'a FxHashMap<String, Vec<String>>,
    /// A misspelt full name to the full name it misspells.
    variant_of: &'a FxHashMap<String, String>,
}

fn group<'text>(
    analysed: &Analysed<'text>,
    mut candidates: Vec<Candidate<'text>>,
    owners: &Owners<'_>,
    keys: &mut NameKeys<'text>,
) -> DocumentEntities {
    let mut entities: Vec<DocEntity> = Vec::new();
    let mut index = EntityIndex::default();
    // Per candidate with a kind: its index in `candidates`, its entity and
    // whether a possessive follows it. (The candidates stay where they are:
    // each is about 150 bytes.)
    let mut mentions: Vec<(usize, usize, bool)> = Vec::with_capacity(candidates.len());

    // Full-name keys are made in this buffer, reused from one candidate to
    // the next.
    let mut full = String::new();
    // Per entity: the number of words in its name.
    let mut name_words: Vec<usize> = Vec::new();
    for (candidate_index, candidate) in candidates.iter().enumerate() {
        let Some(kind) = candidate.kind else { continue };
        let link_key: &str = match (&candidate.key, kind) {
            (Some(key), _) => key,
            (None, EntityKind::Person) => {
                // "Von der Leyen", "De Gaulle": a surname that opens with
                // a particle, of the one person who has it.
                let surname_with_particle = opens_with_particle(analysed, &candidate.tokens);
                let particle_owner = surname_with_particle
                    .then(|| {
                        let surname = keys.token_skeleton(analysed, candidate.tokens.end - 1);
                        owners
                            .by_surname
                            .get(surname)
                            .filter(|people| people.len() == 1)
                            .map(|people| people[0].as_str())
                    })
                    .flatten();
                if let Some(owner) = particle_owner {
                    owner
                } else if candidate.tokens.len() >= 2 {
                    full.clear();
                    keys.push_full_name_key(analysed, &candidate.tokens, &mut full);
                    owners.variant_of.get(&full).unwrap_or(&full)
                } else {
                    let word = keys.token_skeleton(analysed, candidate.tokens.end - 1);
                    match owners
                        .by_surname
                        .get(word)
                        .or_else(|| owners.by_first_word.get(word))
                    {
                        Some(people) if people.len() == 1 => &people[0],
                        _ => word,
                    }
                }
            }
            (None, _) => keys.folded(analysed, candidate),
        };
        let entity = index.entity_for(
            &mut entities,
            kind,
            link_key,
            &candidate.name,
            candidate.key.as_deref(),
        );
        let span = Span::new(
            analysed.tokens[candidate.tokens.start].span.start,
            analysed.tokens[candidate.tokens.end - 1].span.end,
        );
        let surface = analysed.slice(span);
        let record = &mut entities[entity];
        // The fullest name wins: more words, then the first seen.
        let words = word_count(&candidate.name);
        if entity == name_words.len() {
            // A new entity, named by this candidate.
            name_words.push(words);
        } else if words > name_words[entity] {
            record.name = candidate.name.to_string();
            name_words[entity] = words;
        }
        // The mention holds the alias's own string: most surfaces repeat.
        let surface = shared_in(&mut record.aliases, surface);
        record.mentions.push(Mention {
            span,
            surface,
            sentence: candidate.sentence,
        });
        let possessive = analysed
            .tokens
            .get(candidate.tokens.end)
            .is_some_and(|token| token.kind == TokenKind::Possessive);
        mentions.push((candidate_index, entity, possessive));
    }

    // A name's end token → its entity, to find owners written as
    // possessives ("China’s foreign ministry spokeswoman").
    let entity_ending_at: FxHashMap<usize, usize> = mentions
        .iter()
        .map(|&(candidate_index, entity, _)| (candidates[candidate_index].tokens.end, entity))
        .collect();

    // Title owners: the country before the title ("Russian" → Russia).
    let mut found = Vec::with_capacity(mentions.len());
    for (candidate_index, entity, possessive) in mentions {
        let candidate = &mut candidates[candidate_index];
        if candidate.kind == Some(EntityKind::Person) {
            scan_title_backwards(analysed, candidate);
        }
        let mut title_owner = None;
        if candidate.title_country.is_none() {
            let before = candidate
                .title_tokens
                .as_ref()
                .map(|tokens| tokens.start)
                .unwrap_or(candidate.tokens.start);
            if candidate.title_tokens.is_some() && before >= 1 {
                let sentence_start = analysed.sentences[candidate.sentence].tokens.start;
                if before - 1 > sentence_start
                    && analysed.tokens[before - 1].kind == TokenKind::Possessive
                {
                    title_owner = entity_ending_at.get(&(before - 1)).copied();
                } else if before > sentence_start {
                    // "Lumio spokesman Tom Hart", "Texas Governor Greg
                    // Abbott": an organization or a place right before the
                    // title owns it.
                    title_owner = entity_ending_at
                        .get(&before)
                        .copied()
                        .filter(|&owner| entities[owner].kind != EntityKind::Person);
                }
            }
        }
        if let Some(country) = &candidate.title_country {
            title_owner = Some(index.entity_for(
                &mut entities,
                EntityKind::Place,
                country,
                country,
                Some(country),
            ));
        }
        let span = Span::new(
            analysed.tokens[candidate.tokens.start].span.start,
            analysed.tokens[candidate.tokens.end - 1].span.end,
        );
        let title = candidate.title_tokens.as_ref().map(|tokens| {
            title_case(analysed.slice(Span::new(
                analysed.tokens[tokens.start].span.start,
                analysed.tokens[tokens.end - 1].span.end,
            )))
        });
        found.push(EntityMention {
            span,
            tokens: candidate.tokens.clone(),
            sentence: candidate.sentence,
            kind: candidate.kind.unwrap_or(EntityKind::Person),
            entity,
            title,
            title_owner,
            phrase_start: candidate
                .title_country_tokens
                .as_ref()
                .map(|tokens| tokens.start)
                .or(candidate.title_tokens.as_ref().map(|tokens| tokens.start))
                .unwrap_or(candidate.tokens.start)
                .min(candidate.phrase_start),
            possessive,
        });
    }
    found.sort_by_key(|mention| (mention.span.start, mention.span.end));
    merge_short_organization_names(DocumentEntities {
        entities,
        mentions: found,
    })
}

/// The number of words of a name: `name.split_whitespace().count()`, with
/// the bytes of an ASCII name (nearly every one) counted directly.
fn word_count(name: &str) -> usize {
    if !name.is_ascii() {
        return name.split_whitespace().count();
    }
    // (The ASCII characters `char::is_whitespace` accepts.)
    let space = |byte: u8| matches!(byte, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r');
    let mut words = 0;
    let mut in_word = false;
    for byte in name.bytes() {
        let starts = !space(byte) && !in_word;
        words += usize::from(starts);
        in_word = !space(byte);
    }
    words
}

/// The entities of a document so far, by kind and link key.
#[derive(Default)]
struct EntityIndex {
    people: FxHashMap<String, usize>,
    places: FxHashMap<String, usize>,
    organizations: FxHashMap<String, usize>,
}

impl EntityIndex {
    /// The index of the entity of `kind` under `key`, added to `entities`
    /// (named `name`, with `gazetteer_key`) when there is none yet.
    fn entity_for(
        &mut self,
        entities: &mut Vec<DocEntity>,
        kind: EntityKind,
        key: &str,
        name: &str,
        gazetteer_key: Option<&str>,
    ) -> usize {
        let by_key = match kind {
            EntityKind::Person => &mut self.people,
            EntityKind::Place => &mut self.places,
            EntityKind::Organization => &mut self.organizations,
        };
        if let Some(&entity) = by_key.get(key) {
            return entity;
        }
        entities.push(DocEntity {
            kind,
            name: name.to_string(),
            key: gazetteer_key.map(str::to_string),
            aliases: Vec::new(),
            mentions: Vec::new(),
        });
        by_key.insert(key.to_string(), entities.len() - 1);
        entities.len() - 1
    }
}

/// Within one article, an organization named in short joins the one longer
/// organization name it shortens: "the State Department" and "the US State
/// Department", "the Supreme Court" and "the Supreme Court of Cassation".
/// The longer name must be the shorter one with a country (or demonym) in
/// front, or with an "of ..."/"for ..." after it; with two candidates,
/// nothing is joined.
fn merge_short_organization_names(mut document: DocumentEntities) -> DocumentEntities {
    let gazetteer = gazetteer();
    // (Only organizations' names are compared.)
    let folded: Vec<String> = document
        .entities
        .iter()
        .map(|entity| match entity.kind {
            EntityKind::Organization => fold_name(&entity.name),
            _ => String::new(),
        })
        .collect();
    let is_organization = |index: usize| document.entities[index].kind == EntityKind::Organization;
    let organizations: Vec<usize> = (0..document.entities.len())
        .filter(|&index| is_organization(index))
        .collect();
    let mut target: Vec<Option<usize>> = vec![None; document.entities.len()];
    for &short in &organizations {
        let short_name = &folded[short];
        let longer: Vec<usize> = organizations
            .iter()
            .copied()
            .filter(|&long| long != short)
            .filter(|&long| {
                let long_name = &folded[long];
                let with_tail = long_name
                    .strip_prefix(short_name.as_str())
                    .is_some_and(|tail| tail.starts_with(" of ") || tail.starts_with(" for "));
                let with_country = long_name
                    .strip_suffix(short_name.as_str())
                    .and_then(|front| front.strip_suffix(' '))
                    .is_some_and(|front| {
                        let original = &document.entities[long].name;
                        let front_words = front.split(' ').count();
                        let written: Vec<&str> = original.split_whitespace().collect();
                        let front_written = written[..front_words.min(written.len())].join(" ");
                        gazetteer.country(&front_written).is_some()
                            || gazetteer.country_of_demonym(&front_written).is_some()
                    });
                with_tail || with_country
            })
            .collect();
        if let [long] = longer[..] {
            target[short] = Some(long);
        }
    }
    if target.iter().all(Option::is_none) {
        return document;
    }
    // A longer name may itself shorten a still longer one: follow the chain
    // (names only grow along it, so it ends).
    let target: Vec<Option<usize>> = (0..target.len())
        .map(|index| {
            let mut end = target[index]?;
            while let Some(further) = target[end] {
                end = further;
            }
            Some(end)
        })
        .collect();
    // Fold each short entity into its longer one, then renumber.
    let mut kept_index = vec![0; document.entities.len()];
    let mut next = 0;
    for index in 0..document.entities.len() {
        if target[index].is_none() {
            kept_index[index] = next;
            next += 1;
        }
    }
    let resolve = |index: usize| kept_index[target[index].unwrap_or(index)];
    let entities = std::mem::take(&mut document.entities);
    let mut merged: Vec<DocEntity> = Vec::with_capacity(next);
    let mut moved: Vec<(usize, DocEntity)> = Vec::new();
    for (index, entity) in entities.into_iter().enumerate() {
        match target[index] {
            Some(long) => moved.push((long, entity)),
            None => merged.push(entity),
        }
    }
    for (long, entity) in moved {
        let into = &mut merged[kept_index[long]];
        for alias in entity.aliases {
            // A lone head word ("the Organisation", "the Ministry") stands
            // for the longer name in this document only: as an alias it
            // would join every organization so shortened anywhere.
            let head_word_alone =
                !alias.contains(' ') && lexicon::lists_of(&alias).is_organization_head();
            if !head_word_alone && !into.aliases.contains(&alias) {
                into.aliases.push(alias);
            }
        }
        into.mentions.extend(entity.mentions);
        into.mentions.sort_by_key(|mention| mention.span);
    }
    for mention in &mut document.mentions {
        mention.entity = resolve(mention.entity);
        mention.title_owner = mention.title_owner.map(resolve);
    }
    document.entities = merged;
    document
}

/// Extends a person's title phrase backwards over title words in any case
/// and a demonym ("the Ukrainian foreign ministry spokeswoman Olena X").
fn scan_title_backwards(analysed: &Analysed<'_>, candidate: &mut Candidate<'_>) {
    let sentence_start = analysed.sentences[candidate.sentence].tokens.start;
    let mut start = candidate
        .title_tokens
        .as_ref()
        .map(|tokens| tokens.start)
        .unwrap_or(candidate.tokens.start);
    if candidate.title_country.is_some() {
        return;
    }
    let end = start;
    let mut has_head = candidate.title_tokens.is_some();
    while start > sentence_start {
        let previous_lists = analysed.lists(start - 1);
        if analysed.tokens[start - 1].kind != TokenKind::Word || !previous_lists.is_title_word() {
            break;
        }
        has_head |= previous_lists.is_title_head();
        start -= 1;
    }
    if !has_head || start == end && candidate.title_tokens.is_none() {
        return;
    }
    let title_end = candidate
        .title_tokens
        .as_ref()
        .map(|tokens| tokens.end)
        .unwrap_or(end);
    candidate.title_tokens = Some(start..title_end);
    // A demonym of one word or two ("Russian", "South Korean") before
    // the title.
    for length in [2, 1] {
        if start < sentence_start + length {
            continue;
        }
        let demonym = analysed.slice(Span::new(
            analysed.tokens[start - length].span.start,
            analysed.tokens[start - 1].span.end,
        ));
        if let Some(country) = gazetteer().country_of_demonym(demonym) {
            candidate.title_country = Some(country);
            candidate.title_country_tokens = Some(start - length..start);
            break;
        }
    }
}

/// "NEW YORK" → "New York": each ASCII word's first letter kept, the rest
/// lowercased. Byte lengths do not change.
fn title_case_words(text: &str) -> String {
    let mut titled = String::with_capacity(text.len());
    let mut at_word_start = true;
    for character in text.chars() {
        if character.is_ascii_alphabetic() {
            titled.push(if at_word_start {
                character
            } else {
                character.to_ascii_lowercase()
            });
            at_word_start = false;
        } else {
            titled.push(character);
            at_word_start = !(character == '\'' || character == '’');
        }
    }
    titled
}

/// "foreign ministry spokeswoman" → "Foreign Ministry Spokeswoman"; words
/// already capitalised are kept ("CEO").
pub(crate) fn title_case(text: &str) -> String {
    text.split_whitespace()
        .map(|word| {
            if word == "of" || word == "the" {
                return word.to_string();
            }
            let mut characters = word.chars();
            match characters.next() {
                Some(first) => first.to_uppercase().chain(characters).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_names_one_letter_apart_are_one_person() {
        assert!(one_letter_apart("kristen vilkins", "kristin vilkins"));
        // Short given names differ too often to be misspellings.
        assert!(!one_letter_apart("joan smith", "john smith"));
        assert!(!one_letter_apart("kristen vilkins", "kristin vilks"));
        assert!(!one_letter_apart("kristen vilkins", "kirsten vilkins"));
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        // Every ASCII character between letters, at either end, and doubled.
        for byte in 0..128u8 {
            let c = char::from(byte);
            for name in [
                format!("Ann{c}Moe"),
                format!("{c}Ann Moe{c}"),
                format!("Ann{c}{c}Moe"),
            ] {
                assert_eq!(
                    word_count(&name),
                    name.split_whitespace().count(),
                    "{name:?}"
                );
            }
        }
        assert_eq!(word_count("São\u{a0}Paulo"), 2);
        assert_eq!(word_count(""), 0);
    }

    #[test]
    fn a_misspelt_given_name_joins_the_person() {
        let document = crate::Document::new(
            "case.txt",
            "Kristen Varga opened the show. Later Kristin Varga said it would tour. Varga smiled.",
        );
        let extraction = crate::extract(&document);
        let people: Vec<&str> = extraction
            .entities
            .iter()
            .filter(|entity| entity.kind == EntityKind::Person)
            .map(|entity| entity.name.as_str())
            .collect();
        assert_eq!(people.len(), 1, "{people:?}");
    }
}
