//! Drawing with Graphviz's `dot` program.
//!
//! `graphviz_rust::exec` runs a program named `dot` and, when it is not
//! installed, fails with a bare "No such file or directory". This module
//! looks the program up on the PATH first, to say plainly that Graphviz is
//! missing, and runs it itself with the DOT text on standard input; taking
//! the program's name as a parameter lets the tests ask for a program that
//! does not exist without touching the PATH.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use newsgraph_graph::SavedGraph;

use crate::ExportError;

/// The name of Graphviz's layout program.
pub(crate) const DOT_PROGRAM: &str = "dot";

/// Where `program` is: itself when it is a path to a file, else the first
/// directory of the PATH that holds it.
pub(crate) fn find_program(program: &str) -> Option<PathBuf> {
    let as_path = Path::new(program);
    if as_path.components().count() > 1 {
        return as_path.is_file().then(|| as_path.to_path_buf());
    }
    let search_path = std::env::var_os("PATH")?;
    let executable_names: Vec<String> = if cfg!(windows) {
        vec![format!("{program}.exe"), program.to_string()]
    } else {
        vec![program.to_string()]
    };
    std::env::split_paths(&search_path).find_map(|directory| {
        executable_names
            .iter()
            .map(|name| directory.join(name))
            .find(|candidate| candidate.is_file())
    })
}

/// The graph drawn as SVG by `program` (Graphviz's `dot` or a compatible
/// program).
pub(crate) fn render_svg(graph: &SavedGraph, program: &str) -> Result<String, ExportError> {
    let program_path = find_program(program).ok_or(ExportError::GraphvizMissing)?;
    let dot_text = crate::dot::to_dot(graph);

    let mut child = Command::new(&program_path)
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| {
            ExportError::GraphvizFailed(format!(
                "could not run {}: {error}",
                program_path.display()
            ))
        })?;
    // Writing on this thread while `dot` fills its output pipe could
    // deadlock on a large graph; a second thread feeds standard input.
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| ExportError::GraphvizFailed("no standard input".to_string()))?;
    let writer = std::thread::spawn(move || stdin.write_all(dot_text.as_bytes()));
    let output = child
        .wait_with_output()
        .map_err(|error| ExportError::GraphvizFailed(error.to_string()))?;
    let write_result = writer
        .join()
        .map_err(|_| ExportError::GraphvizFailed("writing the DOT text panicked".to_string()))?;

    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr).trim().to_string();
        let message = if stderr.is_empty() {
            format!("exited with {}", output.status)
        } else {
            stderr
        };
        return Err(ExportError::GraphvizFailed(message));
    }
    write_result.map_err(|error| ExportError::GraphvizFailed(error.to_string()))?;
    String::from_utf8(output.stdout)
        .map_err(|_| ExportError::GraphvizFailed("the SVG is not UTF-8".to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_graphs::small_graph;

    #[test]
    fn a_missing_program_gives_graphviz_missing() {
        let result = render_svg(&small_graph(), "newsgraph-no-such-dot-program");
        assert!(
            matches!(result, Err(ExportError::GraphvizMissing)),
            "{result:?}"
        );
        let result = render_svg(&small_graph(), "/nonexistent/directory/dot");
        assert!(
            matches!(result, Err(ExportError::GraphvizMissing)),
            "{result:?}"
        );
    }

    #[test]
    fn graphviz_missing_says_what_to_do() {
        let message = ExportError::GraphvizMissing.to_string();
        assert!(message.contains("not found"));
        assert!(message.contains("built-in"));
    }

    #[cfg(unix)]
    #[test]
    fn a_failing_program_gives_its_error_text() {
        // `false` exists on every Unix and fails without output.
        let result = render_svg(&small_graph(), "false");
        assert!(
            matches!(result, Err(ExportError::GraphvizFailed(_))),
            "{result:?}"
        );
    }

    #[test]
    fn graphviz_draws_when_installed() {
        // Graphviz is optional: where it is absent, there is nothing to check.
        if find_program(DOT_PROGRAM).is_none() {
            return;
        }
        let svg = render_svg(&crate::test_graphs::hostile_graph(), DOT_PROGRAM).expect("dot draws");
        // Graphviz writes a DOCTYPE, which roxmltree refuses unless asked.
        let options = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..roxmltree::ParsingOptions::default()
        };
        roxmltree::Document::parse_with_options(&svg, options).expect("Graphviz SVG is XML");
        assert!(!svg.contains("<script"));
    }
}
