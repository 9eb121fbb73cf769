//! The library examples in `examples/`, run as tests so they keep working.

use crate::corpus::{Workspace, COUNCIL, HARBOUR};
use newsgraph::{build_graph, render, Document, OutputFormat, Renderer};

#[allow(dead_code)]
#[path = "../examples/from_strings.rs"]
mod from_strings;

#[allow(dead_code)]
#[path = "../examples/who_said_what.rs"]
mod who_said_what;

#[allow(dead_code)]
#[path = "../examples/render_svg.rs"]
mod render_svg;

#[allow(dead_code)]
#[path = "../examples/huge_article.rs"]
mod huge_article;

/// A RON graph of two corpus articles, in `workspace`.
fn saved_corpus_graph(workspace: &Workspace) -> std::path::PathBuf {
    let graph = build_graph(&[
        Document::new("harbour.txt", HARBOUR),
        Document::new("council.txt", COUNCIL),
    ]);
    let ron = render(&graph, OutputFormat::Ron, Renderer::Builtin).unwrap();
    workspace.write("graph.ron", ron)
}

#[test]
fn from_strings_runs() {
    let mut printed = Vec::new();
    from_strings::run(&mut printed).unwrap();
    let printed = String::from_utf8(printed).unwrap();
    assert!(printed.contains("entities"), "{printed}");
    assert!(printed.contains("statements"), "{printed}");
}

#[test]
fn who_said_what_runs() {
    let workspace = Workspace::new();
    let graph = saved_corpus_graph(&workspace);
    let mut printed = Vec::new();
    who_said_what::run(&graph, &mut printed).unwrap();
}

#[test]
fn who_said_what_reports_a_missing_graph() {
    let workspace = Workspace::new();
    let mut printed = Vec::new();
    assert!(who_said_what::run(&workspace.path("absent.ron"), &mut printed).is_err());
}

#[test]
fn render_svg_writes_a_picture() {
    let workspace = Workspace::new();
    let graph = saved_corpus_graph(&workspace);
    let picture = workspace.path("graph.svg");
    render_svg::run(&graph, &picture).unwrap();
    assert!(String::from_utf8_lossy(&workspace.read("graph.svg")).contains("<svg"));
}

#[test]
fn huge_article_runs_small() {
    // 64 KB here; the example's own default, 100 MB, is for release builds.
    let mut printed = Vec::new();
    huge_article::run(64 * 1024, &mut printed).unwrap();
    let printed = String::from_utf8(printed).unwrap();
    assert!(printed.contains("built graph in"), "{printed}");
    assert!(printed.contains("loaded the RON back"), "{printed}");
}
