//! What a picture of the graph shows, whatever draws it: the entities with
//! their statement and mention counts, and the relations whose two ends are
//! both entities of the graph.
//!
//! A saved graph may be inconsistent (hand-edited, or from a buggy build): a
//! relation may name an entity that is not there, or an id may appear
//! twice. The pictures must still be drawn, so such relations are left out
//! and the first entity of an id wins, rather than inventing nodes.

use std::collections::HashMap;

use newsgraph_graph::{Entity, Relation, SavedGraph};

pub(crate) struct Scene<'graph> {
    /// Sorted by entity id.
    pub nodes: Vec<SceneNode<'graph>>,
    /// Sorted by (source, predicate, target, label); ends are indices into
    /// `nodes`.
    pub edges: Vec<SceneEdge<'graph>>,
    pub statement_total: usize,
}

pub(crate) struct SceneNode<'graph> {
    pub entity: &'graph Entity,
    /// How many statements this entity made.
    pub statement_count: usize,
    /// Relations touching this node, loops included.
    pub degree: usize,
}

pub(crate) struct SceneEdge<'graph> {
    pub source: usize,
    pub target: usize,
    pub relation: &'graph Relation,
}

impl<'graph> Scene<'graph> {
    pub fn new(graph: &'graph SavedGraph) -> Self {
        let mut entities: Vec<&Entity> = graph.entities.iter().collect();
        // A stable sort keeps the first of duplicate ids first, and dedup
        // then drops the later ones.
        entities.sort_by(|left, right| left.id.cmp(&right.id));
        entities.dedup_by(|later, earlier| later.id == earlier.id);

        let index_of_id: HashMap<&str, usize> = entities
            .iter()
            .enumerate()
            .map(|(index, entity)| (&*entity.id, index))
            .collect();

        let mut nodes: Vec<SceneNode> = entities
            .into_iter()
            .map(|entity| SceneNode {
                entity,
                statement_count: 0,
                degree: 0,
            })
            .collect();

        let mut statement_total = 0;
        for statement in &graph.statements {
            if let Some(&index) = index_of_id.get(&*statement.speaker) {
                nodes[index].statement_count += 1;
                statement_total += 1;
            }
        }

        let mut relations: Vec<&Relation> = graph.relations.iter().collect();
        relations.sort_by(|left, right| {
            (&left.source, left.predicate, &left.target, &left.label).cmp(&(
                &right.source,
                right.predicate,
                &right.target,
                &right.label,
            ))
        });
        let mut edges = Vec::with_capacity(relations.len());
        for relation in relations {
            let source = index_of_id.get(&*relation.source);
            let target = index_of_id.get(&*relation.target);
            if let (Some(&source), Some(&target)) = (source, target) {
                nodes[source].degree += 1;
                nodes[target].degree += 1;
                edges.push(SceneEdge {
                    source,
                    target,
                    relation,
                });
            }
        }

        Scene {
            nodes,
            edges,
            statement_total,
        }
    }
}
