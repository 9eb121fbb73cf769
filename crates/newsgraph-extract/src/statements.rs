//! Statements: direct quotations and reported speech, with their speakers.
//!
//! Every speech cue ("said", "told", "warned", "according to", "made clear
//! that", "X’s claim that") is read in its sentence: the speaker is the
//! subject before it (past a description or an aside set off by commas: "X,
//! speaking to reporters, said") or after it (in "…,” said the minister"),
//! the content is the clause after it
//! or, when the cue ends the sentence, the clause or quotation before it.
//! Content that is mostly inside quotation marks is direct speech. Quotations
//! that no cue claims continue the previous speaker's words (a quote split by
//! "he said", or a quoted paragraph after an attributed one), or belong to
//! the account named before a social-media post. Pronouns go to the person
//! most recently in focus; "the minister" style descriptions to the person
//! holding that title; an unnamed speaker ("a spokesman") takes the focus so
//! that a following "he" is not given to someone else.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::entities::DocumentEntities;
use crate::lexicon::{self, is_determiner, CueKind, Lists};
use crate::model::{shared_in, EntityKind, Span, Statement, StatementKind};
use crate::text::{Analysed, Quotation, TokenKind};
use crate::Words;

/// Who a subject phrase refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Referent {
    Entity(usize),
    /// Someone the document does not name ("a source close to ...").
    Anonymous,
}

/// A pronoun that opens a reported clause as its subject ("he", "it",
/// "there"); unlike [`lexicon::is_subject_pronoun`], not only a speaker's.
fn is_clause_subject_pronoun(word: &str) -> bool {
    matches!(word, "he" | "she" | "it" | "they" | "we" | "I" | "there")
}

/// Words that may stand between a subject and its cue ("Zelenskiy firmly
/// denied", "Trump has also said").
fn is_adverbial(word: &str) -> bool {
    (word.ends_with("ly") && word.len() > 4 && word.chars().all(|c| c.is_lowercase()))
        || matches!(
            word,
            "also"
                | "has"
                | "have"
                | "had"
                | "later"
                | "earlier"
                | "recently"
                | "then"
                | "further"
                | "himself"
                | "herself"
                | "itself"
                | "themselves"
                | "again"
                | "previously"
                | "even"
                | "already"
                | "once"
                | "would"
                | "will"
                | "could"
                | "might"
                | "may"
                | "did"
                | "does"
                | "do"
                | "never"
                | "not"
                | "just"
                | "still"
                | "often"
                | "since"
                | "now"
                | "meanwhile"
        )
}

/// Words after a cue that begin an adverbial before its clause ("said on
/// Tuesday that", "said in a statement that").
fn begins_adverbial(word: &str) -> bool {
    matches!(
        word,
        "on" | "in"
            | "at"
            | "during"
            | "earlier"
            | "later"
            | "this"
            | "last"
            | "late"
            | "yesterday"
            | "today"
            | "after"
            | "before"
            | "to"
            | "publicly"
            | "privately"
            | "repeatedly"
            | "again"
            | "also"
            | "previously"
            | "recently"
            | "separately"
            | "firmly"
            | "in,"
            | "via"
            | "through"
            | "while"
            | "when"
            | "from"
            | "of"
    )
}

/// Cue verbs that take an indirect object before their clause ("told
/// reporters that", "assured allies that").
const LISTENER_CUES: &[&str] = &[
    "told",
    "tells",
    "tell",
    "telling",
    "assured",
    "warned",
    "reminded",
    "informed",
    "urged",
    "promised",
    "expressed",
    "expressing",
    "voiced",
];

/// Whether a word after a comma opens a clause of time, cause or
/// circumstance rather than what was said ("said, as talks resumed",
/// "said, citing officials, that").
fn opens_circumstance(word: &str) -> bool {
    matches!(
        word,
        "as" | "while"
            | "whilst"
            | "amid"
            | "after"
            | "before"
            | "when"
            | "because"
            | "since"
            | "although"
            | "though"
            | "despite"
            | "without"
            | "citing"
            | "following"
            | "until"
            | "unless"
    )
}

/// Whether a word is an auxiliary or modal verb, which makes a clause
/// finite ("was", "would", "has").
fn is_auxiliary(word: &str) -> bool {
    matches!(
        word,
        "is" | "are"
            | "was"
            | "were"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "can"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "did"
            | "does"
    )
}

/// Whether a word is one of the [`LISTENER_CUES`], in any case.
fn takes_listener(word: &str) -> bool {
    // (A word of another length is passed over after comparing lengths.)
    LISTENER_CUES
        .iter()
        .any(|cue| cue.eq_ignore_ascii_case(word))
}

/// Nouns that carry a reported clause after an owner: "Russia’s claim that".
pub(crate) const CLAIM_NOUNS: &[&str] = &[
    "claim",
    "claims",
    "allegation",
    "allegations",
    "assertion",
    "insistence",
    "warning",
    "statement",
    "accusation",
    "announcement",
    "argument",
];

/// Whether a word is one of the [`CLAIM_NOUNS`] (in this case).
fn is_claim_noun(word: &str) -> bool {
    CLAIM_NOUNS.contains(&word)
}

/// The lists of the words a statement can start from: "according" (to X),
/// a claim noun, a speech cue verb. A token in none of them starts none.
const STATEMENT_CUES: Lists = Lists::PHRASE_CUE
    .union(Lists::CLAIM_NOUN)
    .union(Lists::CLAUSE_CUE)
    .union(Lists::OBJECT_CUE);

struct Finder<'a, 'text> {
    analysed: &'a Analysed<'text>,
    entities: &'a DocumentEntities,
    /// Token index → index of the depth-0 quotation opened there.
    quotation_opening_at: FxHashMap<usize, usize>,
    /// Token index → index of the depth-0 quotation closed there.
    quotation_closing_at: FxHashMap<usize, usize>,
    top_quotations: Vec<Quotation>,
}

/// A statement before speakers are turned into entity indices.
#[derive(Debug, Clone)]
struct Found {
    speaker: Referent,
    kind: StatementKind,
    cue: String,
    span: Span,
    /// Extra spans joined into the text ("Peace must be lasting … Not like").
    parts: Vec<Span>,
    sentence: usize,
    paragraph: usize,
}

/// Finds the statements of a document.
pub(crate) fn find_statements(analysed: &Analysed, entities: &DocumentEntities) -> Vec<Statement> {
    let top_quotations: Vec<Quotation> = analysed
        .quotations
        .iter()
        .copied()
        .filter(|quotation| quotation.depth == 0)
        .collect();
    // (Keyed by token indices and only looked up, never walked: FxHash.
    // Sized for every quotation up front, so never grown.)
    let sized = || FxHashMap::with_capacity_and_hasher(top_quotations.len(), Default::default());
    let mut quotation_opening_at = sized();
    let mut quotation_closing_at = sized();
    for (index, quotation) in top_quotations.iter().enumerate() {
        quotation_opening_at.insert(quotation.open_token, index);
        if let Some(close) = quotation.close_token {
            quotation_closing_at.insert(close, index);
        }
    }
    let finder = Finder {
        analysed,
        entities,
        quotation_opening_at,
        quotation_closing_at,
        top_quotations,
    };
    let found = finder.find();
    // A document uses a few cues many times; its statements share each one.
    let mut cues: Vec<Arc<str>> = Vec::new();
    let mut statements: Vec<(Statement, String)> = found
        .into_iter()
        .filter_map(|found| {
            let Referent::Entity(speaker) = found.speaker else {
                return None;
            };
            // The statement's span and the parts joined to it, in order.
            let spans = || std::iter::once(found.span).chain(found.parts.iter().copied());
            const JOINER: &str = " … ";
            let mut text = String::with_capacity(
                spans().map(|span| span.len()).sum::<usize>() + JOINER.len() * found.parts.len(),
            );
            for (index, span) in spans().enumerate() {
                if index > 0 {
                    text.push_str(JOINER);
                }
                text.push_str(analysed.slice(span));
            }
            let whole = Span::new(
                spans()
                    .map(|span| span.start)
                    .min()
                    .unwrap_or(found.span.start),
                spans().map(|span| span.end).max().unwrap_or(found.span.end),
            );
            let mut about: Vec<usize> = spans()
                .flat_map(|span| {
                    let first = entities
                        .mentions
                        .partition_point(|mention| mention.span.start < span.start);
                    entities.mentions[first..]
                        .iter()
                        .take_while(move |mention| mention.span.end <= span.end)
                })
                .map(|mention| mention.entity)
                .filter(|&entity| entity != speaker)
                .collect();
            about.sort_unstable();
            about.dedup();
            let statement = Statement {
                speaker,
                kind: found.kind,
                cue: shared_in(&mut cues, &found.cue),
                // Given once the statements kept are known.
                text: Words::default(),
                span: whole,
                sentence: found.sentence,
                about,
            };
            Some((statement, text))
        })
        .collect();
    statements.sort_by_key(|(statement, _)| (statement.span.start, statement.span.end));
    statements.dedup_by(|(later, _), (earlier, _)| {
        earlier.span.overlaps(later.span) && earlier.speaker == later.speaker
    });
    // The document's statements share one buffer of words.
    let words = Words::shared(statements.iter().map(|(_, text)| text.as_str()));
    statements
        .into_iter()
        .zip(words)
        .map(|((statement, _), text)| Statement { text, ..statement })
        .collect()
}

impl<'a, 'text> Finder<'a, 'text> {
    fn word(&self, index: usize) -> &'text str {
        self.analysed.token_text(index)
    }

    fn is_word(&self, index: usize) -> bool {
        self.analysed.tokens[index].kind == TokenKind::Word
    }

    fn find(&self) -> Vec<Found> {
        let analysed = self.analysed;
        let mut found: Vec<Found> = Vec::new();
        let mut focus: Option<Referent> = None;
        // The first mention not before the sentence last asked about.
        let mut mentions_from = 0;
        for (sentence_index, sentence) in analysed.sentences.iter().enumerate() {
            if analysed.is_furniture(sentence.paragraph) {
                continue;
            }
            let range = sentence.tokens.clone();
            let mut sentence_subject: Option<Referent> = None;
            let mut previous_cue_subject: Option<Referent> = None;
            let mut index = range.start;
            while index < range.end {
                let lists = self.analysed.lists(index);
                if !lists.intersects(STATEMENT_CUES) {
                    index += 1;
                    continue;
                }
                // "according to X, ..." / "..., according to X."
                if lists.contains(Lists::PHRASE_CUE)
                    && index + 1 < range.end
                    && self.word(index + 1) == "to"
                {
                    if let Some(statement) =
                        self.according_to(index, range.clone(), sentence_index, &mut focus)
                    {
                        found.push(statement);
                    }
                    index += 2;
                    continue;
                }
                // "Russia’s claim that ..."
                if lists.contains(Lists::CLAIM_NOUN)
                    && is_claim_noun(self.word(index))
                    && index + 1 < range.end
                    && self.word(index + 1) == "that"
                {
                    if let Some(statement) = self.claim_noun(index, range.clone(), sentence_index) {
                        found.push(statement);
                    }
                }
                // "made clear that", "made it clear that": a clause cue
                // whose subject stands before "made".
                let made_clear = lists
                    .contains(Lists::PHRASE_CUE)
                    .then(|| self.made_clear(index, range.clone()))
                    .flatten();
                let Some(cue_kind) = made_clear
                    .map(|_| CueKind::Clause)
                    .or_else(|| lists.speech_cue())
                else {
                    index += 1;
                    continue;
                };
                let subject_anchor = made_clear.unwrap_or(index);
                // "continued" speaks only parenthetically (", he continued,")
                // or with a clause; otherwise it is an adjective ("continued
                // aggression").
                if self.word(index) == "continued"
                    && !(index + 1 < range.end
                        && matches!(self.word(index + 1), "," | "that" | ":"))
                {
                    index += 1;
                    continue;
                }
                if !self.is_word(index)
                    || (self.inside_quotation(index) && !self.is_scare_quoted(index))
                {
                    index += 1;
                    continue;
                }
                let subject = self
                    .subject_before(subject_anchor, range.start, &focus)
                    .or_else(|| {
                        // "and said", ", calling it": the subject of the
                        // previous cue or of the sentence.
                        let previous = subject_anchor
                            .checked_sub(1)
                            .map(|i| self.word(i))
                            .unwrap_or("");
                        let participle = self.word(index).ends_with("ing");
                        // A finite verb after a comma closes an apposition ("X's
                        // agent, Y, said"): only a participle continues the
                        // sentence's subject there.
                        if matches!(
                            previous,
                            "and" | "but" | "after" | "before" | "while" | "by"
                        ) || participle
                        {
                            let coordinated = matches!(previous, "and" | "but");
                            previous_cue_subject
                                .or(sentence_subject)
                                .or_else(|| {
                                    if coordinated {
                                        self.nearest_person_before(subject_anchor, range.start)
                                    } else {
                                        None
                                    }
                                })
                                .or_else(|| self.opening_referent(range.clone(), &focus))
                        } else {
                            None
                        }
                    });
                let subject_after = if subject.is_none() {
                    self.subject_after(index, range.end, &focus)
                } else {
                    None
                };
                let speaker = subject.or(subject_after.map(|(referent, _)| referent));
                let Some(speaker) = speaker else {
                    index += 1;
                    continue;
                };
                previous_cue_subject = Some(speaker);
                if sentence_subject.is_none() {
                    sentence_subject = Some(speaker);
                }
                focus = Some(speaker);
                let after_subject = subject_after.map(|(_, end)| end).unwrap_or(index + 1);
                // In the inverted order ("…,” said X, who ...") the words
                // after the speaker describe them; the statement is before.
                let clause_after = if subject_after.is_some() {
                    None
                } else {
                    self.clause_after(index, after_subject, range.clone(), cue_kind)
                };
                let statement = clause_after.or_else(|| {
                    if cue_kind == CueKind::Clause {
                        self.clause_before(index, range.clone(), subject_after.is_some())
                    } else {
                        None
                    }
                });
                if let Some((span, kind)) = statement {
                    found.push(Found {
                        speaker,
                        kind,
                        cue: if made_clear.is_some() {
                            "made clear".to_string()
                        } else {
                            self.cue_text(index, range.end)
                        },
                        span,
                        parts: Vec::new(),
                        sentence: sentence_index,
                        paragraph: sentence.paragraph,
                    });
                }
                index += 1;
            }
            // A person opening the sentence is in focus for later pronouns.
            if sentence_subject.is_none() {
                if let Some(person) =
                    self.sentence_opening_person(range.clone(), &mut mentions_from)
                {
                    focus = Some(Referent::Entity(person));
                }
            }
        }
        self.attach_unclaimed_quotations(&mut found);
        found
    }

    /// For the "clear" of "made clear that" or "made it clear that" (any
    /// form of "make"), the index of the "make" word.
    fn made_clear(&self, clear: usize, range: std::ops::Range<usize>) -> Option<usize> {
        if self.word(clear) != "clear" || clear + 1 >= range.end || self.word(clear + 1) != "that" {
            return None;
        }
        let make = match clear.checked_sub(1)? {
            it if it > range.start && self.word(it) == "it" => it - 1,
            previous => previous,
        };
        (make >= range.start && matches!(self.word(make), "made" | "makes" | "make" | "making"))
            .then_some(make)
    }

    /// Whether a token is a quotation of its own ("The UK “welcomed” ...").
    fn is_scare_quoted(&self, token: usize) -> bool {
        token > 0
            && self
                .quotation_opening_at
                .get(&(token - 1))
                .is_some_and(|&quotation| {
                    self.top_quotations[quotation].close_token == Some(token + 1)
                })
    }

    /// Whether a token is inside a depth-0 quotation.
    fn inside_quotation(&self, token: usize) -> bool {
        // Top-level quotations do not overlap and are sorted by start.
        let offset = self.analysed.tokens[token].span.start;
        let after = self
            .top_quotations
            .partition_point(|quotation| quotation.outer.start < offset);
        after > 0 && offset < self.top_quotations[after - 1].outer.end
    }

    /// Who a sentence opens with: an entity, or "he"/"she" in focus.
    fn opening_referent(
        &self,
        range: std::ops::Range<usize>,
        focus: &Option<Referent>,
    ) -> Option<Referent> {
        let mut first = range.start;
        while first < range.end
            && ((self.analysed.is_function_word(first)
                && !lexicon::is_subject_pronoun(self.word(first)))
                || self.word(first) == ",")
        {
            first += 1;
        }
        if first >= range.end {
            return None;
        }
        if lexicon::is_subject_pronoun(self.word(first)) {
            return *focus;
        }
        self.entities
            .mention_at_phrase_start(first)
            .map(|mention| Referent::Entity(mention.entity))
    }

    /// The nearest person named before a token in its sentence.
    fn nearest_person_before(&self, token: usize, start: usize) -> Option<Referent> {
        self.entities
            .within(start..token)
            .iter()
            .rfind(|mention| { mention.kind == EntityKind::Person
                    // Not the object of a preposition ("more cautious than X").
                    && (mention.phrase_start == start
                        || !matches!(
                            self.word(mention.phrase_start - 1),
                            "than" | "with" | "to" | "of" | "for" | "from" | "by" | "about" | "on" | "at" | "in"
                        ))
            })
            .map(|mention| Referent::Entity(mention.entity))
    }

    /// The person a sentence opens with ("Zelenskiy wants ...", "US
    /// President Donald Trump on Monday ...").
    fn sentence_opening_person(
        &self,
        range: std::ops::Range<usize>,
        mentions_from: &mut usize,
    ) -> Option<usize> {
        let mentions = &self.entities.mentions;
        // `self.entities.within(range)`, without searching from the start:
        // sentences are asked about in order, and `mentions_from` is moved
        // on from the first mention not before the last one asked about.
        while mentions
            .get(*mentions_from)
            .is_some_and(|mention| mention.tokens.start < range.start)
        {
            *mentions_from += 1;
        }
        let mut in_sentence = mentions[*mentions_from..]
            .iter()
            .take_while(|mention| mention.tokens.end <= range.end)
            .filter(|mention| !self.inside_quotation(mention.tokens.start));
        let first = in_sentence.next()?;
        // "Chelsea coach Enzo Maresca blamed ...": the owner of a title
        // opens the person's phrase.
        let first = match in_sentence.next() {
            Some(next)
                if next.title_owner == Some(first.entity)
                    && next.phrase_start <= first.tokens.end + usize::from(first.possessive) =>
            {
                next
            }
            _ => first,
        };
        (first.kind == EntityKind::Person).then_some(first.entity)
    }

    /// The subject that ends just before a cue, skipping adverbs.
    fn subject_before(
        &self,
        cue: usize,
        start: usize,
        focus: &Option<Referent>,
    ) -> Option<Referent> {
        // A scare-quoted cue ("The UK “welcomed” ..."): look before the mark.
        let mut index = cue;
        if index > start && matches!(self.analysed.tokens[index - 1].kind, TokenKind::Quote(_)) {
            index -= 1;
        }
        // "X, who during a trip to Y stated": the antecedent of "who".
        let mut back = index;
        while back > start && index - back < 10 {
            let word = self.word(back - 1);
            if matches!(word, "," | ";" | ":")
                || matches!(self.analysed.tokens[back - 1].kind, TokenKind::Quote(_))
            {
                break;
            }
            if matches!(word, "who" | "which") {
                if back >= 2 && self.word(back - 2) == "," {
                    if let Some(antecedent) = self.entities.mention_ending_at(back - 2) {
                        return Some(Referent::Entity(antecedent.entity));
                    }
                }
                return None;
            }
            back -= 1;
        }
        loop {
            if index > start && self.is_word(index - 1) && is_adverbial(self.word(index - 1)) {
                index -= 1;
            } else if index > start + 1
                && self.analysed.lists(index - 1).is_calendar_word()
                && matches!(self.word(index - 2), "on" | "last" | "this" | "next")
            {
                // "Trump, who on Monday said": a day between subject and cue.
                index -= 2;
            } else {
                break;
            }
        }
        if index == start {
            return None;
        }
        // "Marsh's agent, Ivan Petrov, said": a name set off by commas right
        // before the cue is the subject.
        if self.word(index - 1) == "," && index >= 2 {
            if let Some(apposition) = self.entities.mention_ending_at(index - 1) {
                let opened = apposition.phrase_start.checked_sub(1);
                if opened.is_some_and(|comma| comma > start && self.word(comma) == ",") {
                    return Some(Referent::Entity(apposition.entity));
                }
            }
        }
        if self.word(index - 1) == "," {
            // "Tom Hart, an analyst at the bank, said", "Ann Moe, 45, said":
            // a description set off by commas after the name.
            if let Some(described) = self.described_before_comma(index - 1, start) {
                return Some(Referent::Entity(described));
            }
            // "Finland, which had to give up territory in 1940, also
            // stated": skip a relative clause set off by commas back to its
            // antecedent.
            let earliest = index.saturating_sub(40).max(start);
            let mut comma = index - 1;
            while comma > earliest {
                comma -= 1;
                if self.word(comma) == "," && matches!(self.word(comma + 1), "who" | "which") {
                    return self
                        .entities
                        .mention_ending_at(comma)
                        .map(|mention| Referent::Entity(mention.entity));
                }
            }
            return None;
        }
        let last = index - 1;
        if let Some(mention) = self.entities.mention_covering(last) {
            if mention.tokens.end == last + 1 {
                // "a source close to President X said": X is not the subject.
                let before = mention.phrase_start;
                if before > start
                    && matches!(
                        self.word(before - 1),
                        "to" | "of" | "from" | "with" | "for" | "by" | "near"
                    )
                {
                    return Some(Referent::Anonymous);
                }
                return Some(Referent::Entity(mention.entity));
            }
        }
        let word = self.word(last);
        // "the 25-year-old said": the person in focus.
        let age_description = word.ends_with("-year-old")
            && last > start
            && self.word(last - 1).eq_ignore_ascii_case("the");
        if lexicon::is_subject_pronoun(word) || age_description {
            return focus.filter(|referent| match referent {
                Referent::Entity(entity) => {
                    self.entities.entities[*entity].kind == EntityKind::Person
                }
                Referent::Anonymous => true,
            });
        }
        let lists = self.analysed.lists(last);
        if lists.is_leader_noun() || lists.is_title_head() {
            if let Some(person) = self.described_person(last, start) {
                return Some(Referent::Entity(person));
            }
        }
        if lists.is_anonymous_speaker_noun() || lists.is_title_head() {
            return Some(Referent::Anonymous);
        }
        None
    }

    /// The person before a description set off by commas that ends at the
    /// comma `closing`: "Tom Hart, an analyst at the bank,", "Ann Moe, 45,".
    /// The description opens with "a", "an", "the" or a number, is at most
    /// twelve words without a quotation, and the name right before its
    /// opening comma is a person's. An aside about the occasion ("speaking
    /// to reporters", "in a statement") may follow a person or an
    /// organization that no preposition governs.
    fn described_before_comma(&self, closing: usize, start: usize) -> Option<usize> {
        let earliest = closing.saturating_sub(13).max(start);
        let opening = (earliest..closing)
            .rev()
            .take_while(|&index| !matches!(self.analysed.tokens[index].kind, TokenKind::Quote(_)))
            .find(|&index| matches!(self.word(index), "," | ";" | ":"))?;
        if self.word(opening) != "," || opening + 1 >= closing {
            return None;
        }
        let first = self.word(opening + 1);
        let describes =
            matches!(first, "a" | "an" | "the") || first.bytes().all(|byte| byte.is_ascii_digit());
        // "Lena Ortiz, speaking to reporters in Madrid, said", "the
        // ministry, in a statement, said": an aside about the occasion.
        let aside = (first.len() > 4
            && first.ends_with("ing")
            && first.starts_with(|letter: char| letter.is_ascii_lowercase()))
            || matches!(first, "in" | "at" | "during" | "asked" | "when");
        if !describes && !aside {
            return None;
        }
        let named = self.entities.mention_ending_at(opening)?;
        let kind = self.entities.entities[named.entity].kind;
        if describes {
            return (kind == EntityKind::Person).then_some(named.entity);
        }
        // "analysts at the bank, speaking on condition of anonymity, said":
        // a name after a preposition is not the subject.
        let governed = named
            .phrase_start
            .checked_sub(1)
            .is_some_and(|before| before >= start && lexicon::is_preposition(self.word(before)));
        (matches!(kind, EntityKind::Person | EntityKind::Organization) && !governed)
            .then_some(named.entity)
    }

    /// "…,” said Ambassador Mohib": a subject right after the cue.
    fn subject_after(
        &self,
        cue: usize,
        end: usize,
        focus: &Option<Referent>,
    ) -> Option<(Referent, usize)> {
        let next = cue + 1;
        if next >= end {
            return None;
        }
        // Only in the inverted order after a quotation or a comma.
        let before = cue.checked_sub(1).map(|i| self.word(i)).unwrap_or("");
        let after_quote = cue
            .checked_sub(1)
            .is_some_and(|i| matches!(self.analysed.tokens[i].kind, TokenKind::Quote(_)));
        if !(after_quote || before == ",") {
            return None;
        }
        if let Some(mention) = self.entities.mention_at_phrase_start(next) {
            return Some((Referent::Entity(mention.entity), mention.tokens.end));
        }
        let word = self.word(next);
        if lexicon::is_subject_pronoun(word) {
            return focus.map(|referent| (referent, next + 1));
        }
        if word == "the" || word == "a" || word == "an" {
            let mut index = next + 1;
            while index < end && self.is_word(index) && index < next + 6 {
                if self.analysed.lists(index).is_anonymous_speaker_noun()
                    || self.analysed.lists(index).is_title_head()
                {
                    if let Some(person) = self.described_person(index, next) {
                        return Some((Referent::Entity(person), index + 1));
                    }
                    return Some((Referent::Anonymous, index + 1));
                }
                index += 1;
            }
        }
        None
    }

    /// "the Ukrainian leader", "the American president", "the minister":
    /// the person in the document holding such a title, if exactly one does.
    fn described_person(&self, noun: usize, start: usize) -> Option<usize> {
        let noun_word = self.word(noun).to_lowercase();
        let mut country = None;
        let mut index = noun;
        while index > start {
            let previous = self.word(index - 1);
            if previous.eq_ignore_ascii_case("the") {
                break;
            }
            if let Some(owner) = crate::gazetteer::gazetteer().country_of_demonym(previous) {
                country = Some(owner);
            } else if !(self.analysed.lists(index - 1).is_title_word()
                || previous.chars().all(|c| c.is_lowercase()))
            {
                return None;
            }
            index -= 1;
        }
        if index == start || !self.word(index - 1).eq_ignore_ascii_case("the") {
            return None;
        }
        let mut matches: Vec<usize> = self
            .entities
            .mentions
            .iter()
            .filter(|mention| {
                mention.kind == EntityKind::Person
                    && mention.span.start < self.analysed.tokens[noun].span.start
            })
            .filter(|mention| {
                let Some(title) = &mention.title else {
                    return false;
                };
                let title_lower = title.to_lowercase();
                let title_fits = if noun_word == "leader" {
                    lexicon::is_head_of_state_title(title)
                        || title_lower.ends_with("president")
                        || title_lower.ends_with("prime minister")
                } else {
                    title_lower.split_whitespace().any(|word| word == noun_word)
                };
                let owner_fits = match country {
                    None => true,
                    Some(country) => mention.title_owner.is_some_and(|owner| {
                        self.entities.entities[owner].key.as_deref() == Some(country)
                    }),
                };
                title_fits && owner_fits
            })
            .map(|mention| mention.entity)
            .collect();
        matches.sort_unstable();
        matches.dedup();
        (matches.len() == 1).then(|| matches[0])
    }

    /// The words of a cue as a label: "said", "wrote on X", "told".
    fn cue_text(&self, cue: usize, end: usize) -> String {
        let word = self.word(cue);
        // (The same as `to_lowercase` for an ASCII word, without the
        // Unicode tables.)
        let verb = if word.is_ascii() {
            word.to_ascii_lowercase()
        } else {
            word.to_lowercase()
        };
        // "wrote on X", "posted on Telegram", "messaging on Truth Social".
        if cue + 2 < end && self.word(cue + 1) == "on" {
            if let Some(mention) = self.entities.mention_covering(cue + 2) {
                if mention.kind == EntityKind::Organization {
                    return format!("{verb} on {}", self.analysed.slice(mention.span));
                }
            }
        }
        verb
    }

    /// The clause after a cue, up to where the next statement or clause
    /// begins. Returns its span and whether it is direct speech.
    fn clause_after(
        &self,
        cue: usize,
        after_subject: usize,
        range: std::ops::Range<usize>,
        cue_kind: CueKind,
    ) -> Option<(Span, StatementKind)> {
        let mut start = after_subject.max(cue + 1);
        // "told reporters the attack killed 12 people": a listener, then a
        // clause without "that".
        if takes_listener(self.word(cue)) {
            if let Some(clause_start) = self.clause_after_listener(start, range.end) {
                let end = self.clause_end(clause_start, range.end, cue_kind);
                if let Some(statement) = self.finish(clause_start, end) {
                    return Some(statement);
                }
            }
        }
        // "wrote on X on Monday:", "said in a statement that".
        let mut lookahead = start;
        let limit = (start + 12).min(range.end);
        let mut that_at = None;
        if start < range.end && self.word(start) == "that" {
            that_at = Some(start);
        } else if start < range.end
            && (begins_adverbial(self.word(start))
                || lexicon::is_preposition(self.word(start))
                || takes_listener(self.word(cue))
                || self.word(start) == ",")
        {
            while lookahead < limit {
                let word = self.word(lookahead);
                if word == "that" {
                    that_at = Some(lookahead);
                    break;
                }
                if word == ":" {
                    that_at = Some(lookahead);
                    break;
                }
                // ", adding that": the "that" of a participle cue of its own.
                let participle_cue_follows = word == ","
                    && lookahead + 1 < range.end
                    && self.is_participle_cue(lookahead + 1);
                if matches!(self.analysed.tokens[lookahead].kind, TokenKind::Quote(_))
                    || word == "."
                    || participle_cue_follows
                {
                    break;
                }
                lookahead += 1;
            }
            if that_at.is_none() {
                let first = self.word(start);
                // ", he continued, Russia does not intend ...": a
                // parenthetical cue; the clause follows the comma.
                if first == ","
                    && start + 1 < range.end
                    && self.analysed.lists(start + 1).speech_cue().is_none()
                    && !opens_circumstance(self.word(start + 1))
                {
                    let end = self.clause_end(start + 1, range.end, CueKind::Clause);
                    return self.finish(start + 1, end);
                }
                // "hinted at possible strikes", "warned of consequences".
                if matches!(first, "at" | "of")
                    && !matches!(self.word(cue), "said" | "says" | "told" | "tells")
                {
                    let end = self.clause_end(start + 1, range.end, cue_kind);
                    return self.finish(start + 1, end);
                }
                // "said on Sunday Israel would keep fighting": a time, then
                // a clause without "that".
                if let Some(clause_start) = self
                    .time_adverbial_end(start, range.end)
                    .filter(|&clause_start| self.opens_finite_clause(clause_start, range.end))
                {
                    let end = self.clause_end(clause_start, range.end, cue_kind);
                    return self.finish(clause_start, end);
                }
                // After a preposition, the words are not a clause ("said in a
                // statement."); other words ("said this plan") begin one.
                let preposition =
                    lexicon::is_preposition(first) || matches!(first, "while" | "when" | ",");
                if preposition || takes_listener(self.word(cue)) {
                    return None;
                }
            }
        }
        if let Some(that) = that_at {
            start = that + 1;
        }
        while start < range.end
            && (matches!(self.word(start), ":" | "," | "—" | "-" | "at" | "about")
                || self.quotation_closing_at.contains_key(&start))
        {
            start += 1;
        }
        if start >= range.end {
            return None;
        }

        // A quotation right after the cue is the statement, whole, even when
        // it runs over several sentences.
        if let Some(&quotation) = self.quotation_opening_at.get(&start) {
            let quotation = self.top_quotations[quotation];
            let close = quotation.close_token.unwrap_or(start);
            let mut next = close + 1;
            while next < self.analysed.tokens.len()
                && matches!(self.word(next), "." | "," | "!" | "?")
            {
                next += 1;
            }
            let continues = next < range.end && self.is_word(next);
            if !continues {
                return Some((quotation.content, StatementKind::Direct));
            }
        }
        let end = self.clause_end(start, range.end, cue_kind);
        let minimum = if cue_kind == CueKind::Object { 4 } else { 3 };
        self.finish_with(start, end, minimum)
    }

    /// The end of a time adverbial at `start` ("on Sunday", "on Dec. 7",
    /// "last week", "yesterday", "earlier this month"), if one is there.
    fn time_adverbial_end(&self, start: usize, sentence_end: usize) -> Option<usize> {
        let is_time_noun = |index: usize| {
            index < sentence_end
                && (self.analysed.lists(index).is_calendar_word()
                    || matches!(
                        self.word(index),
                        "week"
                            | "month"
                            | "year"
                            | "night"
                            | "morning"
                            | "afternoon"
                            | "evening"
                            | "weekend"
                    ))
        };
        let mut end = match self.word(start) {
            "yesterday" | "today" | "tonight" => start + 1,
            "earlier" | "later" => {
                if start + 2 < sentence_end
                    && self.word(start + 1) == "this"
                    && is_time_noun(start + 2)
                {
                    start + 3
                } else {
                    start + 1
                }
            }
            "last" | "this" if is_time_noun(start + 1) => start + 2,
            "on" if is_time_noun(start + 1) => start + 2,
            _ => return None,
        };
        // "on Dec. 7", "on Monday night".
        while end < sentence_end
            && (self.word(end) == "."
                && end > start + 1
                && self.analysed.lists(end - 1).is_calendar_word()
                || self.word(end).bytes().all(|byte| byte.is_ascii_digit())
                || is_time_noun(end))
        {
            end += 1;
        }
        (end < sentence_end).then_some(end)
    }

    /// Whether a clause without "that" opens at `index`: a subject pronoun,
    /// a determiner or a name, with a finite verb within its next five
    /// words.
    fn opens_finite_clause(&self, index: usize, sentence_end: usize) -> bool {
        let word = self.word(index);
        let subject = is_clause_subject_pronoun(word)
            || is_determiner(word)
            || (self.is_word(index) && self.analysed.is_capitalised(index));
        subject && self.finite_verb_follows(index, sentence_end)
    }

    /// Whether an auxiliary or a past-tense verb is among the five words
    /// after a clause's first word at `clause_start`.
    fn finite_verb_follows(&self, clause_start: usize, sentence_end: usize) -> bool {
        (clause_start + 1..(clause_start + 6).min(sentence_end)).any(|index| {
            let word = self.word(index);
            is_auxiliary(word) || lexicon::is_past_tense_verb(word)
        })
    }

    /// Whether the word at `index` is a participle cue ("adding",
    /// "stating"), which starts a statement of its own.
    fn is_participle_cue(&self, index: usize) -> bool {
        self.is_word(index)
            && self.word(index).ends_with("ing")
            && self.analysed.lists(index).speech_cue().is_some()
    }

    /// Where the clause starts after a listener that begins at `start`
    /// ("told reporters | the attack killed", "told the committee | she had
    /// warned", "warned Russia | the cost would be high"), when no "that"
    /// marks it: the first of the next four words that can open a clause
    /// (a subject pronoun, a determiner, a name after a lowercase listener),
    /// with a finite verb within its next five words. None for what is not
    /// a clause ("told him to leave", "told the story of").
    fn clause_after_listener(&self, start: usize, sentence_end: usize) -> Option<usize> {
        let opens_clause = |index: usize| {
            // Not a word inside the listener's name ("told The Globe and
            // Mail that").
            if self
                .entities
                .mention_covering(index)
                .is_some_and(|mention| mention.tokens.start < index)
            {
                return false;
            }
            let word = self.word(index);
            let listener_word = self.word(index - 1);
            let after_lowercase_listener = self.is_word(index - 1)
                && !self.analysed.is_capitalised(index - 1)
                && !is_determiner(listener_word);
            is_clause_subject_pronoun(word)
                || matches!(word, "this" | "these")
                || (is_determiner(word) && !is_determiner(listener_word))
                || (after_lowercase_listener
                    && self.analysed.is_capitalised(index)
                    && self.analysed.lists(index).speech_cue().is_none())
        };
        (start + 1..(start + 5).min(sentence_end))
            .take_while(|&index| {
                // A listener is a noun phrase: no "that", no preposition
                // ("told media in a chat that").
                let listener_word = self.word(index - 1);
                self.is_word(index - 1)
                    && listener_word != "that"
                    && !lexicon::is_preposition(listener_word)
            })
            .find(|&index| self.is_word(index) && opens_clause(index))
            .filter(|&index| self.finite_verb_follows(index, sentence_end))
    }

    /// Where a clause starting at `start` ends: the sentence end, or before a
    /// conjunction or comma that starts another cue, or before ", while".
    fn clause_end(&self, start: usize, sentence_end: usize, cue_kind: CueKind) -> usize {
        let mut index = start;
        while index < sentence_end {
            let word = self.word(index);
            // An object cue's object ends at the first comma, dash or "and"
            // ("described the attack as ‘terrorism’ and said ...").
            if cue_kind == CueKind::Object
                && index > start
                && matches!(word, "," | "—" | "–" | "and" | ";" | "(")
            {
                return index;
            }
            // A participle cue starts a statement of its own ("... the
            // guarantees stating that", "... tougher after accusing").
            if index > start && self.is_participle_cue(index) {
                let previous = self.word(index - 1);
                return if matches!(previous, "after" | "before" | "while" | "by" | "when") {
                    index - 1
                } else {
                    index
                };
            }
            if let Some(&quotation) = self.quotation_opening_at.get(&index) {
                let close = self.top_quotations[quotation].close_token.unwrap_or(index);
                index = close.max(index) + 1;
                continue;
            }
            if matches!(word, "," | ";" | "and" | "but" | "—" | "–") && index > start {
                let mut next = index + 1;
                while next < sentence_end
                    && (matches!(
                        self.word(next),
                        "and"
                            | "but"
                            | "also"
                            | "then"
                            | "he"
                            | "she"
                            | "they"
                            | "it"
                            | "who"
                            | "which"
                    ) || self.analysed.lists(next).is_calendar_word()
                        || (self.word(next) == "on"
                            && next + 1 < sentence_end
                            && self.analysed.lists(next + 1).is_calendar_word())
                        || (self.is_word(next) && is_adverbial(self.word(next))))
                {
                    next += 1;
                }
                if next < sentence_end
                    && self.analysed.lists(next).speech_cue().is_some()
                    && self.is_word(next)
                {
                    return index;
                }
                if word == ";" {
                    return index;
                }
                if word == ","
                    && next < sentence_end
                    && matches!(self.word(next), "while" | "whereas" | "though" | "although")
                {
                    return index;
                }
                if word == ","
                    && index + 2 < sentence_end
                    && self.word(index + 1) == "and"
                    && self.word(index + 2) == "also"
                {
                    return index;
                }
            }
            index += 1;
        }
        sentence_end
    }

    /// The clause before a cue that ends its sentence: "…, Mr X said." and
    /// "‘…,’ he said."
    fn clause_before(
        &self,
        cue: usize,
        range: std::ops::Range<usize>,
        inverted: bool,
    ) -> Option<(Span, StatementKind)> {
        // The cue (with its subject and adverbials) must end the sentence.
        let mut after = cue + 1;
        while after < range.end
            && (self.is_word(after) || matches!(self.word(after), "(" | ")"))
            && !inverted
        {
            // "he said in a media briefing in Downing Street."
            after += 1;
        }
        // In the inverted order, what follows a comma after the speaker
        // describes them ("said Ann Moe, who has led the Bank of Spain since
        // 2017") and is not counted.
        // A participle cue after a comma starts a statement of its own
        // ("Zelenskiy said in his nightly address, adding that ...") and is
        // not counted either.
        // Nor is a clause of time or circumstance after a comma ("the
        // ministry said, as talks resumed in Geneva").
        let rest_end = (cue + 1..range.end)
            .find(|&index| {
                self.word(index) == ","
                    && (inverted
                        || (index + 1 < range.end
                            && (self.is_participle_cue(index + 1)
                                || opens_circumstance(self.word(index + 1)))))
            })
            .unwrap_or(range.end);
        let rest_is_short = (cue + 1..rest_end).filter(|&i| self.is_word(i)).count() <= 10;
        if !rest_is_short {
            return None;
        }
        // Walk back from the cue to the start of the subject phrase.
        let mut subject_start = cue;
        while subject_start > range.start {
            let previous = subject_start - 1;
            let word = self.word(previous);
            if matches!(word, "," | ":")
                || matches!(self.analysed.tokens[previous].kind, TokenKind::Quote(_))
            {
                break;
            }
            subject_start -= 1;
        }
        if inverted {
            subject_start = cue;
        } else if subject_start == cue {
            // No subject between the clause and the cue: what stands
            // before the comma is the subject itself ("Karl Dunn, the
            // club's manager, said nothing").
            return None;
        }
        // The subject phrase between the clause and the cue is short ("Mr
        // X", "the prime minister’s spokesman"); a longer stretch means the
        // cue is inside a clause of its own.
        if cue - subject_start > 7 {
            return None;
        }
        let mut end = subject_start;
        while end > range.start && matches!(self.word(end - 1), "," | ":") {
            end -= 1;
        }
        if end == 0 {
            return None;
        }
        // A quotation closing there: the whole of it, from wherever it began.
        if let Some(&quotation) = self.quotation_closing_at.get(&(end - 1)) {
            let quotation = self.top_quotations[quotation];
            let trimmed = trim_span(self.analysed, quotation.content);
            return (!trimmed.is_empty()).then_some((trimmed, StatementKind::Direct));
        }
        let start = self.after_dateline(range.start, end);
        if end <= start {
            return None;
        }
        self.finish(start, end)
    }

    /// Where a paragraph's text begins after its dateline ("WASHINGTON
    /// (Reuters) -", "LONDON, Dec 7 (AP) —"): a word in capitals opening
    /// the paragraph, then a date, a comma or an agency in parentheses, up
    /// to a dash. `start` when there is none.
    fn after_dateline(&self, start: usize, end: usize) -> usize {
        let tokens = &self.analysed.tokens;
        let opens_paragraph = start == 0 || tokens[start - 1].paragraph != tokens[start].paragraph;
        let first = self.word(start);
        let in_capitals = first.len() >= 2
            && first
                .bytes()
                .all(|byte| byte.is_ascii_uppercase() || byte == b'.');
        if !(opens_paragraph && in_capitals) {
            return start;
        }
        for index in start + 1..end.min(start + 12) {
            let word = self.word(index);
            if matches!(word, "-" | "—" | "–") {
                return index + 1;
            }
            let part_of_dateline = matches!(word, "," | "(" | ")" | ".")
                || word.starts_with(|first: char| first.is_uppercase() || first.is_ascii_digit());
            if !part_of_dateline {
                break;
            }
        }
        start
    }

    /// Builds a statement over tokens `[start, end)`, direct when most of it
    /// is quoted.
    fn finish(&self, start: usize, end: usize) -> Option<(Span, StatementKind)> {
        self.finish_with(start, end, 3)
    }

    /// [`Self::finish`] with a minimum number of words.
    fn finish_with(
        &self,
        start: usize,
        end: usize,
        minimum_words: usize,
    ) -> Option<(Span, StatementKind)> {
        // Punctuation that closes a clause is no part of it; a sign that
        // belongs to a word before it ("3%") is.
        let mut end = end;
        while end > start
            && self.analysed.tokens[end - 1].kind == TokenKind::Punct
            && !matches!(self.word(end - 1), "%" | "°")
        {
            end -= 1;
        }
        if end <= start {
            return None;
        }
        let words = (start..end).filter(|&i| self.is_word(i)).count();
        if words < minimum_words {
            return None;
        }
        let span = Span::new(
            self.analysed.tokens[start].span.start,
            self.analysed.tokens[end - 1].span.end,
        );
        let quoted: usize = self
            .top_quotations
            .iter()
            .filter(|quotation| span.overlaps(quotation.outer))
            .map(|quotation| {
                quotation.outer.end.min(span.end) - quotation.outer.start.max(span.start)
            })
            .sum();
        let kind = if quoted * 10 >= span.len() * 6 {
            StatementKind::Direct
        } else {
            StatementKind::Reported
        };
        // A direct statement that is exactly one quotation is its content.
        if kind == StatementKind::Direct {
            if let Some(quotation) = self
                .top_quotations
                .iter()
                .find(|quotation| quotation.outer == span)
            {
                return Some((trim_span(self.analysed, quotation.content), kind));
            }
        }
        Some((span, kind))
    }

    /// "according to X, CLAUSE" and "CLAUSE, according to X."
    fn according_to(
        &self,
        according: usize,
        range: std::ops::Range<usize>,
        sentence: usize,
        focus: &mut Option<Referent>,
    ) -> Option<Found> {
        // "according to rival manager Tom Price": the first name within a
        // few words, before any comma.
        let subject_token = according + 2;
        let window_end = (subject_token + 5).min(range.end);
        let comma = (subject_token..window_end)
            .find(|&index| self.word(index) == ",")
            .unwrap_or(window_end);
        let mention = self.entities.within(subject_token..comma + 3).first()?;
        if mention.tokens.start >= comma {
            return None;
        }
        let speaker = Referent::Entity(mention.entity);
        *focus = Some(speaker);
        let paragraph = self.analysed.sentences[sentence].paragraph;
        // After a comma or a closing quotation mark, the statement is
        // before "according to"; otherwise after the name.
        let statement_before = according > range.start
            && (self.word(according - 1) == ","
                || self.quotation_closing_at.contains_key(&(according - 1)));
        let (start, end) = if !statement_before {
            // Clause after: skip to the comma after the name.
            let mut start = mention.tokens.end;
            while start < range.end && self.word(start) != "," {
                start += 1;
            }
            (start + 1, range.end)
        } else {
            let mut end = according;
            while end > range.start && self.word(end - 1) == "," {
                end -= 1;
            }
            (range.start, end)
        };
        if start >= end {
            return None;
        }
        let (span, kind) = self.finish(start, end)?;
        Some(Found {
            speaker,
            kind,
            cue: "according to".to_string(),
            span,
            parts: Vec::new(),
            sentence,
            paragraph,
        })
    }

    /// "Russia’s claim that Ukraine attacked ...": the owner said the clause.
    fn claim_noun(
        &self,
        noun: usize,
        range: std::ops::Range<usize>,
        sentence: usize,
    ) -> Option<Found> {
        if noun < 2 || self.analysed.tokens[noun - 1].kind != TokenKind::Possessive {
            return None;
        }
        let owner = self.entities.mention_ending_at(noun - 1)?;
        let start = noun + 2;
        let end = self.clause_end(start, range.end, CueKind::Clause);
        let (span, kind) = self.finish(start, end)?;
        Some(Found {
            speaker: Referent::Entity(owner.entity),
            kind,
            cue: self.word(noun).to_string(),
            span,
            parts: Vec::new(),
            sentence,
            paragraph: self.analysed.sentences[sentence].paragraph,
        })
    }

    /// Quotations no cue claimed: a second part of a split quote, a quoted
    /// paragraph after an attributed one, or a post after "NAME on X:".
    fn attach_unclaimed_quotations(&self, found: &mut Vec<Found>) {
        let analysed = self.analysed;
        for quotation in &self.top_quotations {
            let content = trim_span(analysed, quotation.content);
            // (Counted only up to the four that matter.)
            let words = analysed
                .slice(content)
                .split_whitespace()
                .filter(|word| word.chars().any(|c| c.is_alphabetic()))
                .take(4)
                .count();
            if words < 4
                || found.iter().any(|statement| {
                    statement.span.overlaps(quotation.outer)
                        || statement
                            .parts
                            .iter()
                            .any(|part| part.overlaps(quotation.outer))
                })
            {
                continue;
            }
            let sentence = analysed.sentence_at(quotation.outer.start);
            let paragraph = analysed.sentences[sentence].paragraph;
            if analysed.is_furniture(paragraph) {
                continue;
            }
            // "NAME on X (formerly Twitter): “…”": a social-media post.
            if let Some(speaker) = self.post_author(quotation.open_token) {
                found.push(Found {
                    speaker,
                    kind: StatementKind::Direct,
                    cue: "posted".to_string(),
                    span: content,
                    parts: Vec::new(),
                    sentence,
                    paragraph,
                });
                continue;
            }
            // The quotation must open its sentence to continue someone.
            let sentence_start = analysed.sentences[sentence].tokens.start;
            if quotation.open_token != sentence_start {
                continue;
            }
            let Some(previous) = found
                .iter_mut()
                .filter(|statement| statement.span.end <= quotation.outer.start)
                .max_by_key(|statement| statement.span.end)
            else {
                continue;
            };
            let same_paragraph = previous.paragraph == paragraph;
            let previous_paragraph = previous.paragraph + 1 == paragraph;
            let gap_is_small = sentence <= previous.sentence + 1;
            if same_paragraph && gap_is_small && previous.kind == StatementKind::Direct {
                // A quotation split by its attribution: one statement.
                previous.parts.push(content);
            } else if previous_paragraph
                && analysed.paragraphs[paragraph].start == quotation.outer.start
            {
                let speaker = previous.speaker;
                found.push(Found {
                    speaker,
                    kind: StatementKind::Direct,
                    cue: "said".to_string(),
                    span: content,
                    parts: Vec::new(),
                    sentence,
                    paragraph,
                });
            }
        }
    }

    /// The author of a quoted post: "NAME on PLATFORM (...): “".
    fn post_author(&self, open_token: usize) -> Option<Referent> {
        if open_token < 3 || self.word(open_token - 1) != ":" {
            return None;
        }
        let paragraph = self.analysed.tokens[open_token].paragraph;
        let mut index = open_token - 1;
        while index > 0 && self.analysed.tokens[index - 1].paragraph == paragraph {
            index -= 1;
            if self.word(index) == "on" && index > 0 {
                let platform = self.entities.mention_covering(index + 1)?;
                if platform.kind != EntityKind::Organization {
                    return None;
                }
                // The author: the entity ending before "on" (or any person
                // named in the byline before it).
                return self
                    .entities
                    .mentions
                    .iter()
                    .filter(|mention| {
                        mention.tokens.end <= index
                            && self.analysed.tokens[mention.tokens.start].paragraph == paragraph
                    })
                    .min_by_key(|mention| mention.tokens.start)
                    .map(|mention| Referent::Entity(mention.entity));
            }
        }
        None
    }
}

/// A span without surrounding spaces and trailing commas.
fn trim_span(analysed: &Analysed, span: Span) -> Span {
    let text = analysed.slice(span);
    let start_trim = text.len() - text.trim_start().len();
    let trimmed = text
        .trim_start()
        .trim_end_matches(|c: char| c.is_whitespace() || c == ',');
    Span::new(
        span.start + start_trim,
        span.start + start_trim + trimmed.len(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::lists_of;

    #[test]
    fn a_documents_statements_share_one_buffer_of_their_words() {
        let text = "Mayor Anna Berg said the port would reopen. \"It is safe,\" Berg said. \
                    Councillor Tomas Reyes said it was not, and Berg said he was wrong.";
        let extraction = crate::extract(&crate::Document::new("a.txt", text));
        let statements = &extraction.statements;
        assert!(statements.len() >= 3, "{statements:?}");
        for statement in statements {
            assert!(statement.text.shares_buffer_with(&statements[0].text));
            assert!(text.contains(&*statement.text), "{statement:?}");
        }
        // Only the words of the statements kept: nothing else in the buffer.
        let (buffer, _) = statements[0].text.buffer_and_range();
        let kept: usize = statements
            .iter()
            .map(|statement| statement.text.len())
            .sum();
        assert_eq!(buffer.len(), kept);
    }

    #[test]
    fn claim_nouns_are_matched_in_their_own_case_only() {
        assert!(is_claim_noun("claim"));
        assert!(is_claim_noun("allegations"));
        assert!(!is_claim_noun("Claim"));
        assert!(!is_claim_noun("claimed"));
    }

    #[test]
    fn listener_cues_are_matched_in_any_case() {
        for word in ["told", "Told", "TELLING", "voiced"] {
            assert!(takes_listener(word), "{word}");
        }
        for word in ["said", "tol", "toldd", "", "tóld"] {
            assert!(!takes_listener(word), "{word}");
        }
    }

    #[test]
    fn words_that_start_statements_are_statement_cues() {
        for word in CLAIM_NOUNS
            .iter()
            .chain(&["according", "Said", "described"])
        {
            assert!(lists_of(word).intersects(STATEMENT_CUES), "{word}");
        }
        assert!(lists_of("According").contains(Lists::PHRASE_CUE));
        for word in ["the", "minister", "accordingly", "Lumio"] {
            assert!(!lists_of(word).intersects(STATEMENT_CUES), "{word}");
        }
    }
}
