//! Fuzzes the recovery-file reader: whatever it accepts is a valid map that saves and loads unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use teamscape::file::{self, recovery};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok((_original_path, doc)) = recovery::parse_recovery(text, "fuzz recovery") {
        assert_eq!(doc.validate(), Ok(()), "recovery accepted an invalid map");
        let saved = file::to_string(&doc);
        match file::parse(&saved, "saved recovery") {
            Ok(again) => assert!(again == doc, "save then load changed the recovered map"),
            Err(error) => panic!("a recovered map does not save and load: {error}"),
        }
    }
});
