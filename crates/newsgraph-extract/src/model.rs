//! The nouns of extraction: what one document yields.
//!
//! Every span is a byte range into the document's original text; nothing here
//! holds rewritten text except names normalised for linking.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::Words;

/// A news article to read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// The document's name (the file name, without directories).
    pub id: String,
    /// The full text exactly as read.
    pub text: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
}

impl Document {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
            title: None,
            date: None,
            url: None,
        }
    }
}

/// A byte range `[start, end)` into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Place,
    Organization,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Place => "place",
            EntityKind::Organization => "organization",
        }
    }
}

/// One place a document names an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    /// The text of the span, as written (titles left out): the same shared
    /// string as the alias of its entity that it is.
    #[serde(deserialize_with = "crate::shared_text::deserialize")]
    pub surface: Arc<str>,
    /// Index of the sentence holding the mention.
    pub sentence: usize,
}

/// An entity as one document knows it: all its mentions in that document,
/// linked by surname, title, pronoun-free coreference and gazetteer keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocEntity {
    pub kind: EntityKind,
    /// The fullest name the document gives ("Volodymyr Zelenskiy").
    pub name: String,
    /// A canonical key from a gazetteer when one matched ("Kyiv" for "Kiev"),
    /// used to link the entity across documents.
    pub key: Option<String>,
    /// Every distinct surface form used in this document.
    #[serde(deserialize_with = "crate::shared_text::deserialize_list")]
    pub aliases: Vec<Arc<str>>,
    pub mentions: Vec<Mention>,
}

/// Direct speech (the speaker's own words in quotation marks) or reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatementKind {
    Direct,
    Reported,
}

impl StatementKind {
    /// Its name as saved: the variant in lowercase.
    pub fn as_str(self) -> &'static str {
        match self {
            StatementKind::Direct => "direct",
            StatementKind::Reported => "reported",
        }
    }
}

/// Something a speaker said, with the span of its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// Index into [`Extraction::entities`].
    pub speaker: usize,
    pub kind: StatementKind,
    /// The cue that introduced it: "said", "told", "according to", "wrote on X".
    #[serde(deserialize_with = "crate::shared_text::deserialize")]
    pub cue: Arc<str>,
    /// The quoted words or the reported clause: a slice of a buffer the
    /// document's statements share.
    pub text: Words,
    pub span: Span,
    pub sentence: usize,
    /// Entities named inside the statement (indices into entities).
    pub about: Vec<usize>,
}

/// The closed vocabulary of relations between entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Predicate {
    Role,
    LocatedIn,
    MemberOf,
    Met,
    SpokeWith,
    Hosted,
    Visited,
    Accused,
    Denied,
    Attacked,
    Supports,
    Opposes,
}

impl Predicate {
    pub const ALL: [Predicate; 12] = [
        Predicate::Role,
        Predicate::LocatedIn,
        Predicate::MemberOf,
        Predicate::Met,
        Predicate::SpokeWith,
        Predicate::Hosted,
        Predicate::Visited,
        Predicate::Accused,
        Predicate::Denied,
        Predicate::Attacked,
        Predicate::Supports,
        Predicate::Opposes,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Predicate::Role => "role",
            Predicate::LocatedIn => "located_in",
            Predicate::MemberOf => "member_of",
            Predicate::Met => "met",
            Predicate::SpokeWith => "spoke_with",
            Predicate::Hosted => "hosted",
            Predicate::Visited => "visited",
            Predicate::Accused => "accused",
            Predicate::Denied => "denied",
            Predicate::Attacked => "attacked",
            Predicate::Supports => "supports",
            Predicate::Opposes => "opposes",
        }
    }

    /// Whether `a p b` says the same as `b p a`.
    pub fn is_symmetric(self) -> bool {
        matches!(self, Predicate::Met | Predicate::SpokeWith)
    }
}

/// A relation between two entities of one document, with the sentence
/// span that states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    /// Index into [`Extraction::entities`].
    pub source: usize,
    pub predicate: Predicate,
    /// Index into [`Extraction::entities`].
    pub target: usize,
    /// The title of a `role` ("Foreign Minister").
    pub label: Option<String>,
    pub span: Span,
}

/// Something extraction noticed but did not turn into facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub span: Span,
    pub message: String,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Extraction {
    /// The document's id.
    pub document: String,
    pub entities: Vec<DocEntity>,
    pub statements: Vec<Statement>,
    pub relations: Vec<Relation>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Extraction {
    /// Gives back the spare capacity of every list, so that a graph holding
    /// many extractions holds no more memory than their contents need.
    pub fn shrink_to_fit(&mut self) {
        for entity in &mut self.entities {
            entity.aliases.shrink_to_fit();
            entity.mentions.shrink_to_fit();
        }
        self.entities.shrink_to_fit();
        for statement in &mut self.statements {
            statement.about.shrink_to_fit();
        }
        self.statements.shrink_to_fit();
        self.relations.shrink_to_fit();
        self.diagnostics.shrink_to_fit();
    }

    /// Makes equal strings one shared string, as [`crate::extract`] makes
    /// them: each mention's surface the entity's alias it equals, and each
    /// statement's cue the first statement's with the same cue. For an
    /// extraction read back from a file, whose strings are all separate.
    pub fn share_strings(&mut self) {
        for entity in &mut self.entities {
            let aliases = &entity.aliases;
            for mention in &mut entity.mentions {
                if let Some(alias) = aliases.iter().find(|alias| **alias == mention.surface) {
                    mention.surface = Arc::clone(alias);
                }
            }
        }
        let mut cues: Vec<Arc<str>> = Vec::new();
        for statement in &mut self.statements {
            let cue = shared_in(&mut cues, &statement.cue);
            statement.cue = cue;
        }
    }
}

/// The string of `pool` equal to `text`, or `text` added to `pool` when
/// none is: for the few strings a document repeats many times.
pub(crate) fn shared_in(pool: &mut Vec<Arc<str>>, text: &str) -> Arc<str> {
    match pool.iter().find(|shared| ***shared == *text) {
        Some(shared) => Arc::clone(shared),
        None => {
            let shared: Arc<str> = Arc::from(text);
            pool.push(Arc::clone(&shared));
            shared
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `extraction` with every shared string copied apart, as reading it
    /// from a file gives it.
    fn unshared(extraction: &Extraction) -> Extraction {
        let copy = |text: &Arc<str>| Arc::<str>::from(&**text);
        let mut read = extraction.clone();
        for entity in &mut read.entities {
            entity.aliases = entity.aliases.iter().map(copy).collect();
            for mention in &mut entity.mentions {
                mention.surface = copy(&mention.surface);
            }
        }
        for statement in &mut read.statements {
            statement.cue = copy(&statement.cue);
        }
        read
    }

    #[test]
    fn shared_strings_are_shared_again_and_unchanged() {
        let text = "Mayor Anna Berg said the port would reopen. Berg said so twice. \
                    \"It is safe,\" Berg said. Councillor Tomas Reyes said it was not.";
        let extracted = crate::extract(&Document::new("a.txt", text));
        let mut read = unshared(&extracted);
        read.share_strings();
        assert_eq!(read, extracted);
        // Made shared by `extract`, and again after reading.
        for extraction in [&extracted, &read] {
            let mut surfaces = 0;
            for entity in &extraction.entities {
                for mention in &entity.mentions {
                    assert!(entity
                        .aliases
                        .iter()
                        .any(|alias| Arc::ptr_eq(alias, &mention.surface)));
                    surfaces += 1;
                }
            }
            assert!(surfaces >= 4, "{extraction:?}");
            let said: Vec<&Arc<str>> = extraction
                .statements
                .iter()
                .map(|statement| &statement.cue)
                .filter(|cue| &***cue == "said")
                .collect();
            assert!(said.len() >= 3, "{extraction:?}");
            assert!(said.windows(2).all(|pair| Arc::ptr_eq(pair[0], pair[1])));
        }
    }
}
