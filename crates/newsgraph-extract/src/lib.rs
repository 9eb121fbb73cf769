//! Extraction of entities, statements and relations from one English news
//! document.
//!
//! [`extract`] takes a [`Document`] and returns an [`Extraction`]: the
//! people, places and organizations the document names ([`DocEntity`], each
//! with every [`Mention`]), what they said ([`Statement`]) and how they relate
//! ([`Relation`]). It is pure and deterministic: no I/O, no global mutable
//! state, and the same text always gives the same result.
//!
//! ```
//! use newsgraph_extract::{extract, Document};
//! let doc = Document::new("a.txt", "Foreign Minister Anna Berg said the talks would resume.");
//! let found = extract(&doc);
//! assert!(found.entities.iter().any(|e| e.name == "Anna Berg"));
//! ```

pub use model::{
    Diagnostic, DocEntity, Document, EntityKind, Extraction, Mention, Predicate, Relation, Span,
    Statement, StatementKind,
};
pub use words::Words;

pub use names::{
    fold_name, full_name_skeleton, name_skeleton, push_name_skeleton, slug, strip_possessive,
};

mod compounds;
mod entities;
mod gazetteer;
mod letters;
mod lexicon;
mod model;
mod names;
mod relations;
pub mod shared_text;
pub mod stages;
mod statements;
mod text;
mod words;

/// The most of a document's text extraction reads, in bytes: spans are
/// kept as 32-bit offsets once in a graph. A longer document is read up to
/// the last character that ends within this, with a diagnostic saying so.
pub const MAX_DOCUMENT_BYTES: usize = u32::MAX as usize;

/// Extracts entities, statements and relations from one document.
pub fn extract(document: &Document) -> Extraction {
    let text = readable_part(&document.text, MAX_DOCUMENT_BYTES);
    let analysed = text::Analysed::new(text);
    let entities = entities::find_entities(&analysed);
    let statements = statements::find_statements(&analysed, &entities);
    let relations = relations::find_relations(&analysed, &entities);
    let mut diagnostics: Vec<Diagnostic> = analysed
        .unclosed_quotations
        .iter()
        .map(|&span| Diagnostic {
            span,
            message: "quotation mark without a closing mark; closed at the end of its paragraph"
                .to_string(),
        })
        .collect();
    if text.len() < document.text.len() {
        diagnostics.push(Diagnostic {
            span: Span::new(text.len(), document.text.len()),
            message: "document longer than 4 GiB; only its first 4 GiB were read".to_string(),
        });
    }
    let mut extraction = Extraction {
        document: document.id.clone(),
        entities: entities.entities,
        statements,
        relations,
        diagnostics,
    };
    extraction.shrink_to_fit();
    extraction
}

/// The longest start of `text` of at most `limit` bytes that ends at a
/// character boundary.
fn readable_part(text: &str, limit: usize) -> &str {
    if text.len() <= limit {
        return text;
    }
    let end = (0..=limit)
        .rev()
        .find(|&end| text.is_char_boundary(end))
        .unwrap_or(0);
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_past_the_limit_is_read_up_to_a_character_boundary() {
        assert_eq!(readable_part("Oslo", 10), "Oslo");
        assert_eq!(readable_part("Oslo", 4), "Oslo");
        assert_eq!(readable_part("Oslo", 2), "Os");
        // "é" is two bytes: a limit inside it stops before it.
        assert_eq!(readable_part("Café au lait", 4), "Caf");
        assert_eq!(readable_part("Café au lait", 5), "Café");
        assert_eq!(readable_part("é", 1), "");
    }
}
