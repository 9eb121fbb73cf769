//! Relations between the entities of one document, from the closed
//! vocabulary of [`Predicate`].
//!
//! - `role`: a title phrase before a person's name with its owner ("Russian
//!   Foreign Minister Sergei Lavrov", "China’s foreign ministry spokeswoman").
//! - `located_in`: "Country’s X region", "Town, Region", places named after a
//!   gazetteer place, and a city named beside its country in one sentence.
//! - verb patterns: the nearest entity before a relation verb is its
//!   subject, the first fitting entity after it (past "with", "by phone
//!   with", "of", "arrived in", "fired a missile at") its object: met, spoke
//!   with, hosted, visited, accused, denied, attacked, backed, opposed;
//!   "X’s meeting with Y in Z" also says where both went. In the passive
//!   the name after "by" is the subject ("Kyiv was attacked by Russia",
//!   "Hezbollah, backed by Iran").
//! - relation nouns: owned by a possessive ("Russia’s invasion of") or by
//!   the subject of the verb they are the object of ("held talks with",
//!   "imposed sanctions on").

use rustc_hash::FxHashMap;

use crate::entities::{DocumentEntities, EntityMention};
use crate::gazetteer::{gazetteer, PlaceKind};
use crate::lexicon::Lists;
use crate::model::{EntityKind, Predicate, Relation, Span};
use crate::text::{Analysed, TokenKind};

/// What a relation verb asks of its ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ends {
    PersonPerson,
    PersonPlace,
    Any,
}

/// How a relation word is used: a verb takes the nearest entity before it
/// as subject; a noun needs an owner ("Russia’s invasion of", "his meeting
/// with").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordClass {
    Verb,
    Noun,
}

/// Relation verbs and nouns, with the predicate they state, matched
/// case-sensitively. (`lexicon` also holds these words, so that a token
/// that is none of them in any case is passed over without comparing it
/// with each.)
pub(crate) const RELATION_WORDS: &[(&str, Predicate, Ends, WordClass)] = {
    use Ends::{Any, PersonPerson, PersonPlace};
    use Predicate::{
        Accused, Attacked, Denied, Hosted, Met, Opposes, SpokeWith, Supports, Visited,
    };
    use WordClass::{Noun, Verb};
    &[
        ("met", Met, PersonPerson, Verb),
        ("meets", Met, PersonPerson, Verb),
        ("meeting", Met, PersonPerson, Noun),
        ("summit", Met, PersonPerson, Noun),
        ("spoke", SpokeWith, PersonPerson, Verb),
        ("spoken", SpokeWith, PersonPerson, Verb),
        ("speaks", SpokeWith, PersonPerson, Verb),
        ("talked", SpokeWith, PersonPerson, Verb),
        ("phoned", SpokeWith, PersonPerson, Verb),
        ("telephoned", SpokeWith, PersonPerson, Verb),
        ("conversation", SpokeWith, PersonPerson, Noun),
        ("conversations", SpokeWith, PersonPerson, Noun),
        ("call", SpokeWith, PersonPerson, Noun),
        ("talks", SpokeWith, PersonPerson, Noun),
        ("hosted", Hosted, PersonPerson, Verb),
        ("hosts", Hosted, PersonPerson, Verb),
        ("visited", Visited, PersonPlace, Verb),
        ("visits", Visited, PersonPlace, Verb),
        ("toured", Visited, PersonPlace, Verb),
        ("visit", Visited, PersonPlace, Noun),
        ("trip", Visited, PersonPlace, Noun),
        ("arrived", Visited, PersonPlace, Verb),
        ("arrives", Visited, PersonPlace, Verb),
        ("landed", Visited, PersonPlace, Verb),
        ("travelled", Visited, PersonPlace, Verb),
        ("traveled", Visited, PersonPlace, Verb),
        ("flew", Visited, PersonPlace, Verb),
        ("accused", Accused, Any, Verb),
        ("accuses", Accused, Any, Verb),
        ("accusing", Accused, Any, Verb),
        ("blamed", Accused, Any, Verb),
        ("blames", Accused, Any, Verb),
        ("blaming", Accused, Any, Verb),
        ("attacked", Attacked, Any, Verb),
        ("attacking", Attacked, Any, Verb),
        ("shelled", Attacked, Any, Verb),
        ("bombed", Attacked, Any, Verb),
        ("invaded", Attacked, Any, Verb),
        ("invading", Attacked, Any, Verb),
        ("targeted", Attacked, Any, Verb),
        ("targeting", Attacked, Any, Verb),
        ("launched", Attacked, Any, Verb),
        ("struck", Attacked, Any, Verb),
        ("fired", Attacked, Any, Verb),
        ("attack", Attacked, Any, Noun),
        ("attacks", Attacked, Any, Noun),
        ("invasion", Attacked, Any, Noun),
        ("strikes", Attacked, Any, Noun),
        ("offensive", Attacked, Any, Noun),
        ("supports", Supports, Any, Verb),
        ("supported", Supports, Any, Verb),
        ("backs", Supports, Any, Verb),
        ("backed", Supports, Any, Verb),
        ("endorsed", Supports, Any, Verb),
        ("endorses", Supports, Any, Verb),
        ("support", Supports, Any, Noun),
        ("backing", Supports, Any, Noun),
        ("opposes", Opposes, Any, Verb),
        ("opposed", Opposes, Any, Verb),
        ("undermining", Opposes, Any, Verb),
        ("undermines", Opposes, Any, Verb),
        ("undermined", Opposes, Any, Verb),
        ("condemned", Opposes, Any, Verb),
        ("criticized", Opposes, Any, Verb),
        ("criticised", Opposes, Any, Verb),
        ("criticizes", Opposes, Any, Verb),
        ("criticises", Opposes, Any, Verb),
        ("denounced", Opposes, Any, Verb),
        ("denounces", Opposes, Any, Verb),
        ("sanctions", Opposes, Any, Noun),
        ("condemns", Opposes, Any, Verb),
        ("sanctioned", Opposes, Any, Verb),
        ("reject", Opposes, Any, Verb),
        ("rejects", Opposes, Any, Verb),
        ("denied", Denied, Any, Verb),
        ("denies", Denied, Any, Verb),
        ("denying", Denied, Any, Verb),
        ("dismissed", Denied, Any, Verb),
        ("dismisses", Denied, Any, Verb),
        ("rejected", Denied, Any, Verb),
        ("rejecting", Denied, Any, Verb),
    ]
};

/// The predicate a relation word states ([`RELATION_WORDS`]), what it asks
/// of its ends and how it is used.
fn relation_word(word: &str) -> Option<(Predicate, Ends, WordClass)> {
    RELATION_WORDS
        .iter()
        .find(|&&(listed, ..)| listed == word)
        .map(|&(_, predicate, ends, class)| (predicate, ends, class))
}

/// Words that need a preposition before their object ("spoke by phone
/// with", "attack on", "support for"); `None` for a direct object.
fn object_prepositions(word: &str) -> Option<&'static [&'static str]> {
    match word {
        "meeting" | "summit" | "talks" | "conversation" | "conversations" | "call" | "spoke"
        | "spoken" | "speaks" | "talked" => Some(&["with", "to"]),
        "attack" | "attacks" | "strikes" | "invasion" | "offensive" | "launched" => {
            Some(&["on", "against", "of", "at"])
        }
        "support" | "backing" => Some(&["for", "of"]),
        "visit" | "trip" | "travelled" | "traveled" | "flew" => Some(&["to"]),
        "arrived" | "arrives" | "landed" => Some(&["in", "at"]),
        // "fired a ballistic missile toward Japan"; a dismissal ("fired
        // the minister on Monday") has no projectile and is passed over.
        "fired" => Some(&["at", "toward", "towards", "into"]),
        "sanctions" => Some(&["on", "against"]),
        _ => None,
    }
}

/// Verbs whose object is a relation noun and whose subject owns it
/// ("held talks", "pledged support", "imposed sanctions").
const LIGHT_VERBS: &[&str] = &[
    "held",
    "holds",
    "hold",
    "pledged",
    "pledges",
    "expressed",
    "expresses",
    "voiced",
    "reaffirmed",
    "reiterated",
    "offered",
    "offers",
    "declared",
    "promised",
    "imposed",
    "imposes",
    "conducted",
    "carried",
    "launched",
    "mounted",
    "staged",
    "unleashed",
    "ordered",
    "stepped",
    "intensified",
    "resumed",
    "began",
];

/// What is fired at a target.
const PROJECTILES: &[&str] = &[
    "missile",
    "missiles",
    "rocket",
    "rockets",
    "shell",
    "shells",
    "shot",
    "shots",
    "drone",
    "drones",
    "mortar",
    "mortars",
    "artillery",
    "projectile",
    "projectiles",
    "torpedo",
    "torpedoes",
    "salvo",
    "barrage",
    "bullets",
    "rounds",
    "grenades",
    "grenade",
    "munitions",
    "interceptors",
];

/// What "struck" strikes when it is no attack ("struck a deal").
const STRUCK_NON_TARGETS: &[&str] = &[
    "deal",
    "deals",
    "agreement",
    "accord",
    "pact",
    "bargain",
    "compromise",
    "balance",
    "tone",
    "note",
    "chord",
    "blow",
    "gold",
    "oil",
];

/// Verbs that claim an accusation, so that a later denial answers them.
pub(crate) const ACCUSING_VERBS: &[&str] = &[
    "accused", "accuses", "accusing", "claimed", "claims", "alleged", "alleges", "blamed", "blames",
];

/// Whether a word is one of the [`ACCUSING_VERBS`] (in this case).
fn is_accusing_verb(word: &str) -> bool {
    ACCUSING_VERBS.contains(&word)
}

/// Whether a word before a verb makes it no fact: a modal or "to" ("would
/// meet", "to attack"), or a negation ("not", "never").
fn is_unreal_or_negated(word: &str) -> bool {
    matches!(
        word,
        "would"
            | "could"
            | "will"
            | "may"
            | "might"
            | "should"
            | "can"
            | "must"
            | "shall"
            | "to"
            | "not"
            | "never"
    )
}

struct Context<'a, 'text> {
    analysed: &'a Analysed<'text>,
    entities: &'a DocumentEntities,
    /// Per entity: whether it is a country the gazetteer knows (looked up
    /// once here for every rule that asks).
    countries: Vec<bool>,
    relations: Vec<Relation>,
}

/// Finds the relations of a document.
pub(crate) fn find_relations(analysed: &Analysed, entities: &DocumentEntities) -> Vec<Relation> {
    let countries = entities
        .entities
        .iter()
        .map(|entity| {
            entity
                .key
                .as_deref()
                .and_then(|key| gazetteer().place_kind(key))
                .is_some_and(|kind| kind == PlaceKind::Country)
        })
        .collect();
    let mut context = Context {
        analysed,
        entities,
        countries,
        relations: Vec::new(),
    };
    context.roles();
    context.locations();
    context.verbs();
    let mut relations = context.relations;
    relations.retain(|relation| relation.source != relation.target);
    relations.sort_by(|a, b| {
        (a.source, a.predicate, a.target, &a.label, a.span).cmp(&(
            b.source,
            b.predicate,
            b.target,
            &b.label,
            b.span,
        ))
    });
    relations.dedup_by(|later, earlier| {
        later.source == earlier.source
            && later.predicate == earlier.predicate
            && later.target == earlier.target
            && later.label == earlier.label
            && later.span == earlier.span
    });
    relations
}

impl<'a, 'text> Context<'a, 'text> {
    fn word(&self, index: usize) -> &'text str {
        self.analysed.token_text(index)
    }

    fn kind_of(&self, entity: usize) -> EntityKind {
        self.entities.entities[entity].kind
    }

    fn sentence_span(&self, sentence: usize) -> Span {
        self.analysed.sentences[sentence].span
    }

    fn push(
        &mut self,
        source: usize,
        predicate: Predicate,
        target: usize,
        label: Option<String>,
        span: Span,
    ) {
        self.relations.push(Relation {
            source,
            predicate,
            target,
            label,
            span,
        });
    }

    fn roles(&mut self) {
        let found: Vec<(usize, usize, String, Span)> = self
            .entities
            .mentions
            .iter()
            .filter(|mention| mention.kind == EntityKind::Person && !self.in_furniture(mention))
            .filter_map(|mention| {
                let owner = mention.title_owner?;
                let title = mention.title.clone()?;
                let phrase = Span::new(
                    self.analysed.tokens[mention.phrase_start].span.start,
                    mention.span.end,
                );
                Some((mention.entity, owner, title, phrase))
            })
            .collect();
        let people_with_roles: Vec<usize> = found.iter().map(|(person, ..)| *person).collect();
        for (person, owner, title, span) in found {
            self.push(person, Predicate::Role, owner, Some(title), span);
        }
        // "Finland also said ... Prime Minister Petteri Orpo stated": a
        // title with no country takes the country the previous sentence of
        // the paragraph opened with, if the person has no other role.
        let inferred: Vec<(usize, usize, String, Span)> = self
            .entities
            .mentions
            .iter()
            .filter(|mention| {
                mention.kind == EntityKind::Person
                    && mention.title_owner.is_none()
                    && mention.title.is_some()
                    && !people_with_roles.contains(&mention.entity)
                    && !self.in_furniture(mention)
            })
            .filter_map(|mention| {
                let previous = mention.sentence.checked_sub(1)?;
                let sentences = &self.analysed.sentences;
                if sentences[previous].paragraph != sentences[mention.sentence].paragraph {
                    return None;
                }
                let opening = self
                    .entities
                    .within(sentences[previous].tokens.clone())
                    .first()?;
                let starts_sentence = opening.phrase_start == sentences[previous].tokens.start;
                if !(starts_sentence && self.is_country(opening.entity)) {
                    return None;
                }
                let title = mention.title.clone()?;
                if !crate::lexicon::is_head_of_state_title(&title)
                    && !title.to_lowercase().contains("minister")
                {
                    return None;
                }
                let phrase = Span::new(
                    self.analysed.tokens[mention.phrase_start].span.start,
                    mention.span.end,
                );
                Some((mention.entity, opening.entity, title, phrase))
            })
            .collect();
        for (person, owner, title, span) in inferred {
            self.push(person, Predicate::Role, owner, Some(title), span);
        }
        self.appositive_roles();
    }

    /// Roles told in an apposition, after the name ("Hiroshi Hase, the
    /// governor of Ishikawa,", "David Lammy, Britain's foreign secretary,")
    /// or before it ("The governor of Ishikawa, Hiroshi Hase,", "Britain's
    /// foreign secretary, David Lammy,"), for a person's mention whose own
    /// title (if any) names no owner.
    fn appositive_roles(&mut self) {
        let mut found: Vec<(usize, usize, String, Span)> = Vec::new();
        for mention in &self.entities.mentions {
            if mention.kind != EntityKind::Person
                || mention.title_owner.is_some()
                || self.in_furniture(mention)
            {
                continue;
            }
            let sentence = self.analysed.sentences[mention.sentence].tokens.clone();
            let after = (mention.tokens.end < sentence.end && self.word(mention.tokens.end) == ",")
                .then(|| self.role_phrase(mention.tokens.end + 1, sentence.end))
                .flatten();
            let before = || {
                let comma = mention.tokens.start.checked_sub(1)?;
                if comma <= sentence.start || self.word(comma) != "," {
                    return None;
                }
                // The phrase opens the sentence or follows a comma.
                let opening = (sentence.start..comma)
                    .rev()
                    .find(|&index| self.word(index) == ",")
                    .map_or(sentence.start, |index| index + 1);
                self.role_phrase(opening, comma)
                    .filter(|(.., phrase)| phrase.end == comma)
            };
            if let Some((owner, title, phrase)) = after.or_else(before) {
                let span = Span::new(
                    self.analysed.tokens[phrase.start.min(mention.tokens.start)]
                        .span
                        .start,
                    self.analysed.tokens[(phrase.end - 1).max(mention.tokens.end - 1)]
                        .span
                        .end,
                );
                found.push((mention.entity, owner, title, span));
            }
        }
        for (person, owner, title, span) in found {
            self.push(person, Predicate::Role, owner, Some(title), span);
        }
    }

    /// A role phrase from token `start` on, ending by `limit` at a comma,
    /// a full stop or a speech verb: "the governor of Ishikawa",
    /// "Britain's foreign secretary", "the chief executive of Apple". Its
    /// owner is an organization or a place. Gives the owner, the title and
    /// the phrase's tokens.
    fn role_phrase(
        &self,
        start: usize,
        limit: usize,
    ) -> Option<(usize, String, std::ops::Range<usize>)> {
        let is_owner = |entity: usize| self.kind_of(entity) != EntityKind::Person;
        let mut index = start;
        if index < limit && matches!(self.word(index), "the" | "The") {
            index += 1;
        }
        let mut owner = None;
        if let Some(mention) = self.entities.mention_at_phrase_start(index) {
            if mention.tokens.start == index && is_owner(mention.entity) {
                // "Britain's foreign secretary" (the name, then its
                // possessive), "the U.S. envoy".
                owner = Some(mention.entity);
                index = mention.tokens.end + usize::from(mention.possessive);
            }
        }
        let title_start = index;
        let mut has_head = false;
        while index < limit
            && self.analysed.tokens[index].kind == TokenKind::Word
            && self.entities.mention_covering(index).is_none()
            && !matches!(self.word(index), "of" | "for" | "at")
            && self.analysed.lists(index).is_title_word()
        {
            has_head |= self.analysed.lists(index).is_title_head();
            index += 1;
        }
        if !has_head {
            return None;
        }
        let mut title_end = index;
        // "the U.S. Secretary of State": a title of its own with "of".
        if owner.is_some()
            && index + 1 < limit
            && self.word(index) == "of"
            && self.analysed.is_capitalised(index + 1)
            && self.analysed.lists(index + 1).is_title_word()
            && self.entities.mention_covering(index + 1).is_none()
        {
            index += 2;
            title_end = index;
        }
        if owner.is_none() && index < limit && matches!(self.word(index), "of" | "at" | "for") {
            index += 1;
            if index < limit && self.word(index) == "the" {
                index += 1;
            }
            let mention = self.entities.mention_covering(index)?;
            if mention.tokens.start != index || !is_owner(mention.entity) {
                return None;
            }
            owner = Some(mention.entity);
            index = mention.tokens.end;
        }
        let owner = owner?;
        let closed = index >= limit
            || matches!(self.word(index), "," | "." | ";")
            || self.analysed.lists(index).speech_cue().is_some();
        if !closed {
            return None;
        }
        let title = crate::entities::title_case(self.analysed.slice(Span::new(
            self.analysed.tokens[title_start].span.start,
            self.analysed.tokens[title_end - 1].span.end,
        )));
        Some((owner, title, start..index))
    }

    fn locations(&mut self) {
        let gazetteer = gazetteer();
        let mentions = &self.entities.mentions;
        let mut found = Vec::new();
        for (index, mention) in mentions.iter().enumerate() {
            if mention.kind != EntityKind::Place || self.in_furniture(mention) {
                continue;
            }
            // "Russia’s Novgorod region": the owner contains the place.
            if mention.possessive {
                if let Some(next) = mentions.get(index + 1) {
                    let gap = next.tokens.start.saturating_sub(mention.tokens.end + 1);
                    if next.kind == EntityKind::Place
                        && gap <= 1
                        && next.sentence == mention.sentence
                    {
                        found.push((
                            next.entity,
                            mention.entity,
                            self.sentence_span(mention.sentence),
                        ));
                    }
                }
            }
            // "Springfield, Illinois": a place, a comma, a region or country
            // that does not go on as a list.
            if let Some(next) = mentions.get(index + 1) {
                let comma = mention.tokens.end;
                // (Looked up only for a place right after a comma.)
                let next_kind = || {
                    self.entities.entities[next.entity]
                        .key
                        .as_deref()
                        .and_then(|key| gazetteer.place_kind(key))
                };
                let listed = next.tokens.end < self.analysed.tokens.len()
                    && matches!(self.word(next.tokens.end), "," | "and" | "or");
                if next.kind == EntityKind::Place
                    && next.tokens.start == comma + 1
                    && comma < self.analysed.tokens.len()
                    && self.word(comma) == ","
                    && matches!(
                        next_kind(),
                        Some(PlaceKind::Region) | Some(PlaceKind::Country)
                    )
                    && !listed
                    && !self.is_country(mention.entity)
                {
                    found.push((
                        mention.entity,
                        next.entity,
                        self.sentence_span(mention.sentence),
                    ));
                }
            }
        }
        // A place inside a country the gazetteer knows, named right beside
        // that country ("Ukraine, including Kyiv", "Kyiv in Ukraine"); a
        // place the gazetteer does not name itself ("the X nuclear power
        // plant") wherever the document names its country.
        // (Only looked up, never walked: FxHash.)
        let country_entities: FxHashMap<&str, usize> = self
            .entities
            .entities
            .iter()
            .enumerate()
            .filter(|(index, _)| self.is_country(*index))
            .filter_map(|(index, entity)| entity.key.as_deref().map(|key| (key, index)))
            .collect();
        let country_of = |entity_index: usize| -> Option<usize> {
            let entity = &self.entities.entities[entity_index];
            if entity.kind != EntityKind::Place || self.is_country(entity_index) {
                return None;
            }
            let place = entity
                .key
                .as_deref()
                .and_then(|key| gazetteer.place(key))
                .or_else(|| {
                    let first = entity.name.split_whitespace().next()?;
                    gazetteer.place(first)
                })?;
            let country = *country_entities.get(place.country?)?;
            (country != entity_index).then_some(country)
        };
        let mut tied = vec![false; self.entities.entities.len()];
        // Per entity, once its first mention asks: `country_of` it.
        let mut countries_of: Vec<Option<Option<usize>>> = vec![None; tied.len()];
        for (index, mention) in mentions.iter().enumerate() {
            if tied[mention.entity] || self.in_furniture(mention) {
                continue;
            }
            let country =
                *countries_of[mention.entity].get_or_insert_with(|| country_of(mention.entity));
            let Some(country) = country else {
                continue;
            };
            let entity = &self.entities.entities[mention.entity];
            let derived = entity
                .key
                .as_deref()
                .is_none_or(|key| !gazetteer.is_place(key));
            // Mentions do not overlap, so a country named right beside this
            // place is its neighbour in the sorted list.
            let beside = [index.checked_sub(1), Some(index + 1)]
                .into_iter()
                .flatten()
                .filter_map(|neighbour| mentions.get(neighbour))
                .any(|other| {
                    other.entity == country
                        && other.sentence == mention.sentence
                        && self.only_connectors_between(mention, other)
                });
            if beside || derived {
                tied[mention.entity] = true;
                found.push((
                    mention.entity,
                    country,
                    self.sentence_span(mention.sentence),
                ));
            }
        }
        for (inner, outer, span) in found {
            self.push(inner, Predicate::LocatedIn, outer, None, span);
        }
    }

    /// Whether two mentions are separated only by a comma, "including",
    /// "in" or "of" (at most two such words).
    fn only_connectors_between(&self, first: &EntityMention, second: &EntityMention) -> bool {
        let (earlier, later) = if first.tokens.start < second.tokens.start {
            (first, second)
        } else {
            (second, first)
        };
        let between = earlier.tokens.end..later.phrase_start.max(earlier.tokens.end);
        between.len() <= 2
            && between.clone().all(|index| {
                matches!(self.word(index), "," | "including" | "in" | "of")
                    || self.analysed.tokens[index].kind == TokenKind::Possessive
            })
    }

    fn in_furniture(&self, mention: &EntityMention) -> bool {
        self.analysed
            .is_furniture(self.analysed.sentences[mention.sentence].paragraph)
    }

    fn is_country(&self, entity: usize) -> bool {
        self.countries[entity]
    }

    fn verbs(&mut self) {
        let analysed = self.analysed;
        let mut found = Vec::new();
        // The most recent accuser, whom a denial answers.
        let mut last_accuser: Option<usize> = None;
        for sentence in &analysed.sentences {
            if analysed.is_furniture(sentence.paragraph) {
                continue;
            }
            let range = sentence.tokens.clone();
            for index in range.clone() {
                // Most tokens are in neither list (no token but a word is
                // in any): pass them over without comparing them with each.
                let lists = analysed.lists(index);
                if !lists.intersects(Lists::RELATION_WORD | Lists::ACCUSING_VERB)
                    || analysed.tokens[index].kind != TokenKind::Word
                {
                    continue;
                }
                let word = self.word(index);
                if lists.contains(Lists::ACCUSING_VERB) && is_accusing_verb(word) {
                    if let Some(subject) = self.verb_subject(index, range.clone()) {
                        last_accuser = Some(subject);
                    }
                }
                if !lists.contains(Lists::RELATION_WORD) {
                    continue;
                }
                let Some((predicate, ends, class)) = relation_word(word) else {
                    continue;
                };
                // "Kyiv was attacked by Russia", "Hezbollah, backed by Iran":
                // the agent after "by" is the subject.
                if let Some((agent, patient)) = self.passive_ends(index, range.clone(), predicate) {
                    if self.fits(ends, agent, patient) {
                        found.push((agent, predicate, patient, sentence.span));
                        if predicate == Predicate::Accused {
                            last_accuser = Some(agent);
                        }
                    }
                    continue;
                }
                if !self.is_factual(index, range.start) {
                    continue;
                }
                // "Merz and Macron met in Berlin", "X and Y spoke by phone":
                // two people joined by "and" before a verb of meeting or
                // talking, with no one after it, met each other.
                // So do two people holding talks ("X and Y held talks").
                if matches!(predicate, Predicate::Met | Predicate::SpokeWith) {
                    let verb = match class {
                        WordClass::Verb => Some(index),
                        WordClass::Noun => self.light_verb_before(index, range.start),
                    };
                    if let Some((first, second)) =
                        verb.and_then(|verb| self.people_joined_before(verb))
                    {
                        found.push((first, predicate, second, sentence.span));
                    }
                }
                let object_start = match object_prepositions(word) {
                    Some(prepositions) => {
                        let limit = if word == "launched" { 8 } else { 4 };
                        match (1..=limit)
                            .map(|offset| index + offset)
                            .take_while(|&candidate| candidate < range.end)
                            .find(|&candidate| prepositions.contains(&self.word(candidate)))
                        {
                            Some(position) => position + 1,
                            None => continue,
                        }
                    }
                    None => index + 1,
                };
                // "supported by the United States" is passive.
                if object_start < range.end && self.word(object_start) == "by" {
                    continue;
                }
                // Only a projectile is fired at a target, and "struck a
                // deal" or "struck down a law" is no attack.
                if (word == "fired" && !self.projectile_between(index + 1, object_start))
                    || (word == "struck" && self.strikes_no_target(index, range.end))
                {
                    continue;
                }
                let subject = match class {
                    WordClass::Verb => self.verb_subject(index, range.clone()),
                    // "X, who during a trip to Japan said": a visit made by
                    // the clause's subject needs no owner.
                    WordClass::Noun if predicate == Predicate::Visited => self
                        .noun_owner(index, range.start)
                        .or_else(|| self.verb_subject(index, range.clone())),
                    WordClass::Noun => self.noun_owner(index, range.start).or_else(|| {
                        let verb = self.light_verb_before(index, range.start)?;
                        self.verb_subject(verb, range.clone())
                    }),
                };
                let Some(subject) = subject else {
                    continue;
                };
                let span = sentence.span;
                if predicate == Predicate::Denied {
                    // The denial answers the owner of the claim ("rejected
                    // Russia’s claim") or the latest accuser.
                    let owner = self
                        .entities
                        .mention_covering(object_start.min(range.end.saturating_sub(1)))
                        .filter(|mention| mention.possessive)
                        .map(|mention| mention.entity);
                    if let Some(accuser) = owner.or(last_accuser) {
                        found.push((subject, predicate, accuser, span));
                    }
                    continue;
                }
                let objects = self.objects_after(object_start, range.end, ends, predicate);
                for &object in &objects {
                    if self.fits(ends, subject, object) {
                        found.push((subject, predicate, object, span));
                    }
                }
                if predicate == Predicate::Accused {
                    last_accuser = Some(subject);
                }
                // "X’s meeting with Y in Z", "X hosted Y at Z": where they went.
                if matches!(predicate, Predicate::Met | Predicate::Hosted) {
                    if let Some(first) = objects
                        .first()
                        .copied()
                        .filter(|&object| self.kind_of(object) == EntityKind::Person)
                    {
                        for place in self.venue_after(object_start, range.end) {
                            if predicate == Predicate::Met {
                                found.push((subject, Predicate::Visited, place, span));
                            }
                            found.push((first, Predicate::Visited, place, span));
                        }
                    }
                }
            }
        }
        for (source, predicate, target, span) in found {
            self.push(source, predicate, target, None, span);
        }
    }

    /// The two people of "X and Y" right before a verb (titles before Y
    /// allowed: "Merz and French President Emmanuel Macron met"), when the
    /// verb has no person nor "with" after it.
    fn people_joined_before(&self, verb: usize) -> Option<(usize, usize)> {
        let object_follows = self.analysed.tokens.get(verb + 1).is_some_and(|_| {
            self.word(verb + 1) == "with"
                || self
                    .entities
                    .mention_covering(verb + 1)
                    .is_some_and(|mention| mention.kind == EntityKind::Person)
        });
        if object_follows {
            return None;
        }
        let second = self.entities.mention_ending_at(verb)?;
        let and = second.phrase_start.checked_sub(1)?;
        if second.possessive || self.word(and) != "and" {
            return None;
        }
        let first = self.entities.mention_ending_at(and)?;
        let both_people = self.kind_of(first.entity) == EntityKind::Person
            && self.kind_of(second.entity) == EntityKind::Person;
        (both_people && first.entity != second.entity && !first.possessive)
            .then_some((first.entity, second.entity))
    }

    /// The agent and the patient of a relation verb used in the passive
    /// with its agent named: "Kyiv was attacked by Russia", "Zelenskyy has
    /// been hosted by Trump", "the Houthis, who are backed by Iran",
    /// "Hezbollah, backed by Iran,". The patient is the name right before
    /// the verb (or its auxiliaries); the agent the name right after "by"
    /// (a person rather than the country of their title: "by U.S. President
    /// Joe Biden"). `None` when the verb is no such passive, or states no
    /// fact ("would be backed by").
    fn passive_ends(
        &self,
        verb: usize,
        range: std::ops::Range<usize>,
        predicate: Predicate,
    ) -> Option<(usize, usize)> {
        let word = self.word(verb);
        let takes_object = matches!(
            predicate,
            Predicate::Met
                | Predicate::Hosted
                | Predicate::Visited
                | Predicate::Accused
                | Predicate::Attacked
                | Predicate::Supports
                | Predicate::Opposes
        );
        let participle = (word.ends_with("ed") || matches!(word, "met" | "struck"))
            && !matches!(
                word,
                "launched" | "fired" | "landed" | "arrived" | "travelled" | "traveled"
            );
        let by = verb + 1;
        if !(takes_object && participle && by + 1 < range.end && self.word(by) == "by") {
            return None;
        }
        // Back over the auxiliaries and adverbs: "has also been".
        let mut first = verb;
        let mut auxiliary = false;
        while first > range.start {
            let previous = self.word(first - 1);
            if matches!(
                previous,
                "was" | "were" | "is" | "are" | "been" | "being" | "be" | "got" | "gets"
            ) {
                auxiliary = true;
            } else if !(matches!(previous, "has" | "have" | "had" | "also" | "reportedly")
                || (previous.ends_with("ly") && previous.starts_with(char::is_lowercase)))
            {
                break;
            }
            first -= 1;
        }
        let patient = if auxiliary {
            if first > range.start && is_unreal_or_negated(self.word(first - 1)) {
                return None;
            }
            let relative = first >= range.start + 2
                && matches!(self.word(first - 1), "who" | "which" | "that")
                && self.word(first - 2) == ",";
            let end = if relative { first - 2 } else { first };
            self.entities.mention_ending_at(end)?
        } else if first > range.start && self.word(first - 1) == "," {
            self.entities.mention_ending_at(first - 1)?
        } else {
            self.entities.mention_ending_at(first)?
        };
        // The name heads the subject: not "the ambassador to France".
        let governed = patient.phrase_start > range.start
            && crate::lexicon::is_preposition(self.word(patient.phrase_start - 1));
        if patient.possessive || governed {
            return None;
        }
        let agent = self.agent_after(by + 1, range.end)?;
        Some((agent, patient.entity))
    }

    /// The name at the head of the phrase starting at `start` ("the United
    /// States", "U.S. President Joe Biden": the person, not the country of
    /// the title).
    fn agent_after(&self, start: usize, end: usize) -> Option<usize> {
        let mentions = self.entities.within(start..end);
        let first = mentions.first()?;
        let head = match mentions.get(1) {
            Some(next) if next.phrase_start <= first.tokens.start => next,
            _ => first,
        };
        let determiners_only = (start..head.phrase_start.min(first.tokens.start))
            .all(|between| matches!(self.word(between), "the" | "a" | "an"));
        determiners_only.then_some(head.entity)
    }

    /// Whether a relation word states a fact: not passive ("was
    /// attacked"), not an intention or possibility ("ready to meet", "would
    /// meet", "could attack"), not a question of a relative clause
    /// ("which supports").
    fn is_factual(&self, index: usize, start: usize) -> bool {
        if index == start {
            return true;
        }
        let previous = self.word(index - 1);
        !(is_unreal_or_negated(previous)
            || matches!(
                previous,
                "was" | "were" | "been" | "being" | "be" | "is" | "are" | "which" | "that" | "no"
            ))
    }

    fn fits(&self, ends: Ends, subject: usize, object: usize) -> bool {
        match ends {
            Ends::PersonPerson => {
                self.kind_of(subject) == EntityKind::Person
                    && self.kind_of(object) == EntityKind::Person
            }
            Ends::PersonPlace => {
                self.kind_of(subject) == EntityKind::Person
                    && self.kind_of(object) == EntityKind::Place
            }
            Ends::Any => true,
        }
    }

    /// The subject of a verb: the nearest entity before it in its clause
    /// (within a few words, not across a comma), or for a participle after
    /// "after", "by" or a comma, the entity the sentence opens with.
    fn verb_subject(&self, verb: usize, range: std::ops::Range<usize>) -> Option<usize> {
        let mut index = verb;
        while index > range.start && verb - index < 7 {
            let word = self.word(index - 1);
            if word == "," && index == verb {
                // "Tim Cook, Apple's chief executive, met ...": the name
                // before an appositive. (Else "..., attacking Kyiv" is a
                // participle, read below.)
                if let Some(subject) = self.name_before_appositive(verb - 1, range.start) {
                    return Some(subject);
                }
                break;
            }
            if matches!(word, "," | ";" | ":" | "(" | ")" | "—" | "–") {
                break;
            }
            if let Some(mention) = self.entities.mention_covering(index - 1) {
                if mention.tokens.end == index && !mention.possessive {
                    return Some(mention.entity);
                }
            }
            // "X hosted Y and has also held talks with Z": the subject of a
            // second predicate is not the object of the first.
            if matches!(word, "and" | "but") {
                return None;
            }
            if matches!(word, "who" | "which" | "that") {
                // "X, who met Y": the antecedent before the comma.
                if index >= 3 && self.word(index - 2) == "," {
                    return self
                        .entities
                        .mention_ending_at(index - 2)
                        .map(|mention| mention.entity);
                }
                return None;
            }
            index -= 1;
        }
        let participle = self.word(verb).ends_with("ing");
        let introduced = verb > range.start
            && matches!(
                self.word(verb - 1),
                "after" | "by" | "," | "while" | "before"
            );
        if participle && introduced {
            return self
                .entities
                .within(range.start..verb)
                .first()
                .map(|mention| mention.entity);
        }
        None
    }

    /// The entity named right before an appositive that ends with the
    /// comma at `close`: "Tim Cook, Apple's chief executive,", "Anna
    /// Berg, the mayor,", "Karl Dunn, 42,". The appositive is a noun
    /// phrase of a few words (opened by a determiner, a possessive name or
    /// an age) and no clause.
    fn name_before_appositive(&self, close: usize, start: usize) -> Option<usize> {
        const LONGEST_APPOSITIVE: usize = 10;
        let open = (start..close)
            .rev()
            .take(LONGEST_APPOSITIVE + 1)
            .find(|&index| self.word(index) == ",")?;
        let phrase = open + 1..close;
        if phrase.is_empty() {
            return None;
        }
        let first = self.word(phrase.start);
        let age = phrase.len() == 1 && first.bytes().all(|byte| byte.is_ascii_digit());
        let owned_by_name = self
            .entities
            .mention_at_phrase_start(phrase.start)
            .is_some_and(|mention| mention.possessive);
        let noun_phrase = age || owned_by_name || crate::lexicon::is_determiner(first);
        let clause = phrase.clone().any(|index| {
            let word = self.word(index);
            matches!(word, "and" | "or" | "who" | "which" | "that" | ";" | "(")
                || self.analysed.lists(index).speech_cue().is_some()
                || relation_word(word).is_some()
        });
        if !noun_phrase || clause {
            return None;
        }
        self.entities
            .mention_ending_at(open)
            .filter(|mention| !mention.possessive)
            .map(|mention| mention.entity)
    }

    /// The owner of a relation noun: "Russia’s full-scale invasion",
    /// "Trump’s meeting", "his meeting" (the nearest person before).
    fn noun_owner(&self, noun: usize, start: usize) -> Option<usize> {
        let mut index = noun;
        while index > start && noun - index < 4 {
            let previous = index - 1;
            let word = self.word(previous);
            if matches!(word, "his" | "her") {
                return self
                    .entities
                    .within(start..previous)
                    .iter()
                    .rfind(|mention| mention.kind == EntityKind::Person)
                    .map(|mention| mention.entity);
            }
            if self.analysed.tokens[previous].kind == TokenKind::Possessive {
                return self
                    .entities
                    .mention_ending_at(previous)
                    .map(|mention| mention.entity);
            }
            // Only adjectives stand between an owner and its noun
            // ("Russia’s full-scale invasion"), not another noun phrase
            // ("Moscow’s accusation of an attack").
            if (self.analysed.tokens[previous].kind != TokenKind::Word && !matches!(word, "-"))
                || matches!(word, "of" | "a" | "an" | "the" | "and" | "or")
            {
                return None;
            }
            index -= 1;
        }
        None
    }

    /// The verb that makes a relation noun without an owner its object
    /// ("held talks with", "pledged continued support for", "imposed new
    /// sanctions on", "carried out strikes on"), with at most three
    /// lowercase words between; `None` when that verb states no fact
    /// ("would hold talks").
    fn light_verb_before(&self, noun: usize, start: usize) -> Option<usize> {
        let mut index = noun;
        while index > start && noun - index < 4 {
            let previous = index - 1;
            let word = self.word(previous);
            if LIGHT_VERBS.contains(&word) {
                return self.is_factual(previous, start).then_some(previous);
            }
            // Only modifiers stand between ("new", "continued", "its"), not
            // a preposition opening another phrase ("imposed tariffs after
            // talks with").
            let modifier = self.analysed.tokens[previous].kind == TokenKind::Word
                && word.starts_with(|first: char| first.is_lowercase())
                && !crate::lexicon::is_preposition(word)
                && !matches!(
                    word,
                    "amid" | "and" | "or" | "but" | "that" | "which" | "who"
                );
            if !modifier {
                return None;
            }
            index = previous;
        }
        None
    }

    /// Whether a projectile is named between two tokens ("fired a
    /// ballistic missile toward").
    fn projectile_between(&self, start: usize, end: usize) -> bool {
        (start..end).any(|index| PROJECTILES.contains(&self.word(index)))
    }

    /// Whether "struck" after `verb` strikes something other than a target:
    /// a deal, a tone, a blow ("struck a deal with"), or a law ("struck
    /// down").
    fn strikes_no_target(&self, verb: usize, end: usize) -> bool {
        let next = verb + 1;
        if next < end && matches!(self.word(next), "down" | "out" | "off" | "back" | "up") {
            return true;
        }
        (next..end.min(next + 4)).any(|index| STRUCK_NON_TARGETS.contains(&self.word(index)))
    }

    /// Entities after a relation word, in order, before the next clause;
    /// a possessive owner and what it owns both count ("Ukraine’s Odessa
    /// region").
    fn objects_after(
        &self,
        start: usize,
        end: usize,
        ends: Ends,
        predicate: Predicate,
    ) -> Vec<usize> {
        let window = match predicate {
            Predicate::Attacked => 14,
            _ => 6,
        };
        let mut objects = Vec::new();
        let mut after_possessive = false;
        let mut index = start;
        while index < end && index < start + window {
            let word = self.word(index);
            if matches!(
                word,
                "." | ";" | "said" | "says" | "who" | "which" | "that" | "while" | "but"
            ) {
                break;
            }
            if let Some(mention) = self.entities.mention_covering(index) {
                let fits_kind = match ends {
                    Ends::PersonPerson => mention.kind == EntityKind::Person,
                    Ends::PersonPlace => mention.kind == EntityKind::Place,
                    Ends::Any => true,
                };
                // What is attacked is the head of the object ("attacked
                // Kyiv") or where the target is ("drones against ports in
                // Odesa"), not an entity in a modifier ("a residence linked
                // to President X").
                let head_position = (start..mention.phrase_start)
                    .all(|between| matches!(self.word(between), "the" | "a" | "an"));
                let located = mention.phrase_start > start
                    && matches!(
                        self.word(mention.phrase_start - 1),
                        "in" | "on" | "at" | "against"
                    );
                let fits_kind = fits_kind
                    && (predicate != Predicate::Attacked
                        || head_position
                        || after_possessive
                        || (located && mention.kind != EntityKind::Person));
                after_possessive = fits_kind && mention.possessive;
                if fits_kind {
                    objects.push(mention.entity);
                    if !mention.possessive {
                        break;
                    }
                }
                index = mention.tokens.end;
                continue;
            }
            index += 1;
        }
        objects
    }

    /// "in Alaska", "at Mar-a-Lago": the place a meeting was held.
    /// With the place that qualifies it, if any ("at Mar-a-Lago, Florida").
    fn venue_after(&self, start: usize, end: usize) -> Vec<usize> {
        let mut index = start;
        while index + 1 < end && index < start + 12 {
            if matches!(self.word(index), "in" | "at") {
                if let Some(mention) = self.entities.mention_covering(index + 1) {
                    if mention.kind == EntityKind::Place {
                        let mut venues = vec![mention.entity];
                        let comma = mention.tokens.end;
                        if comma + 1 < end && self.word(comma) == "," {
                            if let Some(region) = self.entities.mention_covering(comma + 1) {
                                if region.kind == EntityKind::Place {
                                    venues.push(region.entity);
                                }
                            }
                        }
                        return venues;
                    }
                }
            }
            if matches!(self.word(index), "." | ";" | "after" | "before") {
                break;
            }
            index += 1;
        }
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::lists_of;

    #[test]
    fn relation_words_are_matched_in_their_own_case_only() {
        assert_eq!(
            relation_word("met"),
            Some((Predicate::Met, Ends::PersonPerson, WordClass::Verb))
        );
        assert_eq!(
            relation_word("invasion"),
            Some((Predicate::Attacked, Ends::Any, WordClass::Noun))
        );
        for other in ["Met", "meetings", "", "said"] {
            assert_eq!(relation_word(other), None, "{other}");
        }
        assert!(is_accusing_verb("alleged"));
        assert!(!is_accusing_verb("Alleged"));
    }

    #[test]
    fn relation_words_are_listed_once_and_in_the_lexicon() {
        for (index, &(word, ..)) in RELATION_WORDS.iter().enumerate() {
            assert!(
                RELATION_WORDS[..index]
                    .iter()
                    .all(|&(other, ..)| other != word),
                "{word}"
            );
            assert!(lists_of(word).contains(Lists::RELATION_WORD), "{word}");
            assert!(
                lists_of(&word.to_uppercase()).contains(Lists::RELATION_WORD),
                "{word}"
            );
        }
        for word in ACCUSING_VERBS {
            assert!(lists_of(word).contains(Lists::ACCUSING_VERB), "{word}");
        }
        assert!(!lists_of("meetings").intersects(Lists::RELATION_WORD | Lists::ACCUSING_VERB));
    }
}
