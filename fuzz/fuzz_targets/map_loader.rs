//! Fuzzes the RON map loader: whatever it accepts is valid and survives save and load unchanged;
//! whatever it refuses gets a short message that names the input.
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
            let message = error.to_string();
            assert!(
                message.contains("fuzz input"),
                "the message does not name the input: {message}"
            );
            // One clear message: whatever the input quotes, it never floods the screen.
            assert!(
                message.len() < 1_000,
                "the message is {} bytes",
                message.len()
            );
        }
    }
});
