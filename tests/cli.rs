//! The binary, end to end: arguments, files written, messages, exit status.

use std::fs;
use std::io::Read;
use std::process::Stdio;

use crate::corpus::{strings, Workspace, COUNCIL, HARBOUR};

const ALL_OUTPUTS: [&str; 4] = ["out/g.ron", "out/g.json", "out/g.dot", "out/g.svg"];

#[test]
fn build_from_a_directory_writes_all_four_formats() {
    let workspace = Workspace::with_articles();
    let run = workspace.run(&["build", "articles", "--out", "out/g"]);
    run.expect_code(0)
        .expect_stderr_contains("built graph: 3 documents, ");
    assert!(
        run.stderr.contains("-> out/g.{ron,json,dot,svg}"),
        "{}",
        run.stderr
    );
    for output in ALL_OUTPUTS {
        assert!(workspace.exists(output), "{output} was not written");
    }
    let expected = strings(&["council.txt", "harbour.txt", "weather.txt"]);
    assert_eq!(workspace.documents_in_ron("out/g.ron"), expected);
    assert_eq!(workspace.documents_in_json("out/g.json"), expected);
    assert!(String::from_utf8_lossy(&workspace.read("out/g.svg")).contains("<svg"));
}

#[test]
fn build_from_files_reads_them_whatever_their_extension() {
    let workspace = Workspace::new();
    workspace.write("a/harbour.txt", HARBOUR);
    workspace.write("b/council.text", COUNCIL);
    workspace
        .run(&["build", "a/harbour.txt", "b/council.text", "--out", "g"])
        .expect_code(0);
    assert_eq!(
        workspace.documents_in_ron("g.ron"),
        strings(&["council.text", "harbour.txt"])
    );
}

#[test]
fn build_reads_only_txt_files_directly_inside_a_directory() {
    let workspace = Workspace::with_articles();
    workspace.write("articles/notes.md", "Not an article.");
    workspace.write("articles/older/archive.txt", HARBOUR);
    workspace.write("articles/UPPER.TXT", COUNCIL);
    workspace
        .run(&["build", "articles", "--out", "g", "--format", "ron"])
        .expect_code(0);
    assert_eq!(
        workspace.documents_in_ron("g.ron"),
        strings(&["UPPER.TXT", "council.txt", "harbour.txt", "weather.txt"])
    );
}

#[test]
fn build_format_subset_writes_only_those_formats() {
    let workspace = Workspace::with_articles();
    let run = workspace.run(&[
        "build", "articles", "--out", "out/g", "--format", "json,ron",
    ]);
    run.expect_code(0)
        .expect_stderr_contains("-> out/g.{ron,json}");
    assert!(workspace.exists("out/g.ron"));
    assert!(workspace.exists("out/g.json"));
    assert!(!workspace.exists("out/g.dot"));
    assert!(!workspace.exists("out/g.svg"));

    let single = workspace.run(&["build", "articles", "--out", "one", "--format", "dot"]);
    single.expect_code(0).expect_stderr_contains("-> one.dot");
    let written: Vec<_> = fs::read_dir(workspace.path("."))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.starts_with("one"))
        .collect();
    assert_eq!(written, ["one.dot"]);
}

/// The summary line's counts, after "built graph: " or "merged N graphs: ".
fn summary_counts(stderr: &str) -> &str {
    let line = stderr
        .lines()
        .find(|line| line.contains(" documents, "))
        .expect("a summary line");
    let start = line.find(": ").expect("a colon") + 2;
    let end = line.find(" -> ").expect("an arrow");
    &line[start..end]
}

#[test]
fn ron_and_json_written_as_resolved_are_those_of_the_whole_graph() {
    // With DOT beside them, the graph is resolved whole first; RON and
    // JSON alone or together are written as the graph is resolved, JSON
    // alone taking the graph.
    let workspace = Workspace::with_articles();
    let whole = workspace.run(&[
        "build",
        "articles",
        "--out",
        "whole",
        "--format",
        "ron,json,dot",
    ]);
    whole.expect_code(0);
    for (stem, formats) in [("both", "ron,json"), ("ron", "ron"), ("json", "json")] {
        let run = workspace.run(&["build", "articles", "--out", stem, "--format", formats]);
        run.expect_code(0);
        assert_eq!(summary_counts(&run.stderr), summary_counts(&whole.stderr));
        for extension in formats.split(',') {
            assert_eq!(
                workspace.read(&format!("{stem}.{extension}")),
                workspace.read(&format!("whole.{extension}")),
                "{stem}.{extension}"
            );
        }
    }
    assert!(!workspace.exists("ron.json") && !workspace.exists("json.ron"));
    // The statements put aside during the builds leave no file behind.
    let mut left: Vec<String> = std::fs::read_dir(workspace.path("."))
        .expect("the workspace lists")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    left.sort();
    assert_eq!(
        left,
        [
            "articles",
            "both.json",
            "both.ron",
            "json.json",
            "ron.ron",
            "whole.dot",
            "whole.json",
            "whole.ron"
        ]
    );

    build_two_shards(&workspace);
    for formats in ["json", "ron,json"] {
        let merged = workspace.run(&[
            "merge",
            "parts/two.ron",
            "parts/one.ron",
            "--out",
            "merged",
            "--format",
            formats,
        ]);
        merged.expect_code(0);
        assert_eq!(
            summary_counts(&merged.stderr),
            summary_counts(&whole.stderr)
        );
        assert_eq!(workspace.read("merged.json"), workspace.read("whole.json"));
    }
    assert_eq!(workspace.read("merged.ron"), workspace.read("whole.ron"));
    for extension in ["ron", "json"] {
        let target = format!("rendered.{extension}");
        workspace
            .run(&["render", "whole.ron", "--out", &target])
            .expect_code(0);
        assert_eq!(
            workspace.read(&target),
            workspace.read(&format!("whole.{extension}"))
        );
    }
}

#[test]
fn build_quiet_prints_nothing() {
    let workspace = Workspace::with_articles();
    workspace.write("articles/blank.txt", "  \n");
    let run = workspace.run(&["build", "articles", "--out", "g", "--quiet"]);
    run.expect_code(0);
    assert_eq!(run.stderr, "");
    assert_eq!(run.stdout, "");
}

#[test]
fn build_reports_unreadable_files_by_name_and_builds_the_rest() {
    let workspace = Workspace::with_articles();
    // "caf" then a Latin-1 e-acute: not UTF-8 at byte 3.
    workspace.write("articles/latin1.txt", b"caf\xe9 au lait");
    workspace.write("articles/picture.txt", b"GIF89a\0\0\x01");
    #[cfg(unix)]
    std::os::unix::fs::symlink("nowhere.txt", workspace.path("articles/dangling.txt")).unwrap();

    let run = workspace.run(&["build", "articles", "--out", "out/g"]);
    run.expect_code(2)
        .expect_stderr_contains(
            "newsgraph: skipped articles/latin1.txt: not UTF-8 text (invalid byte at offset 3)",
        )
        .expect_stderr_contains("newsgraph: skipped articles/picture.txt: not text: looks binary")
        .expect_stderr_contains("built graph: 3 documents");
    #[cfg(unix)]
    run.expect_stderr_contains("newsgraph: skipped articles/dangling.txt: cannot read");

    let expected = strings(&["council.txt", "harbour.txt", "weather.txt"]);
    assert_eq!(workspace.documents_in_json("out/g.json"), expected);
    assert_eq!(workspace.documents_in_ron("out/g.ron"), expected);
}

#[test]
fn build_reports_a_missing_input_and_builds_the_rest() {
    let workspace = Workspace::with_articles();
    let run = workspace.run(&["build", "articles", "missing.txt", "--out", "g"]);
    run.expect_code(2)
        .expect_stderr_contains("newsgraph: skipped missing.txt: cannot read");
    assert_eq!(workspace.documents_in_ron("g.ron").len(), 3);
}

#[test]
fn build_with_nothing_readable_fails_and_writes_nothing() {
    let workspace = Workspace::new();
    workspace.write("bad.txt", b"\xff\xfe");
    let run = workspace.run(&["build", "missing.txt", "bad.txt", "--out", "g"]);
    run.expect_code(1)
        .expect_stderr_contains("newsgraph: skipped missing.txt")
        .expect_stderr_contains("newsgraph: skipped bad.txt")
        .expect_stderr_contains("newsgraph: error: no documents to build from");
    assert!(!workspace.exists("g.ron"));
}

#[test]
fn build_of_a_directory_without_text_files_fails() {
    let workspace = Workspace::new();
    workspace.write("empty/readme.md", "nothing here");
    let run = workspace.run(&["build", "empty", "--out", "g"]);
    run.expect_code(1)
        .expect_stderr_contains("no .txt or .jsonl files in empty")
        .expect_stderr_contains("newsgraph: error: no documents to build from");
    assert!(!workspace.exists("g.ron"));
}

#[test]
fn build_keeps_an_empty_file_as_a_document_and_warns() {
    let workspace = Workspace::new();
    workspace.write("articles/harbour.txt", HARBOUR);
    workspace.write("articles/blank.txt", "");
    let run = workspace.run(&["build", "articles", "--out", "g", "--format", "ron"]);
    run.expect_code(0)
        .expect_stderr_contains("warning: articles/blank.txt is empty or only whitespace");
    assert_eq!(
        workspace.documents_in_ron("g.ron"),
        strings(&["blank.txt", "harbour.txt"])
    );
}

#[test]
fn build_refuses_to_overwrite_an_input() {
    let workspace = Workspace::new();
    workspace.write("notes", HARBOUR);
    workspace.write("news.json", COUNCIL);
    let run = workspace.run(&[
        "build",
        "notes",
        "news.json",
        "--out",
        "news",
        "--format",
        "json",
    ]);
    run.expect_code(1)
        .expect_stderr_contains("newsgraph: error: refusing to write news.json");
    assert_eq!(workspace.read("news.json"), COUNCIL.as_bytes());
}

#[test]
fn build_refuses_two_files_with_the_same_name() {
    let workspace = Workspace::new();
    workspace.write("monday/report.txt", HARBOUR);
    workspace.write("tuesday/report.txt", COUNCIL);
    let run = workspace.run(&["build", "monday", "tuesday", "--out", "g"]);
    run.expect_code(1)
        .expect_stderr_contains("`report.txt`")
        .expect_stderr_contains("monday/report.txt")
        .expect_stderr_contains("tuesday/report.txt");
    assert!(!workspace.exists("g.ron"));
}

#[test]
fn build_reads_a_file_reached_twice_once() {
    let workspace = Workspace::with_articles();
    workspace
        .run(&[
            "build",
            "articles",
            "articles/harbour.txt",
            "--out",
            "g",
            "--format",
            "ron",
        ])
        .expect_code(0);
    assert_eq!(workspace.documents_in_ron("g.ron").len(), 3);
}

#[test]
fn build_refuses_an_out_stem_with_an_output_extension() {
    let workspace = Workspace::with_articles();
    workspace
        .run(&["build", "articles", "--out", "g.json"])
        .expect_code(1)
        .expect_stderr_contains("give it without extension, such as `g`");
    assert!(!workspace.exists("g.json"));
    assert!(!workspace.exists("g.json.ron"));
}

#[test]
fn build_output_does_not_depend_on_argument_order() {
    let workspace = Workspace::with_articles();
    workspace
        .run(&[
            "build",
            "articles/weather.txt",
            "articles/harbour.txt",
            "articles/council.txt",
            "--out",
            "first",
        ])
        .expect_code(0);
    workspace
        .run(&[
            "build",
            "articles/council.txt",
            "articles/weather.txt",
            "articles/harbour.txt",
            "--out",
            "second",
        ])
        .expect_code(0);
    for extension in ["ron", "json", "dot", "svg"] {
        assert_eq!(
            workspace.read(&format!("first.{extension}")),
            workspace.read(&format!("second.{extension}")),
            "{extension} outputs differ"
        );
    }
}

#[test]
fn render_picks_the_format_from_the_extension() {
    let workspace = Workspace::with_articles();
    workspace
        .run(&["build", "articles", "--out", "out/g"])
        .expect_code(0);
    for extension in ["svg", "dot", "json", "ron"] {
        let target = format!("rendered/graph.{extension}");
        workspace
            .run(&["render", "out/g.ron", "--out", &target])
            .expect_code(0)
            .expect_stderr_contains(&format!("-> {target}"));
        assert_eq!(
            workspace.read(&target),
            workspace.read(&format!("out/g.{extension}")),
            "render to .{extension} differs from build"
        );
    }
}

#[test]
fn render_rejects_an_unknown_extension() {
    let workspace = Workspace::with_articles();
    workspace
        .run(&["build", "articles", "--out", "g", "--format", "ron"])
        .expect_code(0);
    workspace
        .run(&["render", "g.ron", "--out", "g.png"])
        .expect_code(1)
        .expect_stderr_contains("g.png")
        .expect_stderr_contains(".svg, .dot, .json, .ron");
    assert!(!workspace.exists("g.png"));
}

#[test]
fn render_of_corrupt_ron_names_the_file_and_leaves_the_output_alone() {
    let workspace = Workspace::new();
    workspace.write(
        "broken.ron",
        "(\n    format_version: 1,\n    documents: [\"a.txt\"\n",
    );
    workspace.write("existing.svg", "old picture");
    workspace
        .run(&["render", "broken.ron", "--out", "existing.svg"])
        .expect_code(1)
        .expect_stderr_contains("newsgraph: error: broken.ron:");
    assert_eq!(workspace.read("existing.svg"), b"old picture");
    workspace
        .run(&["render", "broken.ron", "--out", "new.svg"])
        .expect_code(1);
    assert!(!workspace.exists("new.svg"));
}

#[test]
fn render_refuses_to_overwrite_its_input() {
    let workspace = Workspace::with_articles();
    workspace
        .run(&["build", "articles", "--out", "g", "--format", "ron"])
        .expect_code(0);
    let before = workspace.read("g.ron");
    workspace
        .run(&["render", "g.ron", "--out", "./g.ron"])
        .expect_code(1)
        .expect_stderr_contains("refusing to write");
    assert_eq!(workspace.read("g.ron"), before);
}

/// Builds the articles as two graphs, `parts/one.ron` (the harbour
/// article) and `parts/two.ron` (the other two).
fn build_two_shards(workspace: &Workspace) {
    workspace
        .run(&[
            "build",
            "articles/harbour.txt",
            "--out",
            "parts/one",
            "--format",
            "ron",
        ])
        .expect_code(0);
    workspace
        .run(&[
            "build",
            "articles/council.txt",
            "articles/weather.txt",
            "--out",
            "parts/two",
            "--format",
            "ron",
        ])
        .expect_code(0);
}

#[test]
fn merge_gives_the_graph_of_all_documents() {
    let workspace = Workspace::with_articles();
    build_two_shards(&workspace);
    workspace
        .run(&["merge", "parts/one.ron", "parts/two.ron", "--out", "merged"])
        .expect_code(0)
        .expect_stderr_contains("merged 2 graphs: 3 documents");
    for extension in ["ron", "json", "dot", "svg"] {
        assert!(workspace.exists(&format!("merged.{extension}")));
    }
    assert_eq!(
        workspace.documents_in_json("merged.json"),
        strings(&["council.txt", "harbour.txt", "weather.txt"])
    );

    // Merging graphs built apart equals building everything at once.
    workspace
        .run(&["build", "articles", "--out", "whole", "--format", "ron"])
        .expect_code(0);
    assert_eq!(workspace.read("merged.ron"), workspace.read("whole.ron"));
}

#[test]
fn merge_of_corrupt_ron_names_the_file_and_writes_nothing() {
    let workspace = Workspace::with_articles();
    workspace
        .run(&["build", "articles", "--out", "good", "--format", "ron"])
        .expect_code(0);
    workspace.write("broken.ron", "this is not a graph");
    workspace
        .run(&["merge", "good.ron", "broken.ron", "--out", "merged"])
        .expect_code(1)
        .expect_stderr_contains("newsgraph: error: broken.ron:");
    for extension in ["ron", "json", "dot", "svg"] {
        assert!(!workspace.exists(&format!("merged.{extension}")));
    }
}

#[test]
fn merge_of_several_corrupt_graphs_names_the_first_given() {
    let workspace = Workspace::with_articles();
    workspace
        .run(&["build", "articles", "--out", "good", "--format", "ron"])
        .expect_code(0);
    workspace.write("early.ron", "this is not a graph");
    workspace.write("late.ron", "(format_version: 2, documents: [oops])");
    for order in [
        ["good.ron", "early.ron", "good.ron", "late.ron"],
        ["early.ron", "late.ron", "good.ron", "good.ron"],
        ["good.ron", "good.ron", "early.ron", "late.ron"],
    ] {
        let mut arguments = vec!["merge"];
        arguments.extend(order);
        arguments.extend(["--out", "merged"]);
        let run = workspace.run(&arguments);
        run.expect_code(1)
            .expect_stderr_contains("newsgraph: error: early.ron:");
        assert!(!run.stderr.contains("late.ron"), "{}", run.stderr);
    }
    assert!(!workspace.exists("merged.json"));
}

#[test]
fn merge_refuses_to_overwrite_an_input() {
    let workspace = Workspace::with_articles();
    workspace
        .run(&["build", "articles", "--out", "good", "--format", "ron"])
        .expect_code(0);
    let before = workspace.read("good.ron");
    workspace
        .run(&["merge", "good.ron", "--out", "good", "--format", "ron"])
        .expect_code(1)
        .expect_stderr_contains("refusing to write good.ron");
    assert_eq!(workspace.read("good.ron"), before);
}

#[test]
fn stats_prints_aligned_counts() {
    let workspace = Workspace::with_articles();
    workspace
        .run(&["build", "articles", "--out", "g", "--format", "ron"])
        .expect_code(0);
    let run = workspace.run(&["stats", "g.ron"]);
    run.expect_code(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let first = lines.first().copied().unwrap_or_default();
    assert!(
        first.starts_with("documents ") && first.ends_with(" 3"),
        "{first:?}"
    );
    for label in [
        "entities",
        "statements",
        "  direct",
        "  reported",
        "relations",
        "merges",
    ] {
        assert!(
            lines.iter().any(|line| line.starts_with(label)),
            "no {label:?} line in\n{}",
            run.stdout
        );
    }
    assert!(run.stdout.contains("\ntop speakers by statements\n"));
    assert!(run.stdout.contains("\nmost mentioned entities\n"));
    // The counts of the table are right-aligned in one column.
    let table: Vec<&str> = lines
        .iter()
        .take_while(|line| !line.is_empty())
        .copied()
        .collect();
    let width = table[0].len();
    assert!(table.iter().all(|line| line.len() == width), "{table:#?}");
}

#[test]
fn stats_of_a_missing_graph_names_it() {
    let workspace = Workspace::new();
    workspace
        .run(&["stats", "absent.ron"])
        .expect_code(1)
        .expect_stderr_contains("newsgraph: error: absent.ron");
}

#[test]
fn stats_into_a_closed_pipe_is_not_an_error() {
    let workspace = Workspace::with_articles();
    workspace
        .run(&["build", "articles", "--out", "g", "--format", "ron"])
        .expect_code(0);
    let mut child = workspace
        .command(&["stats", "g.ron"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn newsgraph");
    // Close the reading end at once, as `head` does when it has enough.
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr is piped")
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().expect("wait for newsgraph");
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "");
}

#[test]
fn every_command_has_help_with_examples() {
    let workspace = Workspace::new();
    for command in ["build", "render", "merge", "stats"] {
        let run = workspace.run(&[command, "--help"]);
        run.expect_code(0);
        assert!(
            run.stdout.contains("Examples:"),
            "{command} --help:\n{}",
            run.stdout
        );
    }
    workspace.run(&["--help"]).expect_code(0);
}

#[test]
fn usage_errors_exit_1() {
    let workspace = Workspace::new();
    workspace
        .run(&["build", "--out", "g"])
        .expect_code(1)
        .expect_stderr_contains("required");
    workspace
        .run(&["build", "x.txt", "--out", "g", "--format", "png"])
        .expect_code(1);
    workspace.run(&["frobnicate"]).expect_code(1);
}
