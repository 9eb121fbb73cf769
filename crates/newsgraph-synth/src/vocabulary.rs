//! The words articles are written with: names from the extractor's
//! gazetteer data (GeoNames places, census names, intergovernmental
//! organizations, company suffixes; sources and licences in
//! `crates/newsgraph-extract/data/README.md`) and sentence parts written for
//! this generator.

use std::collections::HashMap;

const PLACES: &str = include_str!("../../newsgraph-extract/data/places.tsv");
const GIVEN_NAMES: &str = include_str!("../../newsgraph-extract/data/given_names.txt");
const SURNAMES: &str = include_str!("../../newsgraph-extract/data/surnames.txt");
const ORGANIZATIONS: &str = include_str!("../../newsgraph-extract/data/organizations.tsv");
const COMPANY_SUFFIXES: &str = include_str!("../../newsgraph-extract/data/company_suffixes.txt");

/// Cities smaller than this are left out: news names large places most.
const SMALLEST_CITY: u64 = 150_000;

const COMMON_COMPANY_SUFFIXES: &[&str] = &[
    "Ltd",
    "Inc",
    "Corp",
    "Corporation",
    "PLC",
    "AG",
    "GmbH",
    "LLC",
];

/// Names drawn from the gazetteer data.
pub(crate) struct Vocabulary {
    pub given_names: Vec<&'static str>,
    pub surnames: Vec<&'static str>,
    /// Canonical city names, largest first.
    pub cities: Vec<&'static str>,
    pub countries: Vec<&'static str>,
    pub international_organizations: Vec<&'static str>,
    pub company_suffixes: Vec<&'static str>,
    country_of_city: HashMap<&'static str, &'static str>,
}

impl Vocabulary {
    pub fn load() -> Self {
        let mut cities: Vec<(u64, &'static str)> = Vec::new();
        let mut countries: Vec<&'static str> = Vec::new();
        let mut country_of_city = HashMap::new();
        for line in PLACES.lines() {
            let columns: Vec<&str> = line.split('\t').collect();
            let [surface, canonical, kind, country, population, common_word] = columns[..] else {
                continue;
            };
            // One entry per place: its canonical surface, in plain letters.
            if surface != canonical || common_word == "1" || !is_plain_name(surface) {
                continue;
            }
            let population: u64 = population.parse().unwrap_or(0);
            match kind {
                "city"
                    if population >= SMALLEST_CITY
                        && !country.is_empty()
                        && country_of_city.insert(canonical, country).is_none() =>
                {
                    cities.push((population, canonical));
                }
                "country" if population >= 1_000_000 => countries.push(canonical),
                _ => {}
            }
        }
        cities.sort_by(|left, right| right.cmp(left));
        countries.sort_unstable();
        countries.dedup();

        let proper_words = |text: &'static str| -> Vec<&'static str> {
            text.lines()
                .filter(|word| word.len() >= 4 && is_plain_name(word))
                .collect()
        };
        Vocabulary {
            given_names: proper_words(GIVEN_NAMES),
            surnames: proper_words(SURNAMES),
            cities: cities.into_iter().map(|(_, name)| name).collect(),
            countries,
            international_organizations: ORGANIZATIONS
                .lines()
                .filter_map(|line| line.split('\t').nth(1))
                // (Articles write "the" before these: not before a name
                // that holds its own, "The Guardian".)
                .filter(|name| {
                    name.split(' ').count() >= 2 && !name.contains(',') && !name.starts_with("The ")
                })
                .collect(),
            // The suffixes news most often prints, as the data spells them.
            company_suffixes: COMPANY_SUFFIXES
                .lines()
                .filter(|suffix| COMMON_COMPANY_SUFFIXES.contains(suffix))
                .collect(),
            country_of_city,
        }
    }

    pub fn country_of(&self, city: &str) -> Option<&'static str> {
        self.country_of_city.get(city).copied()
    }
}

/// A name of ASCII letters, spaces and hyphens that starts with a capital:
/// what the templates can place anywhere without quoting.
fn is_plain_name(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && name
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '-')
}

/// A title written before a name, and the same role as a noun.
pub(crate) struct Role {
    pub title: &'static str,
    pub noun: &'static str,
}

pub(crate) const ROLES: &[Role] = &[
    Role {
        title: "Foreign Minister",
        noun: "foreign minister",
    },
    Role {
        title: "Finance Minister",
        noun: "finance minister",
    },
    Role {
        title: "Health Minister",
        noun: "health minister",
    },
    Role {
        title: "Mayor",
        noun: "mayor",
    },
    Role {
        title: "Governor",
        noun: "governor",
    },
    Role {
        title: "President",
        noun: "president",
    },
    Role {
        title: "Prime Minister",
        noun: "prime minister",
    },
    Role {
        title: "Senator",
        noun: "senator",
    },
    Role {
        title: "Ambassador",
        noun: "ambassador",
    },
    Role {
        title: "Chief Executive",
        noun: "chief executive",
    },
    Role {
        title: "spokeswoman",
        noun: "spokeswoman",
    },
    Role {
        title: "spokesman",
        noun: "spokesman",
    },
    Role {
        title: "Professor",
        noun: "head of economics",
    },
    Role {
        title: "coach",
        noun: "head coach",
    },
];

pub(crate) const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

pub(crate) const ORGANIZATION_HEADS: &[&str] = &[
    "Transport Authority",
    "Water Board",
    "City Council",
    "Chamber of Commerce",
    "Football Club",
    "University",
    "Port Authority",
    "General Hospital",
    "Energy Company",
    "Teachers Union",
];

/// Reported clauses; `{city}`, `{country}`, `{org}` and `{n}` are filled in.
pub(crate) const CLAUSES: &[&str] = &[
    "the new rail link to {city} would open before the winter",
    "talks with the {org} would resume next month",
    "food prices in {country} had risen by {n} percent this year",
    "the budget for {city} schools would grow by {n} million",
    "the {org} had not been consulted about the merger",
    "two more bridges in {city} needed urgent repairs",
    "the ceasefire along the border with {country} was holding",
    "the harbour in {city} would stay closed for {n} days",
    "exports to {country} fell sharply in the third quarter",
    "the {org} planned to hire {n} new inspectors",
    "nobody had been hurt in the fire",
    "the election would take place as planned",
    "more than {n} families had been moved from their homes",
    "the water supply in {city} was safe to drink",
    "the agreement with {country} would be signed within weeks",
    "the {org} would appeal against the ruling",
    "wages had not kept up with rents in {city}",
    "the stadium in {city} would be ready in time",
];

/// Direct quotations; `{city}` is filled in.
pub(crate) const QUOTES: &[&str] = &[
    "We will not accept a deal that leaves our workers behind",
    "The people of {city} deserve better than this",
    "There is no reason to panic, but we must be careful",
    "This is the most important vote in a generation",
    "We have done everything the law asks of us",
    "I have never seen anything like it",
    "Our doors remain open to anyone who wants to talk",
    "The numbers speak for themselves",
    "Nobody in {city} should have to wait six hours for a doctor",
    "We expect the first trains to run in the spring",
    "It is too early to say what caused the collapse",
    "I am proud of what the team achieved this season",
    "These claims are false and we will prove it",
    "We are ready to help in any way we can",
];

/// What one organization accuses another of.
pub(crate) const OFFENCES: &[&str] = &[
    "hiding the true cost of the project",
    "breaking the terms of the contract",
    "misleading investors",
    "delaying payments to suppliers",
    "ignoring safety warnings",
    "leaking confidential documents",
];

/// Sentences that name nobody.
pub(crate) const FILLER: &[&str] = &[
    "The decision is expected to be reviewed later in the year.",
    "Officials did not give a reason for the delay.",
    "Heavy rain fell across the region for much of the week.",
    "The figures have not been independently verified.",
    "Shares rose slightly in early trading.",
    "A full report is due to be published next month.",
    "Residents gathered outside the town hall on the evening before the vote.",
    "The plan still needs the approval of parliament.",
    "Several roads were closed while crews cleared the debris.",
    "Critics say the measures do not go far enough.",
    "The meeting lasted more than three hours.",
    "It was the third such incident this year.",
];
