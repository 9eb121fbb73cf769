//! The visual vocabulary shared by the DOT and the built-in SVG pictures:
//! colours and shapes of entity kinds, colours of predicate families, and
//! the captions of edges. Keeping it in one place makes the two pictures
//! read the same way.

use newsgraph_extract::{EntityKind, Predicate};
use newsgraph_graph::Relation;

/// How an entity kind is drawn.
pub(crate) struct KindStyle {
    /// The plural name shown in legends.
    pub legend: &'static str,
    pub fill: &'static str,
    pub stroke: &'static str,
    /// The Graphviz shape.
    pub dot_shape: &'static str,
}

pub(crate) const ALL_KINDS: [EntityKind; 3] = [
    EntityKind::Person,
    EntityKind::Place,
    EntityKind::Organization,
];

pub(crate) fn kind_style(kind: EntityKind) -> KindStyle {
    match kind {
        EntityKind::Person => KindStyle {
            legend: "people",
            fill: "#cfe3f7",
            stroke: "#2b6cb0",
            dot_shape: "ellipse",
        },
        EntityKind::Place => KindStyle {
            legend: "places",
            fill: "#d4efcf",
            stroke: "#2f855a",
            dot_shape: "box",
        },
        EntityKind::Organization => KindStyle {
            legend: "organizations",
            fill: "#fde2bf",
            stroke: "#c05621",
            dot_shape: "hexagon",
        },
    }
}

/// Predicates grouped by what they say about the two ends, so that a reader
/// sees at a glance where the conflicts are without reading every label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum PredicateFamily {
    /// Who holds which role, what lies where, who belongs to what.
    Structure,
    /// Meetings, talks, visits and support.
    Contact,
    /// Accusations, denials, attacks and opposition.
    Conflict,
}

pub(crate) const ALL_FAMILIES: [PredicateFamily; 3] = [
    PredicateFamily::Structure,
    PredicateFamily::Contact,
    PredicateFamily::Conflict,
];

impl PredicateFamily {
    pub fn of(predicate: Predicate) -> Self {
        match predicate {
            Predicate::Role | Predicate::LocatedIn | Predicate::MemberOf => {
                PredicateFamily::Structure
            }
            Predicate::Met
            | Predicate::SpokeWith
            | Predicate::Hosted
            | Predicate::Visited
            | Predicate::Supports => PredicateFamily::Contact,
            Predicate::Accused | Predicate::Denied | Predicate::Attacked | Predicate::Opposes => {
                PredicateFamily::Conflict
            }
        }
    }

    pub fn colour(self) -> &'static str {
        match self {
            PredicateFamily::Structure => "#7a8594",
            PredicateFamily::Contact => "#3a7bd5",
            PredicateFamily::Conflict => "#d0433b",
        }
    }

    pub fn legend(self) -> &'static str {
        match self {
            PredicateFamily::Structure => "role, member of, located in",
            PredicateFamily::Contact => "met, spoke with, hosted, visited, supports",
            PredicateFamily::Conflict => "accused, denied, attacked, opposes",
        }
    }

    /// A name usable in XML ids.
    pub fn slug(self) -> &'static str {
        match self {
            PredicateFamily::Structure => "structure",
            PredicateFamily::Contact => "contact",
            PredicateFamily::Conflict => "conflict",
        }
    }
}

/// The caption of a relation's edge: the predicate in words, with the title
/// of a role ("role: Foreign Minister").
pub(crate) fn edge_caption(relation: &Relation) -> String {
    let predicate = relation.predicate.as_str().replace('_', " ");
    match relation.label.as_deref().map(str::trim) {
        Some(label) if !label.is_empty() => format!("{predicate}: {label}"),
        _ => predicate,
    }
}

/// "1 statement", "12 statements".
pub(crate) fn statement_count_caption(count: usize) -> String {
    if count == 1 {
        "1 statement".to_string()
    } else {
        format!("{count} statements")
    }
}
