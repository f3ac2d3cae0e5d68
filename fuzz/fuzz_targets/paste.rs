//! Fuzzes pasting text into a small map: a paste either applies and leaves a valid map that undo
//! restores exactly, or is refused without touching the map.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use teamscape::file::clipboard;
use teamscape::generate::{GenerateOptions, generate};
use teamscape::model::Document;

static TARGET: LazyLock<Document> = LazyLock::new(|| {
    generate(GenerateOptions {
        teams: 6,
        links: 6,
        seed: 8,
    })
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let start: &Document = &TARGET;
    let Ok(paste) = clipboard::paste(start, text, |_| (24.0, 24.0)) else {
        return;
    };
    let mut doc = start.clone();
    match paste.edit.apply(&mut doc) {
        Ok(inverse) => {
            assert_eq!(doc.validate(), Ok(()), "a paste left an invalid map");
            for id in &paste.new_nodes {
                assert!(doc.node_kind(*id).is_some(), "pasted node {id} is missing");
            }
            if let Err(error) = inverse.apply(&mut doc) {
                panic!("undoing a paste failed: {error}");
            }
            assert!(doc == *start, "undoing a paste did not restore the map");
        }
        Err(_) => assert!(doc == *start, "a refused paste changed the map"),
    }
});
