//! Bad input to `newsgraph build`, end to end: every file that cannot be
//! read gets a message naming it and saying what to do, every odd but
//! readable file is read without losing a byte, and every good file of the
//! same run still makes it into the graph.
//!
//! The cases `cli` already covers (a dangling link, an empty file, a GIF, a
//! missing path with nothing else to read) are not repeated here.

use std::fs;
use std::path::Path;

use crate::corpus::{strings, Run, Workspace, HARBOUR};

/// The documents of `Workspace::with_articles`.
const GOOD: [&str; 3] = ["council.txt", "harbour.txt", "weather.txt"];

/// Builds `articles/` (the three good articles plus `name` holding
/// `contents`) into `out/g.{ron,json}`.
fn build_with(name: &str, contents: impl AsRef<[u8]>) -> (Workspace, Run) {
    let workspace = Workspace::with_articles();
    workspace.write(&format!("articles/{name}"), contents);
    let run = workspace.run(&[
        "build", "articles", "--out", "out/g", "--format", "ron,json",
    ]);
    (workspace, run)
}

/// Asserts that the graph holds exactly the good articles plus `extra`.
fn assert_documents(workspace: &Workspace, extra: &[&str]) {
    let mut expected = strings(&GOOD);
    expected.extend(strings(extra));
    expected.sort();
    assert_eq!(workspace.documents_in_json("out/g.json"), expected);
    assert_eq!(workspace.documents_in_ron("out/g.ron"), expected);
}

/// Asserts that every span of `document` in the JSON output is a slice of
/// `text` on character boundaries, and returns the entity names found in it.
fn assert_spans_slice(workspace: &Workspace, document: &str, text: &str) -> Vec<String> {
    let json: serde_json::Value =
        serde_json::from_slice(&workspace.read("out/g.json")).expect("output is JSON");
    let mut spans = Vec::new();
    let mut names = Vec::new();
    for entity in json["entities"].as_array().expect("entities") {
        for mention in entity["mentions"].as_array().expect("mentions") {
            if mention["document"] == document {
                spans.push(mention);
                names.push(entity["name"].as_str().expect("name").to_string());
            }
        }
    }
    for statement in json["statements"].as_array().expect("statements") {
        if statement["document"] == document {
            spans.push(statement);
        }
    }
    for span in spans {
        let start = span["start"].as_u64().expect("start") as usize;
        let end = span["end"].as_u64().expect("end") as usize;
        assert!(
            text.get(start..end).is_some(),
            "{document}: span {start}..{end} is not a slice of the text"
        );
    }
    names.sort();
    names.dedup();
    names
}

#[test]
fn latin1_is_skipped_with_advice_to_convert() {
    let (workspace, run) = build_with("latin1.txt", b"Caf\xe9 owner Anna Berg said hello.");
    run.expect_code(2).expect_stderr_contains(
        "newsgraph: skipped articles/latin1.txt: not UTF-8 text (invalid byte at offset 3); \
         convert it to UTF-8",
    );
    assert_documents(&workspace, &[]);
}

#[test]
fn utf16_with_byte_order_mark_is_named_as_utf16() {
    for (name, bytes) in [
        ("little.txt", [0xff, 0xfe, b'H', 0, b'i', 0]),
        ("big.txt", [0xfe, 0xff, 0, b'H', 0, b'i']),
    ] {
        let (workspace, run) = build_with(name, bytes);
        run.expect_code(2)
            .expect_stderr_contains(&format!("newsgraph: skipped articles/{name}: UTF-16 text"))
            .expect_stderr_contains("iconv -f UTF-16 -t UTF-8");
        assert_documents(&workspace, &[]);
    }
}

#[test]
fn binary_data_is_skipped_with_the_offset_of_its_nul_byte() {
    let mut elf = b"\x7fELF\x02\x01\x01".to_vec();
    elf.extend((0..=255u8).cycle().take(4096));
    let (workspace, run) = build_with("program.txt", elf);
    run.expect_code(2).expect_stderr_contains(
        "newsgraph: skipped articles/program.txt: not text: looks binary (NUL byte at offset 7); \
         give plain text files only",
    );
    assert_documents(&workspace, &[]);
}

#[test]
fn whitespace_only_is_a_document_with_a_warning() {
    let (workspace, run) = build_with("blank.txt", " \t\r\n\u{a0}\u{2003}\n\n");
    run.expect_code(0)
        .expect_stderr_contains("warning: articles/blank.txt is empty or only whitespace");
    assert_documents(&workspace, &["blank.txt"]);
}

#[test]
fn a_large_article_is_read_whole() {
    // One article of 100 MB, built end to end (the library crates are
    // optimized in test builds for this; see Cargo.toml).
    let article = HARBOUR.repeat(100_000_000 / HARBOUR.len());
    let (workspace, run) = build_with("huge.txt", &article);
    run.expect_code(0);
    assert_documents(&workspace, &["huge.txt"]);
    let names = assert_spans_slice(&workspace, "huge.txt", &article);
    assert!(names.contains(&"Anna Berg".to_string()), "{names:?}");
}

#[test]
fn a_megabyte_line_without_punctuation_is_read() {
    let line = "the harbour board and Anna Berg and the council ".repeat(1 << 20 >> 6);
    let line = &line[..line.len().min(1 << 20)];
    let (workspace, run) = build_with("line.txt", line);
    run.expect_code(0);
    assert_documents(&workspace, &["line.txt"]);
    assert_spans_slice(&workspace, "line.txt", line);
}

#[test]
fn ten_thousand_quotation_marks_are_read() {
    let shapes = [
        ("straight.txt", "\"".repeat(10_000)),
        (
            "nested.txt",
            format!(
                "Berg said {}hi{}.",
                "\u{201c}".repeat(5_000),
                "\u{201d}".repeat(5_000)
            ),
        ),
        (
            "unbalanced.txt",
            format!("Berg said {} and left.", "\u{201c}\"'\u{ab}".repeat(2_500)),
        ),
    ];
    let workspace = Workspace::with_articles();
    for (name, text) in &shapes {
        workspace.write(&format!("articles/{name}"), text);
    }
    workspace
        .run(&[
            "build", "articles", "--out", "out/g", "--format", "ron,json",
        ])
        .expect_code(0);
    assert_documents(
        &workspace,
        &["nested.txt", "straight.txt", "unbalanced.txt"],
    );
    for (name, text) in &shapes {
        assert_spans_slice(&workspace, name, text);
    }
}

#[test]
fn line_ends_and_byte_order_marks_change_nothing_but_offsets() {
    let article = "Mayor Anna Berg said on Monday that the harbour would reopen.\n\
                   \"We will not wait,\" Berg told reporters.\n\n\
                   Councillor Tomas Reyes met Berg in Port Elmsworth.\n";
    let shapes = [
        ("lf.txt", article.to_string()),
        ("crlf.txt", article.replace('\n', "\r\n")),
        ("cr.txt", article.replace('\n', "\r")),
        ("bom.txt", format!("\u{feff}{article}")),
    ];
    let workspace = Workspace::new();
    for (name, text) in &shapes {
        workspace.write(&format!("articles/{name}"), text);
    }
    workspace
        .run(&[
            "build", "articles", "--out", "out/g", "--format", "ron,json",
        ])
        .expect_code(0);
    assert_eq!(
        workspace.documents_in_json("out/g.json"),
        strings(&["bom.txt", "cr.txt", "crlf.txt", "lf.txt"])
    );
    let expected = assert_spans_slice(&workspace, "lf.txt", article);
    assert!(expected.contains(&"Anna Berg".to_string()), "{expected:?}");
    for (name, text) in &shapes {
        assert_eq!(
            assert_spans_slice(&workspace, name, text),
            expected,
            "{name} gives other entities than lf.txt"
        );
    }
}

#[test]
fn right_to_left_and_mixed_scripts_are_read() {
    // Hebrew, Arabic, Cyrillic, CJK, a right-to-left override, combining
    // marks and an emoji between English sentences.
    let text = "Mayor Anna Berg met \u{5e9}\u{5dc}\u{5d5}\u{5dd} in \u{645}\u{631}\u{62d}\u{628}\u{627}. \
                \u{202e}Tomas Reyes\u{202c} said \u{41c}\u{43e}\u{441}\u{43a}\u{432}\u{430} and \
                \u{6771}\u{4eac} would host talks. \"Ze\u{301}ro \u{1f600},\" Berg told reporters.\n";
    let (workspace, run) = build_with("scripts.txt", text);
    run.expect_code(0);
    assert_documents(&workspace, &["scripts.txt"]);
    assert_spans_slice(&workspace, "scripts.txt", text);
}

#[test]
fn control_characters_are_read_as_text() {
    let text = "Mayor Anna\u{7} Berg said\u{1b}[31m the harbour\u{c} would reopen.\u{7f} \
                \"Stay\u{8} calm,\u{1}\" Berg told reporters.\u{85}\n";
    let (workspace, run) = build_with("control.txt", text);
    run.expect_code(0);
    assert_documents(&workspace, &["control.txt"]);
    assert_spans_slice(&workspace, "control.txt", text);
}

#[test]
fn html_is_read_with_a_warning_naming_it() {
    let page = "<!DOCTYPE html>\n<html><head><title>Harbour</title></head>\n<body><p>Mayor Anna \
                Berg said the harbour would reopen.</p><script>alert(1)</script></body></html>\n";
    let (workspace, run) = build_with("page.txt", page);
    run.expect_code(0).expect_stderr_contains(
        "newsgraph: warning: articles/page.txt looks like HTML, not plain text",
    );
    assert_documents(&workspace, &["page.txt"]);
    // Articles that merely mention a tag get no warning.
    assert!(!run.stderr.contains("harbour.txt looks like HTML"));
}

#[test]
fn a_missing_path_is_named_with_advice() {
    let workspace = Workspace::with_articles();
    let run = workspace.run(&[
        "build",
        "articles",
        "no/such/dir",
        "--out",
        "out/g",
        "--format",
        "ron,json",
    ]);
    run.expect_code(2).expect_stderr_contains(
        "newsgraph: skipped no/such/dir: cannot read: No such file or directory (os error 2); \
         check the path",
    );
    assert_documents(&workspace, &[]);
}

/// Whether this process ignores file permissions (it runs as root, or with
/// CAP_DAC_OVERRIDE): then an unreadable directory is read anyway.
#[cfg(unix)]
fn permissions_are_ignored(probe: &Path) -> bool {
    fs::read_dir(probe).is_ok()
}

#[cfg(unix)]
#[test]
fn a_directory_without_permission_is_named_or_read_as_root() {
    use std::os::unix::fs::PermissionsExt;

    let workspace = Workspace::with_articles();
    workspace.write("locked/secret.txt", HARBOUR.replace("Anna", "Greta"));
    workspace.write("locked-file.txt", HARBOUR);
    let locked = workspace.path("locked");
    let locked_file = workspace.path("locked-file.txt");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    fs::set_permissions(&locked_file, fs::Permissions::from_mode(0o000)).unwrap();
    let run = workspace.run(&[
        "build",
        "articles",
        "locked",
        "locked-file.txt",
        "--out",
        "out/g",
        "--format",
        "ron,json",
    ]);
    let ignored = permissions_are_ignored(&locked);
    // Give the temporary directory back its permissions so it can be removed.
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(&locked_file, fs::Permissions::from_mode(0o644)).unwrap();

    if ignored {
        // As root permissions are not enforced: both are read like any other.
        run.expect_code(0);
        assert_documents(&workspace, &["locked-file.txt", "secret.txt"]);
    } else {
        run.expect_code(2)
            .expect_stderr_contains(
                "newsgraph: skipped locked: cannot list directory: Permission denied",
            )
            .expect_stderr_contains(
                "newsgraph: skipped locked-file.txt: cannot read: Permission denied",
            )
            .expect_stderr_contains("give yourself read permission or leave it out");
        assert_documents(&workspace, &[]);
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_symbolic_link_loop_is_named() {
    let workspace = Workspace::with_articles();
    std::os::unix::fs::symlink("loop-b.txt", workspace.path("articles/loop-a.txt")).unwrap();
    std::os::unix::fs::symlink("loop-a.txt", workspace.path("articles/loop-b.txt")).unwrap();
    std::os::unix::fs::symlink("self", workspace.path("self")).unwrap();
    let run = workspace.run(&[
        "build", "articles", "self", "--out", "out/g", "--format", "ron,json",
    ]);
    run.expect_code(2);
    for name in ["articles/loop-a.txt", "articles/loop-b.txt", "self"] {
        run.expect_stderr_contains(&format!(
            "newsgraph: skipped {name}: cannot read: Too many levels of symbolic links (os error \
             40) (a symbolic link loop?); fix the link or leave it out"
        ));
    }
    assert_documents(&workspace, &[]);
}
