//! Relations between the entities of one document, from the closed
//! vocabulary of [`Predicate`].
//!
//! - `role`: a title phrase before a person's name with its owner ("Russian
//!   Foreign Minister Sergei Lavrov", "China’s foreign ministry spokeswoman").
//! - `located_in`: "Country’s X region", "Town, Region", places named after a
//!   gazetteer place, and a city named beside its country in one sentence.
//! - verb patterns: the nearest entity before a relation verb is its
//!   subject, the first fitting entity after it (past "with", "by phone
//!   with", "of") its object: met, spoke with, hosted, visited, accused,
//!   denied, attacked, backed, opposed; "X’s meeting with Y in Z" also says
//!   where both went.

use crate::entities::{DocumentEntities, EntityMention};
use crate::gazetteer::{gazetteer, PlaceKind};
use crate::model::{EntityKind, Predicate, Relation, Span};
use crate::text::{Analysed, TokenKind};

/// What a relation verb asks of its ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ends {
    PersonPerson,
    PersonPlace,
    Any,
}

/// Relation verbs and nouns, with the predicate they state.
fn relation_word(word: &str) -> Option<(Predicate, Ends)> {
    let entry = match word {
        "met" | "meet" | "meets" | "meeting" => (Predicate::Met, Ends::PersonPerson),
        "spoke" | "speaks" | "talked" | "talks" | "conversation" | "conversations" | "call"
        | "phoned" | "called" => (Predicate::SpokeWith, Ends::PersonPerson),
        "hosted" | "hosts" | "hosting" => (Predicate::Hosted, Ends::PersonPerson),
        "visited" | "visits" | "visiting" | "visit" | "toured" => {
            (Predicate::Visited, Ends::PersonPlace)
        }
        "accused" | "accuses" | "accusing" | "blamed" | "blames" | "blaming" | "accusation" => {
            (Predicate::Accused, Ends::Any)
        }
        "attacked" | "attacking" | "struck" | "shelled" | "bombed" | "invaded" | "invading"
        | "targeted" | "targeting" | "attack" | "attacks" | "strikes" | "invasion" => {
            (Predicate::Attacked, Ends::Any)
        }
        "supports" | "supported" | "backs" | "backed" | "backing" | "endorsed" | "endorses" => {
            (Predicate::Supports, Ends::Any)
        }
        "opposes" | "opposed" | "oppose" | "undermining" | "undermines" | "undermined"
        | "condemned" | "condemns" | "sanctioned" => (Predicate::Opposes, Ends::Any),
        "denied" | "denies" | "denying" | "rejected" | "rejects" | "rejecting" => {
            (Predicate::Denied, Ends::Any)
        }
        _ => return None,
    };
    Some(entry)
}

/// Nouns of the relation table that need "with", "on" or "against" after
/// them to mean the relation ("talks with", "attack on").
fn needs_preposition(word: &str) -> Option<&'static [&'static str]> {
    match word {
        "meeting" | "talks" | "conversation" | "conversations" | "call" | "called" | "spoke"
        | "speaks" | "talked" | "phoned" => Some(&["with", "to"]),
        "attack" | "attacks" | "strikes" | "invasion" => Some(&["on", "against", "of"]),
        _ => None,
    }
}

struct Context<'a, 'text> {
    analysed: &'a Analysed<'text>,
    entities: &'a DocumentEntities,
    relations: Vec<Relation>,
}

/// Finds the relations of a document.
pub(crate) fn find_relations(analysed: &Analysed, entities: &DocumentEntities) -> Vec<Relation> {
    let mut context = Context {
        analysed,
        entities,
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
        for (person, owner, title, span) in found {
            self.push(person, Predicate::Role, owner, Some(title), span);
        }
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
                let next_kind = self.entities.entities[next.entity]
                    .key
                    .as_deref()
                    .and_then(|key| gazetteer.place(key))
                    .map(|place| place.kind);
                let listed = next.tokens.end < self.analysed.tokens.len()
                    && matches!(self.word(next.tokens.end), "," | "and" | "or");
                if next.kind == EntityKind::Place
                    && next.tokens.start == comma + 1
                    && comma < self.analysed.tokens.len()
                    && self.word(comma) == ","
                    && matches!(
                        next_kind,
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
        // Places inside a country the gazetteer knows, when the document
        // names that country: regions and facilities anywhere in it, cities
        // in the same sentence.
        for (entity_index, entity) in self.entities.entities.iter().enumerate() {
            if entity.kind != EntityKind::Place || self.is_country(entity_index) {
                continue;
            }
            let lookup = entity
                .key
                .as_deref()
                .and_then(|key| gazetteer.place(key))
                .or_else(|| {
                    entity
                        .name
                        .split_whitespace()
                        .next()
                        .and_then(|first| gazetteer.place(first))
                });
            let Some(place) = lookup else { continue };
            let Some(country) = place.country else {
                continue;
            };
            let Some(country_entity) = self.entities.entities.iter().position(|other| {
                other.kind == EntityKind::Place && other.key.as_deref() == Some(country)
            }) else {
                continue;
            };
            if country_entity == entity_index {
                continue;
            }
            let named_by_gazetteer = entity
                .key
                .as_deref()
                .is_some_and(|key| gazetteer.place(key).is_some());
            let is_city = named_by_gazetteer && place.kind == PlaceKind::City;
            for mention in mentions
                .iter()
                .filter(|mention| mention.entity == entity_index && !self.in_furniture(mention))
            {
                let together = mentions.iter().any(|other| {
                    other.entity == country_entity && other.sentence == mention.sentence
                });
                if together || !is_city {
                    found.push((
                        entity_index,
                        country_entity,
                        self.sentence_span(mention.sentence),
                    ));
                    break;
                }
            }
        }
        for (inner, outer, span) in found {
            self.push(inner, Predicate::LocatedIn, outer, None, span);
        }
    }

    fn in_furniture(&self, mention: &EntityMention) -> bool {
        self.analysed
            .is_furniture(self.analysed.sentences[mention.sentence].paragraph)
    }

    fn is_country(&self, entity: usize) -> bool {
        self.entities.entities[entity]
            .key
            .as_deref()
            .and_then(|key| gazetteer().place(key))
            .is_some_and(|place| place.kind == PlaceKind::Country)
    }

    fn verbs(&mut self) {
        let analysed = self.analysed;
        let mut found = Vec::new();
        for (sentence_index, sentence) in analysed.sentences.iter().enumerate() {
            if analysed.is_furniture(sentence.paragraph) {
                continue;
            }
            let range = sentence.tokens.clone();
            for index in range.clone() {
                if analysed.tokens[index].kind != TokenKind::Word {
                    continue;
                }
                let word = self.word(index);
                let Some((predicate, ends)) = relation_word(word) else {
                    continue;
                };
                // Passive voice ("was attacked") reads the other way; leave it.
                if index > range.start
                    && matches!(
                        self.word(index - 1),
                        "was" | "were" | "been" | "being" | "be" | "is" | "are"
                    )
                {
                    continue;
                }
                let object_start = match needs_preposition(word) {
                    Some(prepositions) => {
                        let mut position = None;
                        for offset in 1..=4 {
                            let candidate = index + offset;
                            if candidate >= range.end {
                                break;
                            }
                            if prepositions.contains(&self.word(candidate)) {
                                position = Some(candidate + 1);
                                break;
                            }
                        }
                        match position {
                            Some(position) => position,
                            None => continue,
                        }
                    }
                    None => index + 1,
                };
                let Some(subject) = self.subject_of(index, range.clone()) else {
                    continue;
                };
                let objects = self.objects_after(object_start, range.end, ends, predicate);
                let span = sentence.span;
                for object in &objects {
                    if !self.fits(ends, subject, *object) {
                        continue;
                    }
                    let target = if predicate == Predicate::Denied {
                        // Denying "X’s claim": the denial answers X.
                        *object
                    } else {
                        *object
                    };
                    found.push((subject, predicate, target, span));
                }
                // "X’s meeting with Y in Z", "X hosted Y at Z": where they went.
                if matches!(predicate, Predicate::Met | Predicate::Hosted) {
                    if let Some(first) = objects
                        .first()
                        .copied()
                        .filter(|&object| self.kind_of(object) == EntityKind::Person)
                    {
                        if let Some(place) = self.venue_after(object_start, range.end) {
                            if predicate == Predicate::Met {
                                found.push((subject, Predicate::Visited, place, span));
                            }
                            found.push((first, Predicate::Visited, place, span));
                        }
                    }
                }
                let _ = sentence_index;
            }
        }
        for (source, predicate, target, span) in found {
            self.push(source, predicate, target, None, span);
        }
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

    /// The subject of a relation word: the owner of a possessive right
    /// before it ("Russia’s attack"), the nearest entity before it in the
    /// sentence, or the sentence's first entity for a participle.
    fn subject_of(&self, verb: usize, range: std::ops::Range<usize>) -> Option<usize> {
        let mentions = &self.entities.mentions;
        let before: Vec<&EntityMention> = mentions
            .iter()
            .filter(|mention| range.start <= mention.tokens.start && mention.tokens.end <= verb)
            .collect();
        // "his meeting with": the nearest person before, in this sentence.
        if verb > range.start && matches!(self.word(verb - 1), "his" | "her") {
            return before
                .iter()
                .rev()
                .find(|mention| mention.kind == EntityKind::Person)
                .map(|mention| mention.entity);
        }
        let nearest = before.last()?;
        // Skip over a possessive object noun phrase: "Russia’s Novgorod
        // region" before "attacked" still reads "Russia".
        let distance = verb - nearest.tokens.end;
        if distance <= 4 {
            return Some(nearest.entity);
        }
        before.first().map(|mention| mention.entity)
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
    fn venue_after(&self, start: usize, end: usize) -> Option<usize> {
        let mut index = start;
        while index + 1 < end && index < start + 12 {
            if matches!(self.word(index), "in" | "at") {
                if let Some(mention) = self.entities.mention_covering(index + 1) {
                    if mention.kind == EntityKind::Place {
                        return Some(mention.entity);
                    }
                }
            }
            if matches!(self.word(index), "." | ";" | "after" | "before") {
                break;
            }
            index += 1;
        }
        None
    }
}
