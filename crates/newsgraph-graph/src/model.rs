//! The saved knowledge graph: a plain, versioned struct of sorted lists.
//!
//! This is what goes to disk (RON) and what exporters read. Node indices of
//! the in-memory petgraph view never appear here.

use arcstr::ArcStr;
use std::cmp::Ordering;

use newsgraph_extract::{EntityKind, Extraction, Predicate, Span, StatementKind, Words};
use serde::{Deserialize, Serialize};

use crate::{DocumentId, StatementId};

/// The version of the saved format this build writes and reads.
///
/// Version 2 added [`SavedGraph::extractions`]; version 1 graphs, which lack
/// them, are still read.
pub const FORMAT_VERSION: u32 = 2;

/// Where a fact was read: a document and a byte span in it.
///
/// The document id is shared: a graph built from a document holds its id
/// once however many facts were read there. Offsets are 32-bit, so a piece
/// of evidence is 16 bytes; extraction reads no further than 4 GiB into a
/// document, so every span it gives fits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Evidence {
    pub document: DocumentId,
    pub start: u32,
    pub end: u32,
}

impl Evidence {
    /// Evidence of `span` in `document`. An offset past 4 GiB, which no
    /// extraction gives, is held as `u32::MAX`.
    pub fn new(document: impl Into<DocumentId>, span: Span) -> Self {
        Evidence {
            document: document.into(),
            start: saturating_u32(span.start),
            end: saturating_u32(span.end),
        }
    }

    /// The span, as byte offsets into the document's text.
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
}

/// `number` as a `u32`, or `u32::MAX` when it is more.
pub(crate) fn saturating_u32(number: usize) -> u32 {
    u32::try_from(number).unwrap_or(u32::MAX)
}

/// Ordered by document id, then start, then end. Pieces of evidence from
/// one document usually share their id, and then the ids are not compared.
impl Ord for Evidence {
    fn cmp(&self, other: &Self) -> Ordering {
        self.document
            .cmp(&other.document)
            .then(self.start.cmp(&other.start))
            .then(self.end.cmp(&other.end))
    }
}

impl PartialOrd for Evidence {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A person, place or organization: one node of the graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable id from kind and canonical name: `person:volodymyr-zelenskyy`.
    /// Statements and relations hold the same shared id: an [`ArcStr`],
    /// one pointer wide (its length is kept with the text), read as a
    /// `str`. A large graph names its entities tens of millions of times.
    pub id: ArcStr,
    pub kind: EntityKind,
    /// The canonical name.
    pub name: String,
    /// Every other name seen for it, sorted.
    pub aliases: Vec<String>,
    /// Gazetteer keys that linked it across documents, sorted.
    pub keys: Vec<String>,
    /// Every place it is named, sorted.
    pub mentions: Vec<Evidence>,
}

/// Something a speaker said: a node attached to its speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// `stmt:<document>:<start>`, and `-<end>` after it for a statement
    /// sharing its start with the one before it.
    pub id: StatementId,
    /// The speaker's entity id.
    pub speaker: ArcStr,
    pub kind: StatementKind,
    /// One of a few dozen words, held once and shared by the statements
    /// that use it.
    pub cue: ArcStr,
    /// A slice of the buffer its document's statements share.
    pub text: Words,
    pub evidence: Evidence,
    /// Ids of the entities the statement names, sorted. A boxed slice,
    /// fixed once resolved: 8 bytes less than a `Vec` for each of tens of
    /// millions of statements.
    pub about: Box<[ArcStr]>,
}

/// A relation between two entities, with every place that states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    /// The source's entity id.
    pub source: ArcStr,
    pub predicate: Predicate,
    /// The target's entity id.
    pub target: ArcStr,
    /// The title of a `role` relation.
    pub label: Option<Box<str>>,
    /// Sorted, without duplicates. Like the label, boxed rather than
    /// growable: with its one-pointer ids a relation takes 56 bytes, and a
    /// large graph holds tens of millions.
    pub evidence: Box<[Evidence]>,
}

/// Why two names were made one entity, so a user can audit every merge.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MergeRecord {
    /// The entity id the name now belongs to.
    pub entity: ArcStr,
    /// The name that was merged in.
    pub alias: String,
    /// The rule that merged it: across documents `same-key`, `same-name`,
    /// `spelling-variant`, `surname`, `acronym`; within one document
    /// `document-title`, `document-surname`, `document-spelling`,
    /// `document-acronym`, `document-context`.
    pub rule: String,
}

/// The whole graph as saved: every list sorted, so that equal graphs are
/// equal bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedGraph {
    pub format_version: u32,
    /// Ids of the documents the graph was built from, sorted.
    pub documents: Vec<String>,
    /// Sorted by id.
    pub entities: Vec<Entity>,
    /// Sorted by document, then span.
    pub statements: Vec<Statement>,
    /// Sorted by (source, predicate, target, label).
    pub relations: Vec<Relation>,
    /// Sorted.
    pub merges: Vec<MergeRecord>,
    /// What was extracted from each document, sorted by document: the input
    /// the rest was resolved from. Merging graphs resolves their extractions
    /// again, together, which is what makes a merge give exactly the graph
    /// built from all their documents at once. Empty in graphs of format 1
    /// and in graphs merged from one; such a graph merges as a whole.
    #[serde(default)]
    pub extractions: Vec<Extraction>,
}

impl SavedGraph {
    /// The graph as pretty RON ending in a newline: the bytes
    /// [`crate::KnowledgeGraph::to_ron`] writes and the export crate's RON
    /// must match.
    ///
    /// The layout is `ron`'s pretty printer with a depth limit (see
    /// `write.rs`, the one writer of graph files).
    pub fn to_ron(&self) -> String {
        let mut text = Vec::new();
        // Serializing plain structs of strings, numbers and unit enums to
        // memory cannot fail; an empty string would only hide a bug in `ron`
        // itself.
        let _ = self.write_ron(&mut text);
        String::from_utf8(text).unwrap_or_default()
    }

    /// Writes [`Self::to_ron`]'s text to `writer`, without holding it in
    /// memory.
    pub fn write_ron(&self, writer: impl std::io::Write) -> std::io::Result<()> {
        let extractions: Vec<&Extraction> = self.extractions.iter().collect();
        crate::write::write_ron(&crate::write::SavedParts::of(self, &extractions), writer)
    }
}

impl Default for SavedGraph {
    fn default() -> Self {
        SavedGraph {
            format_version: FORMAT_VERSION,
            documents: Vec::new(),
            entities: Vec::new(),
            statements: Vec::new(),
            relations: Vec::new(),
            merges: Vec::new(),
            extractions: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_is_ordered_by_document_then_span() {
        let shared = DocumentId::from("b.txt");
        let pieces = [
            Evidence::new(&shared, Span::new(5, 9)),
            Evidence::new("a.txt", Span::new(7, 8)),
            Evidence::new(&shared, Span::new(5, 6)),
            Evidence::new("b.txt", Span::new(5, 9)),
            Evidence::new("b.txt", Span::new(2, 3)),
            Evidence::new("c.txt", Span::new(0, 1)),
        ];
        let key = |piece: &Evidence| (piece.document.to_string(), piece.start, piece.end);
        for first in &pieces {
            for second in &pieces {
                assert_eq!(first.cmp(second), key(first).cmp(&key(second)));
                assert_eq!(first == second, key(first) == key(second));
            }
        }
    }

    #[test]
    fn statements_and_relations_stay_small() {
        // Tens of millions of each in a graph of a million articles.
        assert_eq!(std::mem::size_of::<Words>(), 16);
        assert_eq!(std::mem::size_of::<ArcStr>(), 8);
        assert!(std::mem::size_of::<Statement>() <= 88);
        assert!(std::mem::size_of::<Relation>() <= 56);
    }

    #[test]
    fn neighbouring_evidence_read_shares_its_document_id() {
        let text = r#"[
            (document: "a.txt", start: 0, end: 4),
            (document: "a.txt", start: 9, end: 12),
            (document: "b.txt", start: 1, end: 2),
        ]"#;
        let read: Vec<Evidence> = ron::from_str(text).unwrap();
        assert_eq!(
            read.iter()
                .map(|piece| &*piece.document)
                .collect::<Vec<_>>(),
            ["a.txt", "a.txt", "b.txt"]
        );
        assert!(read[0].document.ptr_eq(&read[1].document));
        assert!(!read[1].document.ptr_eq(&read[2].document));
    }
}
