//! Outputs are replaced atomically: a build killed at any moment leaves each
//! output absent, as it was, or complete and new, never half written; a run
//! that finishes leaves no temporary file behind.

use std::fs;
use std::path::Path;
use std::process::Stdio;
use std::thread;
use std::time::Instant;

use crate::corpus::{Workspace, HARBOUR};

const EXTENSIONS: [&str; 4] = ["ron", "json", "dot", "svg"];

/// The names in a directory, sorted.
fn names_in(directory: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(directory)
        .unwrap_or_else(|error| panic!("list {}: {error}", directory.display()))
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// A workspace whose `big/` holds enough articles (the example articles,
/// copied twelve times under different names) that a debug build takes a
/// while, and the outputs of building them into `reference.*`.
fn workspace_with_big_corpus() -> Workspace {
    let workspace = Workspace::new();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/news");
    for entry in fs::read_dir(&examples).expect("examples/news") {
        let path = entry.unwrap().path();
        let text = fs::read(&path).unwrap();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        for copy in 0..12 {
            workspace.write(&format!("big/{name}-{copy}.txt"), &text);
        }
    }
    workspace
        .run(&[
            "build",
            "big",
            "--out",
            "reference/g",
            "--renderer",
            "builtin",
        ])
        .expect_code(0);
    workspace
}

#[test]
fn a_killed_build_leaves_each_output_old_absent_or_complete() {
    let workspace = workspace_with_big_corpus();
    let reference: Vec<Vec<u8>> = EXTENSIONS
        .iter()
        .map(|extension| workspace.read(&format!("reference/g.{extension}")))
        .collect();

    // `old/` holds the outputs of another build, `fresh/` nothing yet.
    workspace.write("small/harbour.txt", HARBOUR);
    workspace
        .run(&["build", "small", "--out", "old/g", "--renderer", "builtin"])
        .expect_code(0);
    let old: Vec<Vec<u8>> = EXTENSIONS
        .iter()
        .map(|extension| workspace.read(&format!("old/g.{extension}")))
        .collect();

    // How long a whole build takes here, to spread the kills over it. This
    // is not asserted on; it only chooses when to kill.
    let started = Instant::now();
    workspace
        .run(&["build", "big", "--out", "timing/g", "--renderer", "builtin"])
        .expect_code(0);
    let whole = started.elapsed();

    let mut killed = 0;
    for eighth in 1..=8u32 {
        for stem in ["old", "fresh"] {
            let mut child = workspace
                .command(&[
                    "build",
                    "big",
                    "--out",
                    &format!("{stem}/g"),
                    "--renderer",
                    "builtin",
                ])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("spawn newsgraph");
            thread::sleep(whole * eighth / 8);
            if child.try_wait().expect("poll newsgraph").is_none() {
                killed += 1;
            }
            child.kill().ok(); // SIGKILL; fails only if it already exited.
            child.wait().expect("wait for newsgraph");

            for (index, extension) in EXTENSIONS.iter().enumerate() {
                let relative = format!("{stem}/g.{extension}");
                if !workspace.exists(&relative) {
                    assert_eq!(stem, "fresh", "{relative} vanished");
                    continue;
                }
                let bytes = workspace.read(&relative);
                let complete = bytes == reference[index];
                let untouched = stem == "old" && bytes == old[index];
                assert!(
                    complete || untouched,
                    "{relative} is neither the old output nor a complete new one \
                     (killed after {eighth}/8 of a build, {} bytes)",
                    bytes.len()
                );
            }
            // Only the outputs, and the temporary files of an interrupted
            // write, under a name that says what they are.
            if !workspace.exists(stem) {
                continue; // Killed before it made the directory.
            }
            for name in names_in(&workspace.path(stem)) {
                let is_output = EXTENSIONS
                    .iter()
                    .any(|extension| name == format!("g.{extension}"));
                let is_temporary = name.starts_with(".newsgraph-") && name.ends_with(".tmp");
                assert!(is_output || is_temporary, "unexpected {stem}/{name}");
            }
        }
    }
    // The kills must have hit running builds, or nothing was tested.
    assert!(killed > 0, "every build finished before it was killed");

    // The complete outputs parse, and the RON has every document.
    let json: serde_json::Value =
        serde_json::from_slice(&reference[1]).expect("the JSON output parses");
    assert_eq!(json["documents"].as_array().map(Vec::len), Some(60));
    assert_eq!(workspace.documents_in_ron("reference/g.ron").len(), 60);
}

#[test]
fn finished_commands_leave_no_temporary_files() {
    let workspace = Workspace::with_articles();
    workspace
        .run(&[
            "build",
            "articles",
            "--out",
            "out/g",
            "--renderer",
            "builtin",
        ])
        .expect_code(0);
    // Written twice, so that replacing an existing file is covered too.
    workspace
        .run(&[
            "build",
            "articles",
            "--out",
            "out/g",
            "--renderer",
            "builtin",
        ])
        .expect_code(0);
    workspace
        .run(&[
            "render",
            "out/g.ron",
            "--out",
            "out/r.svg",
            "--renderer",
            "builtin",
        ])
        .expect_code(0);
    workspace
        .run(&[
            "merge",
            "out/g.ron",
            "--out",
            "out/m",
            "--format",
            "ron,json",
        ])
        .expect_code(0);
    assert_eq!(
        names_in(&workspace.path("out")),
        ["g.dot", "g.json", "g.ron", "g.svg", "m.json", "m.ron", "r.svg"]
    );
}

#[cfg(unix)]
#[test]
fn a_replaced_output_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;

    let workspace = Workspace::with_articles();
    workspace
        .run(&["build", "articles", "--out", "g", "--format", "json"])
        .expect_code(0);
    let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&workspace.path("g.json")), 0o644);
    fs::set_permissions(workspace.path("g.json"), fs::Permissions::from_mode(0o600)).unwrap();
    workspace
        .run(&["build", "articles", "--out", "g", "--format", "json"])
        .expect_code(0);
    assert_eq!(mode(&workspace.path("g.json")), 0o600);
}
