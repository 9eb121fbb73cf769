//! Reading saved graphs: RON text to a checked [`SavedGraph`].
//!
//! Corrupt, hostile or newer files give a [`GraphError`] that names the file
//! (and the line and column of a syntax error); nothing here panics or
//! recurses without bound, whatever the text.

use std::path::Path;

use rayon::prelude::*;
use rustc_hash::FxHashSet;
use serde::Deserialize;

use crate::{Evidence, GraphError, SavedGraph, FORMAT_VERSION};

/// How deeply brackets may nest before the text is refused unparsed. A
/// saved graph nests four deep; `ron` has its own limit, and this cheap
/// scan is a second guard, so that no input can exhaust the stack.
const MAXIMUM_NESTING: usize = 64;

/// Just the version of a saved graph, read before (or instead of) the full
/// parse, so that a newer file with fields this build does not know still
/// gets a clear "upgrade newsgraph" rather than a syntax error.
#[derive(Deserialize)]
struct VersionProbe {
    format_version: u32,
}

/// Parses and checks a saved graph; `path` names it in errors.
pub(crate) fn parse_saved_graph(text: &str, path: &Path) -> Result<SavedGraph, GraphError> {
    // Files as newsgraph writes them take the fast reader, whose depth is
    // bounded by the graph's types, not by the text; anything it does not
    // know is read by `ron`, which also gives the error messages.
    let fast = match crate::ron_stream::saved_graph(text.as_bytes()) {
        Ok(streamed) => Ok(streamed.into_saved()),
        Err(_) => crate::ron_read::from_str(text),
    };
    let parsed = match fast {
        Ok(saved) => Ok(saved),
        Err(_) => {
            check_nesting(text, path)?;
            ron::from_str(text)
        }
    };
    let saved: SavedGraph = match parsed {
        Ok(saved) => saved,
        Err(parse_error) => {
            if let Ok(probe) = ron::from_str::<VersionProbe>(text) {
                check_version(probe.format_version, path)?;
            }
            // The scan above can be fooled by raw strings and character
            // literals; `ron`'s own limit then stops the parse, with a
            // message meant for programmers, not for users.
            let message = match parse_error.code {
                ron::Error::ExceededRecursionLimit => {
                    "brackets nest deeper than any saved graph does".to_string()
                }
                code => code.to_string(),
            };
            return Err(GraphError::Parse {
                path: path.to_path_buf(),
                line: parse_error.position.line,
                column: parse_error.position.col,
                message,
            });
        }
    };
    check_version(saved.format_version, path)?;
    validate(&saved).map_err(|problem| {
        let (line, column) = locate(text, &problem);
        GraphError::Invalid {
            path: path.to_path_buf(),
            line,
            column,
            message: problem.message,
        }
    })?;
    Ok(saved)
}

/// Whether a parsed graph passes the checks [`parse_saved_graph`] makes,
/// for a graph whose extractions were read apart: `extracted` names the
/// documents they are of, in the order read.
pub(crate) fn is_valid_with_extractions(saved: &SavedGraph, extracted: &[&str]) -> bool {
    saved.format_version <= FORMAT_VERSION
        && validate_facts(saved).is_ok()
        && validate_extractions(&saved.documents, extracted).is_ok()
}

fn check_version(found: u32, path: &Path) -> Result<(), GraphError> {
    if found > FORMAT_VERSION {
        return Err(GraphError::NewerVersion {
            path: path.to_path_buf(),
            found,
            supported: FORMAT_VERSION,
        });
    }
    Ok(())
}

/// Refuses text whose brackets nest deeper than any saved graph does,
/// skipping string and character literals so that a name like "(AP)" or
/// "[[" does not count.
fn check_nesting(text: &str, path: &Path) -> Result<(), GraphError> {
    let mut depth = 0usize;
    let mut line = 1;
    let mut column = 1;
    let mut in_string = false;
    let mut escaped = false;
    for character in text.chars() {
        if in_string {
            if escaped {
                escaped = false;
            } else if character == '\\' {
                escaped = true;
            } else if character == '"' {
                in_string = false;
            }
        } else {
            match character {
                '"' => in_string = true,
                '(' | '[' | '{' => {
                    depth += 1;
                    if depth > MAXIMUM_NESTING {
                        return Err(GraphError::Parse {
                            path: path.to_path_buf(),
                            line,
                            column,
                            message: format!("brackets nest more than {MAXIMUM_NESTING} deep"),
                        });
                    }
                }
                ')' | ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        if character == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    Ok(())
}

/// The first problem [`validate`] found: what is wrong, and the id that is
/// wrong with where to find it in the text (its n-th quoted occurrence).
pub(crate) struct Problem {
    pub message: String,
    id: String,
    occurrence: usize,
}

impl Problem {
    fn new(message: String, id: &str, occurrence: usize) -> Self {
        Problem {
            message,
            id: id.to_string(),
            occurrence,
        }
    }
}

/// A [`Problem`] occurrence meaning the id's last quoted occurrence: where
/// an extraction names its document, since extractions come last.
const LAST_OCCURRENCE: usize = usize::MAX;

/// Line and column (1-based) of a problem's id in the RON text: entities
/// come first in a saved graph, so a duplicate id's second quoted
/// occurrence is the duplicate, and a missing id's first is the reference.
fn locate(text: &str, problem: &Problem) -> (usize, usize) {
    let quoted = format!("{:?}", problem.id);
    let mut occurrences = text.match_indices(&quoted);
    let found = if problem.occurrence == LAST_OCCURRENCE {
        occurrences.last()
    } else {
        occurrences.nth(problem.occurrence)
    };
    let offset = found.map(|(offset, _)| offset).unwrap_or(0);
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rfind('\n')
        .map_or(before.chars().count(), |newline| {
            before[newline + 1..].chars().count()
        })
        + 1;
    (line, column)
}

/// Checks that every id a saved graph refers to exists, and that entity ids
/// are unique; the problem names the first one found. The lists are
/// searched on all threads, each for its first problem in list order, so
/// the problem named is the same whatever the thread count.
pub(crate) fn validate(saved: &SavedGraph) -> Result<(), Problem> {
    validate_facts(saved)?;
    validate_evidence_documents(saved)?;
    let extracted: Vec<&str> = saved
        .extractions
        .iter()
        .map(|extraction| extraction.document.as_str())
        .collect();
    validate_extractions(&saved.documents, &extracted)
}

/// Whether a graph read for its extractions alone passes the checks
/// [`parse_saved_graph`] makes: those of its facts were made as they were
/// read (each names entities of the graph, and evidence its documents),
/// and what is left is its version, its entities' ids, `entity_ids`, and
/// its extractions, of the documents `extracted`, in the order read.
pub(crate) fn is_valid_without_facts<'a>(
    format_version: u32,
    documents: &[String],
    entity_ids: impl ExactSizeIterator<Item = &'a str>,
    extracted: &[&str],
) -> bool {
    format_version <= FORMAT_VERSION
        && entity_id_set(entity_ids).is_ok()
        && validate_extractions(documents, extracted).is_ok()
}

/// The entities' ids, as a set, unless one is used twice.
fn entity_id_set<'a>(
    ids: impl ExactSizeIterator<Item = &'a str>,
) -> Result<FxHashSet<&'a str>, Problem> {
    let mut set: FxHashSet<&str> =
        FxHashSet::with_capacity_and_hasher(ids.len(), Default::default());
    for id in ids {
        if !set.insert(id) {
            return Err(Problem::new(
                format!("entity id {id:?} is used twice"),
                id,
                1,
            ));
        }
    }
    Ok(set)
}

/// The checks of [`validate`] but those of the extractions.
fn validate_facts(saved: &SavedGraph) -> Result<(), Problem> {
    let entity_ids = entity_id_set(saved.entities.iter().map(|entity| &*entity.id))?;
    let missing = |id: &str| !entity_ids.contains(id);
    let statement_problem = saved.statements.par_iter().find_map_first(|statement| {
        if missing(&statement.speaker) {
            return Some(Problem::new(
                format!(
                    "statement {:?} has speaker {:?}, which is not an entity",
                    statement.id, statement.speaker
                ),
                &statement.speaker,
                0,
            ));
        }
        let about = statement.about.iter().find(|id| missing(id))?;
        Some(Problem::new(
            format!(
                "statement {:?} is about {:?}, which is not an entity",
                statement.id, about
            ),
            about,
            0,
        ))
    });
    if let Some(problem) = statement_problem {
        return Err(problem);
    }
    let relation_problem = saved.relations.par_iter().find_map_first(|relation| {
        let end = [&relation.source, &relation.target]
            .into_iter()
            .find(|end| missing(end))?;
        Some(Problem::new(
            format!(
                "relation {} {} {} names {:?}, which is not an entity",
                relation.source,
                relation.predicate.as_str(),
                relation.target,
                end
            ),
            end,
            0,
        ))
    });
    if let Some(problem) = relation_problem {
        return Err(problem);
    }
    if let Some(merge) = saved
        .merges
        .par_iter()
        .find_first(|merge| missing(&merge.entity))
    {
        return Err(Problem::new(
            format!(
                "merge record of alias {:?} names {:?}, which is not an entity",
                merge.alias, merge.entity
            ),
            &merge.entity,
            0,
        ));
    }
    Ok(())
}

/// Checks that every piece of evidence (of an entity's mention, a
/// statement, a relation) names one of the graph's documents.
///
/// Not asked of a graph the streaming reader read ([`is_valid_with_extractions`]):
/// it finds each piece's document in the documents list as it reads it,
/// and leaves a file that names another to the whole-file reader, whose
/// checks these are.
fn validate_evidence_documents(saved: &SavedGraph) -> Result<(), Problem> {
    let listed: FxHashSet<&str> = saved.documents.iter().map(String::as_str).collect();
    fn unlisted<'graph>(
        listed: &FxHashSet<&str>,
        evidence: &'graph Evidence,
    ) -> Option<&'graph str> {
        let document = evidence.document.as_str();
        (!listed.contains(document)).then_some(document)
    }
    let unlisted = |evidence| unlisted(&listed, evidence);
    let problem = |what: String, document: &str| {
        Problem::new(
            format!(
                "{what} names document {document:?}, which is not one of the graph's documents"
            ),
            document,
            0,
        )
    };
    if let Some((entity, document)) = saved.entities.par_iter().find_map_first(|entity| {
        let document = entity.mentions.iter().find_map(unlisted)?;
        Some((entity, document))
    }) {
        return Err(problem(
            format!("a mention of entity {:?}", entity.id),
            document,
        ));
    }
    if let Some((statement, document)) = saved
        .statements
        .par_iter()
        .find_map_first(|statement| Some((statement, unlisted(&statement.evidence)?)))
    {
        return Err(problem(format!("statement {:?}", statement.id), document));
    }
    if let Some((relation, document)) = saved.relations.par_iter().find_map_first(|relation| {
        let document = relation.evidence.iter().find_map(unlisted)?;
        Some((relation, document))
    }) {
        return Err(problem(
            format!(
                "the evidence of relation {} {} {}",
                relation.source,
                relation.predicate.as_str(),
                relation.target
            ),
            document,
        ));
    }
    Ok(())
}

/// Checks that a saved graph's extractions, when it has any, are one for
/// each of its documents: they replace the rest of the graph when it is
/// merged, so a missing or repeated one would change the graph.
/// `extracted` names the document of each extraction, in order.
fn validate_extractions(documents: &[String], extracted: &[&str]) -> Result<(), Problem> {
    if extracted.is_empty() {
        return Ok(());
    }
    // A graph as newsgraph writes it lists its documents in order, without
    // repeats, and an extraction of each in the same order: that is checked
    // in place, on all threads, rather than through two sets of a million
    // documents each.
    if extracted.len() == documents.len()
        && extracted.par_windows(2).all(|pair| pair[0] < pair[1])
        && extracted
            .par_iter()
            .zip(documents)
            .all(|(extracted, listed)| *extracted == listed.as_str())
    {
        return Ok(());
    }
    let listed: FxHashSet<&str> = documents.iter().map(String::as_str).collect();
    let mut seen: FxHashSet<&str> =
        FxHashSet::with_capacity_and_hasher(extracted.len(), Default::default());
    for &document in extracted {
        if !seen.insert(document) {
            return Err(Problem::new(
                format!("document {document:?} has two extractions"),
                document,
                LAST_OCCURRENCE,
            ));
        }
        if !listed.contains(document) {
            return Err(Problem::new(
                format!("extraction of {document:?}, which is not one of the graph's documents"),
                document,
                LAST_OCCURRENCE,
            ));
        }
    }
    if let Some(document) = documents
        .iter()
        .find(|document| !seen.contains(document.as_str()))
    {
        return Err(Problem::new(
            format!(
                "document {document:?} has no extraction, but the graph holds extractions of \
                 other documents"
            ),
            document,
            0,
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn documents(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|id| id.to_string()).collect()
    }

    /// The message of the problem `validate_extractions` finds, if any.
    fn problem_of(listed: &[&str], extracted: &[&str]) -> Option<String> {
        validate_extractions(&documents(listed), extracted)
            .err()
            .map(|problem| problem.message)
    }

    #[test]
    fn one_extraction_of_each_document_passes_in_any_order() {
        let listed = ["a.txt", "b.txt", "c.txt"];
        assert_eq!(problem_of(&listed, &["a.txt", "b.txt", "c.txt"]), None);
        assert_eq!(problem_of(&listed, &["c.txt", "a.txt", "b.txt"]), None);
        assert_eq!(problem_of(&listed, &[]), None);
    }

    #[test]
    fn a_repeated_missing_or_unlisted_extraction_is_a_problem() {
        let listed = ["a.txt", "b.txt", "c.txt"];
        let repeated = problem_of(&listed, &["a.txt", "a.txt", "c.txt"]).unwrap();
        assert!(
            repeated.contains("\"a.txt\" has two extractions"),
            "{repeated}"
        );
        let missing = problem_of(&listed, &["a.txt", "c.txt"]).unwrap();
        assert!(missing.contains("\"b.txt\" has no extraction"), "{missing}");
        let unlisted = problem_of(&listed, &["a.txt", "b.txt", "d.txt"]).unwrap();
        assert!(unlisted.contains("extraction of \"d.txt\""), "{unlisted}");
    }

    #[test]
    fn a_document_listed_twice_is_not_passed_by_matching_extractions() {
        // Lists in the same order, but not one extraction each: the
        // document repeated has two.
        let listed = ["a.txt", "a.txt", "b.txt"];
        let repeated = problem_of(&listed, &["a.txt", "a.txt", "b.txt"]).unwrap();
        assert!(repeated.contains("two extractions"), "{repeated}");
    }
}
