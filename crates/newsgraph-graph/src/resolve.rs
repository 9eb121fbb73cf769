//! Entity resolution: which records (one document's entity, or one entity of
//! a saved graph) name the same real-world entity.
//!
//! Resolution is a function of the set of records alone, never of their
//! order, so that building a graph at once or in parts and merging gives the
//! same entities. Records are indexed by hash keys (gazetteer key, folded
//! name, phonetic skeleton, surname, initials) and joined with a union-find;
//! there is no pairwise comparison, and each distinct name is analysed once
//! however many records hold it, so it scales to millions of records (a
//! million articles hold about nineteen million). Every join is reported as
//! a [`MergeRecord`] naming its rule.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::BuildHasher;
use std::ops::Range;

use arcstr::ArcStr;
use newsgraph_extract::EntityKind;
use petgraph::unionfind::UnionFind;
use rayon::iter::Either;
use rayon::prelude::*;

use crate::model::saturating_u32;
use crate::names;
use crate::packed::{EntityView, MentionsView, PackedEntity};
use crate::{DocumentId, Entity, Evidence, MergeRecord};
use rustc_hash::{FxHashMap as FastHashMap, FxHashSet as FastHashSet};

/// Where a record's mentions come from.
#[derive(Debug, Clone, Copy)]
pub(crate) enum RecordMentions<'a> {
    /// A document's mentions, whose surfaces show how often each name is
    /// used.
    Extracted {
        document: &'a DocumentId,
        mentions: MentionsView<'a>,
    },
    /// A saved entity, whose evidence are its mentions; surfaces are not
    /// saved, so its mentions count for its canonical name.
    Saved(&'a Entity),
}

/// One entity as a single source knows it: the unit resolution joins.
///
/// A large corpus makes tens of millions of records, so a record is where
/// its entity is (32 bytes) and its names, keys and mentions are read from
/// there when asked for, rather than copied out.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EntityRecord<'a> {
    pub kind: EntityKind,
    /// How many mentions it has (at most `u32::MAX`; only ever a size to
    /// reserve): kept in the record, so that an entity's mentions are
    /// counted without reading every one of its records' entities.
    mention_count: u32,
    source: RecordSource<'a>,
}

#[derive(Debug, Clone, Copy)]
enum RecordSource<'a> {
    Extracted {
        entity: PackedEntity<'a>,
        document: &'a DocumentId,
    },
    Saved(&'a Entity),
}

impl<'a> EntityRecord<'a> {
    /// The record of an entity of `document`'s extraction, as read.
    pub fn extracted(entity: &EntityView<'a>, document: &'a DocumentId) -> Self {
        EntityRecord {
            kind: entity.kind,
            mention_count: saturating_u32(entity.mentions().len()),
            source: RecordSource::Extracted {
                entity: entity.packed,
                document,
            },
        }
    }

    /// The record of an entity of a saved graph.
    pub fn saved(entity: &'a Entity) -> Self {
        EntityRecord {
            kind: entity.kind,
            mention_count: saturating_u32(entity.mentions.len()),
            source: RecordSource::Saved(entity),
        }
    }

    /// The source's own name for it first, then its aliases, then its
    /// keys; and, apart, its gazetteer keys alone: both read at once.
    pub fn names_and_keys_with_keys(
        &self,
    ) -> (
        impl Iterator<Item = &'a str> + 'a,
        impl Iterator<Item = &'a str> + 'a,
    ) {
        match self.source {
            RecordSource::Extracted { entity, .. } => {
                let view = entity.view();
                let names = std::iter::once(view.name)
                    .chain(view.aliases())
                    .chain(view.key);
                (Either::Left(names), Either::Left(view.key.into_iter()))
            }
            RecordSource::Saved(entity) => {
                let names = std::iter::once(&entity.name)
                    .chain(&entity.aliases)
                    .chain(&entity.keys)
                    .map(String::as_str);
                let keys = entity.keys.iter().map(String::as_str);
                (Either::Right(names), Either::Right(keys))
            }
        }
    }

    pub fn mentions(&self) -> RecordMentions<'a> {
        self.mentions_and_keys().0
    }

    /// [`Self::mentions`] and its gazetteer keys, read together.
    pub fn mentions_and_keys(
        &self,
    ) -> (
        RecordMentions<'a>,
        impl Iterator<Item = &'a str> + Clone + 'a,
    ) {
        match self.source {
            RecordSource::Extracted { entity, document } => {
                let view = entity.view();
                let mentions = RecordMentions::Extracted {
                    document,
                    mentions: view.mentions(),
                };
                (mentions, Either::Left(view.key.into_iter()))
            }
            RecordSource::Saved(entity) => (
                RecordMentions::Saved(entity),
                Either::Right(entity.keys.iter().map(String::as_str)),
            ),
        }
    }

    /// How many mentions it has, up to `u32::MAX`.
    pub fn mention_count(&self) -> usize {
        self.mention_count as usize
    }

    /// The first byte of the entity, read ahead of reading it.
    fn first_byte(&self) -> u8 {
        match self.source {
            RecordSource::Extracted { entity, .. } => entity.first_byte(),
            RecordSource::Saved(entity) => entity.name.as_bytes().first().copied().unwrap_or(0),
        }
    }

    /// Of a saved entity, the entity.
    fn saved_entity(&self) -> Option<&'a Entity> {
        match self.source {
            RecordSource::Saved(entity) => Some(entity),
            RecordSource::Extracted { .. } => None,
        }
    }

    /// How often each name is used as written, one use at a time: a
    /// document's mentions by their surfaces; a saved entity's estimated
    /// (surfaces are not saved), every alias at least once and the rest of
    /// the mentions for the canonical name.
    fn name_uses(&self, mut count: impl FnMut(&'a str, usize)) {
        match self.source {
            RecordSource::Extracted { entity, .. } => {
                let view = entity.view();
                for mention in view.mentions().iter() {
                    count(view.surface(&mention), 1);
                }
            }
            RecordSource::Saved(entity) => {
                count(entity.name.trim(), saved_name_weight(entity));
                for alias in &entity.aliases {
                    count(alias.trim(), 1);
                }
            }
        }
    }
}

/// A merge rule, as written in [`MergeRecord::rule`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Rule {
    SameKey,
    SameName,
    SpellingVariant,
    Surname,
    Acronym,
}

impl Rule {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Rule::SameKey => "same-key",
            Rule::SameName => "same-name",
            Rule::SpellingVariant => "spelling-variant",
            Rule::Surname => "surname",
            Rule::Acronym => "acronym",
        }
    }
}

/// The entities of a set of records.
#[derive(Debug, Clone, Default)]
pub(crate) struct Resolution {
    /// Sorted by id; ids are unique. Without their mentions when they were
    /// left to [`Resolution::gather_mentions`].
    pub entities: Vec<Entity>,
    /// For each entity, its records, when its mentions were left to be
    /// gathered later; else empty.
    records_of_entity: Vec<Box<[u32]>>,
    /// For each record, the index of its entity in `entities` (see
    /// [`Resolution::entity_of`]).
    entity_of_record: Vec<u32>,
    /// Every name that joined an entity through a rule, except canonical
    /// names; sorted, without duplicates.
    pub merges: Vec<MergeRecord>,
}

impl Resolution {
    /// The index in `entities` of record `record`'s entity.
    pub fn entity_of(&self, record: usize) -> usize {
        self.entity_of_record[record] as usize
    }

    /// Gives the entities `range` the mentions that [`resolve`] left
    /// ungathered, on all threads: the same mentions, in the same order,
    /// that it would have gathered itself. `records` are the records it
    /// resolved.
    pub fn gather_mentions(&mut self, records: &[EntityRecord<'_>], range: Range<usize>) {
        gather_mentions_of(
            &mut self.entities[range.clone()],
            &self.records_of_entity[range],
            records,
        );
    }

    /// Hands the entities `given` to `work` while the mentions of the
    /// entities `next`, which come after them, are gathered as
    /// [`Self::gather_mentions`] gathers them: both on all threads, so
    /// that neither waits for the other's slowest task. Returns what
    /// `work` returned.
    pub fn gather_mentions_while<R: Send>(
        &mut self,
        records: &[EntityRecord<'_>],
        given: Range<usize>,
        next: Range<usize>,
        work: impl FnOnce(&[Entity]) -> R + Send,
    ) -> R {
        // Nothing gathered at the end: the split falls after the last
        // entity handed over.
        let split = if next.is_empty() {
            given.end
        } else {
            next.start
        };
        assert!(
            given.end <= split,
            "entities are handed over before the ones gathered meanwhile"
        );
        let (before, after) = self.entities.split_at_mut(split);
        let next_entities = &mut after[..next.len()];
        let next_records = &self.records_of_entity[next];
        let given_entities = &before[given];
        let (worked, ()) = rayon::join(
            || work(given_entities),
            || gather_mentions_of(next_entities, next_records, records),
        );
        worked
    }

    /// How many records entity `entity` was resolved from, when its
    /// mentions were left ungathered (else 0): a measure of the work of
    /// gathering them.
    pub fn record_count(&self, entity: usize) -> usize {
        self.records_of_entity
            .get(entity)
            .map_or(0, |members| members.len())
    }

    /// Frees what [`Self::gather_mentions`] reads, once every entity has
    /// its mentions.
    pub fn forget_records_of_entities(&mut self) {
        self.records_of_entity = Vec::new();
    }
}

/// Gives each of `entities` the mentions of its records `records_of_entity`
/// (of `records`), on all threads.
fn gather_mentions_of(
    entities: &mut [Entity],
    records_of_entity: &[Box<[u32]>],
    records: &[EntityRecord<'_>],
) {
    entities
        .par_iter_mut()
        .zip(records_of_entity)
        .for_each(|(entity, members)| {
            entity.mentions = mentions_of(records, members);
        });
}

/// Whether [`resolve`] gathers each entity's mentions as it makes the
/// entity, or leaves them to [`Resolution::gather_mentions`], so that a
/// caller writing the entities out a few at a time never holds all of
/// them: at a million articles the mentions are ninety million pieces of
/// evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mentions {
    Gathered,
    Deferred,
}

/// What resolution needs to know about one name of a record.
struct AnalysedName<'a> {
    kind: EntityKind,
    raw: &'a str,
    /// Folded words without titles, joined by spaces: the `same-name` key.
    normalized: String,
    word_count: usize,
    /// Person names only: word skeletons joined by spaces, the
    /// `spelling-variant` key; its last word is the `surname` key.
    skeleton: String,
}

impl AnalysedName<'_> {
    fn surname_skeleton(&self) -> Option<&str> {
        self.skeleton
            .rsplit(' ')
            .next()
            .filter(|word| !word.is_empty())
    }
}

/// What resolution needs to know about one record beyond its names. (Its
/// gazetteer keys are folded only by the `same-key` rule, each distinct key
/// once: kept here, folded, they would be an allocation a record for as
/// long as the rules run.)
struct RecordTraits {
    /// A person known only by one-word names ("Berg", "Mr Berg"): such a
    /// name may belong to several people, so it joins others only through
    /// the `surname` rule or an equal one-word record.
    person_known_by_one_word: bool,
    /// Whether every name may join this record to others by `same-name`:
    /// true for places, organizations and persons known by one word.
    all_names_link: bool,
}

/// The names of every record, analysed: each distinct name once, however
/// many records hold it, since the same names recur in document after
/// document. A record's names are its own name, then its aliases and keys
/// (a gazetteer key is a name of the entity too: an entity keyed "Kyiv"
/// but only ever written "Kiev" must still meet a "Kyiv" without a key, and
/// a saved entity named after its key must link as it did before it was
/// saved), trimmed, each once, without those that have no words.
struct AnalysedRecords<'a> {
    /// Each distinct (kind, name) of the records.
    names: Vec<AnalysedName<'a>>,
    /// Indices into `names`, record after record. This list and the ones
    /// made on the way to it hold 32-bit indices (see [`small_index`]):
    /// there are tens of millions of name uses, and they are in memory
    /// beside everything extraction made.
    name_indices: Vec<u32>,
    /// Where each record's indices start in `name_indices`, and, last,
    /// where the last record's end.
    starts: Vec<u32>,
    traits: Vec<RecordTraits>,
    /// The records' gazetteer keys, as written, until the `same-key` rule
    /// has read them.
    record_keys: RecordKeys<'a>,
}

/// The gazetteer keys of the records, as written: each distinct (kind,
/// key) once, and every (key, record) pair, a record's in its own order.
#[derive(Default)]
struct RecordKeys<'a> {
    keys: Vec<KindAndName<'a>>,
    /// (index into `keys`, record).
    uses: Vec<(u32, u32)>,
}

/// `index` (of a record, a name, or a name use) as 32 bits. Resolution
/// holds 32 bytes for each record and more for each name use, so no graph
/// that fits in memory comes near 2³² of either.
fn small_index(index: usize) -> u32 {
    u32::try_from(index).expect("fewer than 2^32 records and name uses")
}

/// A name as resolution tells names apart: with the kind of what it names.
type KindAndName<'a> = (EntityKind, &'a str);

/// The distinct names are numbered in 2^6 shards, each on a thread of its
/// own; a name's shard is the top bits of its hash.
const NAME_SHARD_BITS: u32 = 6;

/// How many records' names are read together: a part of the records has a
/// table of its own distinct names, looked up while the records' text is
/// still in cache and small enough to stay there itself. (A few in the unit
/// tests, so that their records span parts.)
const RECORDS_PER_NAME_PART: usize = if cfg!(test) { 3 } else { 1 << 14 };

/// The names of one part of the records: each distinct (kind, name) once,
/// in the order first used, and each record's names as indices into them.
struct PartNames<'a> {
    /// The distinct names, with the hash shard each is numbered in.
    distinct: Vec<(KindAndName<'a>, u8)>,
    /// Record after record, its names (trimmed, each once) as indices into
    /// `distinct`.
    uses: Vec<u32>,
    /// For each record, how many of `uses` are its.
    use_counts: Vec<u32>,
    /// The distinct (kind, gazetteer key as written) of the part's records.
    keys: Vec<KindAndName<'a>>,
    /// Each record's keys as written: (index into `keys`, the record's
    /// index in the part).
    key_uses: Vec<(u32, u32)>,
}

/// Reads the names of `records`, a part of the records: see [`PartNames`].
fn part_names<'a>(records: &[EntityRecord<'a>]) -> PartNames<'a> {
    let mut index_of: FastHashMap<KindAndName<'a>, u32> = FastHashMap::default();
    let mut index_of_key: FastHashMap<KindAndName<'a>, u32> = FastHashMap::default();
    let mut part = PartNames {
        distinct: Vec::new(),
        uses: Vec::with_capacity(records.len() + records.len() / 4),
        use_counts: Vec::with_capacity(records.len()),
        keys: Vec::new(),
        key_uses: Vec::new(),
    };
    // A record's names, each once; lists are short.
    let mut seen: Vec<&'a str> = Vec::new();
    for (in_part, record) in records.iter().enumerate() {
        let kind = record.kind;
        let (names, keys) = record.names_and_keys_with_keys();
        for key in keys {
            let index = *index_of_key.entry((kind, key)).or_insert_with(|| {
                part.keys.push((kind, key));
                small_index(part.keys.len() - 1)
            });
            part.key_uses.push((index, small_index(in_part)));
        }
        seen.clear();
        for raw in names {
            let raw = raw.trim();
            if !seen.contains(&raw) {
                seen.push(raw);
            }
        }
        for raw in &seen {
            let index = *index_of.entry((kind, raw)).or_insert_with(|| {
                let hash = rustc_hash::FxBuildHasher.hash_one((kind, *raw));
                let shard = (hash >> (u64::BITS - NAME_SHARD_BITS)) as u8;
                part.distinct.push(((kind, raw), shard));
                small_index(part.distinct.len() - 1)
            });
            part.uses.push(index);
        }
        part.use_counts.push(small_index(seen.len()));
    }
    part
}

/// The gazetteer keys of the records whose names are `parts`, part after
/// part.
fn gather_record_keys<'a>(parts: &[PartNames<'a>], records_per_part: usize) -> RecordKeys<'a> {
    // A gazetteer's keys are far fewer than the records that name them:
    // each part's distinct keys are numbered among all in turn.
    let mut index_of: FastHashMap<KindAndName<'a>, u32> = FastHashMap::default();
    let mut keys: Vec<KindAndName<'a>> = Vec::new();
    let global_of_local: Vec<Vec<u32>> = parts
        .iter()
        .map(|part| {
            part.keys
                .iter()
                .map(|key| {
                    *index_of.entry(*key).or_insert_with(|| {
                        keys.push(*key);
                        small_index(keys.len() - 1)
                    })
                })
                .collect()
        })
        .collect();
    let uses = parts
        .par_iter()
        .zip(&global_of_local)
        .enumerate()
        .flat_map_iter(|(part_index, (part, globals))| {
            let first_record = part_index * records_per_part;
            part.key_uses.iter().map(move |(key, in_part)| {
                (
                    globals[*key as usize],
                    small_index(first_record + *in_part as usize),
                )
            })
        })
        .collect();
    RecordKeys { keys, uses }
}

/// The names of every record, analysed: see [`AnalysedRecords`].
fn analyse_records<'a>(records: &[EntityRecord<'a>]) -> AnalysedRecords<'a> {
    analyse_records_in_parts(records, RECORDS_PER_NAME_PART)
}

/// [`analyse_records`], reading the names of `records_per_part` records
/// at a time: the same analysis, whatever the number.
fn analyse_records_in_parts<'a>(
    records: &[EntityRecord<'a>],
    records_per_part: usize,
) -> AnalysedRecords<'a> {
    let parts: Vec<PartNames<'a>> = records
        .par_chunks(records_per_part)
        .map(part_names)
        .collect();

    // The distinct names of all parts, numbered: shard after shard, each
    // shard's names in the order first used, record after record. Each
    // shard on a thread of its own, its names found in every part in turn,
    // so that the numbering does not depend on the threads.
    let shard_count = 1usize << NAME_SHARD_BITS;
    let local_indices_of_shard: Vec<Vec<Vec<u32>>> = parts
        .par_iter()
        .map(|part| {
            let mut of_shard = vec![Vec::new(); shard_count];
            for (local, (_, shard)) in part.distinct.iter().enumerate() {
                of_shard[usize::from(*shard)].push(small_index(local));
            }
            of_shard
        })
        .collect();
    // Per shard: its distinct names, and the shard's number of each part's
    // names in it, in the order of `local_indices_of_shard`.
    let shards: Vec<(Vec<KindAndName<'a>>, Vec<u32>)> = (0..shard_count)
        .into_par_iter()
        .map(|shard| {
            let mut index_of: FastHashMap<KindAndName<'a>, u32> = FastHashMap::default();
            let mut distinct: Vec<KindAndName<'a>> = Vec::new();
            let mut numbers = Vec::new();
            for (part, of_shard) in parts.iter().zip(&local_indices_of_shard) {
                for local in &of_shard[shard] {
                    let name = part.distinct[*local as usize].0;
                    numbers.push(*index_of.entry(name).or_insert_with(|| {
                        distinct.push(name);
                        small_index(distinct.len() - 1)
                    }));
                }
            }
            (distinct, numbers)
        })
        .collect();
    // Each part's local indices, as indices into the distinct names of all.
    let mut global_of_local: Vec<Vec<u32>> = parts
        .iter()
        .map(|part| vec![0; part.distinct.len()])
        .collect();
    let mut distinct_names: Vec<KindAndName<'a>> = Vec::new();
    for (shard, (distinct, numbers)) in shards.into_iter().enumerate() {
        let offset = small_index(distinct_names.len());
        let mut numbers = numbers.into_iter();
        for (globals, of_shard) in global_of_local.iter_mut().zip(&local_indices_of_shard) {
            for (local, number) in of_shard[shard].iter().zip(&mut numbers) {
                globals[*local as usize] = offset + number;
            }
        }
        distinct_names.extend(distinct);
    }
    drop(local_indices_of_shard);
    let record_keys = gather_record_keys(&parts, records_per_part);

    let names: Vec<AnalysedName<'a>> = distinct_names
        .par_iter()
        .map(|(kind, raw)| {
            let (normalized, word_count) = names::normalized_name(raw, *kind);
            let skeleton = if *kind == EntityKind::Person && word_count > 0 {
                names::person_skeleton(&normalized)
            } else {
                String::new()
            };
            AnalysedName {
                kind: *kind,
                raw,
                normalized,
                word_count,
                skeleton,
            }
        })
        .collect();

    // Each record's names with words, as indices into `names`, part after
    // part.
    let indexed_parts: Vec<(Vec<u32>, Vec<u32>)> = parts
        .par_iter()
        .zip(&global_of_local)
        .map(|(part, globals)| {
            let mut indices = Vec::with_capacity(part.uses.len());
            let mut counts = Vec::with_capacity(part.use_counts.len());
            let mut uses = part.uses.iter();
            for count in &part.use_counts {
                let before = indices.len();
                for local in uses.by_ref().take(*count as usize) {
                    let name = globals[*local as usize];
                    if names[name as usize].word_count > 0 {
                        indices.push(name);
                    }
                }
                counts.push(small_index(indices.len() - before));
            }
            (indices, counts)
        })
        .collect();
    drop(parts);
    drop(global_of_local);
    let mut name_indices: Vec<u32> =
        Vec::with_capacity(indexed_parts.iter().map(|(indices, _)| indices.len()).sum());
    let mut starts: Vec<u32> = Vec::with_capacity(records.len() + 1);
    for (indices, counts) in indexed_parts {
        let mut start = small_index(name_indices.len());
        for count in counts {
            starts.push(start);
            start += count;
        }
        name_indices.extend(indices);
    }
    starts.push(small_index(name_indices.len()));

    let mut analysed = AnalysedRecords {
        names,
        name_indices,
        starts,
        traits: Vec::new(),
        record_keys,
    };
    analysed.traits = records
        .par_iter()
        .enumerate()
        .map(|(index, record)| {
            let person_known_by_one_word = record.kind == EntityKind::Person
                && analysed.names_of(index).all(|name| name.word_count <= 1);
            RecordTraits {
                all_names_link: record.kind != EntityKind::Person || person_known_by_one_word,
                person_known_by_one_word,
            }
        })
        .collect();
    analysed
}

impl<'a> AnalysedRecords<'a> {
    /// A record's names, in the order described on the type.
    fn names_of(&self, record: usize) -> impl Iterator<Item = &AnalysedName<'a>> + '_ {
        self.name_indices_of(record).map(|name| &self.names[name])
    }

    /// A record's names as indices into `names`.
    fn name_indices_of(&self, record: usize) -> impl Iterator<Item = usize> + '_ {
        let (start, end) = (self.starts[record], self.starts[record + 1]);
        self.name_indices[start as usize..end as usize]
            .iter()
            .map(|name| *name as usize)
    }

    fn traits_of(&self, record: usize) -> &RecordTraits {
        &self.traits[record]
    }

    /// The names (as indices into `names`) that may join a record to others
    /// by `same-name` and `spelling-variant`: for a person with a full name,
    /// only its multi-word names, since its one-word names ("Berg") may be
    /// shared with relatives or namesakes.
    fn linking_name_indices(&self, record: usize) -> impl Iterator<Item = usize> + '_ {
        let all_names_link = self.traits[record].all_names_link;
        self.name_indices_of(record)
            .filter(move |name| all_names_link || self.names[*name].word_count > 1)
    }
}

/// A name that joined an entity, waiting for the entity's id.
struct PendingMerge<'a> {
    record: usize,
    alias: &'a str,
    rule: Rule,
}

/// Resolves records into entities.
pub(crate) fn resolve(records: &[EntityRecord<'_>], mentions: Mentions) -> Resolution {
    let mut analysed = analyse_records(records);
    // Of 32-bit indices, like the clusters made from it: a record's place in
    // them is taken for every one of tens of millions of records.
    let mut union_find = UnionFind::<u32>::new(records.len());
    let mut pending: Vec<PendingMerge<'_>> = Vec::new();

    // The rules that look at two records alone. The keys are read once,
    // and freed once read.
    let record_keys = std::mem::take(&mut analysed.record_keys);
    let entries = key_entries(record_keys, &analysed);
    join_by_rule(
        Rule::SameKey,
        entries,
        &analysed,
        &mut union_find,
        &mut pending,
    );
    for rule in [Rule::SameName, Rule::SpellingVariant] {
        let entries = name_entries(rule, &analysed, records.len());
        join_by_rule(rule, entries, &analysed, &mut union_find, &mut pending);
    }

    // The surname and acronym rules ask "is there exactly one entity with
    // this surname / these initials?"; they ask it of the entities the
    // direct rules made, all at once, so that their answer does not depend
    // on the order of joins.
    let clusters = Clusters::new(&union_find, records.len());
    let (planned_surnames, planned_acronyms) = rayon::join(
        || plan_surname_joins(records, &analysed, &clusters),
        || plan_acronym_joins(records, &analysed, &clusters),
    );
    for plan in planned_surnames.into_iter().chain(planned_acronyms) {
        union_find.union(
            small_index(plan.from_cluster),
            small_index(plan.into_record),
        );
        pending.extend(plan.aliases);
    }
    // Only the rules ask about the records' traits; the entities are made
    // from their names. Freed here, before the entities' mentions are
    // gathered, when resolution's memory is at its most.
    analysed.traits = Vec::new();

    build_entities(records, &analysed, &union_find, pending, mentions)
}

/// One index entry of one record under one rule: the number of the key
/// (records of one kind with equal keys, and only they, share a number),
/// the record, and the index of the name that gave it. Entries are handed
/// to [`join_by_rule`] ordered by key, then record, so that a key's records
/// are neighbours; the order does not depend on the threads. Of 32-bit
/// indices, 12 bytes: a rule's entries are one for each of tens of
/// millions of name uses, made while resolution holds the most memory.
type IndexEntry = (u32, u32, u32);

/// Joins all records of one kind that share an index key of `rule`, and
/// notes the names that joined (see [`note_joined_names`]). `entries` are
/// the rule's index ([`key_entries`], [`name_entries`]).
///
/// Keys are numbered first, so that the entries sorted are of integers,
/// not text; the entries of every record are made and sorted on all
/// threads. Only the unions are made one at a time.
fn join_by_rule<'a>(
    rule: Rule,
    entries: Vec<IndexEntry>,
    analysed: &AnalysedRecords<'a>,
    union_find: &mut UnionFind<u32>,
    pending: &mut Vec<PendingMerge<'a>>,
) {
    // The groups of entries with one key held by more than one record.
    let shared_groups: Vec<&[IndexEntry]> = entries
        .chunk_by(|left, right| left.0 == right.0)
        // Sorted by record within the group: several records if the last
        // differs from the first.
        .filter(|group| group[group.len() - 1].1 != group[0].1)
        .collect();
    // The unions are made one at a time while the joined names are noted
    // on the other threads.
    let join_groups = || {
        for group in &shared_groups {
            for pair in group.windows(2) {
                union_find.union(pair[0].1, pair[1].1);
            }
        }
    };
    let note_names = || -> Vec<PendingMerge<'a>> {
        shared_groups
            .par_iter()
            .flat_map_iter(|group| {
                let members: Vec<(usize, &'a str)> = group
                    .iter()
                    .map(|(_, record, name)| (*record as usize, analysed.names[*name as usize].raw))
                    .collect();
                let mut noted = Vec::new();
                note_joined_names(&members, rule, &mut noted);
                noted
            })
            .collect()
    };
    let ((), noted) = rayon::join(join_groups, note_names);
    pending.extend(noted);
}

/// `same-key` entries, by key then record (a record's names in its own
/// order): every name of a record under each of its gazetteer keys
/// (`record_keys`), folded, without empty ones.
fn key_entries(record_keys: RecordKeys<'_>, analysed: &AnalysedRecords<'_>) -> Vec<IndexEntry> {
    // Each distinct key as written is folded once. The folded keys are
    // numbered in the order of (kind, hash, folded key).
    let RecordKeys { keys, uses } = record_keys;
    let folded: Vec<(EntityKind, u64, String)> = keys
        .par_iter()
        .map(|(kind, key)| {
            let folded = newsgraph_extract::fold_name(key);
            let hash = rustc_hash::FxBuildHasher.hash_one(folded.as_str());
            (*kind, hash, folded)
        })
        .collect();
    let mut by_folded: Vec<usize> = (0..folded.len())
        .filter(|key| !folded[*key].2.is_empty())
        .collect();
    by_folded.par_sort_unstable_by(|left, right| folded[*left].cmp(&folded[*right]));
    let mut number_of_key = vec![u32::MAX; keys.len()];
    for (number, run) in by_folded
        .chunk_by(|left, right| folded[*left] == folded[*right])
        .enumerate()
    {
        for key in run {
            number_of_key[*key] = small_index(number);
        }
    }
    drop(by_folded);
    drop(folded);
    // A record counts once under a folded key, however many of its keys
    // fold to it.
    let mut numbered: Vec<(u32, u32)> = uses
        .par_iter()
        .filter_map(|(key, record)| {
            let number = number_of_key[*key as usize];
            (number != u32::MAX).then_some((number, *record))
        })
        .collect();
    drop(uses);
    numbered.par_sort_unstable();
    numbered.dedup();
    // Already by key, then record.
    numbered
        .par_iter()
        .flat_map_iter(|(number, record)| {
            analysed
                .name_indices_of(*record as usize)
                .map(move |name| (*number, *record, small_index(name)))
        })
        .collect()
}

/// `same-name` or `spelling-variant` entries, sorted: a record's linking
/// names ([`AnalysedRecords::linking_name_indices`]) under their folded
/// form or their skeleton.
fn name_entries(
    rule: Rule,
    analysed: &AnalysedRecords<'_>,
    record_count: usize,
) -> Vec<IndexEntry> {
    fn key_of<'n>(rule: Rule, name: &'n AnalysedName<'_>) -> Option<&'n str> {
        match rule {
            Rule::SameName => Some(name.normalized.as_str()),
            _ => Some(name.skeleton.as_str()).filter(|skeleton| !skeleton.is_empty()),
        }
    }
    // Each distinct name's key, numbered: the names sorted by key, and a
    // number for each run of equal keys. Names are far fewer than records.
    let mut by_key: Vec<usize> = (0..analysed.names.len())
        .filter(|name| key_of(rule, &analysed.names[*name]).is_some())
        .collect();
    let sort_key = |name: &usize| {
        let name = &analysed.names[*name];
        (name.kind, key_of(rule, name))
    };
    by_key.par_sort_unstable_by(|left, right| sort_key(left).cmp(&sort_key(right)));
    let mut number_of_name = vec![u32::MAX; analysed.names.len()];
    for (number, group) in by_key
        .chunk_by(|left, right| sort_key(left) == sort_key(right))
        .enumerate()
    {
        for name in group {
            number_of_name[*name] = small_index(number);
        }
    }
    drop(by_key);
    let mut entries: Vec<IndexEntry> = (0..record_count)
        .into_par_iter()
        .flat_map_iter(|record| {
            let number_of_name = &number_of_name;
            analysed
                .linking_name_indices(record)
                .filter(move |name| number_of_name[*name] != u32::MAX)
                .map(move |name| (number_of_name[name], small_index(record), small_index(name)))
        })
        .collect();
    entries.par_sort_unstable();
    entries
}

/// Notes the names of one group of records that share a key: a name is
/// noted when some other record of the group lacks it, so that a name every
/// record already had (the same graph merged twice, "Anna Berg" read in two
/// documents) is not reported as a merge. For `spelling-variant`, names are
/// noted only when the group holds two different folded names (a spelling
/// variant, not the name itself seen twice).
fn note_joined_names<'a>(
    members: &[(usize, &'a str)],
    rule: Rule,
    pending: &mut Vec<PendingMerge<'a>>,
) {
    if rule == Rule::SpellingVariant {
        let distinct: FastHashSet<String> = members
            .iter()
            .map(|(_, alias)| newsgraph_extract::fold_name(alias))
            .collect();
        if distinct.len() < 2 {
            return;
        }
    }
    let record_count = members
        .iter()
        .map(|(record, _)| *record)
        .collect::<FastHashSet<usize>>()
        .len();
    let mut records_with_alias: FastHashMap<&str, FastHashSet<usize>> = FastHashMap::default();
    for (record, alias) in members {
        records_with_alias.entry(alias).or_default().insert(*record);
    }
    pending.extend(
        members
            .iter()
            .filter(|(_, alias)| {
                records_with_alias
                    .get(alias)
                    .is_some_and(|holders| holders.len() < record_count)
            })
            .map(|(record, alias)| PendingMerge {
                record: *record,
                alias,
                rule,
            }),
    );
}

/// The records of each entity the union-find currently describes, frozen.
struct Clusters {
    /// For each record, its cluster's representative record.
    representative: Vec<u32>,
    /// Records sorted by representative, and where each cluster starts.
    ordered_records: Vec<usize>,
    /// For each representative record, its cluster's range in
    /// `ordered_records` (an empty range for the other records).
    range_of: Vec<(u32, u32)>,
}

impl Clusters {
    fn new(union_find: &UnionFind<u32>, count: usize) -> Self {
        // Found on all threads; union by rank keeps the paths short.
        let representative: Vec<u32> = (0..count)
            .into_par_iter()
            .map(|record| union_find.find(small_index(record)))
            .collect();
        // Records placed by a counting sort on their representative: each
        // cluster's range is known from the sizes, and records placed in
        // increasing order are in order within their cluster.
        let mut range_of = vec![(0, 0); count];
        for cluster in &representative {
            range_of[*cluster as usize].1 += 1;
        }
        let mut begin = 0;
        for range in range_of.iter_mut() {
            let size = range.1;
            *range = (begin, begin);
            begin += size;
        }
        let mut ordered_records = vec![0; count];
        for (record, cluster) in representative.iter().enumerate() {
            let range = &mut range_of[*cluster as usize];
            ordered_records[range.1 as usize] = record;
            range.1 += 1;
        }
        Clusters {
            representative,
            ordered_records,
            range_of,
        }
    }

    fn members(&self, cluster: usize) -> &[usize] {
        match self.range_of.get(cluster) {
            Some((begin, end)) => &self.ordered_records[*begin as usize..*end as usize],
            None => &[],
        }
    }

    fn representatives(&self) -> impl Iterator<Item = usize> + '_ {
        // A representative is its own representative.
        (0..self.representative.len())
            .filter(|record| self.representative[*record] as usize == *record)
    }

    /// The representative record of `record`'s cluster.
    fn representative_of(&self, record: usize) -> usize {
        self.representative[record] as usize
    }
}

/// A join decided by the surname or acronym rule.
struct PlannedJoin<'a> {
    from_cluster: usize,
    into_record: usize,
    aliases: Vec<PendingMerge<'a>>,
}

/// `surname`: a person known only by one word joins the one person with a
/// full name whose last word has that skeleton, if exactly one has.
fn plan_surname_joins<'a>(
    records: &[EntityRecord<'a>],
    analysed: &AnalysedRecords<'a>,
    clusters: &Clusters,
) -> Vec<PlannedJoin<'a>> {
    let mut clusters_by_surname: FastHashMap<&str, FastHashSet<usize>> = FastHashMap::default();
    for (index, record) in records.iter().enumerate() {
        if record.kind != EntityKind::Person {
            continue;
        }
        for name in analysed.names_of(index) {
            if name.word_count < 2 {
                continue;
            }
            if let Some(surname) = name.surname_skeleton() {
                clusters_by_surname
                    .entry(surname)
                    .or_default()
                    .insert(clusters.representative_of(index));
            }
        }
    }
    let mut plans = Vec::new();
    for cluster in clusters.representatives() {
        let members = clusters.members(cluster);
        let known_by_one_word = members.iter().all(|record| {
            records[*record].kind == EntityKind::Person
                && analysed.traits_of(*record).person_known_by_one_word
        });
        if !known_by_one_word {
            continue;
        }
        let mut candidates: FastHashSet<usize> = FastHashSet::default();
        let mut aliases = Vec::new();
        for record in members {
            for name in analysed.names_of(*record) {
                let Some(word) = name.surname_skeleton() else {
                    continue;
                };
                if let Some(found) = clusters_by_surname.get(word) {
                    candidates.extend(found);
                    aliases.push(PendingMerge {
                        record: *record,
                        alias: name.raw,
                        rule: Rule::Surname,
                    });
                }
            }
        }
        // Two people share the surname ("Anna Berg" and "Karl Berg"): the
        // one-word name could be either, so it stays on its own.
        if let (1, Some(into)) = (candidates.len(), candidates.iter().next()) {
            plans.push(PlannedJoin {
                from_cluster: cluster,
                into_record: *into,
                aliases,
            });
        }
    }
    plans
}

/// `acronym`: an organization's all-capitals name ("NATO") joins the one
/// organization whose capitalised words' initials spell it, if exactly one
/// does.
fn plan_acronym_joins<'a>(
    records: &[EntityRecord<'a>],
    analysed: &AnalysedRecords<'a>,
    clusters: &Clusters,
) -> Vec<PlannedJoin<'a>> {
    let mut clusters_by_initials: FastHashMap<String, FastHashSet<usize>> = FastHashMap::default();
    let mut has_acronym: Vec<usize> = Vec::new();
    for (index, record) in records.iter().enumerate() {
        if record.kind != EntityKind::Organization {
            continue;
        }
        for name in analysed.names_of(index) {
            if name.word_count >= 2 {
                if let Some(initials) = names::organization_initials(name.raw) {
                    clusters_by_initials
                        .entry(initials)
                        .or_default()
                        .insert(clusters.representative_of(index));
                }
            } else if names::acronym(name.raw).is_some() {
                has_acronym.push(index);
            }
        }
    }
    let clusters_with_acronyms: BTreeSet<usize> = has_acronym
        .iter()
        .map(|record| clusters.representative_of(*record))
        .collect();
    let mut plans = Vec::new();
    for cluster in clusters_with_acronyms {
        let mut candidates: FastHashSet<usize> = FastHashSet::default();
        let mut aliases = Vec::new();
        for record in clusters.members(cluster) {
            if records[*record].kind != EntityKind::Organization {
                continue;
            }
            for name in analysed.names_of(*record) {
                let Some(letters) = names::acronym(name.raw) else {
                    continue;
                };
                if name.word_count != 1 {
                    continue;
                }
                if let Some(found) = clusters_by_initials.get(&letters) {
                    candidates.extend(found);
                    aliases.push(PendingMerge {
                        record: *record,
                        alias: name.raw,
                        rule: Rule::Acronym,
                    });
                }
            }
        }
        // If the acronym's own entity is among the candidates it already
        // has its full name; if two others are, it could be either.
        if let (1, Some(into)) = (candidates.len(), candidates.iter().next()) {
            if *into != cluster {
                plans.push(PlannedJoin {
                    from_cluster: cluster,
                    into_record: *into,
                    aliases,
                });
            }
        }
    }
    plans
}

/// How many clusters one task drafts at most, so that the threads can share
/// out the work to its end: a cluster's work grows with its records, from
/// one to hundreds of thousands.
const CLUSTERS_PER_TASK: usize = 64;

/// One resolved entity before its id is known.
struct EntityDraft {
    kind: EntityKind,
    name: String,
    /// Every name including the canonical one, sorted, without duplicates.
    names: Vec<String>,
    /// Sorted, without duplicates.
    keys: Vec<String>,
    /// Sorted, without duplicates.
    mentions: Vec<Evidence>,
    records: Vec<u32>,
}

fn build_entities<'a>(
    records: &[EntityRecord<'a>],
    analysed: &AnalysedRecords<'a>,
    union_find: &UnionFind<u32>,
    pending: Vec<PendingMerge<'a>>,
    mentions: Mentions,
) -> Resolution {
    let clusters = Clusters::new(union_find, records.len());
    let representatives: Vec<usize> = clusters.representatives().collect();
    // A few clusters a task: the entities seen first (countries, the names
    // every article repeats) have the lowest representatives and the most
    // records, and left in one long run they would keep one thread busy
    // while the other, its share done, had nothing left to take.
    let mut drafts: Vec<EntityDraft> = representatives
        .par_iter()
        .with_max_len(CLUSTERS_PER_TASK)
        .map(|cluster| draft_entity(records, analysed, clusters.members(*cluster), mentions))
        .collect();

    // Ids: the slug of the canonical name; entities whose slugs collide are
    // ordered by everything they hold, so the suffixes do not depend on
    // input order.
    let base_ids: Vec<String> = drafts.par_iter().map(base_id).collect();
    if mentions == Mentions::Deferred {
        // Entities whose slugs collide are ordered by their mentions too.
        gather_mentions_of_colliding_drafts(records, &base_ids, &mut drafts);
    }
    let mut order: Vec<usize> = (0..drafts.len()).collect();
    order.par_sort_by(|left, right| {
        let signature = |index: usize| {
            let draft = &drafts[index];
            (
                &base_ids[index],
                &draft.name,
                &draft.names,
                &draft.keys,
                &draft.mentions,
            )
        };
        signature(*left).cmp(&signature(*right))
    });
    let mut used: FastHashSet<String> =
        FastHashSet::with_capacity_and_hasher(drafts.len(), Default::default());
    let mut ids = vec![String::new(); drafts.len()];
    for index in order {
        let base = &base_ids[index];
        let mut id = base.clone();
        let mut suffix = 2;
        while used.contains(&id) {
            id = format!("{base}-{suffix}");
            suffix += 1;
        }
        used.insert(id.clone());
        ids[index] = id;
    }

    let mut by_id: Vec<usize> = (0..drafts.len()).collect();
    by_id.par_sort_by(|left, right| ids[*left].cmp(&ids[*right]));
    let mut entity_of_record = vec![0; records.len()];
    let mut entities = Vec::with_capacity(drafts.len());
    let mut records_of_entity = Vec::new();
    if mentions == Mentions::Deferred {
        records_of_entity.reserve_exact(drafts.len());
    }
    for (position, draft_index) in by_id.iter().enumerate() {
        let draft = &mut drafts[*draft_index];
        for record in &draft.records {
            entity_of_record[*record as usize] = small_index(position);
        }
        if mentions == Mentions::Deferred {
            records_of_entity.push(std::mem::take(&mut draft.records).into_boxed_slice());
            // Gathered again with everyone else's, so that every entity
            // has its mentions the same way.
            draft.mentions = Vec::new();
        }
        let name = std::mem::take(&mut draft.name);
        let aliases = std::mem::take(&mut draft.names)
            .into_iter()
            .filter(|alias| *alias != name)
            .collect();
        entities.push(Entity {
            id: ArcStr::from(std::mem::take(&mut ids[*draft_index])),
            kind: draft.kind,
            name,
            aliases,
            keys: std::mem::take(&mut draft.keys),
            mentions: std::mem::take(&mut draft.mentions),
        });
    }

    // Many records report the same name; deduplicate before allocating.
    let mut merge_keys: Vec<(usize, &str, Rule)> = pending
        .into_iter()
        .filter(|merge| !is_derived_saved_name(&records[merge.record], merge.alias))
        .map(|merge| {
            (
                entity_of_record[merge.record] as usize,
                merge.alias.trim(),
                merge.rule,
            )
        })
        .filter(|(entity, alias, _)| !alias.is_empty() && *alias != entities[*entity].name)
        .collect();
    merge_keys.par_sort_unstable();
    merge_keys.dedup();
    // Entities are sorted by id, so this order is the saved order
    // (entity, alias, rule) once rules are compared by name.
    let mut merges: Vec<MergeRecord> = merge_keys
        .into_iter()
        .map(|(entity, alias, rule)| MergeRecord {
            entity: entities[entity].id.clone(),
            alias: alias.to_string(),
            rule: rule.as_str().to_string(),
        })
        .collect();
    merges.sort_unstable();

    Resolution {
        entities,
        records_of_entity,
        entity_of_record,
        merges,
    }
}

/// Gathers the mentions of the drafts whose base ids are shared with
/// another draft's: what orders them when their suffixes are given.
fn gather_mentions_of_colliding_drafts(
    records: &[EntityRecord<'_>],
    base_ids: &[String],
    drafts: &mut [EntityDraft],
) {
    let mut by_base_id: Vec<usize> = (0..drafts.len()).collect();
    by_base_id.par_sort_unstable_by(|left, right| base_ids[*left].cmp(&base_ids[*right]));
    for run in by_base_id.chunk_by(|left, right| base_ids[*left] == base_ids[*right]) {
        if run.len() > 1 {
            for draft in run {
                let draft = &mut drafts[*draft];
                draft.mentions = mentions_of(records, &draft.records);
            }
        }
    }
}

/// The mentions of the records `members`, sorted, without duplicates: an
/// entity's mentions, as [`draft_entity`] gathers them.
///
/// An entity named in most of a large corpus's documents has millions of
/// mentions: its records are read, and its mentions sorted, on all
/// threads, so that the other threads do not wait for it alone.
fn mentions_of(records: &[EntityRecord<'_>], members: &[u32]) -> Vec<Evidence> {
    mentions_of_in_parts(records, members, MEMBERS_GATHERED_IN_PARALLEL)
}

/// [`mentions_of`], gathered on all threads in parts of a quarter of
/// `parallel_from` records when there are at least that many.
fn mentions_of_in_parts(
    records: &[EntityRecord<'_>],
    members: &[u32],
    parallel_from: usize,
) -> Vec<Evidence> {
    let mut mentions = Vec::new();
    if members.len() < parallel_from {
        push_mentions_of(records, members, &mut mentions);
        mentions.sort_unstable();
    } else {
        let parts: Vec<Vec<Evidence>> = members
            .par_chunks(parallel_from.div_ceil(4))
            .map(|part| {
                let mut part_mentions = Vec::new();
                push_mentions_of(records, part, &mut part_mentions);
                part_mentions
            })
            .collect();
        mentions.reserve_exact(parts.iter().map(Vec::len).sum());
        for part in parts {
            mentions.extend(part);
        }
        mentions.par_sort_unstable();
    }
    mentions.dedup();
    // Room grown for many blocks of records is given back: a graph held
    // whole keeps every entity's mentions.
    if mentions.capacity() > mentions.len() + mentions.len() / 8 {
        mentions.shrink_to_fit();
    }
    mentions
}

/// How many records an entity has before its mentions are gathered on all
/// threads.
const MEMBERS_GATHERED_IN_PARALLEL: usize = 16_384;

/// Appends the mentions of the records `members` to `mentions`. The
/// records are read a block at a time, each block's first bytes read ahead
/// as [`read_ahead`] reads them, so that their cache misses are waited for
/// together; the room for a block's mentions is made as its records are
/// read (most entities have one block, and get just the room they need).
fn push_mentions_of(records: &[EntityRecord<'_>], members: &[u32], mentions: &mut Vec<Evidence>) {
    for block in members.chunks(READ_AHEAD) {
        let mut read = 0usize;
        let mut block_count = 0;
        for record in block {
            let record = &records[*record as usize];
            read = read.wrapping_add(usize::from(record.first_byte()));
            block_count += record.mention_count();
        }
        mentions.reserve(block_count);
        let block_mentions: [Option<RecordMentions<'_>>; READ_AHEAD] =
            std::array::from_fn(|index| {
                block
                    .get(index)
                    .map(|record| records[*record as usize].mentions())
            });
        // The document id too: each piece of evidence shares it, and taking
        // a share reads the id's count, as far from the record as its
        // mentions are.
        for record_mentions in block_mentions.iter().flatten() {
            if let RecordMentions::Extracted { mentions, document } = record_mentions {
                let document_byte = document.as_bytes().first().copied().unwrap_or(0);
                read = read
                    .wrapping_add(usize::from(mentions.first_byte()))
                    .wrapping_add(usize::from(document_byte));
            }
        }
        // Used, so that the reads are made.
        std::hint::black_box(read);
        for record_mentions in block_mentions.iter().flatten() {
            push_mentions(record_mentions, mentions);
        }
    }
}

/// Appends a record's mentions to `mentions`.
fn push_mentions(record_mentions: &RecordMentions<'_>, mentions: &mut Vec<Evidence>) {
    match record_mentions {
        RecordMentions::Extracted {
            document,
            mentions: extracted,
        } => {
            for mention in extracted.iter() {
                mentions.push(Evidence::new(*document, mention.span));
            }
        }
        RecordMentions::Saved(saved) => mentions.extend(saved.mentions.iter().cloned()),
    }
}

/// Whether `name` is a saved entity's canonical name that was made from one
/// of its aliases ("Berg" from "Mr Berg") rather than read in a document:
/// such a name did not join anything itself, its alias did, and reporting
/// it would make a merge of saved graphs differ from building at once.
fn is_derived_saved_name(record: &EntityRecord<'_>, name: &str) -> bool {
    let Some(saved) = record.saved_entity() else {
        return false;
    };
    let name = name.trim();
    saved.name.trim() == name
        && saved
            .aliases
            .iter()
            .any(|alias| alias.trim() != name && names::display_name(alias, record.kind) == name)
}

fn base_id(draft: &EntityDraft) -> String {
    let slug = newsgraph_extract::slug(&draft.name);
    let slug = if slug.is_empty() {
        "unnamed".to_string()
    } else {
        slug
    };
    format!("{}:{}", draft.kind.as_str(), slug)
}

fn draft_entity<'a>(
    records: &[EntityRecord<'a>],
    analysed: &AnalysedRecords<'a>,
    members: &[usize],
    gather: Mentions,
) -> EntityDraft {
    let kind = records[members[0]].kind;
    let mut names_seen: Vec<&'a str> = Vec::new();
    let mut keys: Vec<&'a str> = Vec::new();
    // Sized once: an entity's list of mentions is kept for the life of the
    // graph, and grown a step at a time it would keep a third again as
    // much room as it uses.
    let mention_count = match gather {
        Mentions::Gathered => members
            .iter()
            .map(|record| records[*record].mention_count())
            .sum(),
        Mentions::Deferred => 0,
    };
    let mut mentions: Vec<Evidence> = Vec::with_capacity(mention_count);
    // How strongly each key is attested, to name a place or organization
    // after its best key; a person is never named after a key.
    let weigh_keys = kind != EntityKind::Person;
    let mut key_uses: BTreeMap<&'a str, usize> = BTreeMap::new();
    for record_index in read_ahead_of_use(records, analysed, members) {
        let record = &records[record_index];
        for name in analysed.names_of(record_index) {
            // A name a saved entity made from its own alias is not kept as
            // an alias of a larger entity; it comes back if it is chosen.
            if is_derived_saved_name(record, name.raw) {
                continue;
            }
            names_seen.push(name.raw);
        }
        let (record_mentions, record_keys) = record.mentions_and_keys();
        if gather == Mentions::Gathered {
            push_mentions(&record_mentions, &mut mentions);
        }
        match record_mentions {
            RecordMentions::Extracted {
                mentions: extracted,
                ..
            } => {
                if weigh_keys {
                    for key in record_keys.clone() {
                        let key = key.trim();
                        if !key.is_empty() {
                            *key_uses.entry(key).or_default() += extracted.len();
                        }
                    }
                }
            }
            RecordMentions::Saved(saved) => {
                if weigh_keys {
                    let saved_name = saved.name.trim();
                    let weight = saved_name_weight(saved);
                    for key in record_keys.clone() {
                        let key = key.trim();
                        if !key.is_empty() {
                            let uses = if key == saved_name { weight } else { 0 };
                            *key_uses.entry(key).or_default() += uses;
                        }
                    }
                }
            }
        }
        keys.extend(
            record_keys
                .map(|key| key.trim())
                .filter(|key| !key.is_empty()),
        );
    }
    names_seen.sort_unstable();
    names_seen.dedup();
    keys.sort_unstable();
    keys.dedup();
    mentions.sort_unstable();
    mentions.dedup();

    // A saved entity that met no other record keeps the name it was saved
    // with, so that loading and saving again changes nothing even where the
    // estimate of name uses above is off.
    let lone_saved_name = match (members, records[members[0]].saved_entity()) {
        ([_], Some(saved)) => Some(saved.name.trim().to_string()).filter(|name| !name.is_empty()),
        _ => None,
    };
    let keyed_name = if kind == EntityKind::Person {
        None
    } else {
        // Most attested key, then the first in byte order.
        key_uses
            .iter()
            .max_by(|left, right| left.1.cmp(right.1).then_with(|| right.0.cmp(left.0)))
            .map(|(key, _)| key.to_string())
    };
    let name = lone_saved_name.or(keyed_name).unwrap_or_else(|| {
        choose_full_name(&names_seen, kind, || {
            surface_uses(records, analysed, members)
        })
    });
    let mut names: Vec<String> = names_seen.iter().map(|name| name.to_string()).collect();
    if let Err(position) = names.binary_search(&name) {
        names.insert(position, name.clone());
    }
    EntityDraft {
        kind,
        name,
        names,
        keys: keys.into_iter().map(str::to_string).collect(),
        mentions,
        records: members.iter().map(|record| small_index(*record)).collect(),
    }
}

/// How many of a cluster's records [`read_ahead`] reads at a time.
const READ_AHEAD: usize = 32;

/// `members`, each block of [`READ_AHEAD`] of them read ahead (see
/// [`read_ahead`]) before it is handed out.
fn read_ahead_of_use<'m>(
    records: &'m [EntityRecord<'_>],
    analysed: &'m AnalysedRecords<'_>,
    members: &'m [usize],
) -> impl Iterator<Item = usize> + 'm {
    members.chunks(READ_AHEAD).flat_map(move |block| {
        read_ahead(records, analysed, block);
        block.iter().copied()
    })
}

/// Reads the records of `block` (at most [`READ_AHEAD`]) and the first
/// byte of each one's entity, then the first bytes of what the entity
/// points to (its packed mentions and document id) and of its names'
/// analyses.
///
/// A large cluster's records lie far apart in memory. Drafted one after the
/// other, each waits for its record, then for what the record points to,
/// one cache miss after another. Read here first, the reads of each step do
/// not depend on each other, and the processor waits for a step's reads
/// together: at a million articles, drafting takes a third less time.
fn read_ahead(records: &[EntityRecord<'_>], analysed: &AnalysedRecords<'_>, block: &[usize]) {
    let mut name_starts = [0u32; READ_AHEAD];
    let mut read = 0usize;
    for (record, name_start) in block.iter().zip(&mut name_starts) {
        read = read.wrapping_add(usize::from(records[*record].first_byte()));
        *name_start = analysed.starts[*record];
    }
    for (record, name_start) in block.iter().zip(&name_starts) {
        if let RecordMentions::Extracted { document, mentions } = records[*record].mentions() {
            let document_byte = document.as_bytes().first().copied().unwrap_or(0);
            read = read
                .wrapping_add(usize::from(mentions.first_byte()))
                .wrapping_add(usize::from(document_byte));
        }
        let name = analysed.name_indices.get(*name_start as usize).copied();
        read = read.wrapping_add(name.unwrap_or(0) as usize);
    }
    // Used, so that the reads are made.
    std::hint::black_box(read);
}

/// How often each name of a cluster's records is used as written, to
/// choose between full names of equal length. Counted only when there is
/// such a choice to make.
fn surface_uses<'a>(
    records: &[EntityRecord<'a>],
    analysed: &AnalysedRecords<'a>,
    members: &[usize],
) -> FastHashMap<&'a str, usize> {
    let mut uses: FastHashMap<&'a str, usize> = FastHashMap::default();
    for record_index in read_ahead_of_use(records, analysed, members) {
        records[record_index].name_uses(|name, count| *uses.entry(name).or_default() += count);
    }
    uses
}

/// How many of a saved entity's mentions are taken to use its canonical
/// name: all but one per alias, and at least one, so that an entity without
/// mentions keeps its name.
fn saved_name_weight(entity: &Entity) -> usize {
    entity
        .mentions
        .len()
        .saturating_sub(entity.aliases.len())
        .max(1)
}

/// The name with the most words (a full name), then the most used, then
/// the first in byte order; shown without titles or possessive.
fn choose_full_name<'a>(
    names_seen: &[&str],
    kind: EntityKind,
    surface_uses: impl FnOnce() -> FastHashMap<&'a str, usize>,
) -> String {
    let mut candidates: Vec<String> = names_seen
        .iter()
        .map(|name| names::display_name(name, kind))
        .filter(|name| !name.is_empty())
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    match candidates.len() {
        0 => {
            return names_seen
                .first()
                .map(|name| name.to_string())
                .unwrap_or_default()
        }
        // Most entities have one name; nothing to weigh.
        1 => return candidates.pop().unwrap_or_default(),
        _ => {}
    }
    // Uses are counted as written; "Mr Berg" and "Berg" are one display
    // name. Each distinct surface is cleaned once.
    let surface_uses = surface_uses();
    let mut name_uses: FastHashMap<String, usize> =
        FastHashMap::with_capacity_and_hasher(surface_uses.len(), Default::default());
    for (surface, uses) in surface_uses {
        *name_uses
            .entry(names::display_name(surface, kind))
            .or_default() += uses;
    }
    candidates
        .into_iter()
        .map(|candidate| {
            let (_, words) = names::normalized_name(&candidate, kind);
            let uses = name_uses.get(&candidate).copied().unwrap_or(0);
            (words, uses, candidate)
        })
        .max_by(|left, right| {
            (left.0, left.1)
                .cmp(&(right.0, right.1))
                .then_with(|| right.2.cmp(&left.2))
        })
        .map(|(_, _, candidate)| candidate)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_four_words() {
        assert!(std::mem::size_of::<EntityRecord<'_>>() <= 32);
    }

    #[test]
    fn mentions_gathered_in_parts_are_those_gathered_at_once() {
        let entity = |mentions: &[(&str, usize, usize)]| Entity {
            id: ArcStr::from("person:anna-berg"),
            kind: EntityKind::Person,
            name: "Anna Berg".to_string(),
            aliases: Vec::new(),
            keys: Vec::new(),
            mentions: mentions
                .iter()
                .map(|&(document, start, end)| {
                    Evidence::new(document, newsgraph_extract::Span::new(start, end))
                })
                .collect(),
        };
        // Records of several documents, out of order, sharing mentions.
        let entities = [
            entity(&[("b.txt", 5, 9), ("b.txt", 40, 44)]),
            entity(&[("a.txt", 0, 4)]),
            entity(&[("c.txt", 7, 8), ("b.txt", 5, 9)]),
            entity(&[]),
            entity(&[("a.txt", 0, 4), ("a.txt", 0, 9), ("d.txt", 1, 2)]),
        ];
        let records: Vec<EntityRecord<'_>> = entities.iter().map(EntityRecord::saved).collect();
        let members = [4, 0, 3, 2, 1];
        let at_once = mentions_of_in_parts(&records, &members, usize::MAX);
        let expected: Vec<(&str, u32, u32)> = vec![
            ("a.txt", 0, 4),
            ("a.txt", 0, 9),
            ("b.txt", 5, 9),
            ("b.txt", 40, 44),
            ("c.txt", 7, 8),
            ("d.txt", 1, 2),
        ];
        let plain = |mentions: &[Evidence]| -> Vec<(String, u32, u32)> {
            mentions
                .iter()
                .map(|evidence| (evidence.document.to_string(), evidence.start, evidence.end))
                .collect()
        };
        let expected: Vec<(String, u32, u32)> = expected
            .into_iter()
            .map(|(document, start, end)| (document.to_string(), start, end))
            .collect();
        assert_eq!(plain(&at_once), expected);
        for parallel_from in [1, 2, 3, 5] {
            assert_eq!(
                mentions_of_in_parts(&records, &members, parallel_from),
                at_once,
                "in parts from {parallel_from} records"
            );
        }
    }

    #[test]
    fn record_traits_are_two_bytes() {
        assert!(std::mem::size_of::<RecordTraits>() <= 2);
    }

    /// Everything [`analyse_records_in_parts`] finds, as plain values.
    type Analysis = (
        Vec<(EntityKind, String, String, usize, String)>,
        Vec<u32>,
        Vec<u32>,
        Vec<(EntityKind, String)>,
        Vec<(u32, u32)>,
    );

    fn analysis(records: &[EntityRecord<'_>], records_per_part: usize) -> Analysis {
        let analysed = analyse_records_in_parts(records, records_per_part);
        let names = analysed
            .names
            .iter()
            .map(|name| {
                (
                    name.kind,
                    name.raw.to_string(),
                    name.normalized.clone(),
                    name.word_count,
                    name.skeleton.clone(),
                )
            })
            .collect();
        let keys = analysed
            .record_keys
            .keys
            .iter()
            .map(|(kind, key)| (*kind, key.to_string()))
            .collect();
        (
            names,
            analysed.name_indices,
            analysed.starts,
            keys,
            analysed.record_keys.uses,
        )
    }

    #[test]
    fn records_are_analysed_alike_however_many_are_read_at_a_time() {
        let entity = |kind: EntityKind, name: &str, aliases: &[&str], keys: &[&str]| Entity {
            id: ArcStr::from(name),
            kind,
            name: name.to_string(),
            aliases: aliases.iter().map(|alias| alias.to_string()).collect(),
            keys: keys.iter().map(|key| key.to_string()).collect(),
            mentions: Vec::new(),
        };
        let entities = [
            entity(EntityKind::Person, "Anna Berg", &["Berg", " Berg "], &[]),
            entity(EntityKind::Place, "Kiev", &["Kyiv"], &["Kyiv", "Kyiv"]),
            entity(EntityKind::Person, "Berg", &[], &[]),
            entity(EntityKind::Organization, "Berg", &["Berg AG"], &["berg-ag"]),
            entity(EntityKind::Place, "Kyiv", &[], &["Kyiv"]),
            entity(EntityKind::Person, "Anna  Berg", &["Mrs Berg", "..."], &[]),
            entity(EntityKind::Place, "Lviv", &["Lemberg"], &["Lviv", "Kyiv"]),
            entity(
                EntityKind::Person,
                "Karin Voss",
                &["Karen Voss", "Voss"],
                &[],
            ),
            entity(EntityKind::Organization, "UN", &["United Nations"], &[]),
            entity(EntityKind::Person, "Karen Voss", &["Voss"], &[]),
        ];
        let records: Vec<EntityRecord<'_>> = entities.iter().map(EntityRecord::saved).collect();
        let whole = analysis(&records, records.len());
        // A record's names are trimmed, each once; its keys are as written.
        let names_of = |record: usize| -> Vec<&str> {
            let (names, indices, starts) = (&whole.0, &whole.1, &whole.2);
            indices[starts[record] as usize..starts[record + 1] as usize]
                .iter()
                .map(|name| names[*name as usize].1.as_str())
                .collect()
        };
        assert_eq!(whole.2.len(), records.len() + 1);
        assert_eq!(names_of(0), ["Anna Berg", "Berg"]);
        assert_eq!(names_of(1), ["Kiev", "Kyiv"]);
        assert_eq!(whole.3[0], (EntityKind::Place, "Kyiv".to_string()));
        assert_eq!(whole.4[..2], [(0, 1), (0, 1)]);
        for records_per_part in [1, 2, 3, 4, 7] {
            assert_eq!(
                analysis(&records, records_per_part),
                whole,
                "{records_per_part} records a part"
            );
        }
    }
}
