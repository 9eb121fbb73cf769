//! Invented news snippets and utilities shared by the tests: temporary
//! working directories, running the binary, reading outputs back.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use newsgraph::KnowledgeGraph;

/// A harbour reopening: a quote, a reported statement, a place.
pub const HARBOUR: &str = "Mayor Anna Berg said on Monday that the harbour in Port Elmsworth \
would reopen in May. \"We will not wait another winter,\" Berg told reporters.\n";

/// A council meeting: an organization, an accusation.
pub const COUNCIL: &str = "The Elmsworth City Council met on Tuesday. Councillor Tomas Reyes \
accused the port authority of repeated delays, according to a statement from his office.\n";

/// A weather warning, with non-ASCII text so byte offsets and characters differ.
pub const WEATHER: &str = "Forecaster Lena Ortiz said heavy rain was expected across the \
Northern Valley on Friday. \u{201c}Stay off the coast road,\u{201d} Ortiz urged drivers in Saint-\u{c9}tienne.\n";

/// A temporary directory the binary runs in, so messages show short
/// relative paths.
pub struct Workspace {
    directory: tempfile::TempDir,
}

impl Workspace {
    pub fn new() -> Workspace {
        Workspace {
            directory: tempfile::tempdir().expect("create a temporary directory"),
        }
    }

    /// A workspace with `articles/` holding the three corpus articles.
    pub fn with_articles() -> Workspace {
        let workspace = Workspace::new();
        workspace.write("articles/harbour.txt", HARBOUR);
        workspace.write("articles/council.txt", COUNCIL);
        workspace.write("articles/weather.txt", WEATHER);
        workspace
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.directory.path().join(relative)
    }

    /// Writes a file, creating its directories.
    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create test directory");
        }
        fs::write(&path, contents).expect("write test file");
        path
    }

    pub fn read(&self, relative: &str) -> Vec<u8> {
        fs::read(self.path(relative)).unwrap_or_else(|error| panic!("read {relative}: {error}"))
    }

    pub fn exists(&self, relative: &str) -> bool {
        self.path(relative).exists()
    }

    /// Runs `newsgraph` with `arguments` in this directory.
    pub fn run(&self, arguments: &[&str]) -> Run {
        let output = self
            .command(arguments)
            .stdin(Stdio::null())
            .output()
            .expect("run newsgraph");
        Run::from(output)
    }

    pub fn command(&self, arguments: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
        command.args(arguments).current_dir(self.directory.path());
        command
    }

    /// The document ids of a RON graph in this workspace.
    pub fn documents_in_ron(&self, relative: &str) -> Vec<String> {
        documents_in_ron(&self.path(relative))
    }

    /// The document ids of a JSON graph in this workspace.
    pub fn documents_in_json(&self, relative: &str) -> Vec<String> {
        let text = String::from_utf8(self.read(relative)).expect("JSON is UTF-8");
        let json: serde_json::Value = serde_json::from_str(&text).expect("output is JSON");
        json["documents"]
            .as_array()
            .unwrap_or_else(|| panic!("{relative} has no `documents` list"))
            .iter()
            .map(|id| id.as_str().expect("document ids are strings").to_string())
            .collect()
    }
}

pub fn documents_in_ron(path: &Path) -> Vec<String> {
    KnowledgeGraph::load(path)
        .unwrap_or_else(|error| panic!("load {}: {error}", path.display()))
        .to_saved()
        .documents
}

/// What a run of the binary did.
#[derive(Debug)]
pub struct Run {
    /// The exit status; -1 when killed by a signal.
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Run {
    /// Asserts the exit status, showing the output when it differs.
    pub fn expect_code(&self, expected: i32) -> &Run {
        assert_eq!(
            self.code, expected,
            "exit status\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    pub fn expect_stderr_contains(&self, expected: &str) -> &Run {
        assert!(
            self.stderr.contains(expected),
            "stderr does not contain {expected:?}:\n{}",
            self.stderr
        );
        self
    }
}

pub fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|item| item.to_string()).collect()
}
