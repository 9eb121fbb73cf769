//! A graph resolved straight into its writers, a part of each list at a
//! time, so that its largest lists are never all held at once.
//!
//! A resolved graph is mostly entities' mentions and statements: at a
//! million articles, ninety million pieces of evidence and twenty million
//! statements with their words. [`KnowledgeGraph::resolve_into`] and
//! [`KnowledgeGraph::resolve_to`] hand the entities over a few thousand at
//! a time, their mentions gathered just before and freed just after, then
//! the statements of a few thousand documents at a time, freed once handed
//! over (and, when the graph was taken, each extraction freed as its
//! statements are made). The lists arrive in the saved order and are
//! exactly those [`KnowledgeGraph::into_view`] gives.
//!
//! [`KnowledgeGraph::resolve_into`]: super::KnowledgeGraph::resolve_into
//! [`KnowledgeGraph::resolve_to`]: super::KnowledgeGraph::resolve_to
//! [`KnowledgeGraph::into_view`]: super::KnowledgeGraph::into_view

use std::io;
use std::ops::Range;

use rayon::prelude::*;

use super::{
    make_statements, resolve_and_relate, statements_in_saved_order, DroppedFacts, Packed, Related,
};
use crate::resolve::{EntityRecord, Mentions, Resolution};
use crate::{DocumentId, Entity, MergeRecord, Relation, SavedGraph, Statement};

/// Where [`KnowledgeGraph::resolve_into`](super::KnowledgeGraph::resolve_into)
/// and [`KnowledgeGraph::resolve_to`](super::KnowledgeGraph::resolve_to)
/// hand a resolved graph.
///
/// Each list arrives in the saved order, in one or more parts: first the
/// documents, then the entities, the statements, the relations and the
/// merge records. A list that is empty may arrive as an empty part or not
/// at all. A list's parts, put end to end, are the list of the saved
/// graph.
pub trait ResolvedSink {
    fn documents(&mut self, documents: &[String]) -> io::Result<()>;
    fn entities(&mut self, entities: &[Entity]) -> io::Result<()>;
    fn statements(&mut self, statements: &[Statement]) -> io::Result<()>;
    fn relations(&mut self, relations: &[Relation]) -> io::Result<()>;
    fn merges(&mut self, merges: &[MergeRecord]) -> io::Result<()>;
}

/// About how many records' mentions are gathered for one part of the
/// entities: at five mentions a record, a few megabytes of evidence. A
/// handful in the unit tests, so that their small graphs come in parts.
const RECORDS_PER_PART: usize = if cfg!(test) { 2 } else { 1 << 16 };

/// About how many statements one part of the statements holds.
const STATEMENTS_PER_PART: usize = if cfg!(test) { 3 } else { 1 << 16 };

impl SavedGraph {
    /// Hands each of the graph's lists to `sink` whole, in order.
    pub fn hand_to(&self, sink: &mut impl ResolvedSink) -> io::Result<()> {
        self.hand_in_parts(sink, usize::MAX)
    }

    /// Hands each of the graph's lists to `sink`, in order, in parts of at
    /// most `part_length` items (at least one); an empty list as one empty
    /// part.
    pub fn hand_in_parts(
        &self,
        sink: &mut impl ResolvedSink,
        part_length: usize,
    ) -> io::Result<()> {
        fn parts<T>(list: &[T], part_length: usize) -> impl Iterator<Item = &[T]> {
            let empty: &[T] = &[];
            list.chunks(part_length.max(1))
                .chain(list.is_empty().then_some(empty))
        }
        for part in parts(&self.documents, part_length) {
            sink.documents(part)?;
        }
        for part in parts(&self.entities, part_length) {
            sink.entities(part)?;
        }
        for part in parts(&self.statements, part_length) {
            sink.statements(part)?;
        }
        for part in parts(&self.relations, part_length) {
            sink.relations(part)?;
        }
        for part in parts(&self.merges, part_length) {
            sink.merges(part)?;
        }
        Ok(())
    }
}

/// Resolves the extractions `packed` of the documents `document_ids` (in
/// document order; a graph with no saved parts) into `sink`, freeing each
/// extraction the list owns once it is read for the last time.
pub(super) fn resolve_extractions_into(
    document_ids: Vec<DocumentId>,
    packed: Vec<Packed<'_>>,
    sink: &mut (impl ResolvedSink + Send),
) -> io::Result<DroppedFacts> {
    // Every extraction's document, as the saved graph lists them.
    let documents: Vec<String> = document_ids.iter().map(|id| id.to_string()).collect();
    sink.documents(&documents)?;
    drop(documents);

    let mut dropped = DroppedFacts::default();
    let Related {
        resolution,
        record_index,
        relations,
        statement_count: _,
    } = resolve_and_relate(
        &packed,
        &document_ids,
        &[],
        Mentions::Deferred,
        |resolution, records| hand_over_entities(resolution, records, sink),
        &mut dropped,
    )?;

    let mut merges: Vec<MergeRecord> = resolution.merges.clone();
    // The statements of whole documents, waiting to be handed over: the
    // saved order sorts them within their document, and ids depend on the
    // statements beside them there.
    let mut waiting: Vec<Statement> = Vec::with_capacity(2 * STATEMENTS_PER_PART);
    let mut failure: Option<io::Error> = None;
    let mut hand_over = |waiting: &mut Vec<Statement>| {
        if failure.is_none() {
            let part = statements_in_saved_order(std::mem::take(waiting));
            failure = sink.statements(&part).err();
            // Its room is used again for the next part.
            *waiting = part;
        }
        waiting.clear();
    };
    // The statements are dropped once handed over, so they share their
    // extraction's words rather than copy them.
    make_statements(
        packed,
        &document_ids,
        &record_index,
        &resolution,
        false,
        |facts| {
            dropped.statements_with_bad_references += facts.statements_with_bad_references;
            merges.extend(facts.merges);
            waiting.extend(facts.statements);
            if waiting.len() >= STATEMENTS_PER_PART {
                hand_over(&mut waiting);
            }
        },
    )?;
    hand_over(&mut waiting);
    if let Some(error) = failure {
        return Err(error);
    }
    // The merge records are sorted while the relations are handed over:
    // a large graph's relations are written out about as fast as a disk
    // takes them, so a thread is left waiting, and the sort would
    // otherwise run alone after them.
    let (handed_over, ()) = rayon::join(
        || sink.relations(&relations),
        || {
            merges.par_sort_unstable();
            merges.dedup();
        },
    );
    handed_over?;
    // Tens of millions of pieces of evidence, each sharing its document's
    // id: freed on all threads.
    relations.into_par_iter().for_each(drop);
    sink.merges(&merges)?;
    Ok(dropped)
}

/// Hands the entities to `sink` a part at a time, each part's mentions
/// gathered (through `records`) while the part before it is handed over,
/// and freed once it is.
fn hand_over_entities(
    resolution: &mut Resolution,
    records: &[EntityRecord<'_>],
    sink: &mut (impl ResolvedSink + Send),
) -> io::Result<()> {
    let parts = entity_parts(resolution);
    if let Some(first) = parts.first() {
        resolution.gather_mentions(records, first.clone());
    }
    for (index, part) in parts.iter().enumerate() {
        let next = parts.get(index + 1).cloned().unwrap_or_default();
        resolution.gather_mentions_while(records, part.clone(), next, |entities| {
            sink.entities(entities)
        })?;
        // Freed on all threads: each piece of evidence lets go of its
        // share of its document's id, tens of millions of them.
        resolution.entities[part.clone()]
            .par_iter_mut()
            .for_each(|entity| entity.mentions = Vec::new());
    }
    resolution.forget_records_of_entities();
    Ok(())
}

/// The entities cut into parts of about [`RECORDS_PER_PART`] records each.
fn entity_parts(resolution: &Resolution) -> Vec<Range<usize>> {
    let count = resolution.entities.len();
    let mut parts = Vec::new();
    let mut start = 0;
    while start < count {
        let mut end = start;
        let mut work = 0;
        while end < count && work < RECORDS_PER_PART {
            work += resolution.record_count(end);
            end += 1;
        }
        parts.push(start..end);
        start = end;
    }
    parts
}
