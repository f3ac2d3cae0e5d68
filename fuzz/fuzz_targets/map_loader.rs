//! Fuzzes the RON map loader: whatever it accepts is valid and survives save and load unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use teamscape::file;

fuzz_target!(|data: &[u8]| {
    match file::parse_bytes(data, "fuzz input") {
        Ok(doc) => {
            assert_eq!(doc.validate(), Ok(()), "the loader accepted an invalid map");
            let text = file::to_string(&doc);
            let again = match file::parse(&text, "saved fuzz input") {
                Ok(again) => again,
                Err(error) => panic!("a saved map does not load: {error}\n{text}"),
            };
            assert!(again == doc, "save then load changed the map");
            assert_eq!(file::to_string(&again), text, "saving is not byte-stable");
        }
        Err(error) => {
            assert!(
                error.to_string().contains("fuzz input"),
                "the message does not name the input: {error}"
            );
        }
    }
});
