//! The committed graphs of the example articles, `graphs/news.*`, must be
//! exactly what the code builds from `examples/news/`.
//!
//! When a change to extraction, merging or export changes them on purpose,
//! rewrite them with `UPDATE_GOLDEN=1 cargo test` and review the diff.

use std::fs;
use std::path::{Path, PathBuf};

use newsgraph::{build_graph, document_from_bytes, render, Document, OutputFormat, Renderer};

use crate::corpus::Workspace;

/// The example articles, relative to the package root.
const EXAMPLE_ARTICLES: &str = "examples/news";
/// The committed outputs, without extension, relative to the package root.
const GOLDEN_STEM: &str = "graphs/news";

fn package_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// The example articles as the binary reads them: the `.txt` files of the
/// directory, ids being file names.
fn example_documents() -> Vec<Document> {
    let mut paths: Vec<PathBuf> = fs::read_dir(package_path(EXAMPLE_ARTICLES))
        .expect("list examples/news")
        .map(|entry| entry.expect("read examples/news entry").path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "txt"))
        .collect();
    paths.sort();
    assert!(
        !paths.is_empty(),
        "no example articles in {EXAMPLE_ARTICLES}"
    );
    paths
        .iter()
        .map(|path| {
            let id = path
                .file_name()
                .and_then(|name| name.to_str())
                .expect("UTF-8 file name");
            let bytes = fs::read(path).expect("read example article");
            document_from_bytes(id, bytes).expect("example articles are text")
        })
        .collect()
}

/// Every output of the example graph, rendered as the binary does by default.
fn example_outputs() -> Vec<(OutputFormat, String)> {
    let graph = build_graph(&example_documents());
    OutputFormat::ALL
        .into_iter()
        .map(|format| {
            let text = render(&graph, format, Renderer::Builtin).expect("built-in rendering");
            (format, text)
        })
        .collect()
}

#[test]
fn golden_graphs_match_the_example_articles() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some_and(|value| value == "1");
    let mut mismatches = Vec::new();
    for (format, actual) in example_outputs() {
        let path = package_path(&format!("{GOLDEN_STEM}.{}", format.extension()));
        if update {
            let unchanged = fs::read(&path).is_ok_and(|expected| expected == actual.as_bytes());
            if !unchanged {
                fs::write(&path, &actual).expect("rewrite golden file");
            }
            continue;
        }
        if let Some(mismatch) = compare(&path, &actual) {
            mismatches.push(mismatch);
        }
    }
    assert!(
        mismatches.is_empty(),
        "{}\n\nIf the change is intended, run `UPDATE_GOLDEN=1 cargo test` and review the diff of graphs/.",
        mismatches.join("\n\n")
    );
}

/// `None` when the file holds exactly `actual`, else where they first differ.
fn compare(path: &Path, actual: &str) -> Option<String> {
    let shown = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .display();
    let expected = match fs::read_to_string(path) {
        Ok(expected) => expected,
        Err(error) => return Some(format!("{shown}: cannot read the golden file: {error}")),
    };
    if expected == actual {
        return None;
    }
    let mut expected_lines = expected.split('\n');
    let mut actual_lines = actual.split('\n');
    let mut line_number = 1;
    loop {
        match (expected_lines.next(), actual_lines.next()) {
            (Some(expected_line), Some(actual_line)) if expected_line == actual_line => {
                line_number += 1;
            }
            (expected_line, actual_line) => {
                return Some(format!(
                    "{shown} differs from what the code builds, first at line {line_number}:\n  \
                     golden: {}\n  built:  {}",
                    expected_line.map_or("(end of file)".to_string(), |line| format!("{line:?}")),
                    actual_line.map_or("(end of file)".to_string(), |line| format!("{line:?}")),
                ));
            }
        }
    }
}

#[test]
fn binary_build_of_the_example_articles_matches_the_library() {
    let workspace = Workspace::new();
    let stem = workspace.path("news");
    let articles = package_path(EXAMPLE_ARTICLES);
    workspace
        .run(&[
            "build",
            articles.to_str().expect("UTF-8 path"),
            "--out",
            stem.to_str().expect("UTF-8 path"),
            "--renderer",
            "builtin",
            "--quiet",
        ])
        .expect_code(0);
    for (format, expected) in example_outputs() {
        let written = workspace.read(&format!("news.{}", format.extension()));
        assert!(
            written == expected.as_bytes(),
            "the binary's {format} output differs from the library's"
        );
    }
}
