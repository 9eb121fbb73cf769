//! Hand-made graphs for the tests and the `draw_sample` example. All names
//! are invented.
//!
//! The graph crate is built separately, so these graphs are written as
//! `SavedGraph` values directly rather than extracted from articles.

use newsgraph_extract::{EntityKind, Predicate, StatementKind};
use newsgraph_graph::ArcStr;
use newsgraph_graph::{
    Entity, Evidence, MergeRecord, Relation, SavedGraph, Statement, StatementId,
};

/// A name with everything that breaks naive quoting in JSON, DOT and XML.
pub const HOSTILE_NAME: &str = "Ana \"The <Fox>\" O'Neil & Sons\\\n]]><script>alert(1)</script>";

/// Builds a `SavedGraph` entity by entity, keeping its lists sorted as the
/// graph crate does.
#[derive(Default)]
pub struct GraphBuilder {
    graph: SavedGraph,
    next_offset: u32,
}

fn slug(name: &str) -> String {
    let mut slug = String::new();
    for character in name.chars() {
        if character.is_alphanumeric() {
            slug.extend(character.to_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

fn kind_prefix(kind: EntityKind) -> &'static str {
    kind.as_str()
}

impl GraphBuilder {
    pub fn new() -> Self {
        GraphBuilder::default()
    }

    fn evidence(&mut self, document_number: usize, length: usize) -> Evidence {
        let document = format!("{:03}_article.txt", document_number % 7);
        if !self.graph.documents.contains(&document) {
            self.graph.documents.push(document.clone());
        }
        self.next_offset += 37;
        Evidence {
            document: document.into(),
            start: self.next_offset,
            end: self.next_offset + u32::try_from(length).expect("a short name"),
        }
    }

    /// Adds an entity named `mention_count` times and returns its id.
    pub fn entity(&mut self, kind: EntityKind, name: &str, mention_count: usize) -> String {
        let id = format!("{}:{}", kind_prefix(kind), slug(name));
        let mut mentions: Vec<Evidence> = (0..mention_count.max(1))
            .map(|number| self.evidence(number + id.len(), name.len()))
            .collect();
        mentions.sort();
        self.graph.entities.push(Entity {
            id: id.as_str().into(),
            kind,
            name: name.to_string(),
            aliases: Vec::new(),
            keys: Vec::new(),
            mentions,
        });
        id
    }

    pub fn alias(&mut self, id: &str, alias: &str) {
        if let Some(entity) = self
            .graph
            .entities
            .iter_mut()
            .find(|entity| &*entity.id == id)
        {
            entity.aliases.push(alias.to_string());
            entity.aliases.sort();
        }
        self.graph.merges.push(MergeRecord {
            entity: id.into(),
            alias: alias.to_string(),
            rule: "surname".to_string(),
        });
    }

    pub fn relation(
        &mut self,
        source: &str,
        predicate: Predicate,
        target: &str,
        label: Option<&str>,
    ) {
        let evidence = vec![self.evidence(source.len() + target.len(), 60)];
        self.graph.relations.push(Relation {
            source: source.into(),
            predicate,
            target: target.into(),
            label: label.map(Box::from),
            evidence: evidence.into(),
        });
    }

    pub fn statement(&mut self, speaker: &str, kind: StatementKind, text: &str, about: &[&str]) {
        let evidence = self.evidence(speaker.len(), text.len());
        let mut about: Vec<ArcStr> = about.iter().map(|id| ArcStr::from(*id)).collect();
        about.sort();
        self.graph.statements.push(Statement {
            id: StatementId::new(&evidence, false),
            speaker: speaker.into(),
            kind,
            cue: "said".into(),
            text: text.into(),
            evidence,
            about: about.into(),
        });
    }

    pub fn finish(mut self) -> SavedGraph {
        let graph = &mut self.graph;
        graph.documents.sort();
        graph.entities.sort_by(|left, right| left.id.cmp(&right.id));
        graph
            .statements
            .sort_by(|left, right| left.evidence.cmp(&right.evidence));
        graph.relations.sort_by(|left, right| {
            (&left.source, left.predicate, &left.target, &left.label).cmp(&(
                &right.source,
                right.predicate,
                &right.target,
                &right.label,
            ))
        });
        graph.merges.sort();
        self.graph
    }
}

/// Three entities, two relations, one statement.
pub fn small_graph() -> SavedGraph {
    let mut builder = GraphBuilder::new();
    let commissioner = builder.entity(EntityKind::Person, "Marta Quill", 3);
    let port = builder.entity(EntityKind::Place, "Port Astrid", 2);
    let country = builder.entity(EntityKind::Place, "Veloria", 4);
    builder.alias(&commissioner, "Quill");
    builder.relation(
        &commissioner,
        Predicate::Role,
        &port,
        Some("Harbour Commissioner"),
    );
    builder.relation(&port, Predicate::LocatedIn, &country, None);
    builder.statement(
        &commissioner,
        StatementKind::Direct,
        "The harbour will reopen on Monday",
        &[&port],
    );
    builder.finish()
}

/// Names and texts with quotes, angle brackets, ampersands, backslashes,
/// newlines, CDATA ends, script tags and control characters.
pub fn hostile_graph() -> SavedGraph {
    let mut builder = GraphBuilder::new();
    let person = builder.entity(EntityKind::Person, HOSTILE_NAME, 2);
    let place = builder.entity(
        EntityKind::Place,
        "Back\\slash \"Quoted\" <Town> \u{7}bell",
        1,
    );
    let organization = builder.entity(EntityKind::Organization, "A&B <Holdings> 'Ltd' \r\n\t--", 1);
    builder.relation(
        &person,
        Predicate::Role,
        &organization,
        Some("Chief \"Officer\" <&>\\"),
    );
    builder.relation(&person, Predicate::Met, &place, None);
    builder.relation(&organization, Predicate::Accused, &person, None);
    builder.statement(
        &person,
        StatementKind::Reported,
        "We said \"no\" & <b>meant</b> it\\\n]]>",
        &[&place],
    );
    builder.finish()
}

/// A graph like one built from a handful of articles: 43 entities (three of
/// them alone), about 60 relations of every predicate, statements by 8
/// speakers.
pub fn realistic_graph() -> SavedGraph {
    use EntityKind::{Organization, Person, Place};
    use Predicate::*;
    let mut builder = GraphBuilder::new();
    let people = [
        ("Marta Quill", 14),
        ("Tomas Reyvik", 22),
        ("Ilse Brandvold", 11),
        ("Oren Castellane", 18),
        ("Daria Okonkwo-Lind", 7),
        ("Felix Amberley", 5),
        ("Nadia Soren", 6),
        ("Pavel Dunmore", 9),
        ("Lucia Ferrante", 4),
        ("Henrik Solberg-Vane", 3),
        ("Amara Lindqvist", 2),
        ("Viktor Halloran", 8),
        ("Sofia Marchetti", 3),
        ("Jonas Whitcombe", 2),
        ("Elena Varga", 1),
        ("Rafael Ostrowski", 2),
        ("Greta Holm", 1),
        ("Mikael Torrance", 1),
    ];
    let places = [
        ("Veloria", 30),
        ("Estmark", 26),
        ("Port Astrid", 9),
        ("Calder Bay", 6),
        ("Norhaven", 5),
        ("Estmark City", 4),
        ("Keldar Strait", 7),
        ("Brannoch Islands", 3),
        ("Lake Imren", 1),
        ("Solvik", 2),
        ("Marrow Pass", 2),
        ("Tessaly Province", 3),
    ];
    let organizations = [
        ("Northern Maritime Council", 8),
        ("Halvard Shipping", 6),
        ("Veloria Defence Ministry", 5),
        ("Estmark Renewal Party", 4),
        ("Atlantic Development Fund", 3),
        ("The Meridian Post", 2),
        ("Coastal Guard Service", 4),
        ("Red Lantern Relief", 2),
        ("Union of Dock Workers", 3),
        ("Keldar Energy", 3),
    ];
    let mut id_of = std::collections::HashMap::new();
    for (name, mentions) in people {
        id_of.insert(name, builder.entity(Person, name, mentions));
    }
    for (name, mentions) in places {
        id_of.insert(name, builder.entity(Place, name, mentions));
    }
    for (name, mentions) in organizations {
        id_of.insert(name, builder.entity(Organization, name, mentions));
    }
    // Named once in passing, linked to nothing.
    builder.entity(Person, "Orla Finch", 1);
    builder.entity(Place, "Dunmere Abbey", 1);
    builder.entity(Organization, "Society of Lighthouse Keepers", 1);

    let relations: [(&str, Predicate, &str, Option<&str>); 62] = [
        (
            "Marta Quill",
            Role,
            "Port Astrid",
            Some("Harbour Commissioner"),
        ),
        ("Tomas Reyvik", Role, "Veloria", Some("President")),
        ("Ilse Brandvold", Role, "Veloria", Some("Foreign Minister")),
        ("Oren Castellane", Role, "Estmark", Some("Prime Minister")),
        (
            "Daria Okonkwo-Lind",
            Role,
            "Northern Maritime Council",
            Some("Secretary-General"),
        ),
        (
            "Felix Amberley",
            Role,
            "Halvard Shipping",
            Some("Chief Executive"),
        ),
        (
            "Nadia Soren",
            Role,
            "Veloria Defence Ministry",
            Some("Spokesperson"),
        ),
        ("Pavel Dunmore", Role, "Estmark", Some("Defence Minister")),
        ("Lucia Ferrante", Role, "Calder Bay", Some("Mayor")),
        (
            "Henrik Solberg-Vane",
            Role,
            "Northern Maritime Council",
            Some("Envoy"),
        ),
        (
            "Amara Lindqvist",
            Role,
            "The Meridian Post",
            Some("Correspondent"),
        ),
        (
            "Viktor Halloran",
            Role,
            "Estmark Renewal Party",
            Some("Leader"),
        ),
        (
            "Sofia Marchetti",
            Role,
            "Atlantic Development Fund",
            Some("Director"),
        ),
        (
            "Jonas Whitcombe",
            Role,
            "Coastal Guard Service",
            Some("Commander"),
        ),
        (
            "Elena Varga",
            Role,
            "Red Lantern Relief",
            Some("Coordinator"),
        ),
        (
            "Rafael Ostrowski",
            Role,
            "Union of Dock Workers",
            Some("Chair"),
        ),
        ("Greta Holm", Role, "Keldar Energy", Some("Chief Engineer")),
        ("Mikael Torrance", Role, "Halvard Shipping", Some("Captain")),
        ("Port Astrid", LocatedIn, "Veloria", None),
        ("Norhaven", LocatedIn, "Veloria", None),
        ("Solvik", LocatedIn, "Veloria", None),
        ("Calder Bay", LocatedIn, "Estmark", None),
        ("Estmark City", LocatedIn, "Estmark", None),
        ("Brannoch Islands", LocatedIn, "Estmark", None),
        ("Tessaly Province", LocatedIn, "Estmark", None),
        ("Marrow Pass", LocatedIn, "Tessaly Province", None),
        ("Lake Imren", LocatedIn, "Tessaly Province", None),
        ("Veloria", MemberOf, "Northern Maritime Council", None),
        ("Estmark", MemberOf, "Northern Maritime Council", None),
        ("Halvard Shipping", MemberOf, "Union of Dock Workers", None),
        ("Tomas Reyvik", Met, "Oren Castellane", None),
        ("Ilse Brandvold", Met, "Daria Okonkwo-Lind", None),
        ("Marta Quill", Met, "Felix Amberley", None),
        ("Lucia Ferrante", Met, "Marta Quill", None),
        ("Henrik Solberg-Vane", Met, "Pavel Dunmore", None),
        ("Tomas Reyvik", SpokeWith, "Sofia Marchetti", None),
        ("Ilse Brandvold", SpokeWith, "Henrik Solberg-Vane", None),
        ("Oren Castellane", SpokeWith, "Daria Okonkwo-Lind", None),
        ("Tomas Reyvik", Hosted, "Oren Castellane", None),
        ("Oren Castellane", Hosted, "Sofia Marchetti", None),
        ("Tomas Reyvik", Visited, "Port Astrid", None),
        ("Oren Castellane", Visited, "Brannoch Islands", None),
        ("Daria Okonkwo-Lind", Visited, "Keldar Strait", None),
        ("Amara Lindqvist", Visited, "Marrow Pass", None),
        ("Elena Varga", Visited, "Calder Bay", None),
        ("Estmark", Accused, "Veloria", None),
        ("Veloria", Accused, "Estmark", None),
        ("Nadia Soren", Accused, "Pavel Dunmore", None),
        ("Viktor Halloran", Accused, "Oren Castellane", None),
        ("Veloria", Denied, "Estmark", None),
        ("Oren Castellane", Denied, "Viktor Halloran", None),
        ("Estmark", Attacked, "Solvik", None),
        ("Coastal Guard Service", Attacked, "Keldar Strait", None),
        ("Atlantic Development Fund", Supports, "Veloria", None),
        ("Red Lantern Relief", Supports, "Calder Bay", None),
        ("Northern Maritime Council", Supports, "Veloria", None),
        ("Union of Dock Workers", Supports, "Marta Quill", None),
        ("Viktor Halloran", Opposes, "Keldar Energy", None),
        (
            "Estmark Renewal Party",
            Opposes,
            "Northern Maritime Council",
            None,
        ),
        ("Halvard Shipping", Opposes, "Union of Dock Workers", None),
        ("Keldar Energy", Supports, "Estmark", None),
        ("Felix Amberley", Visited, "Keldar Strait", None),
    ];
    for (source, predicate, target, label) in relations {
        let (source, target) = (id_of[source].clone(), id_of[target].clone());
        builder.relation(&source, predicate, &target, label);
    }

    let speakers = [
        ("Tomas Reyvik", 12),
        ("Oren Castellane", 9),
        ("Marta Quill", 6),
        ("Ilse Brandvold", 5),
        ("Nadia Soren", 4),
        ("Viktor Halloran", 3),
        ("Daria Okonkwo-Lind", 2),
        ("Felix Amberley", 1),
    ];
    for (speaker, count) in speakers {
        let speaker = id_of[speaker].clone();
        for number in 0..count {
            let kind = if number % 2 == 0 {
                StatementKind::Direct
            } else {
                StatementKind::Reported
            };
            builder.statement(&speaker, kind, "The talks will continue next week", &[]);
        }
    }
    builder.finish()
}

/// A graph of `entity_count` entities in loosely linked clusters, about 1.3
/// relations an entity, for timing the layout.
pub fn generated_graph(entity_count: usize) -> SavedGraph {
    let mut builder = GraphBuilder::new();
    let kinds = [
        EntityKind::Person,
        EntityKind::Place,
        EntityKind::Organization,
    ];
    let ids: Vec<String> = (0..entity_count)
        .map(|number| {
            let kind = kinds[number % 3];
            builder.entity(kind, &format!("Entity {number}"), 1 + number % 5)
        })
        .collect();
    // A fixed linear congruential generator: the same graph on every run.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |bound: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % bound.max(1)
    };
    for number in 1..entity_count {
        // Most links stay within a cluster of about 25 neighbours.
        let cluster_start = number - number % 25;
        let target = if next(10) < 8 && number > cluster_start {
            cluster_start + next(number - cluster_start)
        } else {
            next(number)
        };
        let predicate = Predicate::ALL[next(Predicate::ALL.len())];
        builder.relation(&ids[number], predicate, &ids[target], None);
        if next(10) < 3 {
            let other = next(entity_count);
            if other != number {
                builder.relation(&ids[number], Predicate::Supports, &ids[other], None);
            }
        }
        if next(12) == 0 {
            builder.statement(&ids[number], StatementKind::Direct, "Yes", &[]);
        }
    }
    builder.finish()
}
