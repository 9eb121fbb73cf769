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

pub use names::{
    fold_name, full_name_skeleton, name_skeleton, push_name_skeleton, slug, strip_possessive,
};

mod entities;
mod gazetteer;
mod lexicon;
mod model;
mod names;
mod relations;
pub mod shared_text;
pub mod stages;
mod statements;
mod text;

/// Extracts entities, statements and relations from one document.
pub fn extract(document: &Document) -> Extraction {
    let analysed = text::Analysed::new(&document.text);
    let entities = entities::find_entities(&analysed);
    let statements = statements::find_statements(&analysed, &entities);
    let relations = relations::find_relations(&analysed, &entities);
    let diagnostics = analysed
        .unclosed_quotations
        .iter()
        .map(|&span| Diagnostic {
            span,
            message: "quotation mark without a closing mark; closed at the end of its paragraph"
                .to_string(),
        })
        .collect();
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
