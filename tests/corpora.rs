//! Building at scale: JSON Lines corpora, many threads, any file order, and
//! adding articles to a graph that was already built.

use crate::corpus::{strings, Workspace, COUNCIL, HARBOUR, WEATHER};

const ARTICLES: [(&str, &str); 3] = [
    ("council.txt", COUNCIL),
    ("harbour.txt", HARBOUR),
    ("weather.txt", WEATHER),
];

fn json_line(id: &str, text: &str) -> String {
    format!(
        "{}\n",
        serde_json::json!({"id": id, "text": text, "title": "A headline", "date": "2026-01-02"})
    )
}

#[test]
fn a_json_lines_corpus_builds_the_graph_its_articles_build_as_files() {
    let workspace = Workspace::with_articles();
    let corpus: String = ARTICLES
        .iter()
        .map(|(id, text)| json_line(id, text))
        .collect();
    workspace.write("corpus.jsonl", corpus);
    workspace
        .run(&[
            "build", "articles", "--out", "files", "--format", "ron,json",
        ])
        .expect_code(0);
    workspace
        .run(&[
            "build",
            "corpus.jsonl",
            "--out",
            "lines",
            "--format",
            "ron,json",
        ])
        .expect_code(0)
        .expect_stderr_contains("built graph: 3 documents");
    assert_eq!(workspace.read("files.ron"), workspace.read("lines.ron"));
    assert_eq!(workspace.read("files.json"), workspace.read("lines.json"));
}

#[test]
fn broken_corpus_lines_are_named_by_file_and_line_and_the_rest_is_built() {
    let workspace = Workspace::new();
    let corpus = [
        json_line("a", HARBOUR),
        "{\"id\": \"b\", \"text\": \"unterminated\n".to_string(),
        "\n".to_string(),
        "{\"id\": \"c\"}\n".to_string(),
        json_line("a", COUNCIL),
        json_line("d", WEATHER),
    ]
    .concat();
    workspace.write("corpus/news.jsonl", corpus);
    workspace
        .run(&["build", "corpus", "--out", "g", "--format", "ron"])
        .expect_code(2)
        .expect_stderr_contains("newsgraph: skipped corpus/news.jsonl:2: not an article: ")
        .expect_stderr_contains(
            "newsgraph: skipped corpus/news.jsonl:4: not an article: missing field `text` (column 11);",
        )
        .expect_stderr_contains(
            "newsgraph: skipped corpus/news.jsonl:5: document id `a` was already read from \
             corpus/news.jsonl:1",
        );
    assert_eq!(workspace.documents_in_ron("g.ron"), strings(&["a", "d"]));
}

#[test]
fn the_graph_is_the_same_bytes_whatever_the_threads_and_file_order() {
    let workspace = Workspace::new();
    let mut names = Vec::new();
    for copy in 0..12 {
        for (name, text) in ARTICLES {
            let name = format!("a/{copy:02}-{name}");
            workspace.write(&name, text);
            names.push(name);
        }
    }
    let mut reference: Option<Vec<Vec<u8>>> = None;
    let reversed: Vec<String> = names.iter().rev().cloned().collect();
    for (threads, order) in [
        ("1", &names),
        ("2", &names),
        ("3", &reversed),
        ("2", &reversed),
    ] {
        let mut arguments = vec![
            "build",
            "--out",
            "g",
            "--format",
            "ron,json,dot",
            "-j",
            threads,
        ];
        arguments.extend(order.iter().map(String::as_str));
        workspace.run(&arguments).expect_code(0);
        let outputs = ["g.ron", "g.json", "g.dot"]
            .map(|name| workspace.read(name))
            .to_vec();
        match &reference {
            None => reference = Some(outputs),
            Some(reference) => assert!(
                reference == &outputs,
                "outputs differ with {threads} threads"
            ),
        }
    }
}

#[test]
fn no_progress_bar_is_drawn_when_stderr_is_not_a_terminal() {
    let workspace = Workspace::with_articles();
    let run = workspace.run(&["build", "articles", "--out", "g", "--format", "ron"]);
    run.expect_code(0);
    assert!(!run.stderr.contains('\r'), "{:?}", run.stderr);
    assert!(!run.stderr.contains("ETA"), "{:?}", run.stderr);
}

#[test]
fn shards_built_apart_and_merged_are_the_graph_built_at_once() {
    let workspace = Workspace::with_articles();
    workspace.write(
        "more/second-harbour.txt",
        HARBOUR.replace("Monday", "Friday"),
    );
    workspace
        .run(&[
            "build",
            "articles",
            "more",
            "--out",
            "whole",
            "--format",
            "ron,json,dot",
        ])
        .expect_code(0);
    workspace
        .run(&["build", "articles", "--out", "shard-a", "--format", "ron"])
        .expect_code(0);
    workspace
        .run(&["build", "more", "--out", "shard-b", "--format", "ron"])
        .expect_code(0);
    workspace
        .run(&[
            "merge",
            "shard-b.ron",
            "shard-a.ron",
            "--out",
            "merged",
            "--format",
            "ron,json,dot",
        ])
        .expect_code(0);
    workspace
        .run(&[
            "build",
            "more",
            "--into",
            "shard-a.ron",
            "--out",
            "grown",
            "--format",
            "ron,json,dot",
        ])
        .expect_code(0)
        .expect_stderr_contains("built graph: 4 documents");
    for extension in ["ron", "json", "dot"] {
        let whole = workspace.read(&format!("whole.{extension}"));
        assert!(
            whole == workspace.read(&format!("merged.{extension}")),
            "merged .{extension}"
        );
        assert!(
            whole == workspace.read(&format!("grown.{extension}")),
            "grown .{extension}"
        );
    }
}

#[test]
fn a_graph_can_grow_in_place_and_a_broken_one_is_left_alone() {
    let workspace = Workspace::with_articles();
    workspace
        .run(&[
            "build",
            "articles/harbour.txt",
            "--out",
            "g",
            "--format",
            "ron",
        ])
        .expect_code(0);
    workspace
        .run(&[
            "build", "articles", "--into", "g.ron", "--out", "g", "--format", "ron",
        ])
        .expect_code(0);
    assert_eq!(
        workspace.documents_in_ron("g.ron"),
        strings(&["council.txt", "harbour.txt", "weather.txt"])
    );

    workspace.write("broken.ron", "(format_version: 2, documents: [");
    workspace.write("out.ron", "old");
    workspace
        .run(&[
            "build",
            "articles",
            "--into",
            "broken.ron",
            "--out",
            "out",
            "--format",
            "ron",
        ])
        .expect_code(1)
        .expect_stderr_contains("broken.ron:1:");
    assert_eq!(workspace.read("out.ron"), b"old");
}
