//! Relations collected by identity, their evidence unioned: every piece of
//! evidence is kept beside its relation's identity, and sorting groups
//! them.
//!
//! A million articles give about 25 million pieces, so a piece is kept in
//! 28 bytes of plain numbers: its ends as 32-bit entity indices, its label
//! and its evidence's document as numbers standing for their texts, and
//! the evidence's span. The numbers are given to labels and documents in
//! the order they are first met, and changed to their rank in text order
//! just before the sort, so pieces sort as their labels and evidence do,
//! comparing numbers only: a document id compared as text is a cache miss
//! on its text, and pieces holding ids would each take and give back a
//! share of one.
//!
//! The set of a whole graph keeps its pieces in buckets of neighbouring
//! source entities. Relations sort by their source first, so the buckets,
//! each sorted, are in the order of the relations; each is made into its
//! relations and freed in turn, and the pieces and the relations made of
//! them are never all held at once.

use newsgraph_extract::Predicate;
use rayon::prelude::*;
use rustc_hash::FxHashMap as FastHashMap;

use crate::{DocumentId, Entity, Evidence, Relation};

/// One piece of evidence of a relation, with the relation's identity:
/// (source, predicate, target, label), its ends as indices into the
/// resolved entities. Entities are sorted by id and ids are unique, so
/// indices compare as the ids do. Fields are in the order pieces sort by;
/// the last three are the evidence, which sorts by document, start and
/// end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Piece {
    source: u32,
    predicate: Predicate,
    target: u32,
    /// 0 for no label; else one more than the label's number in its set's
    /// `labels` (before [`RelationSet::into_relations`] ranks them).
    label: u32,
    /// The evidence's document: its number in its set's `documents`
    /// (before [`RelationSet::into_relations`] ranks them).
    document: u32,
    start: u32,
    end: u32,
}

impl Piece {
    fn same_relation(&self, other: &Piece) -> bool {
        (self.source, self.predicate, self.target, self.label)
            == (other.source, other.predicate, other.target, other.label)
    }
}

/// An index into the resolved entities, which are far fewer than 2³²
/// (each takes more than a hundred bytes).
fn entity_index(index: usize) -> u32 {
    u32::try_from(index).expect("fewer than 2^32 entities")
}

/// An index into a set's documents, which are fewer than 2³² (each was
/// met with a piece of evidence, which takes 28 bytes).
fn document_index(index: usize) -> u32 {
    u32::try_from(index).expect("fewer than 2^32 documents")
}

/// At most about this many buckets of pieces in a graph's set: enough
/// that a bucket is a small part of the pieces, few enough that each is
/// sorted and made into relations in one go.
const MOST_BUCKETS: usize = 256;

/// The pieces of relations gathered so far, the labels they name, and how
/// many relations of an entity to itself were left out.
pub(super) struct RelationSet<'a> {
    /// The pieces whose source is `bucket << bucket_shift` up to the next
    /// bucket's first source, in bucket order; one bucket for a set of
    /// one extraction.
    buckets: Vec<Vec<Piece>>,
    /// How far right a source index is shifted to give its bucket (32 for
    /// a set of one bucket).
    bucket_shift: u32,
    /// Each label met, by its number.
    labels: Vec<&'a str>,
    number_of_label: FastHashMap<&'a str, u32>,
    /// Each document met, by its number. A document met again right after
    /// itself keeps its number; met again later, it may be given another,
    /// and ranking gives the two one rank.
    documents: Vec<DocumentId>,
    relations_to_themselves: usize,
}

impl Default for RelationSet<'_> {
    fn default() -> Self {
        RelationSet::with_capacity(0)
    }
}

impl<'a> RelationSet<'a> {
    /// An empty set of one bucket with room for `pieces` pieces, for the
    /// relations of one extraction: grown while gathering, the list would
    /// be copied several times.
    pub fn with_capacity(pieces: usize) -> Self {
        RelationSet {
            buckets: vec![Vec::with_capacity(pieces)],
            bucket_shift: u32::BITS,
            labels: Vec::new(),
            number_of_label: FastHashMap::default(),
            documents: Vec::new(),
            relations_to_themselves: 0,
        }
    }

    /// An empty set for the relations between `entity_count` entities,
    /// their pieces kept in buckets of neighbouring sources (see the
    /// module's documentation), with room for about `pieces` pieces: each
    /// bucket starts with an equal share of it.
    pub fn for_entities(entity_count: usize, pieces: usize) -> Self {
        let mut bucket_shift = 0;
        while entity_count >> bucket_shift >= MOST_BUCKETS {
            bucket_shift += 1;
        }
        let bucket_count = (entity_count >> bucket_shift) + 1;
        RelationSet {
            buckets: (0..bucket_count)
                .map(|_| Vec::with_capacity(pieces / bucket_count))
                .collect(),
            bucket_shift,
            ..RelationSet::with_capacity(0)
        }
    }

    /// Adds a piece to the bucket of its source.
    fn push(&mut self, piece: Piece) {
        let bucket = u64::from(piece.source)
            .checked_shr(self.bucket_shift)
            .unwrap_or(0) as usize;
        match self.buckets.get_mut(bucket) {
            Some(pieces) => pieces.push(piece),
            // Only a source beyond the entities the set was made for, which
            // the graph never gives: kept, in the last bucket, whose
            // sources are the greatest.
            None => self
                .buckets
                .last_mut()
                .expect("a set has a bucket")
                .push(piece),
        }
    }

    /// How many relations of an entity to itself were left out.
    pub fn relations_to_themselves(&self) -> usize {
        self.relations_to_themselves
    }

    /// The label's number plus one (0 for none), numbering a new label.
    fn label_number(&mut self, label: Option<&'a str>) -> u32 {
        let Some(label) = label else { return 0 };
        let next = self.labels.len() as u32;
        let number = *self.number_of_label.entry(label).or_insert(next);
        if number == next {
            self.labels.push(label);
        }
        number + 1
    }

    /// The number of `document`, numbering it unless it is the one met
    /// last: the evidence of a relation, and the relations of an
    /// extraction, come a document at a time.
    fn document_number(&mut self, document: DocumentId) -> u32 {
        match self.documents.last() {
            Some(last) if last.ptr_eq(&document) => {}
            _ => self.documents.push(document),
        }
        document_index(self.documents.len() - 1)
    }

    /// Moves `other`'s pieces and counts into this set. Its documents are
    /// numbered after this set's, without looking them up: the sets
    /// appended are each an extraction's, of a document of its own, and a
    /// document numbered twice is still ranked once.
    pub fn append(&mut self, other: RelationSet<'a>) {
        let numbers: Vec<u32> = other
            .labels
            .iter()
            .map(|label| self.label_number(Some(label)))
            .collect();
        let first_document = document_index(self.documents.len());
        self.documents.extend(other.documents);
        for mut piece in other.buckets.into_iter().flatten() {
            if piece.label != 0 {
                piece.label = numbers[piece.label as usize - 1];
            }
            piece.document += first_document;
            self.push(piece);
        }
        self.relations_to_themselves += other.relations_to_themselves;
    }

    /// Adds `evidence` of the relation `source` `predicate` `target`
    /// (indices into the resolved entities) with `label`. The ends of a
    /// symmetric relation are put in the order of their ids ("A met B" and
    /// "B met A" are one relation); a relation of an entity to itself is
    /// only counted.
    pub fn insert(
        &mut self,
        source: usize,
        predicate: Predicate,
        target: usize,
        label: Option<&'a str>,
        evidence: impl IntoIterator<Item = Evidence>,
    ) {
        if source == target {
            self.relations_to_themselves += 1;
            return;
        }
        let (source, target) = if predicate.is_symmetric() && target < source {
            (target, source)
        } else {
            (source, target)
        };
        let (source, target) = (entity_index(source), entity_index(target));
        let label = self.label_number(label);
        for evidence in evidence {
            let document = self.document_number(evidence.document);
            self.push(Piece {
                source,
                predicate,
                target,
                label,
                document,
                start: evidence.start,
                end: evidence.end,
            });
        }
    }

    /// Sorted by (source, predicate, target, label), evidence sorted and
    /// without duplicates; `entities` are what the pieces' indices point to.
    pub fn into_relations(mut self, entities: &[Entity]) -> Vec<Relation> {
        // Labels numbered by their rank in text order: no label first.
        let mut by_text: Vec<u32> = (0..self.labels.len() as u32).collect();
        by_text.sort_unstable_by_key(|&number| self.labels[number as usize]);
        let mut rank_of_number = vec![0; self.labels.len()];
        for (rank, &number) in by_text.iter().enumerate() {
            rank_of_number[number as usize] = rank as u32 + 1;
        }
        let label_of_rank: Vec<&str> = by_text
            .iter()
            .map(|&number| self.labels[number as usize])
            .collect();
        let (rank_of_document, document_of_rank) = rank_documents(&self.documents);
        drop(std::mem::take(&mut self.documents));
        // Every bucket sorted in place, and its relations counted, so that
        // the list of relations is made at its final size.
        let relation_count: usize = self
            .buckets
            .par_iter_mut()
            .map(|pieces| {
                for piece in pieces.iter_mut() {
                    if piece.label != 0 {
                        piece.label = rank_of_number[piece.label as usize - 1];
                    }
                    piece.document = rank_of_document[piece.document as usize];
                }
                pieces.par_sort_unstable();
                pieces.dedup();
                relation_starts(pieces).count()
            })
            .sum();
        let mut relations = Vec::with_capacity(relation_count);
        // A bucket at a time, each freed once made into relations.
        for pieces in self.buckets {
            let starts: Vec<usize> = relation_starts(&pieces).collect();
            relations.par_extend((0..starts.len()).into_par_iter().map(|run| {
                let end = starts.get(run + 1).copied().unwrap_or(pieces.len());
                let run = &pieces[starts[run]..end];
                let first = &run[0];
                Relation {
                    source: entities[first.source as usize].id.clone(),
                    predicate: first.predicate,
                    target: entities[first.target as usize].id.clone(),
                    label: (first.label != 0)
                        .then(|| Box::from(label_of_rank[first.label as usize - 1])),
                    evidence: run
                        .iter()
                        .map(|piece| Evidence {
                            document: document_of_rank[piece.document as usize].clone(),
                            start: piece.start,
                            end: piece.end,
                        })
                        .collect(),
                }
            }));
        }
        relations
    }
}

/// Each of `documents`' numbers' rank in text order, equal ids ranking
/// alike, and the document of each rank.
fn rank_documents(documents: &[DocumentId]) -> (Vec<u32>, Vec<DocumentId>) {
    let mut by_text: Vec<u32> = (0..document_index(documents.len())).collect();
    // The documents of a graph's extractions are met in id order, and a
    // sorted list is sorted in one pass.
    by_text.par_sort_unstable_by(|&left, &right| {
        documents[left as usize].cmp(&documents[right as usize])
    });
    let mut rank_of_document = vec![0; documents.len()];
    let mut document_of_rank: Vec<DocumentId> = Vec::new();
    for number in by_text {
        let document = &documents[number as usize];
        if document_of_rank.last() != Some(document) {
            document_of_rank.push(document.clone());
        }
        rank_of_document[number as usize] = document_index(document_of_rank.len() - 1);
    }
    (rank_of_document, document_of_rank)
}

/// Where each relation's run of sorted `pieces` starts.
fn relation_starts(pieces: &[Piece]) -> impl Iterator<Item = usize> + '_ {
    (0..pieces.len())
        .filter(move |&index| index == 0 || !pieces[index - 1].same_relation(&pieces[index]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_extract::{EntityKind, Span};

    fn entities(count: usize) -> Vec<Entity> {
        (0..count)
            .map(|index| Entity {
                id: format!("person:{index}").into(),
                kind: EntityKind::Person,
                name: format!("Person {index}"),
                aliases: Vec::new(),
                keys: Vec::new(),
                mentions: Vec::new(),
            })
            .collect()
    }

    fn evidence(start: usize) -> Evidence {
        Evidence::new("a.txt", Span::new(start, start + 1))
    }

    #[test]
    fn a_piece_is_seven_numbers_of_four_bytes() {
        assert_eq!(std::mem::size_of::<Piece>(), 28);
    }

    #[test]
    fn a_graph_set_in_buckets_makes_the_relations_of_one_list() {
        // Enough entities for buckets of several sources each, and pieces
        // in an order unlike the one they sort in.
        let entities = entities(5_000);
        let mut bucketed = RelationSet::for_entities(entities.len(), 1_000);
        assert!(bucketed.buckets.len() > 1 && bucketed.buckets.len() <= MOST_BUCKETS);
        let mut listed = RelationSet::with_capacity(0);
        for step in 0..20_000_usize {
            let source = (step * 7_919) % entities.len();
            let target = (step * 104_729 + 1) % entities.len();
            let predicate = [Predicate::Met, Predicate::Role, Predicate::Supports][step % 3];
            let label = (predicate == Predicate::Role).then(|| ["mayor", "chair"][step % 2]);
            let pieces = [evidence(step % 97), evidence(step % 89)];
            for set in [&mut bucketed, &mut listed] {
                set.insert(source, predicate, target, label, pieces.clone());
            }
        }
        assert_eq!(
            bucketed.relations_to_themselves(),
            listed.relations_to_themselves()
        );
        let relations = bucketed.into_relations(&entities);
        assert_eq!(relations, listed.into_relations(&entities));
        assert!(relations.len() > 10_000);
    }

    #[test]
    fn evidence_sorts_by_document_id_whatever_order_documents_came_in() {
        let entities = entities(2);
        let piece =
            |document: &str, start: usize| Evidence::new(document, Span::new(start, start + 1));
        // Sets of one document each, as extractions give them, appended
        // out of id order; "b" is met twice, apart, as two separate ids.
        let mut all = RelationSet::for_entities(entities.len(), 0);
        for (document, start) in [("b", 7), ("c", 1), ("a", 9), ("b", 2), ("b", 7)] {
            let mut extracted = RelationSet::with_capacity(1);
            extracted.insert(0, Predicate::Met, 1, None, [piece(document, start)]);
            all.append(extracted);
        }
        // And one relation with evidence in two documents, back and forth.
        all.insert(
            0,
            Predicate::Met,
            1,
            None,
            [piece("a", 3), piece("c", 0), piece("a", 1)],
        );
        let relations = all.into_relations(&entities);
        assert_eq!(relations.len(), 1);
        let evidence: Vec<(&str, u32)> = relations[0]
            .evidence
            .iter()
            .map(|piece| (piece.document.as_str(), piece.start))
            .collect();
        assert_eq!(
            evidence,
            [
                ("a", 1),
                ("a", 3),
                ("a", 9),
                ("b", 2),
                ("b", 7),
                ("c", 0),
                ("c", 1)
            ]
        );
    }

    #[test]
    fn labels_sort_as_text_whatever_order_they_came_in() {
        let entities = entities(3);
        // Two sets, as two extractions give them, each numbering its own
        // labels, appended into a third.
        let mut first = RelationSet::default();
        first.insert(0, Predicate::Role, 1, Some("mayor"), [evidence(5)]);
        first.insert(0, Predicate::Role, 1, Some("chair"), [evidence(3)]);
        let mut second = RelationSet::default();
        second.insert(0, Predicate::Role, 1, Some("chair"), [evidence(1)]);
        second.insert(0, Predicate::Role, 1, None, [evidence(9)]);
        second.insert(2, Predicate::Met, 1, None, [evidence(2), evidence(2)]);
        second.insert(2, Predicate::Role, 2, Some("x"), [evidence(4)]);
        let mut all = RelationSet::with_capacity(8);
        all.append(second);
        all.append(first);
        assert_eq!(all.relations_to_themselves(), 1);
        let relations = all.into_relations(&entities);
        let described: Vec<(&str, Option<&str>, &str, Vec<u32>)> = relations
            .iter()
            .map(|relation| {
                (
                    &*relation.source,
                    relation.label.as_deref(),
                    &*relation.target,
                    relation.evidence.iter().map(|piece| piece.start).collect(),
                )
            })
            .collect();
        assert_eq!(
            described,
            [
                ("person:0", None, "person:1", vec![9]),
                ("person:0", Some("chair"), "person:1", vec![1, 3]),
                ("person:0", Some("mayor"), "person:1", vec![5]),
                // Symmetric: the ends in the order of their ids.
                ("person:1", None, "person:2", vec![2]),
            ]
        );
    }
}
