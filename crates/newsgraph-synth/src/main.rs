//! `newsgraph-synth`: writes a synthetic news corpus for benchmarks, as a
//! JSON Lines file or a directory of `.txt` files.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::Parser;
use newsgraph_synth::{Corpus, CorpusSettings};

/// Writes synthetic English news articles: many people, places and
/// organizations, quotes, reported speech, meetings and roles.
///
/// Examples:
///   newsgraph-synth --articles 10000 --out corpus.jsonl
///   newsgraph-synth --articles 500 --out corpus/ --txt
#[derive(Debug, Parser)]
#[command(version, verbatim_doc_comment)]
struct Arguments {
    /// How many articles to write.
    #[arg(long, default_value_t = 1_000)]
    articles: u64,
    /// The JSON Lines file to write, or the directory with --txt.
    #[arg(long)]
    out: PathBuf,
    /// Write one `.txt` file per article into the directory --out.
    #[arg(long)]
    txt: bool,
    /// Seeds the corpus: the same seed writes the same articles.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// How many distinct people the articles draw on.
    #[arg(long, default_value_t = 50_000)]
    people: usize,
    /// About how long each article is, in bytes.
    #[arg(long, default_value_t = 4_000)]
    article_bytes: usize,
}

fn main() -> anyhow::Result<()> {
    let arguments = Arguments::parse();
    let corpus = Corpus::new(CorpusSettings {
        seed: arguments.seed,
        people: arguments.people,
        organizations: (arguments.people / 10).max(10),
        target_bytes: arguments.article_bytes,
    });
    if arguments.txt {
        fs::create_dir_all(&arguments.out)
            .with_context(|| format!("cannot create {}", arguments.out.display()))?;
        for index in 0..arguments.articles {
            let article = corpus.article(index);
            let path = arguments.out.join(format!("{}.txt", article.id));
            fs::write(&path, &article.text)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
    } else {
        let file = File::create(&arguments.out)
            .with_context(|| format!("cannot create {}", arguments.out.display()))?;
        let mut writer = BufWriter::new(file);
        for index in 0..arguments.articles {
            writeln!(writer, "{}", corpus.article(index).to_json_line())
                .with_context(|| format!("cannot write {}", arguments.out.display()))?;
        }
        writer
            .flush()
            .with_context(|| format!("cannot write {}", arguments.out.display()))?;
    }
    Ok(())
}
