//! Tests of resolution rules, facts, merging laws, saving and loading, on
//! hand-built extractions with invented names.

use std::path::Path;
use std::sync::Arc;

use newsgraph_extract::{
    DocEntity, EntityKind, Extraction, Mention, Predicate, Relation as DocRelation, Span,
    Statement as DocStatement, StatementKind,
};

use super::*;
use crate::FORMAT_VERSION;

/// Builds one document's extraction; every name gets a mention whose span
/// is unique within the document.
struct DocumentBuilder {
    extraction: Extraction,
    next_offset: usize,
}

impl DocumentBuilder {
    fn new(document: &str) -> Self {
        DocumentBuilder {
            extraction: Extraction {
                document: document.to_string(),
                ..Extraction::default()
            },
            next_offset: 0,
        }
    }

    fn span(&mut self, length: usize) -> Span {
        let span = Span::new(self.next_offset, self.next_offset + length);
        self.next_offset += length + 10;
        span
    }

    /// Adds an entity named `name` and also written as each of `aliases`.
    fn entity(
        &mut self,
        kind: EntityKind,
        name: &str,
        aliases: &[&str],
        key: Option<&str>,
    ) -> usize {
        let mut names: Vec<Arc<str>> = vec![name.into()];
        names.extend(aliases.iter().map(|alias| Arc::from(*alias)));
        let mentions = names
            .iter()
            .map(|surface| Mention {
                span: self.span(surface.len()),
                surface: surface.clone(),
                sentence: 0,
            })
            .collect();
        self.extraction.entities.push(DocEntity {
            kind,
            name: name.to_string(),
            key: key.map(str::to_string),
            aliases: names,
            mentions,
        });
        self.extraction.entities.len() - 1
    }

    fn person(&mut self, name: &str, aliases: &[&str]) -> usize {
        self.entity(EntityKind::Person, name, aliases, None)
    }

    fn place(&mut self, name: &str, key: Option<&str>) -> usize {
        self.entity(EntityKind::Place, name, &[], key)
    }

    fn organization(&mut self, name: &str) -> usize {
        self.entity(EntityKind::Organization, name, &[], None)
    }

    fn statement(&mut self, speaker: usize, about: &[usize]) -> Span {
        let span = self.span(20);
        self.extraction.statements.push(DocStatement {
            speaker,
            kind: StatementKind::Direct,
            cue: "said".into(),
            text: format!("words at {}", span.start).into(),
            span,
            sentence: 0,
            about: about.to_vec(),
        });
        span
    }

    fn relation(
        &mut self,
        source: usize,
        predicate: Predicate,
        target: usize,
        label: Option<&str>,
    ) -> Span {
        let span = self.span(30);
        self.extraction.relations.push(DocRelation {
            source,
            predicate,
            target,
            label: label.map(str::to_string),
            span,
        });
        span
    }

    fn build(self) -> Extraction {
        self.extraction
    }
}

fn graph_of(extractions: impl IntoIterator<Item = Extraction>) -> KnowledgeGraph {
    let mut graph = KnowledgeGraph::new();
    for extraction in extractions {
        graph.add(extraction);
    }
    graph
}

/// The ids of the entities of a graph that have `name` among their names.
fn ids_named(graph: &KnowledgeGraph, name: &str) -> Vec<String> {
    graph
        .entities()
        .iter()
        .filter(|entity| entity.name == name || entity.aliases.iter().any(|alias| alias == name))
        .map(|entity| entity.id.to_string())
        .collect()
}

fn has_merge(graph: &KnowledgeGraph, entity: &str, alias: &str, rule: &str) -> bool {
    graph
        .merges()
        .iter()
        .any(|merge| &*merge.entity == entity && merge.alias == alias && merge.rule == rule)
}

fn single_person(document: &str, name: &str) -> Extraction {
    let mut builder = DocumentBuilder::new(document);
    builder.person(name, &[]);
    builder.build()
}

#[test]
fn same_key_joins_spellings_of_a_place() {
    let mut first = DocumentBuilder::new("a.txt");
    first.place("Lemberg", Some("Lviv"));
    let mut second = DocumentBuilder::new("b.txt");
    second.place("Lviv", Some("Lviv"));
    let graph = graph_of([first.build(), second.build()]);
    assert_eq!(graph.entities().len(), 1);
    let entity = &graph.entities()[0];
    assert_eq!(&*entity.id, "place:lviv");
    assert_eq!(entity.name, "Lviv");
    assert_eq!(entity.aliases, ["Lemberg"]);
    assert_eq!(entity.keys, ["Lviv"]);
    assert_eq!(entity.mentions.len(), 2);
    assert!(has_merge(&graph, "place:lviv", "Lemberg", "same-key"));
}

#[test]
fn keys_written_differently_join_when_they_fold_alike() {
    // Each distinct key as written is folded once; "Lviv" and "LVIV" must
    // still meet under one folded key, and a record holding both (a saved
    // entity) count once under it.
    let mut first = DocumentBuilder::new("a.txt");
    first.place("Lemberg", Some("Lviv"));
    let mut second = DocumentBuilder::new("b.txt");
    second.place("Lwow", Some("LVIV"));
    let mut third = DocumentBuilder::new("c.txt");
    third.place("Kyiv", Some("Kyiv"));
    let mut graph = graph_of([first.build(), second.build(), third.build()]);
    assert_eq!(ids_named(&graph, "Lemberg"), ids_named(&graph, "Lwow"));
    assert_ne!(ids_named(&graph, "Lemberg"), ids_named(&graph, "Kyiv"));
    let saved = graph.to_saved();
    let mut fourth = DocumentBuilder::new("d.txt");
    fourth.place("Lvov", Some("lviv"));
    graph = KnowledgeGraph::from_saved(saved).unwrap();
    graph.add(fourth.build());
    assert_eq!(graph.entities().len(), 2, "{:#?}", graph.entities());
    assert_eq!(ids_named(&graph, "Lvov"), ids_named(&graph, "Lemberg"));
    let lviv = graph.entity(&ids_named(&graph, "Lvov")[0]).unwrap();
    assert!(lviv.keys.len() >= 2, "{:?}", lviv.keys);
}

#[test]
fn a_key_meets_the_same_name_without_a_key() {
    let mut first = DocumentBuilder::new("a.txt");
    first.place("Lemberg", Some("Lviv"));
    let mut second = DocumentBuilder::new("b.txt");
    second.place("Lviv", None);
    let graph = graph_of([first.build(), second.build()]);
    assert_eq!(graph.entities().len(), 1, "{:#?}", graph.entities());
}

#[test]
fn same_name_ignores_case_accents_titles_and_possessives() {
    let documents = [
        single_person("a.txt", "Anna Berg"),
        single_person("b.txt", "Ms Anna Berg’s"),
        single_person("c.txt", "ANNA BÉRG"),
        single_person("d.txt", "Foreign Minister Anna Berg"),
    ];
    let graph = graph_of(documents);
    assert_eq!(graph.entities().len(), 1, "{:#?}", graph.entities());
    let entity = &graph.entities()[0];
    assert_eq!(&*entity.id, "person:anna-berg");
    assert_eq!(entity.name, "Anna Berg");
    assert!(has_merge(
        &graph,
        "person:anna-berg",
        "ANNA BÉRG",
        "same-name"
    ));
}

#[test]
fn spelling_and_transliteration_variants_join() {
    let documents = [
        single_person("a.txt", "Oleksandr Kovalenkiy"),
        single_person("b.txt", "Oleksandr Kovalenkyy"),
        single_person("c.txt", "Oleksandr Kovalenky"),
        single_person("d.txt", "Олександр Коваленкий"),
        single_person("e.txt", "Oleksandr Kovalenkky"),
    ];
    let graph = graph_of(documents);
    assert_eq!(graph.entities().len(), 1, "{:#?}", graph.entities());
    let entity = &graph.entities()[0];
    assert_eq!(entity.kind, EntityKind::Person);
    assert!(entity
        .aliases
        .iter()
        .any(|alias| alias == "Олександр Коваленкий"));
    assert!(has_merge(
        &graph,
        &entity.id,
        "Олександр Коваленкий",
        "spelling-variant"
    ));
}

#[test]
fn a_surname_joins_the_one_person_who_has_it() {
    let mut first = DocumentBuilder::new("a.txt");
    first.person("Donald Harlow", &["Harlow"]);
    first.person("Donald Pike", &[]);
    let documents = [first.build(), single_person("b.txt", "Mr Harlow")];
    let graph = graph_of(documents);
    assert_eq!(graph.entities().len(), 2, "{:#?}", graph.entities());
    assert_eq!(ids_named(&graph, "Mr Harlow"), ["person:donald-harlow"]);
    assert!(has_merge(
        &graph,
        "person:donald-harlow",
        "Mr Harlow",
        "surname"
    ));
}

#[test]
fn a_surname_shared_by_two_people_joins_neither() {
    let documents = [
        single_person("a.txt", "Donald Harlow"),
        single_person("b.txt", "Marta Harlow"),
        single_person("c.txt", "Harlow"),
    ];
    let graph = graph_of(documents);
    assert_eq!(graph.entities().len(), 3, "{:#?}", graph.entities());
    assert_eq!(ids_named(&graph, "Harlow"), ["person:harlow"]);
    assert!(graph.merges().is_empty(), "{:#?}", graph.merges());
}

#[test]
fn a_surname_alias_inside_a_document_fuses_no_one() {
    // Each document linked "Harlow" to a different full name; the shared
    // one-word alias must not join the two people.
    let mut first = DocumentBuilder::new("a.txt");
    first.person("Donald Harlow", &["Harlow"]);
    let mut second = DocumentBuilder::new("b.txt");
    second.person("Marta Harlow", &["Harlow"]);
    let graph = graph_of([first.build(), second.build()]);
    assert_eq!(graph.entities().len(), 2, "{:#?}", graph.entities());
}

#[test]
fn people_sharing_only_a_given_name_stay_apart() {
    let documents = [
        single_person("a.txt", "Donald Harlow"),
        single_person("b.txt", "Donald Pike"),
        single_person("c.txt", "Donald"),
    ];
    let graph = graph_of(documents);
    assert_eq!(graph.entities().len(), 3, "{:#?}", graph.entities());
}

#[test]
fn a_person_and_a_place_with_one_name_stay_apart() {
    let mut builder = DocumentBuilder::new("a.txt");
    builder.person("Carmen Vale", &[]);
    builder.place("Carmen Vale", None);
    builder.entity(EntityKind::Organization, "Carmen Vale", &[], None);
    let graph = graph_of([builder.build()]);
    let ids: Vec<&str> = graph.entities().iter().map(|entity| &*entity.id).collect();
    assert_eq!(
        ids,
        [
            "organization:carmen-vale",
            "person:carmen-vale",
            "place:carmen-vale"
        ]
    );
}

#[test]
fn an_acronym_joins_the_one_organization_it_spells() {
    let mut first = DocumentBuilder::new("a.txt");
    first.organization("Northern Fisheries Council");
    let mut second = DocumentBuilder::new("b.txt");
    second.organization("NFC");
    let graph = graph_of([first.build(), second.build()]);
    assert_eq!(graph.entities().len(), 1, "{:#?}", graph.entities());
    let id = "organization:northern-fisheries-council";
    assert!(has_merge(&graph, id, "NFC", "acronym"));

    let mut third = DocumentBuilder::new("c.txt");
    third.organization("National Farmers Coalition");
    let mut graph = graph;
    graph.add(third.build());
    assert_eq!(graph.entities().len(), 3, "{:#?}", graph.entities());
    assert_eq!(ids_named(&graph, "NFC"), ["organization:nfc"]);
}

#[test]
fn canonical_names_prefer_keys_then_full_names_then_use() {
    let mut builder = DocumentBuilder::new("a.txt");
    builder.person(
        "Harlow",
        &["Donald Harlow", "Donald Harlowe", "Donald Harlowe"],
    );
    builder.place("Lemberg", Some("Lviv"));
    let graph = graph_of([builder.build()]);
    let person = graph
        .entity("person:donald-harlowe")
        .expect("named after its most used full name");
    assert_eq!(person.aliases, ["Donald Harlow", "Harlow"]);
    assert!(graph.entity("place:lviv").is_some());
}

#[test]
fn colliding_ids_get_suffixes_in_content_order() {
    let documents = [
        single_person("a.txt", "A.B. Cole"),
        single_person("b.txt", "A B Cole"),
    ];
    let forward = graph_of(documents.clone());
    let backward = graph_of(documents.into_iter().rev());
    let ids: Vec<&str> = forward
        .entities()
        .iter()
        .map(|entity| &*entity.id)
        .collect();
    assert_eq!(ids, ["person:a-b-cole", "person:a-b-cole-2"]);
    assert_eq!(forward.to_ron(), backward.to_ron());
}

#[test]
fn statements_resolve_speakers_and_drop_bad_indices() {
    let mut builder = DocumentBuilder::new("a.txt");
    let speaker = builder.person("Anna Berg", &[]);
    let place = builder.place("Lviv", None);
    let other = builder.person("Karl Stone", &[]);
    let span = builder.statement(speaker, &[place, other, place]);
    builder.statement(7, &[]);
    builder.statement(speaker, &[9]);
    let mut extraction = builder.build();
    // The same statement twice counts once.
    let duplicate = extraction.statements[0].clone();
    extraction.statements.push(duplicate);
    let graph = graph_of([extraction]);
    assert_eq!(graph.statements().len(), 1);
    let statement = &graph.statements()[0];
    assert_eq!(statement.id, format!("stmt:a.txt:{}", span.start));
    assert_eq!(&*statement.speaker, "person:anna-berg");
    assert_eq!(
        statement.about.iter().map(|id| &**id).collect::<Vec<_>>(),
        ["person:karl-stone", "place:lviv"]
    );
    assert_eq!(statement.evidence, Evidence::new("a.txt", span));
    assert_eq!(graph.dropped().statements_with_bad_references, 2);
}

#[test]
fn relations_are_deduplicated_ordered_and_never_loops() {
    let mut first = DocumentBuilder::new("a.txt");
    let anna = first.person("Anna Berg", &[]);
    let karl = first.person("Karl Stone", &[]);
    let place = first.place("Lviv", None);
    let met_once = first.relation(karl, Predicate::Met, anna, None);
    first.relation(anna, Predicate::Role, place, Some("Mayor"));
    first.relation(anna, Predicate::Role, place, Some("Governor"));
    first.relation(anna, Predicate::Accused, 42, None);
    let mut second = DocumentBuilder::new("b.txt");
    let anna_again = second.person("Ms Berg", &[]);
    let anna_full = second.person("Anna Berg", &[]);
    let karl_again = second.person("Karl Stone", &[]);
    let met_twice = second.relation(anna_again, Predicate::Met, karl_again, None);
    // After resolution both ends are Anna Berg.
    second.relation(anna_again, Predicate::Supports, anna_full, None);
    let graph = graph_of([first.build(), second.build()]);
    let relations = graph.relations();
    assert_eq!(relations.len(), 3, "{relations:#?}");
    let met = relations
        .iter()
        .find(|relation| relation.predicate == Predicate::Met)
        .expect("met");
    assert_eq!(
        (&*met.source, &*met.target),
        ("person:anna-berg", "person:karl-stone")
    );
    assert_eq!(
        *met.evidence,
        [
            Evidence::new("a.txt", met_once),
            Evidence::new("b.txt", met_twice)
        ]
    );
    let labels: Vec<Option<&str>> = relations
        .iter()
        .filter(|relation| relation.predicate == Predicate::Role)
        .map(|relation| relation.label.as_deref())
        .collect();
    assert_eq!(labels, [Some("Governor"), Some("Mayor")]);
    assert_eq!(graph.dropped().relations_with_bad_references, 1);
    assert_eq!(graph.dropped().relations_to_themselves, 1);
}

#[test]
fn adding_a_document_again_replaces_it() {
    let mut graph = graph_of([single_person("a.txt", "Anna Berg")]);
    graph.add(single_person("a.txt", "Karl Stone"));
    assert_eq!(graph.documents(), ["a.txt"]);
    let ids: Vec<&str> = graph.entities().iter().map(|entity| &*entity.id).collect();
    assert_eq!(ids, ["person:karl-stone"]);
}

/// Six documents exercising every rule, with statements and relations.
fn corpus() -> Vec<Extraction> {
    let mut first = DocumentBuilder::new("001.txt");
    let harlow = first.person("President Donald Harlow", &["Harlow"]);
    let kovalenkiy = first.person("Oleksandr Kovalenkiy", &[]);
    let lviv = first.place("Lemberg", Some("Lviv"));
    first.statement(harlow, &[kovalenkiy, lviv]);
    first.relation(harlow, Predicate::Met, kovalenkiy, None);
    first.relation(kovalenkiy, Predicate::Role, lviv, Some("Mayor"));

    let mut second = DocumentBuilder::new("002.txt");
    let kovalenkyy = second.person("Олександр Коваленкий", &["Kovalenkyy"]);
    let harlow_again = second.person("Mr Harlow", &[]);
    let council = second.organization("Northern Fisheries Council");
    second.statement(kovalenkyy, &[harlow_again]);
    second.relation(kovalenkyy, Predicate::Met, harlow_again, None);
    second.relation(kovalenkyy, Predicate::MemberOf, council, None);

    let mut third = DocumentBuilder::new("003.txt");
    let acronym = third.organization("NFC");
    let lviv_again = third.place("Lviv", Some("Lviv"));
    let pike = third.person("Donald Pike", &["Pike"]);
    third.statement(pike, &[acronym]);
    third.relation(pike, Predicate::Visited, lviv_again, None);
    third.relation(acronym, Predicate::Supports, lviv_again, None);

    let mut fourth = DocumentBuilder::new("004.txt");
    let marta = fourth.person("Marta Stone", &[]);
    let karl = fourth.person("Karl Stone", &[]);
    let stone = fourth.person("Stone", &[]);
    fourth.statement(stone, &[]);
    fourth.relation(marta, Predicate::SpokeWith, karl, None);

    let mut fifth = DocumentBuilder::new("005.txt");
    let vale_person = fifth.person("Carmen Vale", &["Vale"]);
    let vale_place = fifth.place("Carmen Vale", None);
    fifth.relation(vale_person, Predicate::Visited, vale_place, None);
    fifth.statement(vale_person, &[vale_place, 99]);

    let mut sixth = DocumentBuilder::new("006.txt");
    let kovalenky = sixth.person("Mr Kovalenky", &[]);
    let harlow_third = sixth.person("Donald Harlowe", &[]);
    let a_b_cole = sixth.person("A.B. Cole", &[]);
    let cole = sixth.person("A B Cole", &[]);
    sixth.statement(kovalenky, &[harlow_third]);
    sixth.relation(a_b_cole, Predicate::Met, cole, None);

    vec![
        first.build(),
        second.build(),
        third.build(),
        fourth.build(),
        fifth.build(),
        sixth.build(),
    ]
}

/// Every ordering of `0..count`, by Heap's algorithm.
fn permutations(count: usize) -> Vec<Vec<usize>> {
    fn generate(size: usize, current: &mut Vec<usize>, all: &mut Vec<Vec<usize>>) {
        if size <= 1 {
            all.push(current.clone());
            return;
        }
        for index in 0..size {
            generate(size - 1, current, all);
            // Heap's algorithm swaps with the loop index for even sizes.
            let swap_with = if size & 1 == 0 { index } else { 0 };
            current.swap(swap_with, size - 1);
        }
    }
    let mut all = Vec::new();
    generate(count, &mut (0..count).collect(), &mut all);
    all
}

#[test]
fn the_corpus_resolves_as_the_rules_say() {
    let graph = graph_of(corpus());
    let names: Vec<(&str, &str)> = graph
        .entities()
        .iter()
        .map(|entity| (&*entity.id, entity.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            (
                "organization:northern-fisheries-council",
                "Northern Fisheries Council"
            ),
            ("person:a-b-cole", "A B Cole"),
            ("person:a-b-cole-2", "A.B. Cole"),
            ("person:carmen-vale", "Carmen Vale"),
            ("person:donald-harlow", "Donald Harlow"),
            ("person:donald-harlowe", "Donald Harlowe"),
            ("person:donald-pike", "Donald Pike"),
            ("person:karl-stone", "Karl Stone"),
            ("person:marta-stone", "Marta Stone"),
            ("person:oleksandr-kovalenkiy", "Oleksandr Kovalenkiy"),
            ("person:stone", "Stone"),
            ("place:carmen-vale", "Carmen Vale"),
            ("place:lviv", "Lviv"),
        ]
    );
    assert_eq!(graph.documents().len(), 6);
    assert_eq!(graph.dropped().statements_with_bad_references, 1);
}

#[test]
fn the_order_documents_arrive_in_never_matters() {
    let documents = corpus();
    let expected = graph_of(documents.clone()).to_ron();
    for order in permutations(documents.len()) {
        let graph = graph_of(order.iter().map(|index| documents[*index].clone()));
        assert_same_text(&graph.to_ron(), &expected, &format!("order {order:?}"));
    }
}

#[test]
fn merging_is_associative_and_commutative() {
    let documents = corpus();
    let expected = graph_of(documents.clone()).to_ron();
    let part = |indices: &[usize]| graph_of(indices.iter().map(|index| documents[*index].clone()));
    // Every split of every ordering into three consecutive parts, merged
    // left to right, right to left, and in reverse.
    for order in permutations(documents.len()).iter().step_by(7) {
        for first_split in 0..=order.len() {
            for second_split in first_split..=order.len() {
                let (left, rest) = order.split_at(first_split);
                let (middle, right) = rest.split_at(second_split - first_split);
                let mut left_first = part(left);
                left_first.merge(part(middle));
                left_first.merge(part(right));
                assert_same_text(
                    &left_first.to_ron(),
                    &expected,
                    &format!("(({left:?} {middle:?}) {right:?})"),
                );
                let mut right_first = part(middle);
                right_first.merge(part(right));
                let mut grouped = part(left);
                grouped.merge(right_first);
                assert_same_text(
                    &grouped.to_ron(),
                    &expected,
                    &format!("({left:?} ({middle:?} {right:?}))"),
                );
                let mut reversed = part(right);
                reversed.merge(part(middle));
                reversed.merge(part(left));
                assert_same_text(
                    &reversed.to_ron(),
                    &expected,
                    &format!("reversed {left:?} {middle:?} {right:?}"),
                );
            }
        }
    }
}

#[test]
fn merging_graphs_holding_the_same_document_is_commutative() {
    let mut first = DocumentBuilder::new("a.txt");
    first.person("Anna Berg", &[]);
    let mut second = DocumentBuilder::new("a.txt");
    second.person("Karl Stone", &[]);
    let (first, second) = (graph_of([first.build()]), graph_of([second.build()]));
    let mut one_way = first.clone();
    one_way.merge(second.clone());
    let mut other_way = second;
    other_way.merge(first);
    assert_eq!(one_way.to_ron(), other_way.to_ron());
    assert_eq!(one_way.entities().len(), 1);
}

/// Asserts two RON texts are equal, showing the first lines that differ
/// rather than two whole graphs.
#[track_caller]
fn assert_same_text(actual: &str, expected: &str, context: &str) {
    if actual == expected {
        return;
    }
    let differing: Vec<String> = actual
        .lines()
        .zip(expected.lines())
        .enumerate()
        .filter(|(_, (left, right))| left != right)
        .take(6)
        .map(|(number, (left, right))| format!("line {}: {left:?} != {right:?}", number + 1))
        .collect();
    panic!(
        "{context}: texts differ ({} vs {} lines)\n{}",
        actual.lines().count(),
        expected.lines().count(),
        differing.join("\n")
    );
}

fn path() -> &'static Path {
    Path::new("test.ron")
}

#[test]
fn ron_round_trip_is_byte_identical() {
    for graph in [KnowledgeGraph::new(), graph_of(corpus())] {
        let text = graph.to_ron();
        assert!(text.ends_with('\n'));
        let loaded = KnowledgeGraph::from_ron(&text, path()).expect("own output loads");
        assert_eq!(loaded.to_ron(), text);
        assert_eq!(loaded, graph);
        let again = KnowledgeGraph::from_saved(loaded.to_saved()).expect("own output is valid");
        assert_eq!(again.to_ron(), text);
    }
}

#[test]
fn loaded_graphs_merge_like_the_documents_they_came_from() {
    let documents = corpus();
    let expected = graph_of(documents.clone()).to_ron();
    let load = |graph: KnowledgeGraph| {
        KnowledgeGraph::from_ron(&graph.to_ron(), path()).expect("own output loads")
    };
    for split in 0..=documents.len() {
        let (left, right) = documents.split_at(split);
        let mut merged = load(graph_of(left.to_vec()));
        merged.merge(load(graph_of(right.to_vec())));
        assert_same_text(&merged.to_ron(), &expected, &format!("split at {split}"));
        // A loaded graph and raw documents mix too.
        let mut mixed = load(graph_of(left.to_vec()));
        mixed.merge(graph_of(right.to_vec()));
        assert_same_text(
            &mixed.to_ron(),
            &expected,
            &format!("mixed split at {split}"),
        );
    }
    // Merging a graph with itself changes nothing.
    let whole = load(graph_of(documents.clone()));
    let mut doubled = whole.clone();
    doubled.merge(whole);
    assert_same_text(&doubled.to_ron(), &expected, "");
}

#[test]
fn the_petgraph_view_has_every_node_and_edge() {
    let graph = graph_of(corpus());
    let view = graph.to_petgraph();
    let saved = graph.to_saved();
    assert_eq!(
        view.node_count(),
        saved.entities.len() + saved.statements.len()
    );
    let about: usize = saved
        .statements
        .iter()
        .map(|statement| statement.about.len())
        .sum();
    assert_eq!(
        view.edge_count(),
        saved.relations.len() + saved.statements.len() + about
    );
}

fn parse_error(text: &str) -> GraphError {
    match KnowledgeGraph::from_ron(text, path()) {
        Ok(_) => panic!("{text:.60} parsed"),
        Err(error) => error,
    }
}

#[test]
fn syntax_errors_give_line_and_column() {
    for text in [
        "",
        "(",
        "\u{0}\u{1}garbage\u{7f}",
        "(format_version: 1,\n  documents: [1, 2],\n)",
    ] {
        match parse_error(text) {
            GraphError::Parse {
                path, line, column, ..
            } => {
                assert_eq!(path, Path::new("test.ron"));
                assert!(line >= 1 && column >= 1, "{text:?}");
            }
            other => panic!("{text:?}: {other}"),
        }
    }
    match parse_error("(format_version: 1,\n  documents: [1, 2],\n)") {
        GraphError::Parse { line, .. } => assert_eq!(line, 2),
        other => panic!("{other}"),
    }
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    for opening in ["[", "(", "{", "Some("] {
        let text = opening.repeat(100_000);
        assert!(matches!(parse_error(&text), GraphError::Parse { .. }));
    }
    // Raw strings and character literals hide brackets from the scan, and
    // `ron`'s own limit stops the parse, with the same kind of error.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    for hidden in ["r\"\\\"", "'\"'"] {
        let text = format!("(format_version: 1, x: {hidden}, y: {deep})");
        match parse_error(&text) {
            GraphError::Parse { message, .. } => {
                assert!(message.contains("nest deeper"), "{message}")
            }
            other => panic!("{other}"),
        }
    }
    // Brackets inside strings do not count.
    let mut graph = KnowledgeGraph::new();
    graph.add(single_person("a.txt", &"[(".repeat(200)));
    let text = graph.to_ron();
    assert!(KnowledgeGraph::from_ron(&text, path()).is_ok());
}

#[test]
fn a_newer_version_is_reported_even_with_unknown_fields() {
    let newer = "(format_version: 99, documents: [], entities: [], statements: [], \
                 relations: [], merges: [], provenance_graph: Some({\"x\": [1]}))";
    match parse_error(newer) {
        GraphError::NewerVersion {
            found, supported, ..
        } => {
            assert_eq!((found, supported), (99, FORMAT_VERSION));
        }
        other => panic!("{other}"),
    }
    let newer_with_same_fields = KnowledgeGraph::new().to_ron().replace(
        &format!("format_version:{FORMAT_VERSION}"),
        &format!("format_version:{}", FORMAT_VERSION + 1),
    );
    assert_ne!(newer_with_same_fields, KnowledgeGraph::new().to_ron());
    assert!(matches!(
        parse_error(&newer_with_same_fields),
        GraphError::NewerVersion { .. }
    ));
}

#[test]
fn broken_references_are_named() {
    let valid = graph_of(corpus()).to_saved();
    let mut duplicate = valid.clone();
    duplicate.entities.push(duplicate.entities[0].clone());
    let mut silent = valid.clone();
    silent.statements[0].speaker = "person:nobody".into();
    let mut vague = valid.clone();
    let mut about = vague.statements[0].about.to_vec();
    about.push("place:nowhere".into());
    vague.statements[0].about = about.into();
    let mut dangling = valid.clone();
    dangling.relations[0].target = "person:nobody".into();
    // Evidence of a document the graph does not list.
    let mut stray_mention = valid.clone();
    let last_entity = stray_mention.entities.len() - 1;
    stray_mention.entities[last_entity].mentions[0].document = "elsewhere-a.txt".into();
    let mut stray_statement = valid.clone();
    stray_statement.statements[1].evidence.document = "elsewhere-b.txt".into();
    let mut stray_relation = valid.clone();
    let mut evidence = stray_relation.relations[0].evidence.to_vec();
    evidence.last_mut().expect("evidence").document = "elsewhere-c.txt".into();
    stray_relation.relations[0].evidence = evidence.into();
    for (saved, expected) in [
        (duplicate, "used twice"),
        (silent, "person:nobody"),
        (vague, "place:nowhere"),
        (dangling, "person:nobody"),
        (stray_mention, "elsewhere-a.txt"),
        (stray_statement, "elsewhere-b.txt"),
        (stray_relation, "elsewhere-c.txt"),
    ] {
        let text = saved.to_ron();
        match parse_error(&text) {
            GraphError::Invalid {
                message,
                line,
                column,
                ..
            } => {
                assert!(message.contains(expected), "{message}");
                // The position points at the offending id in the text.
                let at_line = text.lines().nth(line - 1).expect("line within the text");
                let from_column: String = at_line.chars().skip(column - 1).collect();
                let id = if expected == "used twice" {
                    saved.entities[0].id.to_string()
                } else {
                    expected.to_string()
                };
                assert!(
                    from_column.starts_with(&format!("{id:?}")),
                    "{line}:{column}: {at_line}"
                );
            }
            other => panic!("{other}"),
        }
        assert!(matches!(
            KnowledgeGraph::from_saved(saved),
            Err(GraphError::InvalidSaved { .. })
        ));
    }
}

#[test]
fn a_missing_file_is_an_io_error() {
    let missing = Path::new("/nonexistent/newsgraph/graph.ron");
    assert!(matches!(
        KnowledgeGraph::load(missing),
        Err(GraphError::Io { .. })
    ));
}

#[test]
fn a_view_loaded_is_the_view_of_the_graph_loaded() {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let mut graph = KnowledgeGraph::new();
    for (document, text) in [
        (
            "a.txt",
            "Mayor Anna Berg met Councillor Tomas Reyes in Lisbon. \
             Berg said the port would reopen.",
        ),
        ("b.txt", "Reyes said the port in Lisbon would not reopen."),
    ] {
        graph.add(newsgraph_extract::extract(
            &newsgraph_extract::Document::new(document, text),
        ));
    }
    let text = graph.to_ron();
    let path = directory.path().join("graph.ron");
    std::fs::write(&path, &text).unwrap();
    let view = KnowledgeGraph::load_view(&path).unwrap();
    assert!(view.extractions.is_empty());
    assert!(!view.statements.is_empty() && !view.relations.is_empty());
    assert_eq!(view, KnowledgeGraph::load(&path).unwrap().into_view());
    assert_eq!(view, graph.into_view());

    // A graph saved without its extractions is resolved again as a whole,
    // as a graph loaded from it is.
    let without_extractions = directory.path().join("view.ron");
    std::fs::write(&without_extractions, view.to_ron()).unwrap();
    assert_eq!(
        KnowledgeGraph::load_view(&without_extractions).unwrap(),
        KnowledgeGraph::load(&without_extractions)
            .unwrap()
            .into_view()
    );

    // An extraction that does not read is reported as the whole graph's
    // reading reports it, with its line.
    let broken = text.replacen("(document:\"b.txt\",entities:", "(document:0,entities:", 1);
    assert_ne!(broken, text);
    std::fs::write(&path, &broken).unwrap();
    let line = broken[..broken.find("(document:0,").unwrap()]
        .lines()
        .count();
    match KnowledgeGraph::load_view(&path) {
        Err(GraphError::Parse { line: reported, .. }) => assert_eq!(reported, line),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_graph_loaded_unresolved_is_the_graph_loaded() {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let text = graph_of(corpus()).to_ron();
    let path = directory.path().join("graph.ron");
    std::fs::write(&path, &text).unwrap();
    let unresolved = KnowledgeGraph::load_unresolved(&path).unwrap();
    // Nothing resolved is held until it is asked for.
    assert!(unresolved.resolved.get().is_none());
    assert!(!unresolved.extractions.is_empty());
    assert_same_text(&unresolved.to_ron(), &text, "resolved again");
    assert_eq!(unresolved, KnowledgeGraph::load(&path).unwrap());

    // A graph saved without its extractions is loaded whole.
    let view = directory.path().join("view.ron");
    let view_text = KnowledgeGraph::load_view(&path).unwrap().to_ron();
    std::fs::write(&view, &view_text).unwrap();
    let unresolved = KnowledgeGraph::load_unresolved(&view).unwrap();
    assert!(unresolved.extractions.is_empty());
    assert_same_text(&unresolved.to_ron(), &view_text, "without extractions");

    // A file that is not read a piece at a time (a comment in it) is read
    // whole, and its extractions alone kept.
    let commented = directory.path().join("commented.ron");
    let with_comment = text.replacen("    merges:", "    // a comment\n    merges:", 1);
    assert_ne!(with_comment, text);
    std::fs::write(&commented, with_comment).unwrap();
    let unresolved = KnowledgeGraph::load_unresolved(&commented).unwrap();
    assert!(unresolved.resolved.get().is_none());
    assert_same_text(&unresolved.to_ron(), &text, "with a comment");

    // A statement by a speaker who is no entity of the graph, unread
    // though it is, is refused as the whole graph's reading refuses it.
    let broken = text.replacen(",speaker:\"person:", ",speaker:\"person:nobody-", 1);
    assert_ne!(broken, text);
    std::fs::write(&path, &broken).unwrap();
    let expected = KnowledgeGraph::load(&path).unwrap_err().to_string();
    assert!(expected.contains("nobody-"), "{expected}");
    assert_eq!(
        KnowledgeGraph::load_unresolved(&path)
            .unwrap_err()
            .to_string(),
        expected
    );
}

#[test]
fn a_loaded_graph_holds_each_document_id_once() {
    let mut graph = KnowledgeGraph::new();
    let text = "Mayor Anna Berg met Councillor Tomas Reyes in Lisbon. \
                Berg said the port would reopen. Reyes said it would not.";
    graph.add(newsgraph_extract::extract(
        &newsgraph_extract::Document::new("a.txt", text),
    ));
    let loaded = KnowledgeGraph::from_ron(&graph.to_ron(), Path::new("a.ron")).unwrap();
    let saved = loaded.to_saved();
    let ids: Vec<&crate::DocumentId> = saved
        .entities
        .iter()
        .flat_map(|entity| &entity.mentions)
        .chain(saved.statements.iter().map(|statement| &statement.evidence))
        .chain(
            saved
                .relations
                .iter()
                .flat_map(|relation| &relation.evidence),
        )
        .map(|evidence| &evidence.document)
        .collect();
    assert!(ids.len() > 4, "{ids:?}");
    assert!(ids.windows(2).all(|pair| pair[0].ptr_eq(pair[1])));
}

#[test]
fn statements_relations_and_merges_share_their_entities_ids() {
    let mut graph = KnowledgeGraph::new();
    let text = "Mayor Anna Berg met Councillor Tomas Reyes in Lisbon. \
                Berg said the port in Lisbon would reopen. Reyes said it would not.";
    graph.add(newsgraph_extract::extract(
        &newsgraph_extract::Document::new("a.txt", text),
    ));
    let loaded = KnowledgeGraph::from_ron(&graph.to_ron(), Path::new("a.ron")).unwrap();
    for graph in [graph, loaded] {
        let saved = graph.to_saved();
        let id_of = |id: &ArcStr| -> ArcStr {
            let entity = saved
                .entities
                .iter()
                .find(|entity| entity.id == *id)
                .expect("every reference names an entity");
            ArcStr::clone(&entity.id)
        };
        let references: Vec<&ArcStr> = saved
            .statements
            .iter()
            .flat_map(|statement| std::iter::once(&statement.speaker).chain(&statement.about))
            .chain(
                saved
                    .relations
                    .iter()
                    .flat_map(|relation| [&relation.source, &relation.target]),
            )
            .chain(saved.merges.iter().map(|merge| &merge.entity))
            .collect();
        assert!(references.len() > 4, "{references:?}");
        for reference in references {
            assert!(ArcStr::ptr_eq(reference, &id_of(reference)), "{reference}");
        }
    }
}

#[test]
fn a_loaded_graphs_statements_share_their_extractions_words() {
    let mut graph = KnowledgeGraph::new();
    // Three documents, so that each extraction must find its own
    // document's statements among the others.
    for (document, text) in [
        (
            "a.txt",
            "Mayor Anna Berg said the port would reopen. \
             \"It is safe,\" Berg said. Councillor Tomas Reyes said it was not.",
        ),
        (
            "b.txt",
            "Councillor Tomas Reyes said the port would reopen. \
             \"It is not safe,\" Mayor Anna Berg said.",
        ),
        ("c.txt", "\"It is safe,\" Berg said."),
    ] {
        graph.add(newsgraph_extract::extract(
            &newsgraph_extract::Document::new(document, text),
        ));
    }
    let loaded = KnowledgeGraph::from_ron(&graph.to_ron(), Path::new("a.ron")).unwrap();
    let saved = loaded.to_saved();
    assert!(saved.statements.len() >= 6, "{saved:?}");
    for statement in &saved.statements {
        let extraction = saved
            .extractions
            .iter()
            .find(|extraction| *extraction.document == *statement.evidence.document)
            .expect("each statement's document was extracted");
        let extracted = extraction
            .statements
            .iter()
            .find(|extracted| extracted.span == statement.evidence.span())
            .expect("each statement was extracted");
        assert!(statement.text.ptr_eq(&extracted.text));
        for other in &saved.statements {
            if other.cue == statement.cue {
                assert!(ArcStr::ptr_eq(&other.cue, &statement.cue));
            }
            // A document's statements hold their words in one buffer.
            if other.evidence.document == statement.evidence.document {
                assert!(other.text.shares_buffer_with(&statement.text));
            }
        }
    }
}

#[test]
fn a_statements_entities_are_listed_sorted_and_once() {
    let (berg, lisbon): (ArcStr, ArcStr) =
        (ArcStr::from("person:berg"), ArcStr::from("place:lisbon"));
    let listed = about_ids([Some(&lisbon), Some(&berg), Some(&lisbon)].into_iter());
    assert_eq!(
        listed.as_deref(),
        Some(&[ArcStr::clone(&berg), ArcStr::clone(&lisbon)][..])
    );
    assert_eq!(about_ids([Some(&berg), None].into_iter()), None);
    assert_eq!(about_ids(std::iter::empty()).as_deref(), Some(&[][..]));
}

#[test]
fn a_graph_taken_resolves_as_it_does_in_place() {
    let documents = corpus();
    let built = graph_of(documents.clone());
    assert_eq!(built.clone().into_view(), *built.view());
    // Already resolved, it gives what it resolved.
    let resolved = built.clone();
    let _ = resolved.view();
    assert_eq!(resolved.into_view(), *built.view());
    // With loaded parts beside extractions.
    let (left, right) = documents.split_at(documents.len() / 2);
    let mut mixed =
        KnowledgeGraph::from_ron(&graph_of(left.to_vec()).to_ron(), path()).expect("loads");
    mixed.merge(graph_of(right.to_vec()));
    assert_eq!(mixed.clone().into_view(), *mixed.view());
    // Over several chunks of extractions, each freed once mapped.
    let many = graph_of((0..2 * EXTRACTIONS_PER_CHUNK + 3).map(|index| {
        let mut document = DocumentBuilder::new(&format!("{index:05}.txt"));
        let speaker = document.person("Ilse Marovka", &[]);
        if index % 3 != 0 {
            document.statement(speaker, &[]);
        }
        document.build()
    }));
    let taken = many.clone().into_view();
    assert_eq!(taken, *many.view());
    assert_eq!(
        taken.statements.len(),
        2 * (2 * EXTRACTIONS_PER_CHUNK + 3) / 3
    );
    assert!(taken.extractions.is_empty());
}

/// What a [`ResolvedSink`] was handed: each list's parts put end to end,
/// and which list each part belonged to, in the order they came.
#[derive(Default)]
struct HandedOver {
    saved: SavedGraph,
    parts: Vec<&'static str>,
    /// Refuses the part after this many, if set.
    fail_after: Option<usize>,
}

impl HandedOver {
    fn take<T: Clone>(&mut self, list: &'static str, part: &[T]) -> std::io::Result<Vec<T>> {
        if self.fail_after == Some(self.parts.len()) {
            return Err(std::io::Error::other("disk full"));
        }
        self.parts.push(list);
        Ok(part.to_vec())
    }
}

impl ResolvedSink for HandedOver {
    fn documents(&mut self, documents: &[String]) -> std::io::Result<()> {
        let part = self.take("documents", documents)?;
        self.saved.documents.extend(part);
        Ok(())
    }

    fn entities(&mut self, entities: &[Entity]) -> std::io::Result<()> {
        let part = self.take("entities", entities)?;
        self.saved.entities.extend(part);
        Ok(())
    }

    fn statements(&mut self, statements: &[Statement]) -> std::io::Result<()> {
        let part = self.take("statements", statements)?;
        self.saved.statements.extend(part);
        Ok(())
    }

    fn relations(&mut self, relations: &[Relation]) -> std::io::Result<()> {
        let part = self.take("relations", relations)?;
        self.saved.relations.extend(part);
        Ok(())
    }

    fn merges(&mut self, merges: &[MergeRecord]) -> std::io::Result<()> {
        let part = self.take("merges", merges)?;
        self.saved.merges.extend(part);
        Ok(())
    }
}

/// `graph` resolved into a [`HandedOver`]: what it was handed, and the
/// facts left out.
fn handed_over(graph: KnowledgeGraph) -> (HandedOver, DroppedFacts) {
    let mut sink = HandedOver::default();
    let dropped = graph
        .resolve_into(&mut sink)
        .expect("the sink takes everything");
    sink.saved.format_version = crate::FORMAT_VERSION;
    (sink, dropped)
}

#[test]
fn a_graph_resolved_into_a_sink_hands_over_what_it_resolves_to() {
    let lists = ["documents", "entities", "statements", "relations", "merges"];
    let in_list_order = |parts: &[&str]| {
        parts.windows(2).all(|pair| {
            lists.iter().position(|list| *list == pair[0])
                <= lists.iter().position(|list| *list == pair[1])
        })
    };
    let count = |parts: &[&str], list: &str| parts.iter().filter(|part| **part == list).count();

    // Extractions alone, streamed: entities (two of them with colliding
    // ids, ordered by their mentions) and statements in several parts.
    let built = graph_of(corpus());
    let (sink, dropped) = handed_over(built.clone());
    assert_eq!(sink.saved, *built.view());
    assert_eq!(dropped, built.dropped());
    assert!(in_list_order(&sink.parts), "{:?}", sink.parts);
    assert!(count(&sink.parts, "entities") > 1, "{:?}", sink.parts);
    assert!(count(&sink.parts, "statements") > 1, "{:?}", sink.parts);
    assert!(sink
        .saved
        .entities
        .iter()
        .all(|entity| !entity.mentions.is_empty()));

    // Many documents, over several chunks of extractions.
    let many = graph_of((0..EXTRACTIONS_PER_CHUNK + 5).map(|index| {
        let mut document = DocumentBuilder::new(&format!("{index:05}.txt"));
        let speaker = document.person("Ilse Marovka", &[]);
        let place = document.place(
            if index % 2 == 0 { "Lemberg" } else { "Lviv" },
            Some("Lviv"),
        );
        document.statement(speaker, &[place]);
        document.relation(speaker, Predicate::Visited, place, None);
        document.build()
    }));
    let (sink, _) = handed_over(many.clone());
    assert_eq!(sink.saved, *many.view());
    assert!(in_list_order(&sink.parts));

    // Already resolved, or with loaded parts beside extractions: handed
    // over whole, a part a list.
    let resolved = built.clone();
    let _ = resolved.view();
    let (sink, _) = handed_over(resolved);
    assert_eq!(sink.saved, *built.view());
    assert_eq!(sink.parts, lists);
    let documents = corpus();
    let (left, right) = documents.split_at(documents.len() / 2);
    let mut mixed = KnowledgeGraph::from_saved(graph_of(left.to_vec()).into_view())
        .expect("a resolved graph without extractions is a saved part");
    mixed.merge(graph_of(right.to_vec()));
    let (sink, _) = handed_over(mixed.clone());
    assert_eq!(sink.saved, *mixed.view());
    assert_eq!(sink.parts, lists);
    // A graph loaded with its extractions becomes them again, and is
    // streamed.
    let mut loaded =
        KnowledgeGraph::from_ron(&graph_of(left.to_vec()).to_ron(), path()).expect("loads");
    loaded.merge(graph_of(right.to_vec()));
    let (sink, _) = handed_over(loaded.clone());
    assert_eq!(sink.saved, *loaded.view());
    assert!(count(&sink.parts, "entities") > 1, "{:?}", sink.parts);

    // An empty graph hands over empty lists.
    let (sink, dropped) = handed_over(KnowledgeGraph::new());
    assert_eq!(sink.saved, *KnowledgeGraph::new().view());
    assert_eq!(dropped, DroppedFacts::default());
}

#[test]
fn a_sink_that_fails_is_handed_nothing_more() {
    for fail_after in [0, 1, 3, 6] {
        let mut sink = HandedOver {
            fail_after: Some(fail_after),
            ..HandedOver::default()
        };
        let error = graph_of(corpus())
            .resolve_into(&mut sink)
            .expect_err("the sink refuses a part");
        assert_eq!(error.to_string(), "disk full");
        assert_eq!(sink.parts.len(), fail_after);
    }
}

/// `graph`'s RON, written as it is resolved ([`KnowledgeGraph::resolve_to`]).
fn ron_as_resolved(graph: &KnowledgeGraph) -> String {
    let mut sink = crate::RonSink::new(Vec::new()).expect("writes to memory");
    graph.resolve_to(&mut sink).expect("writes to memory");
    let text = sink.finish(graph).expect("writes to memory");
    String::from_utf8(text).expect("UTF-8")
}

#[test]
fn ron_written_as_the_graph_is_resolved_is_its_ron() {
    let documents = corpus();
    let built = graph_of(documents.clone());
    let expected = built.clone().to_ron();
    assert_same_text(&ron_as_resolved(&built), &expected, "streamed");
    // The graph is kept whole, and not resolved on the way.
    assert!(built.resolved.get().is_none());
    let (sink, _) = handed_over(built.clone());
    assert_eq!(sink.saved, *built.view());
    // Already resolved, it hands over what it resolved.
    assert_same_text(&ron_as_resolved(&built), &expected, "resolved");
    // With saved parts, which have no extractions of their own.
    let (left, right) = documents.split_at(documents.len() / 2);
    let mut mixed =
        KnowledgeGraph::from_saved(graph_of(left.to_vec()).into_view()).expect("a saved part");
    mixed.merge(graph_of(right.to_vec()));
    assert_same_text(&ron_as_resolved(&mixed.clone()), &mixed.to_ron(), "mixed");
    // Empty.
    let empty = KnowledgeGraph::new();
    assert_eq!(ron_as_resolved(&empty), empty.to_ron());
}

#[test]
fn ron_written_in_parts_is_written_whole_and_in_order() {
    let saved = graph_of(corpus()).to_saved();
    let whole = saved.to_ron();
    for part in [1, 2, 1000] {
        let mut sink = crate::RonSink::new(Vec::new()).expect("writes to memory");
        saved
            .hand_in_parts(&mut sink, part)
            .expect("writes to memory");
        let text = sink
            .finish_with(&saved.extractions)
            .expect("writes to memory");
        assert_same_text(
            &String::from_utf8(text).expect("UTF-8"),
            &whole,
            &format!("parts of {part}"),
        );
    }
    let mut sink = crate::RonSink::new(Vec::new()).expect("writes to memory");
    sink.relations(&saved.relations).expect("writes to memory");
    let error = sink
        .statements(&saved.statements)
        .expect_err("statements come before relations");
    assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput);
    assert!(error.to_string().contains("statements"), "{error}");
}

fn spill_in(directory: &tempfile::TempDir) -> Arc<SpillFile> {
    Arc::new(SpillFile::in_directory(directory.path()).expect("a spill file"))
}

/// How many of `graph`'s extractions have their statements put aside, and
/// how many have statements at all.
fn put_aside_count(graph: &KnowledgeGraph) -> (usize, usize) {
    let put_aside = graph
        .extractions
        .values()
        .filter(|packed| packed.is_put_aside())
        .count();
    let with_statements = graph
        .extractions
        .values()
        .filter(|packed| packed.view().statement_count() > 0)
        .count();
    (put_aside, with_statements)
}

#[test]
fn a_graph_with_its_statements_put_aside_resolves_as_one_without() {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let documents = corpus();
    let expected = graph_of(documents.clone());
    let (held, added) = documents.split_at(documents.len() / 2);
    // Those the graph held when asked, and those added after, one at a
    // time and in a batch.
    let mut aside = graph_of(held.to_vec());
    aside
        .put_statements_aside(spill_in(&directory))
        .expect("the spill file takes them");
    let (first, rest) = added.split_at(1);
    aside.add(first[0].clone());
    aside.add_all(rest.to_vec());
    let (put_aside, with_statements) = put_aside_count(&aside);
    assert_eq!(put_aside, with_statements);
    assert!(put_aside > 2, "{put_aside}");
    assert!(aside.put_aside_error().is_none());

    // Written as resolved, and taken, before anything resolves it whole.
    assert_same_text(
        &ron_as_resolved(&aside),
        &expected.to_ron(),
        "RON written as resolved",
    );
    assert!(aside.resolved.get().is_none());
    let (sink, dropped) = handed_over(aside.clone());
    assert_eq!(sink.saved, *expected.view());
    assert_eq!(dropped, expected.dropped());
    assert_eq!(aside.clone().into_view(), *expected.view());
    // Resolved whole, saved, written.
    assert_eq!(*aside.view(), *expected.view());
    assert_eq!(aside.to_saved(), expected.to_saved());
    assert_same_text(&aside.to_ron(), &expected.to_ron(), "RON");

    // Merged with the same documents held in memory, in either direction:
    // the same extractions, so the same graph.
    let mut merged = aside.clone();
    merged
        .try_merge(graph_of(documents.clone()))
        .expect("read back");
    assert_eq!(*merged.view(), *expected.view());
    let mut merged = graph_of(documents.clone());
    merged.merge(aside.clone());
    assert_eq!(*merged.view(), *expected.view());
    // A graph that puts statements aside puts aside those merged into it.
    let mut merged = KnowledgeGraph::new();
    merged
        .put_statements_aside(spill_in(&directory))
        .expect("the spill file takes them");
    merged.merge(graph_of(documents.clone()));
    let (put_aside, with_statements) = put_aside_count(&merged);
    assert_eq!(put_aside, with_statements);
    assert_eq!(*merged.view(), *expected.view());

    // Many documents, over several chunks of extractions.
    let many: Vec<Extraction> = (0..EXTRACTIONS_PER_CHUNK + 5)
        .map(|index| {
            let mut document = DocumentBuilder::new(&format!("{index:05}.txt"));
            let speaker = document.person("Ilse Marovka", &[]);
            let place = document.place("Lemberg", Some("Lviv"));
            document.statement(speaker, &[place]);
            document.build()
        })
        .collect();
    let mut aside = KnowledgeGraph::new();
    aside
        .put_statements_aside(spill_in(&directory))
        .expect("the spill file takes them");
    aside.add_all(many.clone());
    let (sink, _) = handed_over(aside);
    assert_eq!(sink.saved, *graph_of(many).view());
    // Nothing is left in the directory: the spill files have no name.
    let left = std::fs::read_dir(directory.path()).expect("listed").count();
    assert_eq!(left, 0);
}

#[test]
fn a_packed_extraction_is_printed_within_its_estimated_size() {
    use crate::ron_text::ExtractionElement;
    use crate::write::PrintedSize;
    // Spans are most of a packed extraction and of its printed text; a
    // quote of many words packs to about what it prints.
    let texts = [
        "Mayor Anna Berg met Councillor Tomas Reyes in Lisbon on Monday. \
         Berg said the port of Lisbon would reopen. Reyes, who leads the \
         Lisbon Port Authority, said it would not. \"We will not accept \
         this,\" Reyes told reporters in Porto.",
        "\"The harbour has been closed for three weeks, and the fishermen of \
         the whole coast are losing money every day that it stays closed,\" \
         said Anna Berg, the mayor of Lisbon.",
    ];
    let mut graph = KnowledgeGraph::new();
    for (index, text) in texts.iter().enumerate() {
        graph.add(newsgraph_extract::extract(
            &newsgraph_extract::Document::new(format!("{index}.txt"), *text),
        ));
    }
    let entries = graph.extraction_entries();
    assert_eq!(entries.len(), texts.len());
    for entry in entries {
        let mut printed = Vec::new();
        entry.try_print_element(&mut printed).expect("printed");
        let estimate = entry.printed_size();
        assert!(
            printed.len() <= estimate && estimate <= 3 * printed.len(),
            "printed {} bytes, estimated {estimate}",
            printed.len()
        );
    }
}
