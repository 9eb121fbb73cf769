//! The knowledge graph being built: what was added, and the resolved graph
//! computed from it on demand.
//!
//! [`KnowledgeGraph::add`] and [`KnowledgeGraph::merge`] only store their
//! input (extractions, and saved graphs that were loaded); entity
//! resolution runs over all of it the first time the result is asked for,
//! and is cached until the next change. Because the result is a function of
//! the whole input set, merging is associative and commutative and the
//! order documents arrive in never matters.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use arcstr::ArcStr;
use newsgraph_disk::SpillFile;
use newsgraph_extract::{Extraction, Words};
use petgraph::stable_graph::{NodeIndex, StableGraph};
use rayon::prelude::*;

mod relation_set;
mod streamed;

use self::relation_set::RelationSet;
pub use self::streamed::ResolvedSink;
use crate::packed::{read_back_or_panic, PackedExtraction, PackedView, StatementView};
use crate::resolve::{self, EntityRecord};
use crate::{
    load, DocumentId, Entity, Evidence, GraphError, MergeRecord, Relation, SavedGraph, Statement,
    StatementId,
};
use rustc_hash::{FxHashMap as FastHashMap, FxHashSet as FastHashSet};

/// A node of the petgraph view of a graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GraphNode {
    Entity(crate::Entity),
    Statement(crate::Statement),
}

/// An edge of the petgraph view of a graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GraphEdge {
    /// A relation between two entities, source to target.
    Relation(crate::Relation),
    /// From a speaker to a statement they made.
    Said,
    /// From a statement to an entity it names.
    About,
}

/// Facts that were left out of the graph because their input was broken
/// or said nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DroppedFacts {
    /// Statements whose speaker or `about` index named no entity of their
    /// extraction (or, in a saved graph, whose ids were missing).
    pub statements_with_bad_references: usize,
    /// Relations whose source or target named no entity.
    pub relations_with_bad_references: usize,
    /// Relations whose two ends turned out to be the same entity.
    pub relations_to_themselves: usize,
}

/// The resolved graph: what [`KnowledgeGraph::to_saved`] returns.
#[derive(Debug, Clone, Default)]
struct Resolved {
    saved: SavedGraph,
    dropped: DroppedFacts,
}

/// A knowledge graph under construction or loaded from disk.
///
/// Adding a document whose id the graph already holds replaces its earlier
/// extraction. When two merged graphs both hold an extraction of the same
/// document, one of them is kept, chosen by content alone, so that the
/// result does not depend on which graph was merged into which. Saved graphs
/// (from [`KnowledgeGraph::load`] or [`KnowledgeGraph::from_saved`]) are
/// kept whole: their entities take part in resolution as records, and
/// statements and relations they share with other inputs are deduplicated.
#[derive(Debug, Clone, Default)]
pub struct KnowledgeGraph {
    /// Extractions by document id, packed: a large corpus's extractions
    /// are most of a build's memory until they are resolved.
    extractions: BTreeMap<String, PackedExtraction>,
    /// Graphs that were loaded, each already checked.
    saved_parts: Vec<SavedGraph>,
    resolved: OnceLock<Resolved>,
    /// Where the statements of extractions are put aside, if anywhere.
    statements_aside: Option<Arc<SpillFile>>,
    /// Why putting statements aside stopped, if it failed.
    put_aside_error: Option<Arc<io::Error>>,
}

impl PartialEq for KnowledgeGraph {
    /// Two graphs are equal when they resolve to the same saved graph,
    /// however they were built.
    fn eq(&self, other: &Self) -> bool {
        self.resolved().saved == other.resolved().saved
    }
}

impl Eq for KnowledgeGraph {}

/// Makes an I/O error reading the graph file at `path` a [`GraphError`]
/// that names it.
fn io_error_of(path: &Path) -> impl Fn(io::Error) -> GraphError + Copy + '_ {
    |source| GraphError::Io {
        path: path.to_path_buf(),
        source,
    }
}

impl KnowledgeGraph {
    pub fn new() -> Self {
        KnowledgeGraph::default()
    }

    /// Adds one document's extraction, replacing any earlier extraction of
    /// the same document id.
    pub fn add(&mut self, extraction: Extraction) {
        let packed = PackedExtraction::pack(&extraction);
        let packed = self.put_aside(packed);
        self.extractions.insert(extraction.document, packed);
        self.resolved = OnceLock::new();
    }

    /// Adds extractions as [`Self::add`] does one at a time, in the order
    /// given, preparing them on all threads of the current rayon pool.
    pub fn add_all(&mut self, extractions: Vec<Extraction>) {
        let spill = self.statements_aside.as_ref();
        let packed = extractions
            .into_par_iter()
            .map(|extraction| {
                let packed = PackedExtraction::pack(&extraction);
                (extraction.document, put_aside_in(packed, spill))
            })
            .collect();
        self.insert_all(packed);
        self.resolved = OnceLock::new();
    }

    /// Puts the statements of every extraction the graph holds, and of
    /// every one added from now on, aside in `spill`, until the graph is
    /// resolved: only their count stays in memory. Resolution reads them
    /// only at its end, to make the resolved statements, so a large
    /// build's peak memory falls by their size: about half of what the
    /// extractions take (1.65 of 3.21 GB at a million generated articles).
    /// Resolving into a sink
    /// ([`Self::resolve_into`], [`Self::resolve_to`]) and writing RON
    /// return an error when they cannot be read back.
    ///
    /// When `spill` cannot take an extraction's statements, the graph keeps
    /// them in memory, and all that are added after them: the error is
    /// returned here for those the graph held, and kept by
    /// [`Self::put_aside_error`] for those added later.
    ///
    /// # Panics
    ///
    /// Methods with no way to report an error ([`Self::view`] and the
    /// others that resolve the graph whole, [`Self::to_saved`], and
    /// [`Self::merge`] of two graphs holding the same document) panic when
    /// statements put aside cannot be read back.
    pub fn put_statements_aside(&mut self, spill: Arc<SpillFile>) -> io::Result<()> {
        self.statements_aside = Some(spill);
        self.put_aside_error = None;
        let extractions = std::mem::take(&mut self.extractions);
        let spill = self.statements_aside.as_ref();
        let packed = extractions
            .into_par_iter()
            .map(|(document, packed)| (document, put_aside_in(packed, spill)))
            .collect();
        self.insert_all(packed);
        match self.put_aside_error.take() {
            Some(error) => Err(Arc::try_unwrap(error)
                .unwrap_or_else(|shared| io::Error::new(shared.kind(), shared.to_string()))),
            None => Ok(()),
        }
    }

    /// Why the graph stopped putting statements aside (see
    /// [`Self::put_statements_aside`]): the first error of its spill file,
    /// if there was one.
    pub fn put_aside_error(&self) -> Option<&io::Error> {
        self.put_aside_error.as_deref()
    }

    /// Inserts extractions in the order given, each kept whole when its
    /// statements could not be put aside.
    fn insert_all(&mut self, packed: Vec<(String, PutAsideResult)>) {
        for (document, packed) in packed {
            let packed = self.kept_whole_on_error(packed);
            self.extractions.insert(document, packed);
        }
    }

    /// `packed` with its statements put aside, when the graph puts them
    /// aside and can.
    fn put_aside(&mut self, packed: PackedExtraction) -> PackedExtraction {
        let packed = put_aside_in(packed, self.statements_aside.as_ref());
        self.kept_whole_on_error(packed)
    }

    /// The extraction, kept whole when its statements could not be put
    /// aside, after which none are.
    fn kept_whole_on_error(&mut self, packed: PutAsideResult) -> PackedExtraction {
        packed.unwrap_or_else(|(packed, error)| {
            self.statements_aside = None;
            self.put_aside_error.get_or_insert_with(|| Arc::new(error));
            packed
        })
    }

    /// Whether the graph holds no document at all.
    pub fn is_empty(&self) -> bool {
        self.extractions.is_empty()
            && self
                .saved_parts
                .iter()
                .all(|part| part.documents.is_empty())
    }

    /// Merges another graph into this one.
    ///
    /// # Panics
    ///
    /// When both graphs hold an extraction of the same document and
    /// statements put aside cannot be read back to choose between them (see
    /// [`Self::try_merge`]).
    pub fn merge(&mut self, other: KnowledgeGraph) {
        read_back_or_panic(self.try_merge(other));
    }

    /// Merges another graph into this one, as [`Self::merge`] does, or
    /// returns the error of reading back statements put aside (see
    /// [`Self::put_statements_aside`]), needed only when both graphs hold
    /// an extraction of the same document. After an error, this graph
    /// holds what was merged before it.
    pub fn try_merge(&mut self, other: KnowledgeGraph) -> io::Result<()> {
        self.resolved = OnceLock::new();
        for (document, extraction) in other.extractions {
            let extraction = self.put_aside(extraction);
            match self.extractions.get_mut(&document) {
                Some(ours) => {
                    if prefer_second(&document, ours, &extraction)? {
                        *ours = extraction;
                    }
                }
                None => {
                    self.extractions.insert(document, extraction);
                }
            }
        }
        self.saved_parts.extend(other.saved_parts);
        Ok(())
    }

    /// The resolved entities, sorted by id.
    pub fn entities(&self) -> &[Entity] {
        &self.resolved().saved.entities
    }

    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        let entities = self.entities();
        entities
            .binary_search_by(|entity| (*entity.id).cmp(id))
            .ok()
            .map(|index| &entities[index])
    }

    /// The statements, sorted by document, span and speaker.
    pub fn statements(&self) -> &[Statement] {
        &self.resolved().saved.statements
    }

    /// The relations, sorted by source, predicate, target and label.
    pub fn relations(&self) -> &[Relation] {
        &self.resolved().saved.relations
    }

    /// Why names were merged into entities, sorted.
    pub fn merges(&self) -> &[MergeRecord] {
        &self.resolved().saved.merges
    }

    /// The ids of the documents the graph was built from, sorted.
    pub fn documents(&self) -> &[String] {
        &self.resolved().saved.documents
    }

    /// What was left out because the input was broken.
    pub fn dropped(&self) -> DroppedFacts {
        self.resolved().dropped
    }

    /// The graph as its saved form, with the extractions it was resolved
    /// from when it was built from extractions alone (see
    /// [`SavedGraph::extractions`]).
    pub fn to_saved(&self) -> SavedGraph {
        let mut saved = self.resolved().saved.clone();
        if self.saved_parts.is_empty() {
            let extractions: Vec<(&String, &PackedExtraction)> = self.extractions.iter().collect();
            saved.extractions = extractions
                .par_iter()
                .map(|(document, packed)| packed.unpack(document))
                .collect();
        }
        saved
    }

    /// A graph from its saved form, checked: duplicate entity ids and
    /// references to missing entities are refused.
    pub fn from_saved(saved: SavedGraph) -> Result<Self, GraphError> {
        if saved.format_version > crate::FORMAT_VERSION {
            return Err(GraphError::InvalidSaved {
                message: format!(
                    "graph format version {} is newer than this newsgraph reads ({})",
                    saved.format_version,
                    crate::FORMAT_VERSION
                ),
            });
        }
        load::validate(&saved).map_err(|problem| GraphError::InvalidSaved {
            message: problem.message,
        })?;
        Ok(Self::from_checked(saved))
    }

    /// A graph from a saved graph that passed [`load::validate`].
    ///
    /// A saved graph with extractions becomes those extractions again, so
    /// that merging it resolves everything anew; its resolved part is kept
    /// as the answer until then, so rendering a loaded graph does not
    /// resolve it again. One without extractions is kept whole.
    fn from_checked(mut saved: SavedGraph) -> Self {
        let extractions: BTreeMap<String, PackedExtraction> =
            pack_all(std::mem::take(&mut saved.extractions))
                .into_iter()
                .collect();
        share_document_ids(&mut saved);
        share_entity_ids(&mut saved);
        if !extractions.is_empty() {
            share_statement_words(&mut saved.statements, &extractions);
        }
        Self::from_checked_parts(saved, extractions)
    }

    /// [`Self::from_checked`] for a graph whose extractions were packed as
    /// they were read, apart from the rest (`saved.extractions` is empty),
    /// and whose strings are shared as [`share_document_ids`],
    /// [`share_entity_ids`] and [`share_statement_words`] share them.
    fn from_checked_parts(
        mut saved: SavedGraph,
        extractions: BTreeMap<String, PackedExtraction>,
    ) -> Self {
        let holds_unextracted_facts = !saved.documents.is_empty() || !saved.entities.is_empty();
        if extractions.is_empty() && holds_unextracted_facts {
            return KnowledgeGraph {
                saved_parts: vec![saved],
                ..KnowledgeGraph::default()
            };
        }
        share_cues(&mut saved.statements);
        KnowledgeGraph {
            extractions,
            resolved: OnceLock::from(Resolved {
                saved,
                dropped: DroppedFacts::default(),
            }),
            ..KnowledgeGraph::default()
        }
    }

    /// The resolved graph, borrowed: what [`Self::to_saved`] returns
    /// without the extractions, and without copying anything. What exporters
    /// of entities, statements and relations read.
    pub fn view(&self) -> &SavedGraph {
        &self.resolved().saved
    }

    /// The resolved graph, taken: what [`Self::view`] gives, without the
    /// extractions. Resolved this way, each extraction is freed as soon as
    /// its statements are made rather than held to the end, so it takes
    /// less memory than [`Self::view`] (a million generated articles peak
    /// at 8.4 GB instead of 10.6). For outputs that do not hold the
    /// extractions (JSON, DOT, SVG): a graph saved from the result merges
    /// as a whole, as graphs of format 1 do.
    pub fn into_view(self) -> SavedGraph {
        let KnowledgeGraph {
            extractions,
            saved_parts,
            resolved,
            ..
        } = self;
        match resolved.into_inner() {
            Some(resolved) => resolved.saved,
            None => read_back_or_panic(build_consuming(extractions, &saved_parts)).saved,
        }
    }

    /// Resolves the graph into `sink`, taking it: the lists
    /// [`Self::into_view`] gives, handed over in parts (see
    /// [`ResolvedSink`]). A graph of extractions alone (built from text, or
    /// loaded from files that keep their extractions) is never held
    /// resolved whole: each part of its entities gets its mentions just
    /// before it is handed over and frees them just after, and its
    /// statements are made and handed over a few thousand documents at a
    /// time, each extraction freed as they are made. A million generated
    /// articles written as JSON this way peak at 4.9 GB instead of 6.6,
    /// and at 3.2 GB with their statements put aside
    /// ([`Self::put_statements_aside`]).
    /// Other graphs are resolved whole first, as [`Self::into_view`]
    /// resolves them.
    ///
    /// Returns the facts left out, or the first error of `sink`, after
    /// which nothing more is handed to it.
    pub fn resolve_into(
        self,
        sink: &mut (impl ResolvedSink + Send),
    ) -> std::io::Result<DroppedFacts> {
        let KnowledgeGraph {
            extractions,
            saved_parts,
            resolved,
            ..
        } = self;
        let resolved = match resolved.into_inner() {
            Some(resolved) => resolved,
            None if saved_parts.is_empty() => {
                let (document_ids, packed) = extractions
                    .into_iter()
                    .map(|(id, packed)| (DocumentId::from(id), Cow::Owned(packed)))
                    .unzip();
                return streamed::resolve_extractions_into(document_ids, packed, sink);
            }
            None => build_consuming(extractions, &saved_parts)?,
        };
        resolved.saved.hand_to(sink)?;
        Ok(resolved.dropped)
    }

    /// Resolves the graph into `sink` as [`Self::resolve_into`] does, but
    /// borrows it: its extractions stay (the statements handed over share
    /// their words), and the resolved lists are not kept, so that a large
    /// graph can be written in several forms, its extractions after the
    /// rest, without its resolved lists held whole: what
    /// [`RonSink`](crate::RonSink) needs. A graph already resolved, or
    /// holding saved parts, hands over its resolved lists (resolving them
    /// first, and keeping them, as [`Self::view`] does).
    pub fn resolve_to(
        &self,
        sink: &mut (impl ResolvedSink + Send),
    ) -> std::io::Result<DroppedFacts> {
        if self.resolved.get().is_none() && self.saved_parts.is_empty() {
            let (document_ids, packed) = self
                .extractions
                .iter()
                .map(|(id, packed)| (DocumentId::from(id), Cow::Borrowed(packed)))
                .unzip();
            return streamed::resolve_extractions_into(document_ids, packed, sink);
        }
        if self.resolved.get().is_none() {
            let resolved = build(&self.extractions, &self.saved_parts)?;
            let _ = self.resolved.set(resolved);
        }
        let resolved = self.resolved();
        resolved.saved.hand_to(sink)?;
        Ok(resolved.dropped)
    }

    /// The graph as RON text (see [`SavedGraph::to_ron`]).
    pub fn to_ron(&self) -> String {
        let mut text = Vec::new();
        // Writing to memory cannot fail.
        let _ = self.write_ron(&mut text);
        String::from_utf8(text).unwrap_or_default()
    }

    /// Writes [`Self::to_ron`]'s text to `writer`, copying nothing: the
    /// saved form of a large graph is several times the size of its text.
    pub fn write_ron(&self, writer: impl std::io::Write) -> std::io::Result<()> {
        let view = self.view();
        let extractions = self.extraction_entries();
        crate::write::write_ron(&crate::write::SavedParts::of(view, &extractions), writer)
    }

    /// The extractions as the saved graph lists them: none when the graph
    /// holds saved parts, which a graph of format 1 merges as.
    pub(crate) fn extraction_entries(&self) -> Vec<PackedEntry<'_>> {
        if self.saved_parts.is_empty() {
            self.extractions
                .iter()
                .map(|(document, packed)| PackedEntry { document, packed })
                .collect()
        } else {
            Vec::new()
        }
    }

    /// Reads a graph from RON text; `path` names it in errors.
    pub fn from_ron(text: &str, path: &Path) -> Result<Self, GraphError> {
        if let Ok(Some(graph)) = Self::streamed(text.as_bytes()) {
            return Ok(graph);
        }
        let saved = load::parse_saved_graph(text, path)?;
        Ok(Self::from_checked(saved))
    }

    /// The graph in `source` when it is laid out as newsgraph writes graphs
    /// and passes the checks, read a piece at a time with its extractions
    /// packed as they are read; `None` when it must be read whole, by the
    /// readers that say where it is wrong.
    fn streamed(source: impl std::io::BufRead + Send) -> std::io::Result<Option<Self>> {
        match crate::ron_stream::saved_graph(source) {
            Ok(streamed) if streamed.is_valid() => Ok(Some(Self::from_checked_parts(
                streamed.saved,
                streamed.extractions.into_iter().collect(),
            ))),
            Err(crate::ron_stream::Streamed::Io(source)) => Err(source),
            _ => Ok(None),
        }
    }

    /// Reads a graph from a RON file.
    pub fn load(path: &Path) -> Result<Self, GraphError> {
        let io_error = io_error_of(path);
        // A file as newsgraph writes it is read a piece at a time, so that
        // memory holds the graph and not its text as well, and a block
        // ahead, past the page cache where the file system allows it.
        let file = newsgraph_disk::DiskReader::open(path).map_err(io_error)?;
        if let Some(graph) = Self::streamed(file).map_err(io_error)? {
            return Ok(graph);
        }
        Self::load_whole(path)
    }

    /// Reads a graph from a RON file as [`Self::load`] does, checked as it
    /// checks it, but keeps only what the graph is made from: its
    /// extractions, not the resolved entities, statements and relations
    /// the file holds as well. The graph is resolved again when they are
    /// asked for, as a graph built from text is. For a graph to merge or
    /// to add articles to, which is resolved again anyway: a million
    /// generated articles' graph loads this way in 3.1 GB instead of 8.0,
    /// and a sixth faster, every field still parsed. A file that holds
    /// no extractions (of format 1, or a view saved) is loaded as
    /// [`Self::load`] loads it.
    pub fn load_unresolved(path: &Path) -> Result<Self, GraphError> {
        let io_error = io_error_of(path);
        let file = newsgraph_disk::DiskReader::open(path).map_err(io_error)?;
        let mut graph = match crate::ron_stream::extractions(file) {
            Ok(Some(extractions)) => {
                return Ok(KnowledgeGraph {
                    extractions: extractions.into_iter().collect(),
                    ..KnowledgeGraph::default()
                })
            }
            Err(crate::ron_stream::Streamed::Io(source)) => return Err(io_error(source)),
            // The resolved lists alone hold the graph.
            Ok(None) => Self::load(path)?,
            // Not laid out as newsgraph writes it, or wrong: read whole,
            // as `load` would read it after the same failure, by the
            // readers that say what is wrong.
            Err(crate::ron_stream::Streamed::NotPlain) => Self::load_whole(path)?,
        };
        if !graph.extractions.is_empty() {
            graph.resolved = OnceLock::new();
        }
        Ok(graph)
    }

    /// Reads a graph from a RON file held whole, by the readers that read
    /// any layout `ron` does and say where a file is wrong.
    fn load_whole(path: &Path) -> Result<Self, GraphError> {
        let text = std::fs::read_to_string(path).map_err(io_error_of(path))?;
        let saved = load::parse_saved_graph(&text, path)?;
        // The text can be large; it goes before the graph is rebuilt.
        drop(text);
        Ok(Self::from_checked(saved))
    }

    /// The resolved graph of a RON file: what [`Self::load`] and then
    /// [`Self::into_view`] give, without ever holding the extractions. A
    /// file as newsgraph writes it is read a piece at a time, each
    /// extraction read and checked as [`Self::load`] reads it and then
    /// dropped: a million articles' graph peaks at 6.5 GB instead of 8.0.
    /// For reading the facts of a graph (counting them, exporting them); a
    /// graph to merge or to add articles to needs [`Self::load_unresolved`]
    /// or [`Self::load`].
    pub fn load_view(path: &Path) -> Result<SavedGraph, GraphError> {
        let io_error = io_error_of(path);
        let file = newsgraph_disk::DiskReader::open(path).map_err(io_error)?;
        match crate::ron_stream::resolved_graph(file) {
            Ok((mut saved, extracted)) if extracted > 0 => {
                share_cues(&mut saved.statements);
                return Ok(saved);
            }
            // A graph without extractions (format 1) is resolved again as
            // a whole, as a graph loaded from it is.
            Ok((saved, _)) => {
                return Ok(Self::from_checked_parts(saved, BTreeMap::new()).into_view());
            }
            Err(crate::ron_stream::Streamed::Io(source)) => return Err(io_error(source)),
            // Not read a piece at a time by `load` either: read whole.
            Err(crate::ron_stream::Streamed::NotPlain) => {}
        }
        Ok(Self::load_whole(path)?.into_view())
    }

    /// The graph as a petgraph graph for graph algorithms: entities and
    /// statements are nodes; relations, speaker → statement ([`GraphEdge::Said`])
    /// and statement → named entity ([`GraphEdge::About`]) are edges. Node
    /// indices are in the order of [`Self::entities`] then
    /// [`Self::statements`], and are not stable across builds.
    pub fn to_petgraph(&self) -> StableGraph<GraphNode, GraphEdge> {
        let saved = &self.resolved().saved;
        let mut graph = StableGraph::with_capacity(
            saved.entities.len() + saved.statements.len(),
            saved.relations.len() + saved.statements.len(),
        );
        let mut node_of: FastHashMap<&str, NodeIndex> =
            FastHashMap::with_capacity_and_hasher(saved.entities.len(), Default::default());
        for entity in &saved.entities {
            let node = graph.add_node(GraphNode::Entity(entity.clone()));
            node_of.insert(&*entity.id, node);
        }
        for relation in &saved.relations {
            if let (Some(source), Some(target)) = (
                node_of.get(&*relation.source),
                node_of.get(&*relation.target),
            ) {
                graph.add_edge(*source, *target, GraphEdge::Relation(relation.clone()));
            }
        }
        for statement in &saved.statements {
            let node = graph.add_node(GraphNode::Statement(statement.clone()));
            if let Some(speaker) = node_of.get(&*statement.speaker) {
                graph.add_edge(*speaker, node, GraphEdge::Said);
            }
            for about in &statement.about {
                if let Some(entity) = node_of.get(&**about) {
                    graph.add_edge(node, *entity, GraphEdge::About);
                }
            }
        }
        graph
    }

    fn resolved(&self) -> &Resolved {
        self.resolved
            .get_or_init(|| read_back_or_panic(build(&self.extractions, &self.saved_parts)))
    }
}

/// An extraction with its statements put aside, or given back whole with
/// the reason they could not be.
type PutAsideResult = Result<PackedExtraction, (PackedExtraction, io::Error)>;

/// `packed` with its statements put aside in `spill`, if there is one.
fn put_aside_in(packed: PackedExtraction, spill: Option<&Arc<SpillFile>>) -> PutAsideResult {
    match spill {
        Some(spill) => packed.put_aside(spill),
        None => Ok(packed),
    }
}

/// Extractions packed on all threads of the current rayon pool, each with
/// its document id, in the order given.
fn pack_all(extractions: Vec<Extraction>) -> Vec<(String, PackedExtraction)> {
    extractions
        .into_par_iter()
        .map(|extraction| {
            let packed = PackedExtraction::pack(&extraction);
            (extraction.document, packed)
        })
        .collect()
}

/// Which of two extractions of one document a merge keeps: decided by
/// content alone (their RON text), so that merging is commutative. Fails
/// when statements put aside cannot be read back.
fn prefer_second(
    document: &str,
    first: &PackedExtraction,
    second: &PackedExtraction,
) -> io::Result<bool> {
    let (first, second) = (first.try_whole()?, second.try_whole()?);
    if first == second {
        return Ok(false);
    }
    let text =
        |packed: &PackedExtraction| ron::to_string(&packed.unpack(document)).unwrap_or_default();
    Ok(text(&second) > text(&first))
}

/// A packed extraction and its document, printed in a graph file as the
/// extraction it is.
pub(crate) struct PackedEntry<'a> {
    document: &'a str,
    packed: &'a PackedExtraction,
}

impl crate::write::PrintedSize for PackedEntry<'_> {
    /// Packed, an extraction takes a seventh to a ninth of its printed
    /// length (its spans are a byte or two each, printed as
    /// `(start:1234,end:1240)`): the longer estimate, so that the buffer it
    /// is printed into is rarely grown.
    fn printed_size(&self) -> usize {
        64 + self.document.len() + 9 * self.packed.len()
    }
}

impl crate::ron_text::ExtractionElement for PackedEntry<'_> {
    /// Its statements read back first when they are put aside.
    fn try_print_element(&self, out: &mut Vec<u8>) -> io::Result<()> {
        let whole = self.packed.with_statements()?;
        crate::ron_text::print_packed_extraction(out, self.document, whole.view());
        Ok(())
    }
}

/// Where each input's entities sit among the resolution records.
struct RecordIndex<'a> {
    /// For each extraction (in document order), its first record.
    first_record_of_extraction: Vec<usize>,
    /// For each saved part, its entity ids' records.
    record_of_saved_entity: Vec<FastHashMap<&'a str, usize>>,
}

/// Makes every piece of evidence of one document share one id, as in a
/// graph built from text: a graph read from a file holds a copy of the id
/// in each, which for a large graph is a large part of its memory. Done on
/// all threads; evidence of a document the graph does not list (a checked
/// graph has none) keeps the id it was read with.
fn share_document_ids(saved: &mut SavedGraph) {
    let SavedGraph {
        documents,
        entities,
        statements,
        relations,
        ..
    } = saved;
    let shared: FastHashMap<&str, DocumentId> = documents
        .iter()
        .map(|document| (document.as_str(), DocumentId::from(document)))
        .collect();
    // Neighbouring pieces of evidence mostly hold the same id already (see
    // `Evidence`'s reading): the last one's answer is reused without a
    // lookup.
    type Last = Option<(DocumentId, DocumentId)>;
    let share = |last: &mut Last, evidence: &mut Evidence| {
        if let Some((read, kept)) = last {
            if read.ptr_eq(&evidence.document) {
                evidence.document = kept.clone();
                return;
            }
        }
        if let Some(kept) = shared.get(&*evidence.document) {
            let read = std::mem::replace(&mut evidence.document, kept.clone());
            *last = Some((read, kept.clone()));
        }
    };
    entities
        .par_iter_mut()
        .for_each_init(Last::default, |last, entity| {
            for evidence in &mut entity.mentions {
                share(last, evidence);
            }
        });
    statements
        .par_iter_mut()
        .for_each_init(Last::default, |last, statement| {
            share(last, &mut statement.evidence)
        });
    relations
        .par_iter_mut()
        .for_each_init(Last::default, |last, relation| {
            for evidence in &mut relation.evidence {
                share(last, evidence);
            }
        });
}

/// Makes every statement, relation and merge record hold its entity's own
/// id, as in a graph built from text, instead of a copy read from the file.
/// Ids that name no entity (a checked graph has none) are left as read.
fn share_entity_ids(saved: &mut SavedGraph) {
    let ids: FastHashSet<ArcStr> = saved
        .entities
        .iter()
        .map(|entity| ArcStr::clone(&entity.id))
        .collect();
    let share = |id: &mut ArcStr| {
        if let Some(shared) = ids.get(&**id) {
            *id = ArcStr::clone(shared);
        }
    };
    saved.statements.par_iter_mut().for_each(|statement| {
        share(&mut statement.speaker);
        statement.about.iter_mut().for_each(share);
    });
    saved.relations.par_iter_mut().for_each(|relation| {
        share(&mut relation.source);
        share(&mut relation.target);
    });
    for merge in &mut saved.merges {
        share(&mut merge.entity);
    }
}

/// Makes statements with the same cue hold one copy of it, as in a graph
/// built from text. Done on all threads, a run of statements each. (A
/// graph file's reader already holds each cue once per piece of the file
/// it reads, which spares the copies while reading; this joins the
/// pieces.)
fn share_cues(statements: &mut [Statement]) {
    statements.par_chunks_mut(4096).for_each(|statements| {
        let mut cues: FastHashSet<ArcStr> = FastHashSet::default();
        for statement in statements {
            statement.cue = shared_cue(&mut cues, &statement.cue);
        }
    });
}

/// The cue of `cues` equal to `text`, or `text` added to them when none
/// is: a cue is one of a few words, said by millions of statements.
/// Resolved statements hold their cues as [`ArcStr`], extracted ones as
/// `Arc<str>`.
pub(crate) fn shared_cue<Cue>(cues: &mut FastHashSet<Cue>, text: &str) -> Cue
where
    Cue: Clone + Eq + std::hash::Hash + std::borrow::Borrow<str> + for<'a> From<&'a str>,
{
    if let Some(cue) = cues.get(text) {
        return cue.clone();
    }
    let cue = Cue::from(text);
    cues.insert(cue.clone());
    cue
}

/// Makes each resolved statement of a graph read from a file hold the
/// words of the extracted statement it came from, as in a graph built from
/// text, instead of a copy of them. Done on all threads, a run of
/// statements each.
fn share_statement_words(
    statements: &mut [Statement],
    extractions: &BTreeMap<String, PackedExtraction>,
) {
    statements.par_chunks_mut(4096).for_each(|statements| {
        // The statements of the extraction last looked in, read once.
        let mut extracted: Vec<StatementView<'_>> = Vec::new();
        let mut extracted_document: Option<&str> = None;
        for statement in statements {
            let document = &*statement.evidence.document;
            if extracted_document != Some(document) {
                extracted.clear();
                extracted_document = None;
                // Statements put aside keep the copy they were read with.
                let found = extractions.get_key_value(document);
                if let Some((key, packed)) = found.filter(|(_, packed)| !packed.is_put_aside()) {
                    extracted.extend(packed.view().statements());
                    extracted_document = Some(key.as_str());
                }
            }
            let span = statement.evidence.span();
            let found = extracted
                .iter()
                .find(|extracted| extracted.span == span && extracted.text == &*statement.text);
            if let Some(extracted) = found {
                statement.text = extracted.words();
            }
        }
    });
}

/// The records of every extraction and saved entity; `document_ids` are the
/// extractions' document ids, in the same order, shared by their evidence.
fn collect_records<'a, 's: 'a>(
    extractions: &[(PackedView<'a>, &'a DocumentId)],
    saved_parts: &'s [SavedGraph],
) -> (Vec<EntityRecord<'a>>, RecordIndex<'s>) {
    let mut first_record_of_extraction = Vec::with_capacity(extractions.len());
    let mut count = 0;
    for (extraction, _) in extractions {
        first_record_of_extraction.push(count);
        count += extraction.entity_count();
    }
    let saved_entity_count: usize = saved_parts.iter().map(|part| part.entities.len()).sum();
    let mut records: Vec<EntityRecord<'a>> = Vec::with_capacity(count + saved_entity_count);
    // Made on all threads, in document order.
    map_in_chunks(
        extractions,
        &first_record_of_extraction,
        || (),
        |(), extraction, document, _| {
            extraction
                .entities()
                .map(|entity| EntityRecord::extracted(&entity, document))
                .collect::<Vec<_>>()
        },
        |extracted| records.extend(extracted),
    );
    let mut record_of_saved_entity = Vec::with_capacity(saved_parts.len());
    for part in saved_parts {
        let mut record_of =
            FastHashMap::with_capacity_and_hasher(part.entities.len(), Default::default());
        for entity in &part.entities {
            record_of.insert(&*entity.id, records.len());
            records.push(EntityRecord::saved(entity));
        }
        record_of_saved_entity.push(record_of);
    }
    (
        records,
        RecordIndex {
            first_record_of_extraction,
            record_of_saved_entity,
        },
    )
}

/// The statements in saved order, one a span: sorted by (document, start,
/// end); when two inputs disagree about the same span, the least statement
/// in content order is kept, so the choice does not depend on input order.
/// Ids are `stmt:<document>:<start>`, and a statement sharing its start
/// with an earlier one (a longer span) gets `-<end>` after it, so ids stay
/// unique.
fn statements_in_saved_order(mut statements: Vec<Statement>) -> Vec<Statement> {
    statements.par_sort_unstable_by(|left, right| {
        left.evidence
            .cmp(&right.evidence)
            .then_with(|| statement_order(left).cmp(&statement_order(right)))
    });
    // `dedup_by` keeps the first of equal neighbours: the least.
    statements.dedup_by(|later, kept| later.evidence == kept.evidence);
    // Whether each statement shares its start with the one before it: the
    // ids are then written in place, with no list of them beside the
    // statements.
    let shares_start: Vec<bool> = (0..statements.len())
        .into_par_iter()
        .map(|index| {
            index > 0 && {
                let (previous, this) = (&statements[index - 1], &statements[index]);
                previous.evidence.document == this.evidence.document
                    && previous.evidence.start == this.evidence.start
            }
        })
        .collect();
    statements
        .par_iter_mut()
        .zip(shares_start)
        .for_each(|(statement, shares_start)| {
            statement.id = StatementId::new(&statement.evidence, shares_start);
        });
    statements
}

fn statement_order(
    statement: &Statement,
) -> (
    &str,
    newsgraph_extract::StatementKind,
    &str,
    &str,
    &[ArcStr],
) {
    (
        &statement.speaker,
        statement.kind,
        &statement.cue,
        &statement.text,
        &statement.about,
    )
}

/// One extraction's statements and relations with their entity ids, and
/// the merge records of the names it joined within its document.
struct ExtractionFacts<'a> {
    document: &'a DocumentId,
    statements: Vec<Statement>,
    merges: Vec<MergeRecord>,
    statements_with_bad_references: usize,
}

/// One extraction's relations, and how many named no entity.
struct ExtractionRelations<'a> {
    relations: RelationSet<'a>,
    relations_with_bad_references: usize,
}

/// The resolved entity (an index into the resolved entities) of an
/// extraction's entity `index`, of `entity_count`, the first being record
/// `first_record`; `None` for an index past its entities.
fn extracted_entity_index<'f, F: Fn(usize) -> usize>(
    entity_count: usize,
    first_record: usize,
    entity_index_of: &'f F,
) -> impl Fn(usize) -> Option<usize> + 'f {
    move |index| (index < entity_count).then(|| entity_index_of(first_record + index))
}

/// The entity ids a statement names, sorted and each once; `None` when one
/// of them names no entity.
fn about_ids<'a>(ids: impl Iterator<Item = Option<&'a ArcStr>>) -> Option<Box<[ArcStr]>> {
    let mut ids: Vec<&ArcStr> = ids.collect::<Option<_>>()?;
    ids.sort_unstable();
    ids.dedup();
    Some(ids.into_iter().cloned().collect())
}

/// One extraction's statements and in-document merges, between the
/// entities of `resolution`; `recorded`
/// holds the (entity id, alias) pairs a rule across documents already
/// accounts for, which get no in-document record; `cues` holds the cues met
/// so far, so that statements share them.
///
/// The statements share the extraction's buffer of words unless
/// `copy_words`: the caller copies them when the statements are kept and
/// the extraction is freed next, so that it frees its buffer too, and the
/// buffers the graph keeps lie together in memory instead of scattered
/// among freed ones, where the allocator could give back none of the pages
/// they are on. Statements written and dropped, or made from an extraction
/// the graph keeps, or read back for them alone, share the buffer.
fn facts_of<'a>(
    extraction: PackedView<'_>,
    document: &'a DocumentId,
    first_record: usize,
    resolution: &resolve::Resolution,
    recorded: &FastHashSet<(&str, &str)>,
    cues: &mut FastHashSet<ArcStr>,
    copy_words: bool,
) -> ExtractionFacts<'a> {
    let entities = &resolution.entities;
    let entity_index_of = |record: usize| resolution.entity_of(record);
    let index_of =
        extracted_entity_index(extraction.entity_count(), first_record, &entity_index_of);
    let id_of = |index: usize| index_of(index).map(|entity| &entities[entity].id);
    let entity_of = |record: usize| &entities[entity_index_of(record)];
    let mut facts = ExtractionFacts {
        document,
        statements: Vec::with_capacity(extraction.statement_count()),
        merges: Vec::new(),
        statements_with_bad_references: 0,
    };
    let mut copied_words = if copy_words {
        Words::shared(extraction.statements().map(|statement| statement.text))
    } else {
        Vec::new()
    }
    .into_iter();
    // Each statement takes a share of its speaker's id and of the ids it
    // names, reading each id's count: the extraction's entities' ids are
    // read first, all at once, so that their cache misses are waited for
    // together rather than one statement after another.
    let mut read = 0usize;
    for index in 0..extraction.entity_count() {
        read = read.wrapping_add(id_of(index).map_or(0, |id| id.len()));
    }
    std::hint::black_box(read);
    for statement in extraction.statements() {
        let words = copied_words.next();
        let speaker = id_of(statement.speaker);
        let about = about_ids(statement.about().map(id_of));
        let (Some(speaker), Some(about)) = (speaker, about) else {
            facts.statements_with_bad_references += 1;
            continue;
        };
        facts.statements.push(Statement {
            id: StatementId::default(),
            speaker: ArcStr::clone(speaker),
            kind: statement.kind,
            cue: shared_cue(cues, statement.cue),
            text: words.unwrap_or_else(|| statement.words()),
            evidence: Evidence::new(document, statement.span),
            about,
        });
    }
    // Names the extractor joined within the document are audited too.
    for (index, found) in extraction.entities().enumerate() {
        let entity = entity_of(first_record + index);
        for alias in found.aliases().map(str::trim) {
            if alias.is_empty()
                || alias == found.name
                || alias == entity.name
                || recorded.contains(&(&*entity.id, alias))
            {
                continue;
            }
            facts.merges.push(MergeRecord {
                entity: entity.id.clone(),
                alias: alias.to_string(),
                rule: crate::names::in_document_rule(alias, found.name, found.kind).to_string(),
            });
        }
    }
    facts
}

/// A packed extraction as resolution reads it: borrowed from the graph,
/// or owned, and then freed as soon as its statements are made.
type Packed<'a> = Cow<'a, PackedExtraction>;

/// Resolves everything added so far into one saved graph.
fn build(
    extractions: &BTreeMap<String, PackedExtraction>,
    saved_parts: &[SavedGraph],
) -> io::Result<Resolved> {
    let (document_ids, packed) = extractions
        .iter()
        .map(|(id, packed)| (DocumentId::from(id), Cow::Borrowed(packed)))
        .unzip();
    build_from(document_ids, packed, saved_parts)
}

/// Resolves everything added so far into one saved graph, freeing each
/// extraction once its statements are made.
fn build_consuming(
    extractions: BTreeMap<String, PackedExtraction>,
    saved_parts: &[SavedGraph],
) -> io::Result<Resolved> {
    let (document_ids, packed) = extractions
        .into_iter()
        .map(|(id, packed)| (DocumentId::from(id), Cow::Owned(packed)))
        .unzip();
    build_from(document_ids, packed, saved_parts)
}

/// Resolves the extractions `packed` of the documents `document_ids` (in
/// document order) and the saved parts into one saved graph; fails only
/// when statements put aside cannot be read back.
fn build_from(
    document_ids: Vec<DocumentId>,
    packed: Vec<Packed<'_>>,
    saved_parts: &[SavedGraph],
) -> io::Result<Resolved> {
    let mut dropped = DroppedFacts::default();
    let related = resolve_and_relate(
        &packed,
        &document_ids,
        saved_parts,
        resolve::Mentions::Gathered,
        |_, _| Ok::<(), std::convert::Infallible>(()),
        &mut dropped,
    );
    let Related {
        resolution,
        record_index,
        relations,
        statement_count,
    } = match related {
        Ok(related) => related,
        Err(never) => match never {},
    };
    let entities = &resolution.entities;
    let entity_index_of = |record: usize| resolution.entity_of(record);

    // Gathered into a list of its final size (or a little more, for
    // statements naming no entity): grown while gathering, it would be
    // copied several times.
    let mut statements: Vec<Statement> = Vec::with_capacity(statement_count);
    let mut merges: Vec<MergeRecord> = resolution.merges.clone();
    let mut documents: BTreeSet<String> = BTreeSet::new();
    make_statements(
        packed,
        &document_ids,
        &record_index,
        &resolution,
        true,
        |facts| {
            documents.insert(facts.document.to_string());
            dropped.statements_with_bad_references += facts.statements_with_bad_references;
            statements.extend(facts.statements);
            merges.extend(facts.merges);
        },
    )?;
    for (part, record_of) in saved_parts.iter().zip(&record_index.record_of_saved_entity) {
        documents.extend(part.documents.iter().cloned());
        let id_of = |old_id: &str| {
            record_of
                .get(old_id)
                .map(|record| &entities[entity_index_of(*record)].id)
        };
        for statement in &part.statements {
            let speaker = id_of(&statement.speaker);
            let about = about_ids(statement.about.iter().map(|old| id_of(old)));
            let (Some(speaker), Some(about)) = (speaker, about) else {
                dropped.statements_with_bad_references += 1;
                continue;
            };
            statements.push(Statement {
                id: StatementId::default(),
                speaker: ArcStr::clone(speaker),
                about,
                ..statement.clone()
            });
        }
        for merge in &part.merges {
            let Some(record) = record_of.get(&*merge.entity) else {
                continue;
            };
            let entity = &resolution.entities[resolution.entity_of(*record)];
            if merge.alias != entity.name {
                merges.push(MergeRecord {
                    entity: entity.id.clone(),
                    alias: merge.alias.clone(),
                    rule: merge.rule.clone(),
                });
            }
        }
    }

    // Sorted by (document, start, end), one statement per span, which is
    // the saved order (document, start, end, speaker).
    let statements = statements_in_saved_order(statements);
    merges.par_sort_unstable();
    merges.dedup();

    Ok(Resolved {
        saved: SavedGraph {
            format_version: crate::FORMAT_VERSION,
            documents: documents.into_iter().collect(),
            entities: resolution.entities,
            statements,
            relations,
            merges,
            extractions: Vec::new(),
        },
        dropped,
    })
}

/// What [`resolve_and_relate`] gives: the entities, where each input's
/// records are, and the relations between the entities.
struct Related<'s> {
    resolution: resolve::Resolution,
    record_index: RecordIndex<'s>,
    relations: Vec<Relation>,
    /// How many statements the extractions hold.
    statement_count: usize,
}

/// Resolves the entities of the extractions `packed` (of `document_ids`)
/// and the saved parts, and gathers the relations between them.
/// `with_records` is handed the resolution while its records, which it
/// reads the extractions' entities through, are still held: the last
/// moment the entities' mentions can be gathered.
fn resolve_and_relate<'s, Error>(
    packed: &[Packed<'_>],
    document_ids: &[DocumentId],
    saved_parts: &'s [SavedGraph],
    mentions: resolve::Mentions,
    with_records: impl FnOnce(&mut resolve::Resolution, &[EntityRecord<'_>]) -> Result<(), Error>,
    dropped: &mut DroppedFacts,
) -> Result<Related<'s>, Error> {
    let extractions: Vec<(PackedView<'_>, &DocumentId)> = packed
        .iter()
        .map(|packed| packed.view())
        .zip(document_ids)
        .collect();
    let (records, record_index) = collect_records(&extractions, saved_parts);
    let mut resolution = resolve::resolve(&records, mentions);
    with_records(&mut resolution, &records)?;
    // Only the resolution is read from here on.
    drop(records);
    // Relations first: their pieces take about as much memory as the
    // relations made of them, and grouped before the statements are
    // made the two are never held beside the statements.
    let relations = gather_relations(
        &extractions,
        saved_parts,
        &record_index,
        &resolution.entities,
        &|record| resolution.entity_of(record),
        dropped,
    );
    let statement_count = extractions
        .iter()
        .map(|(extraction, _)| extraction.statement_count())
        .sum();
    Ok(Related {
        resolution,
        record_index,
        relations,
        statement_count,
    })
}

/// Makes the statements and in-document merge records of the extractions
/// `packed` (of `document_ids`), their entity ids on all threads, and
/// hands each extraction's to `gather`, in document order. Each extraction
/// the list owns is freed once its statements are made. `kept` says
/// whether the statements are kept (see [`facts_of`]). Statements put
/// aside are read back; the first that cannot be ends the gathering, and
/// its error is returned.
fn make_statements(
    packed: Vec<Packed<'_>>,
    document_ids: &[DocumentId],
    record_index: &RecordIndex<'_>,
    resolution: &resolve::Resolution,
    kept: bool,
    mut gather: impl FnMut(ExtractionFacts<'_>) + Send,
) -> io::Result<()> {
    let recorded: FastHashSet<(&str, &str)> = resolution
        .merges
        .iter()
        .map(|merge| (&*merge.entity, merge.alias.as_str()))
        .collect();
    let mut failure: Option<io::Error> = None;
    map_packed_in_chunks(
        packed,
        document_ids,
        &record_index.first_record_of_extraction,
        FastHashSet::default,
        |cues, packed, document, first_record| {
            let whole = packed.with_statements()?;
            // Words the graph keeps, or read back for these statements
            // alone, are shared; see `facts_of`.
            let copy_words = kept && matches!(packed, Cow::Owned(_)) && !packed.is_put_aside();
            Ok(facts_of(
                whole.view(),
                document,
                first_record,
                resolution,
                &recorded,
                cues,
                copy_words,
            ))
        },
        |facts: io::Result<ExtractionFacts<'_>>| match facts {
            Ok(facts) if failure.is_none() => gather(facts),
            Ok(_) => {}
            Err(error) => {
                failure.get_or_insert(error);
            }
        },
    );
    match failure {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// The relations of every extraction and saved part, between resolved
/// entities (`entity_index_of` gives a record's entity, an index into
/// `entities`), grouped by identity with their evidence unioned. Those
/// naming no entity, or one entity at both ends, are counted in `dropped`.
fn gather_relations<'a>(
    extractions: &[(PackedView<'a>, &'a DocumentId)],
    saved_parts: &'a [SavedGraph],
    record_index: &RecordIndex<'_>,
    entities: &[Entity],
    entity_index_of: &(impl Fn(usize) -> usize + Sync),
    dropped: &mut DroppedFacts,
) -> Vec<Relation> {
    let mut relations = RelationSet::for_entities(
        entities.len(),
        extractions
            .iter()
            .map(|(extraction, _)| extraction.relation_count())
            .sum(),
    );
    map_in_chunks(
        extractions,
        &record_index.first_record_of_extraction,
        || (),
        |(), extraction, document, first_record| {
            relations_of(extraction, document, first_record, entity_index_of)
        },
        |extracted| {
            relations.append(extracted.relations);
            dropped.relations_with_bad_references += extracted.relations_with_bad_references;
        },
    );
    for (part, record_of) in saved_parts.iter().zip(&record_index.record_of_saved_entity) {
        let index_of = |old_id: &str| record_of.get(old_id).map(|record| entity_index_of(*record));
        for relation in &part.relations {
            let (Some(source), Some(target)) =
                (index_of(&relation.source), index_of(&relation.target))
            else {
                dropped.relations_with_bad_references += 1;
                continue;
            };
            relations.insert(
                source,
                relation.predicate,
                target,
                relation.label.as_deref(),
                relation.evidence.iter().cloned(),
            );
        }
    }
    dropped.relations_to_themselves = relations.relations_to_themselves();
    relations.into_relations(entities)
}

/// How many extractions [`map_in_chunks`] maps at a time.
const EXTRACTIONS_PER_CHUNK: usize = 4_096;

/// Maps each extraction (with its document id and first record) on all
/// threads, `init` making each task's scratch state, and hands the results
/// to `gather` in document order. A chunk of extractions at a time, so
/// that the results waiting to be gathered are a chunk's, not the whole
/// corpus's: the memory one chunk's results free is taken again by the
/// next, where results mapped all at once would, once gathered, leave as
/// much again freed but still held by the allocator.
fn map_in_chunks<'a, State, Output: Send>(
    extractions: &[(PackedView<'a>, &'a DocumentId)],
    first_records: &[usize],
    init: impl Fn() -> State + Sync + Send,
    map: impl Fn(&mut State, PackedView<'a>, &'a DocumentId, usize) -> Output + Sync + Send,
    gather: impl FnMut(Output) + Send,
) {
    let chunks = extractions
        .chunks(EXTRACTIONS_PER_CHUNK)
        .zip(first_records.chunks(EXTRACTIONS_PER_CHUNK));
    map_and_gather(
        chunks,
        |(chunk, first_records)| {
            chunk
                .par_iter()
                .zip(first_records)
                .map_init(&init, |state, ((extraction, document), first_record)| {
                    map(state, *extraction, document, *first_record)
                })
                .collect()
        },
        gather,
    );
}

/// [`map_in_chunks`] over the extractions `packed` of the documents
/// `document_ids`, taking them: an extraction the list owns is freed once
/// its chunk is mapped.
fn map_packed_in_chunks<'d, State, Output: Send>(
    packed: Vec<Packed<'_>>,
    document_ids: &'d [DocumentId],
    first_records: &[usize],
    init: impl Fn() -> State + Sync + Send,
    map: impl Fn(&mut State, &Packed<'_>, &'d DocumentId, usize) -> Output + Sync + Send,
    gather: impl FnMut(Output) + Send,
) {
    let mut packed = packed.into_iter();
    let chunks = document_ids
        .chunks(EXTRACTIONS_PER_CHUNK)
        .zip(first_records.chunks(EXTRACTIONS_PER_CHUNK))
        .map(|(document_ids, first_records)| {
            let chunk: Vec<Packed<'_>> = packed.by_ref().take(document_ids.len()).collect();
            (chunk, document_ids, first_records)
        });
    map_and_gather(
        chunks,
        |(chunk, document_ids, first_records)| {
            chunk
                .par_iter()
                .zip(document_ids)
                .zip(first_records)
                .map_init(&init, |state, ((packed, document), first_record)| {
                    map(state, packed, document, *first_record)
                })
                .collect()
        },
        gather,
    );
}

/// Maps each chunk of `chunks` with `map_chunk` and hands the results to
/// `gather` in order. A chunk's results are gathered on one thread while
/// the next chunk is mapped on the others, so that no thread waits for the
/// gathering.
fn map_and_gather<Chunk: Send, Output: Send>(
    mut chunks: impl Iterator<Item = Chunk>,
    map_chunk: impl Fn(Chunk) -> Vec<Output> + Sync,
    mut gather: impl FnMut(Output) + Send,
) {
    let Some(chunk) = chunks.next() else {
        return;
    };
    let mut mapped = map_chunk(chunk);
    for chunk in chunks {
        let gather = &mut gather;
        let (next, ()) = rayon::join(
            || map_chunk(chunk),
            move || mapped.into_iter().for_each(gather),
        );
        mapped = next;
    }
    mapped.into_iter().for_each(gather);
}

/// The relations of one extraction, whose first entity is record
/// `first_record`, as pieces of a [`RelationSet`].
fn relations_of<'a>(
    extraction: PackedView<'a>,
    document: &DocumentId,
    first_record: usize,
    entity_index_of: &impl Fn(usize) -> usize,
) -> ExtractionRelations<'a> {
    let index_of = extracted_entity_index(extraction.entity_count(), first_record, entity_index_of);
    let mut extracted = ExtractionRelations {
        relations: RelationSet::with_capacity(extraction.relation_count()),
        relations_with_bad_references: 0,
    };
    for relation in extraction.relations() {
        let (Some(source), Some(target)) = (index_of(relation.source), index_of(relation.target))
        else {
            extracted.relations_with_bad_references += 1;
            continue;
        };
        extracted.relations.insert(
            source,
            relation.predicate,
            target,
            relation.label,
            [Evidence::new(document, relation.span)],
        );
    }
    extracted
}

#[cfg(test)]
mod tests;
