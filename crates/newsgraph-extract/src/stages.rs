//! The extraction pipeline one stage at a time, in the order [`crate::extract`]
//! runs them: text analysis (tokens, sentences, paragraphs, quotations),
//! entities, then statements and relations, which both read the entities.
//!
//! For benchmarks that time each stage, and for tools that want to stop
//! early. The intermediate results are opaque; [`crate::extract`] is the
//! way to get an [`crate::Extraction`].
//!
//! ```
//! use newsgraph_extract::stages;
//! let analysed = stages::analyse("Mayor Anna Berg said the bridge would open.");
//! assert_eq!(analysed.sentence_count(), 1);
//! let entities = stages::entities(&analysed);
//! assert_eq!(entities.entity_count(), 1);
//! assert_eq!(stages::statements(&analysed, &entities).len(), 1);
//! ```

use crate::{Relation, Statement};

/// A text cut into tokens, sentences, paragraphs and quotations.
pub struct AnalysedText<'text>(crate::text::Analysed<'text>);

impl AnalysedText<'_> {
    pub fn token_count(&self) -> usize {
        self.0.tokens.len()
    }
    pub fn sentence_count(&self) -> usize {
        self.0.sentences.len()
    }
}

/// The entities of one text, with every mention.
pub struct FoundEntities(crate::entities::DocumentEntities);

impl FoundEntities {
    pub fn entity_count(&self) -> usize {
        self.0.entities.len()
    }
}

/// Stage 1: tokens, sentences, paragraphs, quotations and page furniture.
pub fn analyse(text: &str) -> AnalysedText<'_> {
    AnalysedText(crate::text::Analysed::new(text))
}

/// Stage 2: the people, places and organizations named.
pub fn entities(analysed: &AnalysedText<'_>) -> FoundEntities {
    FoundEntities(crate::entities::find_entities(&analysed.0))
}

/// Stage 3: direct quotes and reported speech, with their speakers.
pub fn statements(analysed: &AnalysedText<'_>, entities: &FoundEntities) -> Vec<Statement> {
    crate::statements::find_statements(&analysed.0, &entities.0)
}

/// Stage 3': relations between the entities.
pub fn relations(analysed: &AnalysedText<'_>, entities: &FoundEntities) -> Vec<Relation> {
    crate::relations::find_relations(&analysed.0, &entities.0)
}
