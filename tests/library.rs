//! The public library API through the `newsgraph` facade.

use newsgraph::{build_graph, document_from_bytes, render, Document, GraphError, KnowledgeGraph};
use newsgraph::{OutputFormat, Renderer};

use crate::corpus::{Workspace, COUNCIL, HARBOUR, WEATHER};

fn corpus_documents() -> Vec<Document> {
    vec![
        Document::new("harbour.txt", HARBOUR),
        Document::new("council.txt", COUNCIL),
        Document::new("weather.txt", WEATHER),
    ]
}

#[test]
fn graph_from_strings_round_trips_through_ron() {
    let graph = build_graph(&corpus_documents());
    let saved = graph.to_saved();
    assert_eq!(
        saved.documents,
        ["council.txt", "harbour.txt", "weather.txt"]
    );

    let ron = render(&graph, OutputFormat::Ron, Renderer::Builtin).unwrap();
    let read = KnowledgeGraph::from_ron(&ron, "memory.ron".as_ref()).unwrap();
    assert_eq!(read.to_saved(), saved);

    let workspace = Workspace::new();
    let path = workspace.write("graph.ron", &ron);
    let loaded = KnowledgeGraph::load(&path).unwrap();
    assert_eq!(loaded.to_saved(), saved);
    assert_eq!(
        render(&loaded, OutputFormat::Ron, Renderer::Builtin).unwrap(),
        ron
    );
}

#[test]
fn every_span_is_a_byte_range_of_its_document() {
    let documents = corpus_documents();
    let saved = build_graph(&documents).to_saved();
    let text_of = |id: &str| {
        &documents
            .iter()
            .find(|document| document.id == id)
            .unwrap_or_else(|| panic!("evidence names unknown document {id}"))
            .text
    };
    let mut evidence = Vec::new();
    for entity in &saved.entities {
        evidence.extend(entity.mentions.iter());
    }
    for statement in &saved.statements {
        evidence.push(&statement.evidence);
    }
    for relation in &saved.relations {
        evidence.extend(relation.evidence.iter());
    }
    for item in evidence {
        let text = text_of(&item.document);
        assert!(
            item.start <= item.end && text.get(item.span().start..item.span().end).is_some(),
            "{item:?} is not a character-aligned range of {}",
            item.document
        );
    }
}

#[test]
fn merging_graphs_equals_building_at_once() {
    let documents = corpus_documents();
    let mut merged = build_graph(&documents[..1]);
    merged.merge(build_graph(&documents[1..]));
    assert_eq!(merged.to_saved(), build_graph(&documents).to_saved());
}

#[test]
fn corrupt_ron_is_an_error_naming_file_and_line() {
    let error = KnowledgeGraph::from_ron(
        "(\n  format_version: 1,\n  documents: [oops",
        "bad.ron".as_ref(),
    )
    .expect_err("corrupt RON must not load");
    assert!(
        matches!(error, GraphError::Parse { line, .. } if line >= 1),
        "{error:?}"
    );
    assert!(error.to_string().starts_with("bad.ron:"), "{error}");
}

#[test]
fn bytes_that_are_not_text_are_refused() {
    assert!(document_from_bytes("a.txt", b"Mayor Anna Berg spoke.".to_vec()).is_ok());
    assert!(document_from_bytes("b.txt", b"\xff".to_vec()).is_err());
    assert!(document_from_bytes("c.txt", b"a\0b".to_vec()).is_err());
}

#[test]
fn statement_ids_read_back_as_written() {
    let graph = build_graph(&corpus_documents());
    let ron = render(&graph, OutputFormat::Ron, Renderer::Builtin).unwrap();
    let first = graph.statements()[0].id.to_string();
    assert!(first.starts_with("stmt:"), "{first}");
    // An id spelled otherwise than from its evidence, as a hand-edited
    // file may have it, is kept as written.
    let edited = ron.replacen(&format!("id:\"{first}\""), "id:\"quote \\\"one\\\"\"", 1);
    assert_ne!(edited, ron);
    for text in [&ron, &edited] {
        let read = KnowledgeGraph::from_ron(text, "memory.ron".as_ref()).unwrap();
        let again = render(&read, OutputFormat::Ron, Renderer::Builtin).unwrap();
        assert_eq!(&again, text);
        for (read, built) in read.statements().iter().zip(graph.statements()).skip(1) {
            assert_eq!(read.id, built.id);
            assert_eq!(read.id.to_string(), built.id.to_string());
        }
    }
    let read = KnowledgeGraph::from_ron(&edited, "memory.ron".as_ref()).unwrap();
    assert_eq!(read.statements()[0].id, "quote \"one\"");
    assert_eq!(read.statements()[0].id.len(), "quote \"one\"".len());
    let json = render(&read, OutputFormat::Json, Renderer::Builtin).unwrap();
    assert!(json.contains(r#""id": "quote \"one\"""#));
}
