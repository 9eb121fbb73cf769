//! Extraction of arbitrary text: must never panic, and every span it
//! returns must lie inside the text on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::extract::{extract, Document};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let document = Document::new("fuzz.txt", text);
    let found = extract(&document);
    let spans = found
        .entities
        .iter()
        .flat_map(|entity| entity.mentions.iter().map(|mention| mention.span))
        .chain(found.statements.iter().map(|statement| statement.span));
    for span in spans {
        assert!(
            document.text.get(span.start..span.end).is_some(),
            "span {span:?} is not a slice of the text"
        );
    }
});
