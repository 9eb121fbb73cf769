//! Corrupt saved graphs, end to end: `merge`, `build --into`, `render` and
//! `stats` refuse each with a message naming the file (and line and column
//! for a syntax error), and leave every existing output as it was.
//!
//! The graph crate's own tests check the `GraphError` of each case; these
//! check what the binary does with it.

use std::fs;
use std::path::Path;

use newsgraph::KnowledgeGraph;

use crate::corpus::{Run, Workspace};

/// The outputs of `merge --out out/m`, each holding old content.
const OUTPUTS: [&str; 4] = ["out/m.ron", "out/m.json", "out/m.dot", "out/m.svg"];

/// A workspace with a good graph `good.ron` (and `good.json`), the
/// committed graph of the example articles, and old content in every output
/// of `out/m`.
fn workspace_with_good_graph() -> Workspace {
    let workspace = Workspace::new();
    let graphs = Path::new(env!("CARGO_MANIFEST_DIR")).join("graphs");
    for extension in ["ron", "json"] {
        let committed = fs::read(graphs.join(format!("news.{extension}"))).expect("graphs/news.*");
        workspace.write(&format!("good.{extension}"), committed);
    }
    for output in OUTPUTS {
        workspace.write(output, format!("old {output}"));
    }
    workspace
}

/// The corrupt graphs made from `good.ron`, each with the text its error
/// message must hold after the file name.
fn corrupt_graphs(workspace: &Workspace) -> Vec<(&'static str, String, &'static str)> {
    let good = String::from_utf8(workspace.read("good.ron")).expect("RON is UTF-8");
    let saved = KnowledgeGraph::from_ron(&good, "good.ron".as_ref())
        .expect("good graph loads")
        .to_saved();
    let mut cut = good.len() / 2;
    while !good.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut dangling = saved.clone();
    dangling.relations[0].target = "person:nobody".into();
    let mut silent = saved.clone();
    silent.statements[0].speaker = "person:nobody".into();
    let mut duplicate = saved.clone();
    duplicate.entities.push(duplicate.entities[0].clone());
    let mut unextracted = saved.clone();
    unextracted.extractions.pop();
    let mut stray = saved.clone();
    stray.entities[0].mentions[0].document = "elsewhere.txt".into();
    vec![
        (
            "truncated.ron",
            good[..cut].to_string(),
            "not a newsgraph graph",
        ),
        (
            "newer.ron",
            good.replacen("format_version:2,", "format_version:99,", 1),
            ": graph format version 99 is newer than this newsgraph reads (2); upgrade newsgraph",
        ),
        (
            "dangling.ron",
            dangling.to_ron(),
            ": invalid graph: relation ",
        ),
        ("silent.ron", silent.to_ron(), ": invalid graph: statement "),
        (
            "duplicate.ron",
            duplicate.to_ron(),
            ": invalid graph: entity id ",
        ),
        (
            "unextracted.ron",
            unextracted.to_ron(),
            ": invalid graph: document ",
        ),
        (
            "stray.ron",
            stray.to_ron(),
            ": invalid graph: a mention of entity ",
        ),
        // The CLI reads RON only; a JSON graph is refused like any other
        // text that is not a saved graph.
        (
            "json-instead.ron",
            String::from_utf8(workspace.read("good.json")).unwrap(),
            "not a newsgraph graph",
        ),
    ]
}

/// Asserts that the run failed naming `name`, with `line:column:` right
/// after the name when the error is a syntax error or a broken reference.
fn assert_refused(run: &Run, name: &str, expected: &str) {
    run.expect_code(1)
        .expect_stderr_contains(&format!("newsgraph: error: {name}"))
        .expect_stderr_contains(expected);
    if expected == "not a newsgraph graph" || expected.contains("invalid graph") {
        let after_name = run
            .stderr
            .split_once(&format!("{name}:"))
            .map(|(_, rest)| rest)
            .unwrap_or_default();
        let position: Vec<&str> = after_name.splitn(3, ':').take(2).collect();
        assert!(
            position.len() == 2
                && position
                    .iter()
                    .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit())),
            "no line:column after {name} in {}",
            run.stderr
        );
    }
}

fn assert_outputs_untouched(workspace: &Workspace) {
    for output in OUTPUTS {
        assert_eq!(
            workspace.read(output),
            format!("old {output}").into_bytes(),
            "{output} was touched"
        );
    }
}

#[test]
fn merge_refuses_every_corrupt_graph_and_touches_no_output() {
    let workspace = workspace_with_good_graph();
    for (name, text, expected) in corrupt_graphs(&workspace) {
        workspace.write(name, text);
        let run = workspace.run(&["merge", "good.ron", name, "--out", "out/m"]);
        assert_refused(&run, name, expected);
        assert_outputs_untouched(&workspace);
    }
}

#[test]
fn build_into_refuses_every_corrupt_graph_and_touches_no_output() {
    let workspace = workspace_with_good_graph();
    workspace.write("new.txt", "Mayor Anna Berg said the harbour would reopen.");
    for (name, text, expected) in corrupt_graphs(&workspace) {
        workspace.write(name, text);
        let run = workspace.run(&["build", "new.txt", "--into", name, "--out", "out/m"]);
        assert_refused(&run, name, expected);
        assert_outputs_untouched(&workspace);
    }
}

#[test]
fn render_refuses_every_corrupt_graph_and_touches_no_output() {
    let workspace = workspace_with_good_graph();
    for (name, text, expected) in corrupt_graphs(&workspace) {
        workspace.write(name, text);
        for output in OUTPUTS {
            let run = workspace.run(&["render", name, "--out", output]);
            assert_refused(&run, name, expected);
        }
        assert_outputs_untouched(&workspace);
        let run = workspace.run(&["render", name, "--out", "out/new.svg"]);
        assert_refused(&run, name, expected);
        assert!(!workspace.exists("out/new.svg"));
    }
}

#[test]
fn stats_refuses_every_corrupt_graph() {
    let workspace = workspace_with_good_graph();
    for (name, text, expected) in corrupt_graphs(&workspace) {
        workspace.write(name, text);
        let run = workspace.run(&["stats", name]);
        assert_refused(&run, name, expected);
        assert_eq!(run.stdout, "", "stats printed counts of {name}");
    }
}
