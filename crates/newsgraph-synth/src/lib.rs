//! Synthetic English news for benchmarks: articles with many distinct
//! people, places and organizations, direct and reported speech, meetings,
//! visits, accusations and roles, written from templates and the gazetteer
//! data the extractor ships.
//!
//! The same seed always gives the same corpus. Names repeat across articles
//! the way they do in real news: a few people, places and organizations
//! appear often and most appear rarely, so that resolution across articles
//! has real work to do.
//!
//! ```
//! use newsgraph_synth::{Corpus, CorpusSettings};
//! let corpus = Corpus::new(CorpusSettings { seed: 7, ..CorpusSettings::default() });
//! let article = corpus.article(0);
//! assert!(article.text.len() > 1_000);
//! assert_eq!(article, corpus.article(0));
//! ```

use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

mod vocabulary;

use vocabulary::{Vocabulary, CLAUSES, FILLER, OFFENCES, ORGANIZATION_HEADS, QUOTES, ROLES};

/// How a corpus is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CorpusSettings {
    /// Seeds every choice: the same seed gives the same articles.
    pub seed: u64,
    /// How many distinct people the articles draw on.
    pub people: usize,
    /// How many distinct organizations the articles draw on, besides the
    /// gazetteer's international ones.
    pub organizations: usize,
    /// The body length an article grows to, in bytes (it stops at the first
    /// paragraph past it).
    pub target_bytes: usize,
}

impl Default for CorpusSettings {
    fn default() -> Self {
        CorpusSettings {
            seed: 1,
            people: 50_000,
            organizations: 5_000,
            target_bytes: 4_000,
        }
    }
}

/// One generated article, in the shape of a line of a JSON Lines corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// `synth-<seed>-<index>`.
    pub id: String,
    pub title: String,
    /// An ISO date.
    pub date: String,
    pub url: String,
    /// Paragraphs separated by blank lines.
    pub text: String,
}

impl Article {
    /// The article as one JSON Lines record: `id`, `title`, `date`, `url`,
    /// `text`.
    pub fn to_json_line(&self) -> String {
        serde_json::json!({
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "url": self.url,
            "text": self.text,
        })
        .to_string()
    }
}

/// A person of the corpus.
#[derive(Debug, Clone)]
struct Person {
    given: &'static str,
    surname: &'static str,
    /// Index into [`ROLES`].
    role: usize,
    /// The organization or country the role is held in.
    affiliation: Affiliation,
}

#[derive(Debug, Clone)]
enum Affiliation {
    Country(&'static str),
    Organization(usize),
}

/// A corpus: its people and organizations, and any article of it on demand.
pub struct Corpus {
    settings: CorpusSettings,
    vocabulary: Vocabulary,
    people: Vec<Person>,
    organizations: Vec<String>,
}

impl Corpus {
    pub fn new(settings: CorpusSettings) -> Self {
        let vocabulary = Vocabulary::load();
        let mut rng = ChaCha8Rng::seed_from_u64(settings.seed);
        let organizations = (0..settings.organizations.max(1))
            .map(|_| make_organization(&vocabulary, &mut rng))
            .collect::<Vec<_>>();
        let people = (0..settings.people.max(2))
            .map(|_| Person {
                given: pick(&vocabulary.given_names, &mut rng),
                surname: pick(&vocabulary.surnames, &mut rng),
                role: rng.random_range(0..ROLES.len()),
                affiliation: if rng.random_bool(0.5) {
                    Affiliation::Country(pick(&vocabulary.countries, &mut rng))
                } else {
                    Affiliation::Organization(rng.random_range(0..organizations.len()))
                },
            })
            .collect();
        Corpus {
            settings,
            vocabulary,
            people,
            organizations,
        }
    }

    /// Article number `index`: the same index always gives the same article,
    /// whichever articles were generated before it.
    pub fn article(&self, index: u64) -> Article {
        let mut rng = ChaCha8Rng::seed_from_u64(
            self.settings
                .seed
                .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                .wrapping_add(index),
        );
        let cast = self.cast(&mut rng);
        let mut writer = ArticleWriter {
            corpus: self,
            cast,
            rng,
            text: String::with_capacity(self.settings.target_bytes + 1_000),
        };
        let title = writer.headline();
        while writer.text.len() < self.settings.target_bytes {
            writer.paragraph();
        }
        let month = writer.rng.random_range(1..=12);
        let day = writer.rng.random_range(1..=28);
        let id = format!("synth-{}-{index}", self.settings.seed);
        Article {
            url: format!("https://news.example/{id}"),
            date: format!("2026-{month:02}-{day:02}"),
            id,
            title,
            text: writer.text,
        }
    }

    /// The people, organizations and places one article is about: a few
    /// drawn often across the corpus, most rarely.
    fn cast(&self, rng: &mut ChaCha8Rng) -> Cast {
        let people = (0..rng.random_range(3..=6))
            .map(|_| skewed_index(self.people.len(), rng))
            .collect::<Vec<_>>();
        let organizations = (0..rng.random_range(2..=4))
            .map(|_| skewed_index(self.organizations.len(), rng))
            .collect();
        let cities = (0..3)
            .map(|_| self.vocabulary.cities[skewed_index(self.vocabulary.cities.len(), rng)])
            .collect();
        Cast {
            people,
            organizations,
            cities,
        }
    }
}

/// An index in `0..len`, low indices far more likely: about a tenth of the
/// pool fills half of the draws.
fn skewed_index(len: usize, rng: &mut ChaCha8Rng) -> usize {
    let uniform: f64 = rng.random();
    ((uniform.powi(3) * len as f64) as usize).min(len - 1)
}

fn pick<T: Copy>(items: &[T], rng: &mut ChaCha8Rng) -> T {
    *items.choose(rng).expect("vocabulary lists are never empty")
}

fn make_organization(vocabulary: &Vocabulary, rng: &mut ChaCha8Rng) -> String {
    match rng.random_range(0..4) {
        0 => format!(
            "{} {}",
            pick(&vocabulary.cities, rng),
            pick(ORGANIZATION_HEADS, rng)
        ),
        1 => format!(
            "{} {}",
            pick(&vocabulary.surnames, rng),
            pick(&vocabulary.company_suffixes, rng)
        ),
        2 => format!(
            "{} of {}",
            pick(
                &[
                    "University",
                    "Bank",
                    "Football Association",
                    "Supreme Court",
                    "National Museum"
                ],
                rng
            ),
            pick(&vocabulary.countries, rng)
        ),
        _ => pick(&vocabulary.international_organizations, rng).to_string(),
    }
}

struct Cast {
    people: Vec<usize>,
    organizations: Vec<usize>,
    cities: Vec<&'static str>,
}

/// Writes one article from its cast.
struct ArticleWriter<'a> {
    corpus: &'a Corpus,
    cast: Cast,
    rng: ChaCha8Rng,
    text: String,
}

impl ArticleWriter<'_> {
    fn person(&mut self) -> &Person {
        let index = *self.cast.people.choose(&mut self.rng).unwrap_or(&0);
        &self.corpus.people[index]
    }

    /// Two people of the cast with different surnames; when the whole cast
    /// shares one, the second comes from the rest of the corpus.
    fn two_people(&mut self) -> (Person, Person) {
        let first = self.person().clone();
        let people = &self.corpus.people;
        let others: Vec<usize> = self
            .cast
            .people
            .iter()
            .copied()
            .filter(|&index| people[index].surname != first.surname)
            .collect();
        let second = match others.choose(&mut self.rng) {
            Some(&index) => index,
            None => (0..people.len())
                .find(|&index| people[index].surname != first.surname)
                .unwrap_or(0),
        };
        (first, people[second].clone())
    }

    fn organization(&mut self) -> &str {
        let index = *self.cast.organizations.choose(&mut self.rng).unwrap_or(&0);
        &self.corpus.organizations[index]
    }

    fn city(&mut self) -> &'static str {
        self.cast.cities[self.rng.random_range(0..self.cast.cities.len())]
    }

    fn affiliation(&self, person: &Person) -> String {
        match &person.affiliation {
            Affiliation::Country(country) => country.to_string(),
            Affiliation::Organization(index) => self.corpus.organizations[*index].clone(),
        }
    }

    /// A clause with its slots filled: "the new line to Kano would open in May".
    fn clause(&mut self) -> String {
        let template = pick(CLAUSES, &mut self.rng);
        let city = self.city();
        let organization = self.organization().to_string();
        let country = pick(&self.corpus.vocabulary.countries, &mut self.rng);
        let number = self.rng.random_range(2..95).to_string();
        template
            .replace("{city}", city)
            .replace("{org}", &organization)
            .replace("{country}", country)
            .replace("{n}", &number)
    }

    fn quote(&mut self) -> String {
        let template = pick(QUOTES, &mut self.rng);
        let city = self.city();
        template.replace("{city}", city)
    }

    fn headline(&mut self) -> String {
        let person = self.person().clone();
        let city = self.city();
        let clause = self.clause();
        let headline = match self.rng.random_range(0..3) {
            0 => format!("{} Says {}", person.surname, capitalise_words(&clause)),
            1 => format!("Talks In {city} As {} Visits", person.surname),
            _ => format!("{} Faces Questions Over {city} Plan", person.surname),
        };
        self.text.push_str(&headline);
        self.text.push_str("\n\n");
        headline
    }

    fn paragraph(&mut self) {
        let sentences = self.rng.random_range(1..=3);
        for index in 0..sentences {
            if index > 0 {
                self.text.push(' ');
            }
            let sentence = self.sentence();
            self.text.push_str(&sentence);
        }
        self.text.push_str("\n\n");
    }

    fn sentence(&mut self) -> String {
        let weekday = pick(vocabulary::WEEKDAYS, &mut self.rng);
        match self.rng.random_range(0..14) {
            0 => {
                let person = self.person().clone();
                let clause = self.clause();
                format!(
                    "{} {} {} said on {weekday} that {clause}.",
                    capitalise_words(ROLES[person.role].title),
                    person.given,
                    person.surname
                )
            }
            1 => {
                let person = self.person().clone();
                let quote = self.quote();
                format!("\u{201c}{quote},\u{201d} {} said.", person.surname)
            }
            2 => {
                let person = self.person().clone();
                let affiliation = self.affiliation(&person);
                let clause = self.clause();
                format!(
                    "{} {}, the {} of {affiliation}, told reporters that {clause}.",
                    person.given, person.surname, ROLES[person.role].noun
                )
            }
            3 => {
                let person = self.person().clone();
                let clause = self.clause();
                format!(
                    "According to {} {}, {clause}.",
                    person.given, person.surname
                )
            }
            4 => {
                let person = self.person().clone();
                let quote = self.quote();
                format!("{} added: \"{quote}.\"", person.surname)
            }
            5 => {
                let (first, second) = self.two_people();
                let city = self.city();
                format!(
                    "{} {} met {} {} {} in {city} on {weekday}.",
                    first.given,
                    first.surname,
                    ROLES[second.role].title,
                    second.given,
                    second.surname
                )
            }
            6 => {
                let person = self.person().clone();
                let city = self.city();
                format!(
                    "{} {} visited {city} on {weekday}.",
                    person.given, person.surname
                )
            }
            7 => {
                let accuser = self.organization().to_string();
                let accused = self.organization().to_string();
                let offence = pick(OFFENCES, &mut self.rng);
                if accuser == accused {
                    format!("The {accuser} denied {offence}.")
                } else {
                    format!("The {accuser} accused the {accused} of {offence}.")
                }
            }
            8 => {
                let (first, second) = self.two_people();
                format!(
                    "{} {} spoke by phone with {} {} on {weekday}.",
                    first.given, first.surname, second.given, second.surname
                )
            }
            9 => {
                let organization = self.organization().to_string();
                let clause = self.clause();
                format!("The {organization} said in a statement that {clause}.")
            }
            10 => {
                let person = self.person().clone();
                let quote = self.quote();
                let organization = self.organization().to_string();
                format!(
                    "\u{201c}{quote},\u{201d} said {} {}, who has led the {organization} since {}.",
                    person.given,
                    person.surname,
                    self.rng.random_range(1995..2026)
                )
            }
            11 => {
                let city = self.city();
                let clause = self.clause();
                match self.corpus.vocabulary.country_of(city) {
                    Some(country) => {
                        format!("In {city}, {country}, officials warned that {clause}.")
                    }
                    None => format!("In {city}, officials warned that {clause}."),
                }
            }
            12 => {
                let person = self.person().clone();
                let organization = self.organization().to_string();
                format!(
                    "The {organization} backed {} {}'s plan on {weekday}.",
                    person.given, person.surname
                )
            }
            _ => pick(FILLER, &mut self.rng).to_string(),
        }
    }
}

fn capitalise_words(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            let mut characters = word.chars();
            match characters.next() {
                Some(first) => first.to_uppercase().chain(characters).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Corpus {
        Corpus::new(CorpusSettings {
            seed: 3,
            people: 200,
            organizations: 40,
            target_bytes: 3_000,
        })
    }

    #[test]
    fn articles_are_reproducible_and_distinct() {
        let corpus = small();
        assert_eq!(corpus.article(5), small().article(5));
        assert_ne!(corpus.article(5).text, corpus.article(6).text);
    }

    #[test]
    fn articles_reach_their_length_in_paragraphs() {
        let article = small().article(1);
        assert!(article.text.len() >= 3_000, "{}", article.text.len());
        assert!(article.text.matches("\n\n").count() >= 5);
        assert!(article.text.starts_with(&article.title));
    }

    #[test]
    fn json_lines_hold_one_article_each() {
        let line = small().article(2).to_json_line();
        assert!(!line.contains('\n'));
        let value: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(value["id"], "synth-3-2");
        assert!(value["text"].as_str().unwrap().len() >= 3_000);
    }

    #[test]
    fn names_repeat_across_articles() {
        let corpus = small();
        let first: Vec<&str> = corpus.people[..20].iter().map(|p| p.surname).collect();
        let hits = (0..50)
            .filter(|index| {
                let text = corpus.article(*index).text;
                first.iter().any(|surname| text.contains(surname))
            })
            .count();
        assert!(
            hits > 10,
            "only {hits} of 50 articles name a frequent person"
        );
    }
}
