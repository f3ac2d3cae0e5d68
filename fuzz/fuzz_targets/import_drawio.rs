//! Fuzzes the draw.io import: any bytes give either a valid map with its report or one short
//! message that names the input; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use teamscape::import::drawio;

fuzz_target!(|data: &[u8]| {
    match drawio::read("fuzz.drawio", data) {
        Ok(imported) => {
            assert_eq!(
                imported.doc.validate(),
                Ok(()),
                "the import accepted an invalid map"
            );
            assert_eq!(imported.report.origin, "fuzz.drawio");
        }
        Err(error) => {
            let message = error.to_string();
            assert!(
                message.contains("fuzz.drawio"),
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
