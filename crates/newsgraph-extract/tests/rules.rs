//! Every extraction rule with sentences it must and must not fire on, and
//! the span invariant over the example articles: every mention, statement
//! and relation span slices out exactly what it claims.

use newsgraph_extract::{extract, Document, EntityKind, Extraction, Predicate, StatementKind};

/// What one example sentence must (or must not) yield.
enum Expect {
    Entity(&'static str, EntityKind),
    NoEntity(&'static str),
    /// No entity of this name has this kind.
    NoEntityOfKind(&'static str, EntityKind),
    /// Speaker name, kind, and a fragment of the statement text.
    Statement(&'static str, StatementKind, &'static str),
    NoStatementBy(&'static str),
    /// No statement's text contains this fragment.
    NoStatementWith(&'static str),
    NoStatements,
    Relation(&'static str, Predicate, &'static str),
    RoleLabel(&'static str, &'static str, &'static str),
    NoRelation(&'static str, Predicate, &'static str),
}

use Expect::*;

fn name_of(extraction: &Extraction, index: usize) -> &str {
    &extraction.entities[index].name
}

fn names_entity(extraction: &Extraction, index: usize, name: &str) -> bool {
    let entity = &extraction.entities[index];
    entity.name == name
        || entity.key.as_deref() == Some(name)
        || entity.aliases.iter().any(|alias| &**alias == name)
}

fn check(text: &str, expectations: &[Expect]) {
    let extraction = extract(&Document::new("case.txt", text));
    let describe = || {
        format!(
            "text: {text}\nentities: {:?}\nstatements: {:?}\nrelations: {:?}",
            extraction
                .entities
                .iter()
                .map(|e| format!("{} ({:?})", e.name, e.kind))
                .collect::<Vec<_>>(),
            extraction
                .statements
                .iter()
                .map(|s| format!(
                    "{}: [{:?}] {}",
                    name_of(&extraction, s.speaker),
                    s.kind,
                    s.text
                ))
                .collect::<Vec<_>>(),
            extraction
                .relations
                .iter()
                .map(|r| format!(
                    "{} {} {} {:?}",
                    name_of(&extraction, r.source),
                    r.predicate.as_str(),
                    name_of(&extraction, r.target),
                    r.label
                ))
                .collect::<Vec<_>>(),
        )
    };
    for expectation in expectations {
        let holds = match expectation {
            Entity(name, kind) => extraction
                .entities
                .iter()
                .enumerate()
                .any(|(index, entity)| {
                    entity.kind == *kind && names_entity(&extraction, index, name)
                }),
            NoEntity(name) => !extraction
                .entities
                .iter()
                .enumerate()
                .any(|(index, _)| names_entity(&extraction, index, name)),
            NoEntityOfKind(name, kind) => {
                !extraction
                    .entities
                    .iter()
                    .enumerate()
                    .any(|(index, entity)| {
                        entity.kind == *kind && names_entity(&extraction, index, name)
                    })
            }
            Statement(speaker, kind, fragment) => extraction.statements.iter().any(|statement| {
                names_entity(&extraction, statement.speaker, speaker)
                    && statement.kind == *kind
                    && statement.text.contains(fragment)
            }),
            NoStatementBy(speaker) => !extraction
                .statements
                .iter()
                .any(|statement| names_entity(&extraction, statement.speaker, speaker)),
            NoStatementWith(fragment) => !extraction
                .statements
                .iter()
                .any(|statement| statement.text.contains(fragment)),
            NoStatements => extraction.statements.is_empty(),
            Relation(source, predicate, target) => extraction.relations.iter().any(|relation| {
                relation.predicate == *predicate
                    && names_entity(&extraction, relation.source, source)
                    && names_entity(&extraction, relation.target, target)
            }),
            RoleLabel(person, label, owner) => extraction.relations.iter().any(|relation| {
                relation.predicate == Predicate::Role
                    && relation.label.as_deref() == Some(label)
                    && names_entity(&extraction, relation.source, person)
                    && names_entity(&extraction, relation.target, owner)
            }),
            NoRelation(source, predicate, target) => !extraction.relations.iter().any(|relation| {
                relation.predicate == *predicate
                    && names_entity(&extraction, relation.source, source)
                    && names_entity(&extraction, relation.target, target)
            }),
        };
        assert!(
            holds,
            "expectation failed: {}\n{}",
            describe_expectation(expectation),
            describe()
        );
    }
}

fn describe_expectation(expectation: &Expect) -> String {
    match expectation {
        Entity(name, kind) => format!("entity {name} ({kind:?})"),
        NoEntity(name) => format!("no entity {name}"),
        NoEntityOfKind(name, kind) => format!("no entity {name} ({kind:?})"),
        Statement(speaker, kind, fragment) => format!("{speaker} [{kind:?}] ...{fragment}..."),
        NoStatementBy(speaker) => format!("no statement by {speaker}"),
        NoStatementWith(fragment) => format!("no statement with ...{fragment}..."),
        NoStatements => "no statements".to_string(),
        Relation(source, predicate, target) => format!("{source} {} {target}", predicate.as_str()),
        RoleLabel(person, label, owner) => format!("{person} role {owner} ({label})"),
        NoRelation(source, predicate, target) => {
            format!("no {source} {} {target}", predicate.as_str())
        }
    }
}

#[test]
fn titles_demonyms_and_roles() {
    check(
        "German Chancellor Maria Hoffmann met Brazilian President Carlos Mendes in Geneva.",
        &[
            Entity("Maria Hoffmann", EntityKind::Person),
            Entity("Carlos Mendes", EntityKind::Person),
            RoleLabel("Maria Hoffmann", "Chancellor", "Germany"),
            RoleLabel("Carlos Mendes", "President", "Brazil"),
            Relation("Maria Hoffmann", Predicate::Met, "Carlos Mendes"),
            Relation("Maria Hoffmann", Predicate::Visited, "Geneva"),
            NoEntity("German"),
        ],
    );
    check(
        "Canada’s foreign ministry spokeswoman Ellen Park said the embassy would reopen.",
        &[
            RoleLabel("Ellen Park", "Foreign Ministry Spokeswoman", "Canada"),
            Statement(
                "Ellen Park",
                StatementKind::Reported,
                "the embassy would reopen",
            ),
        ],
    );
    check(
        "The US Secretary of State Mark Delaney arrived on Monday.",
        &[RoleLabel(
            "Mark Delaney",
            "Secretary of State",
            "United States",
        )],
    );
    // Demonyms of two words, before a title and alone.
    check(
        "South Korean President Ana Lindqvist met the envoy. The South African president \
         did not attend. Sri Lankan Foreign Minister Omar Haddad said talks would go on.",
        &[
            RoleLabel("Ana Lindqvist", "President", "South Korea"),
            RoleLabel("Omar Haddad", "Foreign Minister", "Sri Lanka"),
            NoEntity("South African"),
        ],
    );
}

#[test]
fn reported_speech_cues() {
    check(
        "Mayor Tom Becker said on Tuesday that the bridge would open in May.",
        &[Statement(
            "Tom Becker",
            StatementKind::Reported,
            "the bridge would open in May",
        )],
    );
    check(
        "Becker told reporters in Lyon that the budget was balanced.\nBecker warned that costs could rise and added that taxes would not.",
        &[
            Statement("Becker", StatementKind::Reported, "the budget was balanced"),
            Statement("Becker", StatementKind::Reported, "costs could rise"),
            Statement("Becker", StatementKind::Reported, "taxes would not"),
        ],
    );
    check(
        "According to Governor Lisa Grant, the dam is safe.",
        &[Statement(
            "Lisa Grant",
            StatementKind::Reported,
            "the dam is safe",
        )],
    );
    check(
        "The dam is safe, according to Governor Lisa Grant.",
        &[Statement(
            "Lisa Grant",
            StatementKind::Reported,
            "The dam is safe",
        )],
    );
    // A relative clause between the subject and its cue.
    check(
        "Chile, which hosted the games in 2023, also stated that the budget was met.",
        &[Statement(
            "Chile",
            StatementKind::Reported,
            "the budget was met",
        )],
    );
    // "expressed" speaks only with a clause ("expressed hope that").
    check(
        "Mayor Ida Stone expressed hope that the strike would end soon.",
        &[Statement(
            "Ida Stone",
            StatementKind::Reported,
            "the strike would end soon",
        )],
    );
    check(
        "Mayor Ida Stone expressed caution about the plan.",
        &[NoStatementBy("Ida Stone")],
    );
    check(
        "Sweden’s claim that the cable was cut on purpose was disputed.",
        &[Statement(
            "Sweden",
            StatementKind::Reported,
            "the cable was cut on purpose",
        )],
    );
}

#[test]
fn direct_quotations() {
    check(
        "“We are ready for the final,” coach Mark Ellis said.",
        &[Statement(
            "Mark Ellis",
            StatementKind::Direct,
            "We are ready for the final",
        )],
    );
    check(
        "Senator Joan Miles wrote on X: “This bill protects every family in the state.”",
        &[
            Statement(
                "Joan Miles",
                StatementKind::Direct,
                "This bill protects every family",
            ),
            Entity("X", EntityKind::Organization),
        ],
    );
    // A quote split by its attribution is one statement.
    check(
        "“The plan is sound,” Mr Okafor said. “It will be funded next year.”",
        &[Statement(
            "Okafor",
            StatementKind::Direct,
            "It will be funded next year",
        )],
    );
    // Single quotation marks with a nested quotation inside.
    check(
        "Dr Ana Silva said: ‘The so-called ‘miracle cure’ does not exist.’",
        &[Statement(
            "Ana Silva",
            StatementKind::Direct,
            "miracle cure",
        )],
    );
    // A short scare quote is not a statement.
    check(
        "The ‘thorny’ issues remained unresolved in Brussels.",
        &[NoStatements],
    );
}

#[test]
fn straight_quotes_with_speakers_after_and_between() {
    let article = "\"This is a sad day for the town,\" said Margaret Ellison, who chairs the board.\n\
        \"It costs too much,\" Councillor Peter Hahn told reporters after the vote. \"We had no choice.\"\n\
        \"Nobody asked us,\" a resident said.";
    check(
        article,
        &[
            // The speaker after the cue; the relative clause is not the statement.
            Statement(
                "Margaret Ellison",
                StatementKind::Direct,
                "This is a sad day",
            ),
            NoEntity("Councillor Peter Hahn"),
            // A quote split by its attribution stays one statement.
            Statement("Peter Hahn", StatementKind::Direct, "We had no choice"),
            Statement("Peter Hahn", StatementKind::Direct, "It costs too much"),
        ],
    );
    let extraction = extract(&Document::new("case.txt", article));
    assert_eq!(
        extraction.statements.len(),
        2,
        "{:?}",
        extraction.statements
    );
}

#[test]
fn sports_report_attributions() {
    let report = "Striker Leon Marsh, 25, scored twice on Saturday.\n\
        \"I just wanted to help the team,\" the 25-year-old said after the match.\n\
        \"We expected more,\" according to rival manager Tom Price.\n\
        Marsh's agent, Ivan Petrov, said his client was happy.";
    check(
        report,
        &[
            NoEntity("Striker Leon Marsh"),
            Statement(
                "Leon Marsh",
                StatementKind::Direct,
                "I just wanted to help the team",
            ),
            Statement("Tom Price", StatementKind::Direct, "We expected more"),
            Statement(
                "Ivan Petrov",
                StatementKind::Reported,
                "his client was happy",
            ),
        ],
    );
}

#[test]
fn pronouns_descriptions_and_unnamed_speakers() {
    check(
        "President Ruth Adler spoke in Vienna. She said the economy was growing.",
        &[Statement(
            "Ruth Adler",
            StatementKind::Reported,
            "the economy was growing",
        )],
    );
    // After an unnamed speaker, "he" is nobody we know.
    check(
        "Minister Paul Weber arrived. A spokesman said the visit was private. He said it would be short.",
        &[NoStatementBy("Paul Weber")],
    );
    check(
        "Kenyan President Daniel Otieno visited Accra. The Kenyan leader said trade would grow.",
        &[Statement(
            "Daniel Otieno",
            StatementKind::Reported,
            "trade would grow",
        )],
    );
    // "a source close to X said": X did not say it.
    check(
        "A source close to Prime Minister Hans Berg said the vote was delayed.",
        &[NoStatementBy("Hans Berg")],
    );
    // A sentence that opens with the owner of a person's title puts the
    // person in focus.
    check(
        "Lumio manager Karl Dunn said the team had played well.\n\n\
         Vexmoor Athletic coach Ana Ruiz blamed the referee. \"It was a clear foul on our striker,\" she told reporters.",
        &[Statement("Ana Ruiz", StatementKind::Direct, "a clear foul")],
    );
}

#[test]
fn an_employer_after_a_role_noun_and_at_is_an_organization() {
    // Even when its words are personal names.
    check(
        "Analysts at Morgan Stanley said the probe was unlikely to hurt sales. \
         The deal is risky, an economist at Carter Hill said.",
        &[
            Entity("Morgan Stanley", EntityKind::Organization),
            Entity("Carter Hill", EntityKind::Organization),
        ],
    );
    // Not after a verb ("met X at Y").
    check(
        "President Omar Haddad met Chancellor Lena Vogt at Camp Meridian.",
        &[Entity("Lena Vogt", EntityKind::Person)],
    );
}

#[test]
fn places_that_take_a_score_are_teams() {
    check(
        "Sweden defeated Chile 1 – 0 in Kazan. Tunisia lost 1-2 to Peru. \
         Group G — Norway 3 – 0 Kenya. Fans in Kazan celebrated.",
        &[
            Entity("Sweden", EntityKind::Organization),
            Entity("Chile", EntityKind::Organization),
            Entity("Tunisia", EntityKind::Organization),
            Entity("Peru", EntityKind::Organization),
            Entity("Norway", EntityKind::Organization),
            Entity("Kenya", EntityKind::Organization),
            Entity("Kazan", EntityKind::Place),
        ],
    );
    // An opponent no rule names still makes the winner a team.
    check(
        "Liverpool beat Vexmoor 2-1 at home.",
        &[Entity("Liverpool", EntityKind::Organization)],
    );
    // A vote count is no score.
    check(
        "Norway voted 51-49 to join, and Chile defeated the motion.",
        &[
            Entity("Norway", EntityKind::Place),
            Entity("Chile", EntityKind::Place),
        ],
    );
}

#[test]
fn a_city_with_a_club_word_is_a_club() {
    check(
        "Newcastle United beat Real Madrid, and Bayern Munich signed a striker from Leicester City. \
         Residents of Gaza City and Kansas City watched.",
        &[
            Entity("Newcastle United", EntityKind::Organization),
            Entity("Real Madrid", EntityKind::Organization),
            Entity("Bayern Munich", EntityKind::Organization),
            Entity("Leicester City", EntityKind::Organization),
            Entity("Gaza City", EntityKind::Place),
            Entity("Kansas City", EntityKind::Place),
        ],
    );
    // Sports outlets are organizations, and a club may open with a word
    // one of them ends with.
    check(
        "“It was a clear foul,” Karl Dunn told Sky Sports. Athletic Bilbao won at home.",
        &[
            Entity("Sky Sports", EntityKind::Organization),
            Entity("Athletic Bilbao", EntityKind::Organization),
            Statement("Karl Dunn", StatementKind::Direct, "a clear foul"),
        ],
    );
}

#[test]
fn company_officers_are_titles() {
    check(
        "Shares fell after Chief Financial Officer Lena Ortiz warned that margins would shrink. \
         Chief Operating Officer Karl Dunn resigned.",
        &[
            Entity("Lena Ortiz", EntityKind::Person),
            Entity("Karl Dunn", EntityKind::Person),
            NoEntity("Chief Financial"),
            NoEntity("Chief Operating"),
            Statement(
                "Lena Ortiz",
                StatementKind::Reported,
                "margins would shrink",
            ),
        ],
    );
}

#[test]
fn relation_patterns() {
    check(
        "Norway accused Iceland of breaking the fishing agreement.",
        &[Relation("Norway", Predicate::Accused, "Iceland")],
    );
    check(
        "Iceland accused Norway of spying, an allegation Norway denied.",
        &[Relation("Norway", Predicate::Denied, "Iceland")],
    );
    check(
        "Chancellor Lena Vogt spoke by phone with President Omar Haddad on Friday.",
        &[Relation("Lena Vogt", Predicate::SpokeWith, "Omar Haddad")],
    );
    check(
        "President Omar Haddad hosted Chancellor Lena Vogt at Camp Meridian, Maryland.",
        &[
            Relation("Omar Haddad", Predicate::Hosted, "Lena Vogt"),
            Relation("Lena Vogt", Predicate::Visited, "Maryland"),
        ],
    );
    // Intentions are not facts.
    check(
        "President Omar Haddad said he was ready to meet Chancellor Lena Vogt.",
        &[NoRelation("Omar Haddad", Predicate::Met, "Lena Vogt")],
    );
    check(
        "Minister Lena Vogt, who during a trip to Kenya met local leaders, returned.",
        &[Relation("Lena Vogt", Predicate::Visited, "Kenya")],
    );
    check(
        "Russia’s Kursk region lies on the border.",
        &[Relation("Kursk region", Predicate::LocatedIn, "Russia")],
    );
}

#[test]
fn travel_strike_and_criticism_verbs() {
    check(
        "Minister Lena Vogt arrived in Nairobi on Monday for talks. \
         President Omar Haddad flew to Lisbon for a two-day visit.",
        &[
            Relation("Lena Vogt", Predicate::Visited, "Nairobi"),
            Relation("Omar Haddad", Predicate::Visited, "Lisbon"),
        ],
    );
    // A plan to travel is no visit.
    check(
        "President Omar Haddad will travel to Lisbon next month.",
        &[NoRelation("Omar Haddad", Predicate::Visited, "Lisbon")],
    );
    check(
        "Norway struck targets in Iceland on Thursday. \
         Chile fired a ballistic missile toward Peru on Wednesday.",
        &[
            Relation("Norway", Predicate::Attacked, "Iceland"),
            Relation("Chile", Predicate::Attacked, "Peru"),
        ],
    );
    // A deal struck and a minister fired are no attacks.
    check(
        "Norway struck a deal with Iceland in Oslo. \
         Chile fired its envoy to Peru on Wednesday.",
        &[
            NoRelation("Norway", Predicate::Attacked, "Iceland"),
            NoRelation("Norway", Predicate::Attacked, "Oslo"),
            NoRelation("Chile", Predicate::Attacked, "Peru"),
        ],
    );
    check(
        "President Omar Haddad criticised Norway over the strikes. \
         Chancellor Lena Vogt telephoned President Omar Haddad on Friday.",
        &[
            Relation("Omar Haddad", Predicate::Opposes, "Norway"),
            Relation("Lena Vogt", Predicate::SpokeWith, "Omar Haddad"),
        ],
    );
}

#[test]
fn relation_nouns_take_the_subject_of_the_verb_before_them() {
    check(
        "Norway pledged continued support for Iceland. \
         Chile imposed new sanctions on Peru.",
        &[
            Relation("Norway", Predicate::Supports, "Iceland"),
            Relation("Chile", Predicate::Opposes, "Peru"),
        ],
    );
    check(
        "Chancellor Lena Vogt held talks with President Omar Haddad in Oslo.",
        &[Relation("Lena Vogt", Predicate::SpokeWith, "Omar Haddad")],
    );
    check(
        "Chancellor Lena Vogt and President Omar Haddad held talks in Oslo.",
        &[Relation("Lena Vogt", Predicate::SpokeWith, "Omar Haddad")],
    );
    // A preposition between opens another phrase.
    check(
        "Chancellor Lena Vogt imposed tariffs after talks with President Omar Haddad.",
        &[NoRelation("Lena Vogt", Predicate::SpokeWith, "Omar Haddad")],
    );
    // An intention is no fact, and the object of a first verb is not the
    // subject of a second.
    check(
        "Norway would hold talks with Iceland. \
         Chancellor Lena Vogt hosted President Omar Haddad and has held talks with Minister Ana Ruiz.",
        &[
            NoRelation("Norway", Predicate::SpokeWith, "Iceland"),
            NoRelation("Omar Haddad", Predicate::SpokeWith, "Ana Ruiz"),
            Relation("Lena Vogt", Predicate::Hosted, "Omar Haddad"),
        ],
    );
}

#[test]
fn names_no_list_knows_are_people_when_the_text_says_so() {
    check(
        "Oluwaseun Adebayo arrived in Lagos on Monday. Adebayo said the talks were over.",
        &[
            Entity("Oluwaseun Adebayo", EntityKind::Person),
            Statement(
                "Oluwaseun Adebayo",
                StatementKind::Reported,
                "the talks were over",
            ),
        ],
    );
}

#[test]
fn descriptors_before_names_are_not_names() {
    check(
        "Republican Mark Dunlow and Nonpartisan Paul Reyes won seats.",
        &[
            Entity("Mark Dunlow", EntityKind::Person),
            Entity("Paul Reyes", EntityKind::Person),
            NoEntity("Republican Mark Dunlow"),
        ],
    );
    // A place that is a person's surname, used as a person.
    check(
        "Marta Lyon joined in 1990. Lyon said she had been kept on the ship.",
        &[Statement(
            "Marta Lyon",
            StatementKind::Reported,
            "kept on the ship",
        )],
    );
}

#[test]
fn organizations_from_company_nouns_and_roles() {
    // A plural role noun after a name makes it an organization; not after
    // a regional adjective.
    check(
        "Vexmoor reporters filed the story, and European leaders met later.",
        &[
            Entity("Vexmoor", EntityKind::Organization),
            NoEntity("European"),
        ],
    );
    check(
        "The software company Lumio hired staff. Lumio spokesman Tom Hart said the office would open.",
        &[
            Entity("Lumio", EntityKind::Organization),
            Statement("Tom Hart", StatementKind::Reported, "the office would open"),
            RoleLabel("Tom Hart", "Spokesman", "Lumio"),
        ],
    );
}

#[test]
fn chambers_are_organizations_whole() {
    // A chamber of commerce, of a place or of a country, and a chamber of
    // a parliament are one organization each, not their last word.
    check(
        "The Jingzhou Chamber of Commerce backed the plan on Thursday. \
         The U.S. Chamber of Commerce said the tariffs would hurt small firms. \
         The Chamber of Deputies voted on Tuesday.",
        &[
            Entity("Jingzhou Chamber of Commerce", EntityKind::Organization),
            Entity("U.S. Chamber of Commerce", EntityKind::Organization),
            Statement(
                "U.S. Chamber of Commerce",
                StatementKind::Reported,
                "the tariffs would hurt small firms",
            ),
            Entity("Chamber of Deputies", EntityKind::Organization),
            NoEntity("Commerce"),
        ],
    );
    // Not the word alone.
    check(
        "Chamber music fans gathered in Vienna on Sunday.",
        &[NoEntity("Chamber"), Entity("Vienna", EntityKind::Place)],
    );
}

#[test]
fn ministries_named_by_title_words_are_organizations() {
    // "Foreign" and "Ministry" both modify titles ("Foreign Ministry
    // spokesman"); a run of them ending in "Ministry" is the ministry,
    // not a person named "Ministry", and two ministries stay two.
    check(
        "China's Foreign Ministry said the talks were useful. \
         The Finance Ministry declined to comment.",
        &[
            Entity("Foreign Ministry", EntityKind::Organization),
            Entity("Finance Ministry", EntityKind::Organization),
            Statement(
                "Foreign Ministry",
                StatementKind::Reported,
                "the talks were useful",
            ),
            NoEntity("Ministry"),
        ],
    );
    check(
        "Russian Foreign Ministry spokeswoman Maria Zakharova said the talks were useful.",
        &[
            Statement(
                "Maria Zakharova",
                StatementKind::Reported,
                "the talks were useful",
            ),
            RoleLabel("Maria Zakharova", "Foreign Ministry Spokeswoman", "Russia"),
        ],
    );
}

#[test]
fn a_title_between_an_organization_and_a_name_is_the_persons() {
    // The title closing the words before a name belongs to the person;
    // the organization is the words before it.
    check(
        "House Speaker Mike Johnson said the vote would be held on Friday.",
        &[
            Entity("House", EntityKind::Organization),
            NoEntity("House Speaker"),
            Statement(
                "Mike Johnson",
                StatementKind::Reported,
                "the vote would be held",
            ),
        ],
    );
    check(
        "Senate Majority Leader Chuck Schumer said the bill would pass.",
        &[
            Entity("Senate", EntityKind::Organization),
            NoEntity("Senate Majority Leader"),
            NoEntity("Senate Majority"),
            Statement(
                "Chuck Schumer",
                StatementKind::Reported,
                "the bill would pass",
            ),
        ],
    );
}

#[test]
fn brands_platforms_and_institutions() {
    // A brand of the public brand list is an organization.
    check(
        "Spotify raised its prices in Sweden on Tuesday.",
        &[Entity("Spotify", EntityKind::Organization)],
    );
    // A brand that is also an English word names it only as a medium.
    check(
        "The mayor posted on Signal that the ferry would run again.",
        &[Entity("Signal", EntityKind::Organization)],
    );
    check(
        "Visa rules for students changed in March.",
        &[NoEntity("Visa")],
    );
    // Inside a sentence, a brand that is also an English word is the brand.
    check(
        "Investors in Telegram were told the sale would wait.",
        &[Entity("Telegram", EntityKind::Organization)],
    );
    // A name no list knows, after a speech verb and "on", is a platform.
    check(
        "The senator announced on Vexly Chat that she would run again.",
        &[
            Entity("Vexly Chat", EntityKind::Organization),
            NoEntity("Vexly"),
        ],
    );
    // One capitalised word after "the" that speaks, owns or acts is an
    // institution; a bare head word is not.
    check(
        "The Storting rejected the budget. The Bundesrat said it would wait.",
        &[
            Entity("Storting", EntityKind::Organization),
            Entity("Bundesrat", EntityKind::Organization),
        ],
    );
    check(
        "Fans waited at the Velodrome gate until noon.",
        &[NoEntity("Velodrome")],
    );
}

#[test]
fn unknown_names_acting_or_after_a_role_are_people() {
    // Two capitalised words no list knows, as the subject of a past-tense
    // verb, are a person's name; a plural at the end is not.
    check(
        "Early in the second half, Tomas Varga equalised from the spot.",
        &[Entity("Tomas Varga", EntityKind::Person)],
    );
    // ... and as the object of one, ending the clause.
    check(
        "In the last minute, the coach replaced Tomas Varga.",
        &[Entity("Tomas Varga", EntityKind::Person)],
    );
    check(
        "The Velmora Pioneers scored twice before the break.",
        &[NoEntity("Velmora Pioneers")],
    );
    // A particle joined by a hyphen stays in the name.
    check(
        "Rescue chief Omar al-Haddad said the road was open.",
        &[Entity("Omar al-Haddad", EntityKind::Person)],
    );
    // A name set off by commas after a phrase with a role noun.
    check(
        "The chairman of the club, Petar Voss, resigned on Friday.",
        &[Entity("Petar Voss", EntityKind::Person)],
    );
    // A title inside the run, before a given name.
    check(
        "Opposition Transport Secretary Laura Mendez said fares must fall.",
        &[
            Entity("Laura Mendez", EntityKind::Person),
            NoEntity("Opposition Transport Secretary Laura Mendez"),
        ],
    );
    // A one-word title that is also a given name, before a word that is
    // not, is the given name; a royal title is a title.
    check(
        "The fund was started by Dean Halvorsen in 1990.",
        &[Entity("Dean Halvorsen", EntityKind::Person)],
    );
    check(
        "The visit was hosted by King Salman.",
        &[Entity("Salman", EntityKind::Person)],
    );
    // An honorific inside the run starts the person's name.
    check(
        "Undersecretary for Transport Mr. Belloni says the line will open.",
        &[
            Entity("Belloni", EntityKind::Person),
            NoEntity("Transport Mr. Belloni"),
        ],
    );
    // A prefixed descriptor ("Pro-", "Pan-") before a name is not part of it.
    check(
        "Pan-democrat Wong Siu-ming won the seat.",
        &[Entity("Wong Siu-ming", EntityKind::Person)],
    );
    // A title ending in "of" names the organization after it, not a person.
    check(
        "Co-founder of Spotify, Tomas Brandt, spoke next.",
        &[
            Entity("Spotify", EntityKind::Organization),
            Entity("Tomas Brandt", EntityKind::Person),
        ],
    );
    // A role noun set off by a comma after the name.
    check(
        "Mirek Dvorsky, spokesman for the port, said ships would wait.",
        &[Entity("Mirek Dvorsky", EntityKind::Person)],
    );
    // A plural role noun before a list, and an initial inside a name.
    check(
        "The guests included athletes Oskar Vilde and writer J. Arno Pellik.",
        &[
            Entity("Oskar Vilde", EntityKind::Person),
            Entity("J. Arno Pellik", EntityKind::Person),
        ],
    );
    // A given name that owns something is a person's.
    check(
        "By spring, Greta's garden had doubled in size.",
        &[Entity("Greta", EntityKind::Person)],
    );
    // A lowercase role noun in front.
    check(
        "The show includes new work by sculptor Irma Valdt and others.",
        &[Entity("Irma Valdt", EntityKind::Person)],
    );
}

#[test]
fn context_cues_for_places_and_organizations() {
    // A compass word before a known place names a part of it.
    check(
        "Exports to Western Europe fell again this year.",
        &[Entity("Western Europe", EntityKind::Place)],
    );
    // An apposition to "capital" makes a town named like a person a place.
    check(
        "The parade ended in the nation's capital, Lincoln, after dark.",
        &[Entity("Lincoln", EntityKind::Place)],
    );
    // The agent of a passive after "the" is an organization.
    check(
        "The valley is held by the Vostani.",
        &[Entity("Vostani", EntityKind::Organization)],
    );
    // A company noun right after the name.
    check(
        "According to Tarvik news agency, the talks failed.",
        &[Entity("Tarvik", EntityKind::Organization)],
    );
    // A name after a person's name and "of" is where the person belongs.
    check(
        "The album was made by Carl Mason of Velvet Lantern in a week.",
        &[Entity("Velvet Lantern", EntityKind::Organization)],
    );
    // An acronym after a time, "@" or "a", or before a version number, is
    // no organization.
    check(
        "The vote closed at 18:00 CET and the page moved to XHTML 2.",
        &[NoEntity("CET"), NoEntity("XHTML")],
    );
    check(
        "Officials from the WMO met in Geneva.",
        &[Entity("WMO", EntityKind::Organization)],
    );
    // A place noun and "of" before the name.
    check(
        "Shells fell near the town of Varnokk overnight.",
        &[Entity("Varnokk", EntityKind::Place)],
    );
    // A capital "The" inside a sentence makes a head word a name.
    check(
        "The minister told The Herald that talks would resume.",
        &[Entity("Herald", EntityKind::Organization)],
    );
    // A compass word after a known place names a part of it.
    check(
        "She won the seat in Lisbon North by a wide margin.",
        &[Entity("Lisbon North", EntityKind::Place)],
    );
    check(
        "Floods hit South East Asia last week.",
        &[Entity("South East Asia", EntityKind::Place)],
    );
    // A small town named by an English word is the word.
    check(
        "Police arrested two men near the harbour.",
        &[NoEntity("Police")],
    );
    // An organization head word before a country's name.
    check(
        "Team Norway won the relay.",
        &[Entity("Team Norway", EntityKind::Organization)],
    );
    // An adjective of a people before a role noun is no organization.
    check(
        "Flemish singer Anna Vos opened the show.",
        &[NoEntity("Flemish"), Entity("Anna Vos", EntityKind::Person)],
    );
    // A caption label is not part of the name before it.
    check(
        "The crowd cheered Mira Holt Photo: Lena Dorsey.",
        &[
            Entity("Mira Holt", EntityKind::Person),
            NoEntity("Mira Holt Photo"),
        ],
    );
}

#[test]
fn organization_or_place_then_person_in_one_run() {
    check(
        "The chief executive of the Harbour Trust Maria Olsen said the pier would reopen.",
        &[
            Entity("Harbour Trust", EntityKind::Organization),
            Entity("Maria Olsen", EntityKind::Person),
            NoEntity("Harbour Trust Maria Olsen"),
        ],
    );
    // After a known place, two more words no list knows are a name.
    check(
        "The envoy of Ukraine Oleksa Dovhan arrived on Monday.",
        &[
            Entity("Ukraine", EntityKind::Place),
            Entity("Oleksa Dovhan", EntityKind::Person),
        ],
    );
    // A campus after "University of ..." belongs to the name.
    check(
        "She studied at the University of Northland at Ridgeport for two years.",
        &[Entity(
            "University of Northland at Ridgeport",
            EntityKind::Organization,
        )],
    );
    // "and" before the last word of a name with a head word and "of".
    check(
        "The Ministry of Fisheries and Forestry said quotas would fall.",
        &[Entity(
            "Ministry of Fisheries and Forestry",
            EntityKind::Organization,
        )],
    );
    // "Corps" heads a name; "organization" before a name marks it.
    check(
        "The volunteer organization Harbour Helpers met the Peace Corps of Norland.",
        &[
            Entity("Harbour Helpers", EntityKind::Organization),
            Entity("Peace Corps of Norland", EntityKind::Organization),
        ],
    );
    // A possessive inside a name before a head word.
    check(
        "Lena Roos of the Green People's Party won two seats.",
        &[
            Entity("Green People's Party", EntityKind::Organization),
            NoEntity("Green People"),
        ],
    );
    // "&" joins the words of one name.
    check(
        "Prints were lent by the Ida & Leon Varga Museum of Art.",
        &[Entity(
            "Ida & Leon Varga Museum of Art",
            EntityKind::Organization,
        )],
    );
    // Two head words joined by "and" close one name.
    check(
        "The prints hang in the Harlow Design Museum and Print Gallery until May.",
        &[Entity(
            "Harlow Design Museum and Print Gallery",
            EntityKind::Organization,
        )],
    );
    // An acronym in parentheses after the name is the same organization.
    check(
        "The Union of Coastal Towns (UCT) asked for funds.",
        &[Entity("Union of Coastal Towns", EntityKind::Organization)],
    );
    // A centre named for what happens in it is a building; one named for a
    // purpose is an organization.
    check(
        "The fair moved from the Harbour Convention Centre to the Center for Coastal Studies.",
        &[
            Entity("Harbour Convention Centre", EntityKind::Place),
            Entity("Center for Coastal Studies", EntityKind::Organization),
        ],
    );
    // "Place" and "Plains" end place names.
    check(
        "Offices in Harbour Place and the Plains of Tarrow were closed.",
        &[
            Entity("Harbour Place", EntityKind::Place),
            Entity("Plains of Tarrow", EntityKind::Place),
        ],
    );
    // An event or organization before ", <country>" is not a place there.
    check(
        "On day two of the Harbour Cup, Norway beat Chile.",
        &[NoEntity("Harbour Cup")],
    );
    // Hotels and towers are places; festivals are events.
    check(
        "Delegates stayed at the Ridgeview Hotel during the Harbour Lights Festival.",
        &[
            Entity("Ridgeview Hotel", EntityKind::Place),
            NoEntity("Harbour Lights Festival"),
        ],
    );
    // A head word in the last two words keeps the run whole.
    check(
        "Staff of the Lindqvist Research Institute said the data was sound.",
        &[Entity(
            "Lindqvist Research Institute",
            EntityKind::Organization,
        )],
    );
}

#[test]
fn short_organization_names_join_the_long_one() {
    let text = "The US State Department issued a warning. The State Department said the embassy was closed.\n\
        The Supreme Court of Cassation ruled on Friday. The Supreme Court said the law stood.";
    let extraction = extract(&Document::new("case.txt", text));
    let organizations: Vec<&str> = extraction
        .entities
        .iter()
        .filter(|entity| entity.kind == EntityKind::Organization)
        .map(|entity| entity.name.as_str())
        .collect();
    assert_eq!(
        organizations.len(),
        2,
        "{organizations:?}: the short names should join the long ones"
    );
    check(
        text,
        &[
            Statement(
                "US State Department",
                StatementKind::Reported,
                "the embassy was closed",
            ),
            Statement(
                "Supreme Court of Cassation",
                StatementKind::Reported,
                "the law stood",
            ),
        ],
    );
}

#[test]
fn place_words_in_front_make_places() {
    check(
        "The ferry from Port Elmsworth to Mount Ardle was cancelled.",
        &[
            Entity("Port Elmsworth", EntityKind::Place),
            Entity("Mount Ardle", EntityKind::Place),
        ],
    );
}

#[test]
fn lines_in_capitals_are_read_as_titles() {
    check(
        "FOOTBALL - JAPAN BEAT CHINA IN FINAL .\nThe match was played in Tokyo .",
        &[
            Entity("Japan", EntityKind::Place),
            Entity("China", EntityKind::Place),
            NoEntity("FOOTBALL"),
            NoEntity("FINAL"),
        ],
    );
}

#[test]
fn gazetteer_variants_and_headlines() {
    check(
        "Officials in Kiev and Odessa met envoys from the U.S. and Britain.",
        &[
            Entity("Kyiv", EntityKind::Place),
            Entity("Odesa", EntityKind::Place),
            Entity("United States", EntityKind::Place),
            Entity("United Kingdom", EntityKind::Place),
        ],
    );
    // A title-case headline keeps only names known elsewhere.
    check(
        "Local Bakery Wins Golden Spoon Award\nThe bakery in Leeds won a prize.",
        &[
            NoEntity("Golden Spoon Award"),
            NoEntity("Local Bakery"),
            Entity("Leeds", EntityKind::Place),
        ],
    );
}

#[test]
fn page_furniture_yields_no_facts() {
    check(
        "Continues after advertising\nRelated articles:\nMinister Karl Dunn Says Budget Is Fine\nKarl Dunn said the budget was fine.",
        &[NoStatements],
    );
}

#[test]
fn every_span_slices_its_text() {
    let directory = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/news");
    let mut checked = 0;
    for entry in std::fs::read_dir(directory).expect("examples/news exists") {
        let path = entry.expect("readable entry").path();
        let text = std::fs::read_to_string(&path).expect("example is UTF-8");
        let extraction = extract(&Document::new("doc.txt", text.clone()));
        for entity in &extraction.entities {
            for mention in &entity.mentions {
                assert_eq!(
                    &text[mention.span.start..mention.span.end],
                    &*mention.surface
                );
                checked += 1;
            }
        }
        for statement in &extraction.statements {
            let slice = &text[statement.span.start..statement.span.end];
            for part in statement.text.split(" … ") {
                assert!(
                    slice.contains(part),
                    "statement part {part:?} not in its span {slice:?}"
                );
            }
            checked += 1;
        }
        for relation in &extraction.relations {
            assert!(relation.span.end <= text.len() && text.is_char_boundary(relation.span.start));
            assert!(
                relation.source < extraction.entities.len()
                    && relation.target < extraction.entities.len()
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} spans checked");
}

#[test]
fn extraction_is_deterministic() {
    let text = "Foreign Minister Anna Berg said the talks would resume. “We are close,” she said.";
    let first = extract(&Document::new("a.txt", text));
    let second = extract(&Document::new("a.txt", text));
    assert_eq!(first, second);
}

#[test]
fn the_words_before_a_title_inside_a_name_own_the_role() {
    // A place the gazetteers know owns the title; other capitalised words
    // name an organization, also at the start of a sentence; the name after
    // the title need not start with a listed given name.
    check(
        "Texas Governor Dana Wexler signed the bill on Monday.",
        &[
            Entity("Texas", EntityKind::Place),
            Entity("Dana Wexler", EntityKind::Person),
            RoleLabel("Dana Wexler", "Governor", "Texas"),
        ],
    );
    check(
        "Korvath CEO Elvan Quist said the company would cut prices.",
        &[
            Entity("Korvath", EntityKind::Organization),
            Entity("Elvan Quist", EntityKind::Person),
            NoEntity("Korvath CEO Elvan Quist"),
            RoleLabel("Elvan Quist", "CEO", "Korvath"),
            Statement("Elvan Quist", StatementKind::Reported, "cut prices"),
        ],
    );
    check(
        "Lumio spokesman Tom Hart said the product would ship in May.",
        &[RoleLabel("Tom Hart", "Spokesman", "Lumio")],
    );
    // Words of the time in office, of a portfolio, or of a party are not
    // owners.
    check(
        "Former President Anna Berg said the vote was fair. Transport Secretary Karl Dunn said trains would run. Republican Governor Mary Hale said she would sign it.",
        &[
            NoEntity("Former"),
            NoEntity("Transport"),
            NoEntity("Republican"),
            Entity("Anna Berg", EntityKind::Person),
            Entity("Karl Dunn", EntityKind::Person),
            Entity("Mary Hale", EntityKind::Person),
        ],
    );
}

#[test]
fn a_clause_after_a_listener_needs_no_that() {
    check(
        "The Interior Ministry spokesman, Omar Faris, told reporters the attack killed 12 people.",
        &[
            Statement(
                "Omar Faris",
                StatementKind::Reported,
                "the attack killed 12 people",
            ),
            NoStatementBy("Interior Ministry"),
        ],
    );
    check(
        "Karl Dunn told lawmakers the company supported the bill.",
        &[Statement(
            "Karl Dunn",
            StatementKind::Reported,
            "the company supported the bill",
        )],
    );
    check(
        "Mary Hale told the committee she had warned the mayor.",
        &[Statement(
            "Mary Hale",
            StatementKind::Reported,
            "she had warned the mayor",
        )],
    );
    // Not a clause: an infinitive, a noun phrase without a verb, and a
    // preposition before "that" (the clause is the one after "that").
    check(
        "Anna Berg told him to leave. Lena Moe told her the news.",
        &[NoStatements],
    );
    check(
        "Karl Dunn told media in a chat that the plan was dead.",
        &[
            Statement("Karl Dunn", StatementKind::Reported, "the plan was dead"),
            NoStatementWith("chat"),
        ],
    );
}

#[test]
fn sources_employers_and_listed_companies_are_organizations() {
    check(
        "According to Korvath, the ministry will propose new rules next week.",
        &[
            Entity("Korvath", EntityKind::Organization),
            Statement(
                "Korvath",
                StatementKind::Reported,
                "the ministry will propose",
            ),
        ],
    );
    check(
        "A spokesperson for Lumio declined to comment. Tom Hart, an analyst at Brevik, said the outlook was weak.",
        &[
            Entity("Lumio", EntityKind::Organization),
            Entity("Brevik", EntityKind::Organization),
        ],
    );
    check(
        "Zentrix shares rose 3% after the chipmaker reported strong earnings. Orvane's stock fell.",
        &[
            Entity("Zentrix", EntityKind::Organization),
            Entity("Orvane", EntityKind::Organization),
        ],
    );
    // A verb "shares", a part of a longer name, a person named earlier
    // (the person, not an organization, is the source).
    check(
        "Zentrix shares his view. The spokesman of Valdren and Kestor, Ann Moe, declined to comment. Karl Dunn spoke first, according to Dunn.",
        &[
            NoEntity("Zentrix"),
            NoEntity("Valdren"),
            Statement("Karl Dunn", StatementKind::Reported, "spoke first"),
        ],
    );
}

#[test]
fn descriptions_set_off_by_commas_leave_the_speaker() {
    // A description between the name and the cue.
    check(
        "Tom Hart, an analyst at the bank, said the outlook was weak. Ann Moe, 45, said she was tired.",
        &[
            Statement("Tom Hart", StatementKind::Reported, "the outlook was weak"),
            Statement("Ann Moe", StatementKind::Reported, "she was tired"),
        ],
    );
    // A long relative clause after the speaker of an inverted cue.
    check(
        "Karl Dunn told reporters that nobody had been hurt.\n\n“We are ready to help in any way we can,” said Mary Hale, who has led the Bank of Valdren since 2017.",
        &[
            Statement("Mary Hale", StatementKind::Direct, "ready to help"),
            Statement("Karl Dunn", StatementKind::Reported, "nobody had been hurt"),
        ],
    );
}

#[test]
fn an_aside_about_the_occasion_leaves_the_speaker() {
    check(
        "Finance Minister Lena Ortiz, speaking to reporters in Madrid, said the budget would not change. \
         Karl Dunn, in a statement on Monday, said the mine would reopen in May.",
        &[
            Statement("Lena Ortiz", StatementKind::Reported, "the budget would not change"),
            Statement("Karl Dunn", StatementKind::Reported, "the mine would reopen"),
        ],
    );
    // A name governed by a preposition is no subject.
    check(
        "Analysts at Goldman Sachs, speaking on condition of anonymity, said the budget would not change.",
        &[Entity("Goldman Sachs", EntityKind::Organization), NoStatementBy("Goldman Sachs")],
    );
}

#[test]
fn made_clear_is_a_cue() {
    check(
        "Finance Minister Lena Ortiz made clear that the budget would not change. \
         Karl Dunn has made it clear that the mine would reopen in May.",
        &[
            Statement(
                "Lena Ortiz",
                StatementKind::Reported,
                "the budget would not change",
            ),
            Statement(
                "Karl Dunn",
                StatementKind::Reported,
                "the mine would reopen",
            ),
        ],
    );
}

#[test]
fn aid_rights_and_research_bodies_are_organizations_whole() {
    // Known names go on over a lowercase connecting word.
    check(
        "Save the Children warned of famine. The Committee to Protect Journalists said 12 reporters had died. \
         Analysts at the Council on Foreign Relations disagreed.",
        &[
            Entity("Save the Children", EntityKind::Organization),
            Entity("Committee to Protect Journalists", EntityKind::Organization),
            Entity("Council on Foreign Relations", EntityKind::Organization),
            NoEntity("Children"),
            NoEntity("Protect Journalists"),
            NoEntity("Foreign Relations"),
        ],
    );
    check(
        "A system backed by the British Red Cross was dropped. Doctors Without Borders said its clinic was hit.",
        &[
            Entity("British Red Cross", EntityKind::Organization),
            Entity("Médecins Sans Frontières", EntityKind::Organization),
            NoEntity("Red Cross"),
            Statement(
                "Médecins Sans Frontières",
                StatementKind::Reported,
                "its clinic was hit",
            ),
        ],
    );
}

#[test]
fn news_agencies_and_movements_are_organizations() {
    // "Hamas" is also a GeoNames name of the German city of Hamm; the
    // organization wins.
    check(
        "Hamas said in a statement that it had accepted the proposal. Hezbollah fired rockets, and Karl Dunn told Reuters the talks had stalled.",
        &[
            Entity("Hamas", EntityKind::Organization),
            NoEntity("Hamm"),
            Entity("Hezbollah", EntityKind::Organization),
            Entity("Reuters", EntityKind::Organization),
            Statement("Hamas", StatementKind::Reported, "accepted the proposal"),
            Statement("Karl Dunn", StatementKind::Reported, "the talks had stalled"),
        ],
    );
}

#[test]
fn dutch_particles_join_a_name() {
    check(
        "Lumio manager Joris ten Berge said his team had been unlucky. Anna ter Horst saved a penalty.",
        &[
            Entity("Joris ten Berge", EntityKind::Person),
            Entity("Anna ter Horst", EntityKind::Person),
            NoEntity("Joris"),
            Statement("Joris ten Berge", StatementKind::Reported, "had been unlucky"),
        ],
    );
}

#[test]
fn a_given_name_and_a_surname_that_is_a_head_word_name_a_speaker() {
    check(
        "Ruth Church said the school would reopen. Lena Park told reporters that the road was closed.",
        &[
            Entity("Ruth Church", EntityKind::Person),
            Entity("Lena Park", EntityKind::Person),
            Statement("Ruth Church", StatementKind::Reported, "would reopen"),
            Statement("Lena Park", StatementKind::Reported, "the road was closed"),
        ],
    );
    // Without a speech verb, after a given name that is also a place, or
    // with a company's suffix, the head word decides.
    check(
        "Crowds filled Ruth Park on Sunday. Lincoln Center said the concert was sold out. Dana Corp said sales rose.",
        &[
            Entity("Ruth Park", EntityKind::Place),
            Entity("Dana Corp", EntityKind::Organization),
            Entity("Lincoln Center", EntityKind::Organization),
        ],
    );
}

#[test]
fn a_prepositional_phrase_after_a_cue_is_no_statement() {
    check(
        "Karl Dunn said over the weekend. Lena Moe argued with the referee.",
        &[NoStatements],
    );
    check(
        "Anna Berg said by phone that the plan was dead.",
        &[
            Statement("Anna Berg", StatementKind::Reported, "the plan was dead"),
            NoStatementWith("phone"),
        ],
    );
}

#[test]
fn news_outlets_are_organizations_with_or_without_their_article() {
    check(
        "Karl Dunn told the Guardian the talks had stalled. The Economist reported that growth slowed across the region. Lena Moe told The Globe and Mail that the plan was dead.",
        &[
            Entity("The Guardian", EntityKind::Organization),
            Entity("The Economist", EntityKind::Organization),
            Entity("The Globe and Mail", EntityKind::Organization),
            Statement("Karl Dunn", StatementKind::Reported, "the talks had stalled"),
            Statement("The Economist", StatementKind::Reported, "growth slowed"),
            Statement("Lena Moe", StatementKind::Reported, "the plan was dead"),
            NoStatementWith("Mail"),
        ],
    );
    // Without its article the word is no outlet.
    check(
        "Guardian angels patrol the subway, and Economist Ann Hale said prices rose.",
        &[NoEntity("The Guardian"), NoEntity("The Economist")],
    );
}

#[test]
fn known_names_go_on_over_and() {
    check(
        "The minister of Trinidad and Tobago met officials of the Food and Agriculture Organization in Rome. Bosnia and Herzegovina Prime Minister Karl Dunn said the vote would go ahead.",
        &[
            Entity("Trinidad and Tobago", EntityKind::Place),
            Entity("Food and Agriculture Organization", EntityKind::Organization),
            Entity("Bosnia and Herzegovina", EntityKind::Place),
            NoEntity("Tobago"),
            NoEntity("Agriculture Organization"),
            RoleLabel("Karl Dunn", "Prime Minister", "Bosnia and Herzegovina"),
        ],
    );
    // A district named "Central and Western" is no name inside a longer
    // run, and two names joined by "and" stay two.
    check(
        "Prices rose in Central and Western Europe. Officials from France and Germany met in Paris.",
        &[
            NoEntity("Central and Western"),
            Entity("France", EntityKind::Place),
            Entity("Germany", EntityKind::Place),
        ],
    );
}

#[test]
fn a_lone_head_word_is_no_alias_of_the_longer_name() {
    // The lone "Organisation" (of a name the run does not hold) is taken
    // for the one longer organization of the article; as an alias it would
    // join every organization so shortened in other articles.
    let text = "Ann Moe, the prime minister of Organisation internationale des Pecheurs, told reporters that the new rail link to Bamako would open before the end of the year. The Organisation of Lake States said it would act.";
    let extraction = extract(&Document::new("case.txt", text));
    let organisation = extraction
        .entities
        .iter()
        .find(|entity| entity.name == "Organisation of Lake States")
        .expect("the organisation is found");
    assert!(
        organisation
            .aliases
            .iter()
            .all(|alias| &**alias != "Organisation"),
        "aliases: {:?}",
        organisation.aliases
    );
}

#[test]
fn a_title_and_a_name_close_an_organization_named_with_of() {
    check(
        "Bank of Valdren Governor Ann Moe said rates would fall. Ministry of Fisheries spokesman Karl Dunn said the catch was poor.",
        &[
            Entity("Bank of Valdren", EntityKind::Organization),
            Entity("Ann Moe", EntityKind::Person),
            Entity("Ministry of Fisheries", EntityKind::Organization),
            Entity("Karl Dunn", EntityKind::Person),
            RoleLabel("Ann Moe", "Governor", "Bank of Valdren"),
            RoleLabel("Karl Dunn", "Spokesman", "Ministry of Fisheries"),
            Statement("Ann Moe", StatementKind::Reported, "rates would fall"),
        ],
    );
    // Without a name after the title the run stays one organization.
    check(
        "The Bank of Valdren Governor said rates would fall.",
        &[NoEntity("Valdren Governor")],
    );
}

#[test]
fn a_datelines_city_in_capitals_is_the_place() {
    check(
        "Headline of the story\n\nLONDON, Dec 7 (Reuters) - Shares rose on Monday as investors bet on cuts.\n\nKYIV (AP) — Officials said the attack killed 12 people.",
        &[
            Entity("London", EntityKind::Place),
            Entity("Kyiv", EntityKind::Place),
        ],
    );
    // An acronym at a paragraph's start that names no place stays one.
    check(
        "Headline of the story\n\nOPEC, the oil cartel, said output would rise.",
        &[Entity("OPEC", EntityKind::Organization)],
    );
}

#[test]
fn a_city_before_a_role_in_a_team_is_its_club() {
    check(
        "Liverpool striker Karl Dunn scored twice. The match was played in Liverpool.",
        &[
            Entity("Liverpool", EntityKind::Organization),
            Entity("Liverpool", EntityKind::Place),
            RoleLabel("Karl Dunn", "Striker", "Liverpool"),
        ],
    );
    // A manager may be a company's: after a possessive, the city stays a
    // place.
    check(
        "Its London manager Ann Moe said sales rose.",
        &[Entity("London", EntityKind::Place)],
    );
}

#[test]
fn a_clause_before_a_cue_needs_a_subject_between() {
    check(
        "Karl Dunn, the club's manager, said nothing. The plan is dead, Tom Hart said.",
        &[
            NoStatementWith("manager"),
            Statement("Tom Hart", StatementKind::Reported, "The plan is dead"),
        ],
    );
    // In the inverted order the speaker follows the cue, and a given name
    // and a head word that is a surname name a person there too.
    check(
        "“We will win the league this year,” said Lena Park.",
        &[
            Entity("Lena Park", EntityKind::Person),
            Statement("Lena Park", StatementKind::Direct, "win the league"),
        ],
    );
}

#[test]
fn two_people_joined_by_and_before_met_met_each_other() {
    check(
        "Valdrian Chancellor Karl Dunn and Ostrian President Lena Moe met in Berlin on Tuesday. Ann Berg and Tom Hart spoke by phone.",
        &[
            Relation("Karl Dunn", Predicate::Met, "Lena Moe"),
            Relation("Ann Berg", Predicate::SpokeWith, "Tom Hart"),
        ],
    );
    // With a person after the verb, both met that person, not each other;
    // an intention is no meeting.
    check(
        "Ann Berg and Tom Hart met Sam Ito in Rome. Karl Dunn and Lena Moe would meet later.",
        &[
            NoRelation("Ann Berg", Predicate::Met, "Tom Hart"),
            NoRelation("Karl Dunn", Predicate::Met, "Lena Moe"),
            Relation("Tom Hart", Predicate::Met, "Sam Ito"),
        ],
    );
}

#[test]
fn a_time_after_a_cue_opens_a_clause_without_that() {
    check(
        "Karl Dunn said on Sunday the talks would resume. Lena Moe said last week she would resign from the board. Ann Berg said earlier this month the deal was done.",
        &[
            Statement("Karl Dunn", StatementKind::Reported, "the talks would resume"),
            Statement("Lena Moe", StatementKind::Reported, "she would resign"),
            Statement("Ann Berg", StatementKind::Reported, "the deal was done"),
            NoStatementWith("Sunday"),
        ],
    );
    check("Tom Hart said on Monday in a statement.", &[NoStatements]);
}

#[test]
fn a_participle_cue_after_a_comma_keeps_its_own_that() {
    // "adding that" is a statement of its own: "said" keeps the quotation
    // before it, which went to the last speaker in focus.
    check(
        "Lena Moe said allies must spend more on defence.\n\n“We will not back down,” Karl Dunn said in his nightly video address, adding that the drones had been shot down.",
        &[
            Statement("Karl Dunn", StatementKind::Direct, "We will not back down"),
            Statement("Karl Dunn", StatementKind::Reported, "the drones had been shot down"),
        ],
    );
}

#[test]
fn names_joined_by_hyphens_to_what_they_qualify_are_names() {
    check(
        "Iran-backed Hezbollah fired rockets on Sunday. The Hamas-run health ministry gave no figure. \
         A Moscow-based think tank said the war would go on.",
        &[
            Entity("Iran", EntityKind::Place),
            Entity("Hamas", EntityKind::Organization),
            Entity("Moscow", EntityKind::Place),
            NoEntity("Moscow-based"),
            Relation("Iran", Predicate::Supports, "Hezbollah"),
            NoStatements,
        ],
    );
    check(
        "The Russia-Ukraine war entered its fourth year as US-China trade talks resumed.",
        &[
            Entity("Russia", EntityKind::Place),
            Entity("Ukraine", EntityKind::Place),
            Entity("United States", EntityKind::Place),
            Entity("China", EntityKind::Place),
        ],
    );
    // Hyphenated names stay whole.
    check(
        "Guinea-Bissau signed a deal with Coca-Cola. Former Prime Minister Jean-Pierre Raffarin flew in.",
        &[
            Entity("Guinea-Bissau", EntityKind::Place),
            Entity("Coca-Cola", EntityKind::Organization),
            Entity("Jean-Pierre Raffarin", EntityKind::Person),
        ],
    );
}

#[test]
fn relation_verbs_in_the_passive_take_their_agent_after_by() {
    check(
        "Kyiv was attacked by Russia overnight. The Houthis, who are backed by Iran, seized a ship. \
         Hezbollah, backed by Iran, fired rockets. Mayor Anna Berg was criticised by Governor Karl Dunn on Tuesday. \
         Prime Minister Lena Moe has been hosted by President Tom Hart.",
        &[
            Relation("Russia", Predicate::Attacked, "Kyiv"),
            Relation("Iran", Predicate::Supports, "Houthis"),
            Relation("Iran", Predicate::Supports, "Hezbollah"),
            Relation("Karl Dunn", Predicate::Opposes, "Anna Berg"),
            Relation("Tom Hart", Predicate::Hosted, "Lena Moe"),
            NoRelation("Kyiv", Predicate::Attacked, "Russia"),
        ],
    );
    // Not a fact, not the subject's head, or no name after "by".
    check(
        "Hamas would be backed by Qatar. Germany has not been attacked by Russia. \
         The ambassador to France was criticised by Poland. Odesa was struck by missiles from Crimea.",
        &[
            NoRelation("Qatar", Predicate::Supports, "Hamas"),
            NoRelation("Russia", Predicate::Attacked, "Germany"),
            NoRelation("Poland", Predicate::Opposes, "France"),
            NoRelation("Crimea", Predicate::Attacked, "Odesa"),
        ],
    );
}

#[test]
fn a_common_word_before_a_country_names_a_national_body() {
    check(
        "A report by Environment Canada was leaked. Health Canada approved the vaccine. \
         Michael Jordan scored. Chad Smith said it was fine.",
        &[
            Entity("Environment Canada", EntityKind::Organization),
            Entity("Health Canada", EntityKind::Organization),
            Entity("Michael Jordan", EntityKind::Person),
            Entity("Chad Smith", EntityKind::Person),
            NoEntityOfKind("Environment Canada", EntityKind::Person),
        ],
    );
}

#[test]
fn a_name_has_one_kind_in_an_article() {
    // Read as an organization twice ("Ann Moe of Velmora Passion", "the
    // Velmora Passion spokesman") and as a place once ("in Velmora
    // Passion").
    check(
        "Ann Moe of Velmora Passion was elected on Sunday. The Velmora Passion spokesman declined \
         to comment. Tom Hart served in Velmora Passion for years.",
        &[
            Entity("Velmora Passion", EntityKind::Organization),
            NoEntityOfKind("Velmora Passion", EntityKind::Place),
        ],
    );
    // A person read so by a given name is a person throughout, whatever
    // the head word of the surname says elsewhere.
    check(
        "Bettie Church said the plan would fail. The board heard Bettie Church on Monday.",
        &[
            Entity("Bettie Church", EntityKind::Person),
            NoEntityOfKind("Bettie Church", EntityKind::Organization),
        ],
    );
}

#[test]
fn a_family_name_written_first_joins_its_person() {
    check(
        "Chinese Foreign Minister Wang Yi met the envoy. Wang said Beijing was ready to talk.",
        &[Statement(
            "Wang Yi",
            StatementKind::Reported,
            "Beijing was ready to talk",
        )],
    );
    // "Kim" is also a town: before a name it opens the person's.
    check(
        "North Korean leader Kim Jong Un oversaw a missile test. Kim said the country would \
         expand its arsenal.",
        &[
            Entity("Kim Jong Un", EntityKind::Person),
            NoEntityOfKind("Kim", EntityKind::Place),
            Statement("Kim Jong Un", StatementKind::Reported, "expand its arsenal"),
        ],
    );
    // Not when someone else in the article has the word as surname.
    check(
        "Wang Yi met Lisa Wang on Monday. Wang said the meeting went well.",
        &[NoStatementBy("Wang Yi")],
    );
}

#[test]
fn a_cue_after_its_clause_may_be_followed_by_a_circumstance() {
    check(
        "Karl Dunn met the envoy in Geneva on Friday, Anna Berg said, as the two countries \
         sought to ease tensions over trade.",
        &[
            Statement(
                "Anna Berg",
                StatementKind::Reported,
                "Karl Dunn met the envoy in Geneva",
            ),
            NoStatementWith("as the two countries"),
        ],
    );
    check(
        "Lena Moe said, citing energy prices, that inflation would stay high.",
        &[
            Statement(
                "Lena Moe",
                StatementKind::Reported,
                "inflation would stay high",
            ),
            NoStatementWith("citing"),
        ],
    );
    // A sign that belongs to a number stays with it.
    check(
        "Prices rose 3%, Lena Moe said.",
        &[Statement(
            "Lena Moe",
            StatementKind::Reported,
            "Prices rose 3%",
        )],
    );
    // A dateline opening the paragraph is no part of what was said.
    check(
        "Talks resumed.\n\nLONDON, Dec 7 (Reuters) - Two people were killed in the blast, Mayor Anna Berg said.",
        &[
            Statement("Anna Berg", StatementKind::Reported, "Two people were killed"),
            NoStatementWith("Reuters"),
        ],
    );
}

#[test]
fn a_surname_may_open_with_two_particles() {
    check(
        "Ursula von der Leyen met the prime minister in Rome. Von der Leyen said the deal \
         would hold.",
        &[
            Entity("Ursula von der Leyen", EntityKind::Person),
            Statement(
                "Ursula von der Leyen",
                StatementKind::Reported,
                "the deal would hold",
            ),
        ],
    );
    check(
        "The talks were led by Guillermo de la Vega, a lawyer.",
        &[Entity("Guillermo de la Vega", EntityKind::Person)],
    );
    // A given name that is also a particle opens a full name.
    check(
        "Tipper Gore met Al Gore in Oslo.",
        &[Relation("Tipper Gore", Predicate::Met, "Al Gore")],
    );
}

#[test]
fn a_name_ending_in_an_industry_word_is_a_company() {
    check(
        "Duke Energy said it would raise rates. Shares of Samsung Electronics fell after \
         Kansai Electric said the plant was safe.",
        &[
            Entity("Duke Energy", EntityKind::Organization),
            Entity("Samsung Electronics", EntityKind::Organization),
            Entity("Kansai Electric", EntityKind::Organization),
            Statement("Duke Energy", StatementKind::Reported, "raise rates"),
        ],
    );
    // The title of a minister stays a title.
    check(
        "Energy Secretary Chris Wright said prices would fall.",
        &[
            Entity("Chris Wright", EntityKind::Person),
            NoEntity("Energy Secretary Chris Wright"),
        ],
    );
}

#[test]
fn companies_of_the_company_dictionary_are_organizations() {
    check(
        "Microsoft said it would invest in the region. Shares of Nvidia rose after Pfizer \
         and Gazprom reported profits.",
        &[
            Entity("Microsoft", EntityKind::Organization),
            Entity("Nvidia", EntityKind::Organization),
            Entity("Pfizer", EntityKind::Organization),
            Entity("Gazprom", EntityKind::Organization),
            Statement("Microsoft", StatementKind::Reported, "invest in the region"),
        ],
    );
}

#[test]
fn a_brand_that_is_also_a_surname_is_the_company_when_no_one_bears_it() {
    check(
        "The European Commission fined Apple 1.8 billion euros on Monday. Apple said it \
         would appeal, and shares of Apple fell.",
        &[
            Entity("Apple", EntityKind::Organization),
            NoEntityOfKind("Apple", EntityKind::Person),
            Statement("Apple", StatementKind::Reported, "it would appeal"),
        ],
    );
    // A person of that name in the article, a title or an honorific keep
    // it a person's.
    check(
        "Fiona Apple released an album. Apple said it was her best.",
        &[
            Statement("Fiona Apple", StatementKind::Reported, "it was her best"),
            NoEntityOfKind("Apple", EntityKind::Organization),
        ],
    );
    check(
        "President Ford spoke. Mr Dell said the plan had failed.",
        &[
            Entity("Ford", EntityKind::Person),
            Entity("Dell", EntityKind::Person),
        ],
    );
}

#[test]
fn an_unknown_name_that_meets_or_is_met_is_a_person() {
    // "Margrethe" is in no list of given names.
    check(
        "Tim Cook met with Margrethe Vestager in Brussels.",
        &[
            Entity("Margrethe Vestager", EntityKind::Person),
            Relation("Tim Cook", Predicate::Met, "Margrethe Vestager"),
        ],
    );
    // Not a name with an organization's head word.
    check(
        "Officials held talks with Hamas Political Bureau members.",
        &[NoEntityOfKind("Hamas Political Bureau", EntityKind::Person)],
    );
}

#[test]
fn the_subject_of_a_relation_may_stand_before_an_appositive() {
    check(
        "Karl Dunn, 42, met Anna Berg in Oslo. Anna Berg, the mayor, visited Bergen on \
         Monday. Tim Cook, Apple's chief executive, met Lena Moe.",
        &[
            Relation("Karl Dunn", Predicate::Met, "Anna Berg"),
            Relation("Anna Berg", Predicate::Visited, "Bergen"),
            Relation("Tim Cook", Predicate::Met, "Lena Moe"),
        ],
    );
    // A clause between the commas is no appositive.
    check(
        "Karl Dunn, who met Anna Berg, visited Bergen.",
        &[NoRelation("Karl Dunn", Predicate::Visited, "Bergen")],
    );
    // A participle after a comma still takes the clause's subject.
    check(
        "Russia launched drones overnight, attacking Kyiv and Odesa.",
        &[Relation("Russia", Predicate::Attacked, "Kyiv")],
    );
}

#[test]
fn a_role_may_be_told_in_an_apposition() {
    check(
        "Hiroshi Hase, the governor of Ishikawa, said roads were cut. Britain's foreign \
         secretary, David Lammy, said the talks failed. Antony Blinken, the U.S. Secretary of \
         State, said no.",
        &[
            RoleLabel("Hiroshi Hase", "Governor", "Ishikawa"),
            RoleLabel("David Lammy", "Foreign Secretary", "United Kingdom"),
            RoleLabel("Antony Blinken", "Secretary of State", "United States"),
        ],
    );
    check(
        "The chief executive of Lumio Systems, Tom Hart, said sales rose.",
        &[RoleLabel("Tom Hart", "Chief Executive", "Lumio Systems")],
    );
    // A noun phrase that opens the reported clause is no apposition.
    check(
        "According to Anna Berg, the president of France would resign.",
        &[NoRelation("Anna Berg", Predicate::Role, "France")],
    );
}
