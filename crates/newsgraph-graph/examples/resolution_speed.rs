//! A quick check of resolution speed on a synthetic corpus: 10,000
//! documents of 10 entities each (100,000 records), with invented names
//! drawn from small pools so that many records merge.
//!
//! `cargo run --release -p newsgraph-graph --example resolution_speed`

use std::time::Instant;

use newsgraph_extract::{DocEntity, EntityKind, Extraction, Mention, Predicate, Relation, Span};
use newsgraph_graph::KnowledgeGraph;

const GIVEN_NAMES: [&str; 12] = [
    "Anna",
    "Karl",
    "Marta",
    "Oleksandr",
    "Ines",
    "Tomas",
    "Lena",
    "Piotr",
    "Yusuf",
    "Mira",
    "Jonas",
    "Elif",
];
const SURNAMES: [&str; 20] = [
    "Berg",
    "Stone",
    "Kovalenkiy",
    "Harlow",
    "Pike",
    "Vale",
    "Marsh",
    "Okafor",
    "Lindqvist",
    "Brandt",
    "Sorensen",
    "Novak",
    "Duarte",
    "Hale",
    "Moreau",
    "Castell",
    "Rusu",
    "Falk",
    "Weir",
    "Tamm",
];

/// A small deterministic pseudo-random sequence, so runs are comparable.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below
    }
}

fn entity(
    kind: EntityKind,
    name: String,
    aliases: Vec<String>,
    key: Option<String>,
    offset: usize,
) -> DocEntity {
    let aliases: Vec<std::sync::Arc<str>> = aliases.into_iter().map(Into::into).collect();
    let mentions = aliases
        .iter()
        .enumerate()
        .map(|(number, surface)| Mention {
            span: Span::new(offset + number * 40, offset + number * 40 + surface.len()),
            surface: surface.clone(),
            sentence: 0,
        })
        .collect();
    DocEntity {
        kind,
        name,
        key,
        aliases,
        mentions,
    }
}

fn main() {
    let mut sequence = Sequence(7);
    let mut extractions = Vec::new();
    for document in 0..10_000 {
        let mut entities = Vec::new();
        for slot in 0..10 {
            let offset = slot * 400;
            let given = GIVEN_NAMES[sequence.next(GIVEN_NAMES.len())];
            // A large pool of surnames: most people are distinct.
            let surname = format!(
                "{}{}",
                SURNAMES[sequence.next(SURNAMES.len())],
                sequence.next(500)
            );
            entities.push(match slot % 5 {
                0 | 1 => {
                    let full = format!("{given} {surname}");
                    entity(
                        EntityKind::Person,
                        full.clone(),
                        vec![full, surname],
                        None,
                        offset,
                    )
                }
                2 => entity(
                    EntityKind::Person,
                    format!("Mr {surname}"),
                    vec![format!("Mr {surname}")],
                    None,
                    offset,
                ),
                3 => {
                    let town = format!("{surname}ville");
                    entity(
                        EntityKind::Place,
                        town.clone(),
                        vec![town.clone()],
                        Some(town),
                        offset,
                    )
                }
                _ => {
                    let council = format!("{surname} Fisheries Council");
                    entity(
                        EntityKind::Organization,
                        council.clone(),
                        vec![council],
                        None,
                        offset,
                    )
                }
            });
        }
        let relations = (0..5)
            .map(|number| Relation {
                source: number,
                predicate: Predicate::Met,
                target: number + 1,
                label: None,
                span: Span::new(5_000 + number * 50, 5_040 + number * 50),
            })
            .collect();
        extractions.push(Extraction {
            document: format!("{document:05}.txt"),
            entities,
            relations,
            ..Extraction::default()
        });
    }

    let started = Instant::now();
    let mut graph = KnowledgeGraph::new();
    for extraction in extractions {
        graph.add(extraction);
    }
    let added = started.elapsed();
    let entity_count = graph.entities().len();
    let resolved = started.elapsed() - added;
    let saved = graph.to_saved();
    println!(
        "100,000 records: added in {added:?}, resolved in {resolved:?}: {entity_count} entities, {} relations, {} merges",
        saved.relations.len(),
        saved.merges.len()
    );
    let started = Instant::now();
    let text = graph.to_ron();
    let written = started.elapsed();
    let started = Instant::now();
    let loaded =
        KnowledgeGraph::from_ron(&text, "memory.ron".as_ref()).map(|graph| graph.to_saved());
    println!(
        "RON: {} bytes written in {written:?}, read and resolved again in {:?}; same graph: {}",
        text.len(),
        started.elapsed(),
        loaded.is_ok_and(|loaded| loaded == saved)
    );
}
