//! The command line: commands, arguments and their help.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Builds knowledge graphs of people, places, organizations, their
/// statements and relations from English news articles.
#[derive(Debug, Parser)]
#[command(name = "newsgraph", version, about, long_about = None)]
#[command(after_long_help = TOP_LEVEL_EXAMPLES)]
pub struct Arguments {
    #[command(subcommand)]
    pub command: Command,
}

impl Arguments {
    /// Whether the command reads one saved graph and holds it to its end
    /// (`stats`, `render`), freeing nothing it will not ask for again. What
    /// the allocator's settings depend on.
    #[cfg(feature = "fast-allocator")]
    pub fn holds_one_loaded_graph(&self) -> bool {
        matches!(self.command, Command::Stats(_) | Command::Render(_))
    }
}

const TOP_LEVEL_EXAMPLES: &str = "\
Examples:
  newsgraph build examples/news --out graphs/news
  newsgraph stats graphs/news.ron
  newsgraph render graphs/news.ron --out news.svg
  newsgraph merge monday.ron tuesday.ron --out week

Exit status: 0 on success, 2 when some inputs were skipped but a graph was
written, 1 on any error that stopped the command.";

#[derive(Debug, Subcommand)]
pub enum Command {
    Build(BuildArguments),
    Render(RenderArguments),
    Merge(MergeArguments),
    Stats(StatsArguments),
}

/// Builds a graph from text files and writes it in one or more formats.
#[derive(Debug, clap::Args)]
#[command(long_about = BUILD_LONG_ABOUT, after_long_help = BUILD_EXAMPLES)]
pub struct BuildArguments {
    /// Text files, JSON Lines corpora (`.jsonl`), or directories whose
    /// `.txt` and `.jsonl` files to read.
    #[arg(required = true, value_name = "FILES or DIRS")]
    pub inputs: Vec<PathBuf>,

    #[command(flatten)]
    pub output: StemOutputArguments,

    /// A graph saved as RON to add the articles to: the outputs hold its
    /// documents and the new ones, as if all had been built at once. An
    /// article whose id the graph already holds replaces it.
    #[arg(long, value_name = "GRAPH.ron")]
    pub into: Option<PathBuf>,

    /// How many threads extract articles, resolve the graph and write it;
    /// all cores by default. The graph is the same whatever the number.
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,

    /// Print no progress bar, summary line or warnings (skipped inputs are
    /// still reported).
    #[arg(long, short)]
    pub quiet: bool,
}

const BUILD_LONG_ABOUT: &str = "\
Builds a graph from text files and JSON Lines corpora and writes it in one
or more formats.

Each input is a UTF-8 text file (one article), a JSON Lines corpus (a file
ending in `.jsonl`: one JSON object a line, with string fields `id` and
`text` and optional `title`, `date` and `url`), or a directory: newsgraph
reads the `.txt` and `.jsonl` files directly inside it (not in its
subdirectories), in name order. A file named on the command line is read
whatever its name. The text is kept exactly as read, so every span in the
graph is a byte offset into the file's text (or the line's `text` field).

A text file's document id is its file name without directories, so two
inputs with the same file name in different directories are an error:
rename one. The same file reached twice (named and inside a named directory)
is read once. A corpus line whose id was already read is skipped.

A file that cannot be read, is not UTF-8, or looks binary (holds a NUL byte),
and a corpus line that is not an article, is reported by name (and line) on
stderr and skipped; the graph is built from the rest and the exit status is
2. An empty file is read as a document with no facts.

Articles are extracted on all cores, a batch at a time while the next is
read, so memory holds the graph and a few batches of text. A progress bar
(documents, bytes, speed, time left) is drawn on stderr when it is a
terminal.";

const BUILD_EXAMPLES: &str = "\
Examples:
  Build graphs/news.ron, .json, .dot and .svg from the articles in examples/news,
  exactly as committed (the built-in renderer gives the same SVG everywhere):
    newsgraph build examples/news --out graphs/news --renderer builtin

  Only JSON and RON, from two files:
    newsgraph build monday.txt tuesday.txt --out out/week --format json,ron

  From a JSON Lines corpus, on two threads:
    newsgraph build archive.jsonl --out graphs/archive --format ron,json --threads 2

  Add today's articles to an existing graph:
    newsgraph build today/ --into graphs/archive.ron --out graphs/archive --format ron,json

  Draw the SVG with Graphviz, failing if it is not installed:
    newsgraph build articles/ --out graphs/articles --renderer graphviz";

/// Writes a graph saved as RON in the format its output's extension names.
#[derive(Debug, clap::Args)]
#[command(after_long_help = RENDER_EXAMPLES)]
pub struct RenderArguments {
    /// A graph written by `newsgraph build` or `newsgraph merge` (`.ron`).
    #[arg(value_name = "GRAPH.ron")]
    pub graph: PathBuf,

    /// The file to write; its extension picks the format: .svg, .dot, .json or .ron.
    #[arg(long, short, value_name = "FILE")]
    pub out: PathBuf,

    #[command(flatten)]
    pub renderer: RendererArgument,

    /// Print no summary line.
    #[arg(long, short)]
    pub quiet: bool,
}

const RENDER_EXAMPLES: &str = "\
Examples:
  newsgraph render graphs/news.ron --out news.svg
  newsgraph render graphs/news.ron --out news.svg --renderer graphviz
  newsgraph render graphs/news.ron --out news.json";

/// Merges graphs saved as RON into one graph.
#[derive(Debug, clap::Args)]
#[command(long_about = MERGE_LONG_ABOUT, after_long_help = MERGE_EXAMPLES)]
pub struct MergeArguments {
    /// Graphs written by `newsgraph build` or `newsgraph merge` (`.ron`).
    #[arg(required = true, value_name = "GRAPHS.ron")]
    pub graphs: Vec<PathBuf>,

    #[command(flatten)]
    pub output: StemOutputArguments,

    /// Print no summary line.
    #[arg(long, short)]
    pub quiet: bool,
}

const MERGE_LONG_ABOUT: &str = "\
Merges graphs saved as RON into one graph.

Merging graphs built separately gives exactly the graph built from all
their documents at once, in any order and grouping, so a large corpus can be
built in shards anywhere and merged: a saved graph keeps what was extracted
from each document, and merging resolves the entities of all of them again.
(Graphs saved in format 1, without extractions, merge as a whole, which is
close to but not always exactly the same.) A document in several graphs
counts once. A graph that cannot be read stops the merge, and nothing is
written.";

const MERGE_EXAMPLES: &str = "\
Examples:
  newsgraph merge graphs/monday.ron graphs/tuesday.ron --out graphs/week
  newsgraph merge parts/*.ron --out graphs/all --format ron,json";

/// Prints counts of a graph's entities, statements, relations and merges.
#[derive(Debug, clap::Args)]
#[command(after_long_help = STATS_EXAMPLES)]
pub struct StatsArguments {
    /// A graph written by `newsgraph build` or `newsgraph merge` (`.ron`).
    #[arg(value_name = "GRAPH.ron")]
    pub graph: PathBuf,
}

const STATS_EXAMPLES: &str = "\
Prints, as aligned plain text: documents; entities by kind; statements,
direct and reported; relations by predicate; merges by rule; the ten
speakers with the most statements; the ten most mentioned entities.

Examples:
  newsgraph stats graphs/news.ron
  newsgraph stats graphs/news.ron | head -20";

/// Where and how `build` and `merge` write their graph.
#[derive(Debug, clap::Args)]
pub struct StemOutputArguments {
    /// Path of the outputs without extension: `--out graphs/news` writes
    /// graphs/news.ron, graphs/news.json, ... Missing directories are created.
    #[arg(long, short, value_name = "STEM")]
    pub out: PathBuf,

    /// The formats to write, separated by commas.
    #[arg(
        long,
        short,
        value_enum,
        value_delimiter = ',',
        default_value = "ron,json,dot,svg"
    )]
    pub format: Vec<FormatName>,

    #[command(flatten)]
    pub renderer: RendererArgument,
}

#[derive(Debug, clap::Args)]
pub struct RendererArgument {
    /// What draws the SVG. The default, builtin, gives the same bytes on every
    /// machine; auto uses Graphviz's `dot` when it is on the PATH.
    #[arg(long, value_enum, default_value_t = RendererName::Auto)]
    pub renderer: RendererName,
}

/// The output formats as command-line values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatName {
    Ron,
    Json,
    Dot,
    Svg,
}

impl From<FormatName> for newsgraph::OutputFormat {
    fn from(name: FormatName) -> Self {
        match name {
            FormatName::Ron => newsgraph::OutputFormat::Ron,
            FormatName::Json => newsgraph::OutputFormat::Json,
            FormatName::Dot => newsgraph::OutputFormat::Dot,
            FormatName::Svg => newsgraph::OutputFormat::Svg,
        }
    }
}

/// The SVG renderers as command-line values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RendererName {
    /// Graphviz's `dot` when it is on the PATH, the built-in layout otherwise.
    Auto,
    /// The built-in layout: no dependencies, identical output everywhere.
    Builtin,
    /// Graphviz's `dot`; an error when it is not installed.
    Graphviz,
}

impl From<RendererName> for newsgraph::Renderer {
    fn from(name: RendererName) -> Self {
        match name {
            RendererName::Auto => newsgraph::Renderer::Auto,
            RendererName::Builtin => newsgraph::Renderer::Builtin,
            RendererName::Graphviz => newsgraph::Renderer::Graphviz,
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn command_line_is_consistent() {
        super::Arguments::command().debug_assert();
    }

    #[cfg(feature = "fast-allocator")]
    #[test]
    fn only_stats_and_render_hold_one_loaded_graph() {
        use clap::Parser;
        let holds = |line: &[&str]| {
            super::Arguments::try_parse_from(line)
                .unwrap()
                .holds_one_loaded_graph()
        };
        assert!(holds(&["newsgraph", "stats", "g.ron"]));
        assert!(holds(&["newsgraph", "render", "g.ron", "--out", "g.svg"]));
        assert!(!holds(&["newsgraph", "build", "news", "--out", "g"]));
        assert!(!holds(&[
            "newsgraph",
            "build",
            "news",
            "--into",
            "g.ron",
            "--out",
            "g"
        ]));
        assert!(!holds(&[
            "newsgraph",
            "merge",
            "a.ron",
            "b.ron",
            "--out",
            "g"
        ]));
    }
}
