//! Fuzzes the Kumu blueprint importer: any bytes either import into a valid map or are refused
//! with a message naming the line and column; nothing panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use teamscape::import::import_bytes;

fuzz_target!(|data: &[u8]| {
    if let Ok(imported) = import_bytes("in.json", "in", data) {
        assert_eq!(imported.doc.validate(), Ok(()), "a blueprint imported an invalid map");
    }
});
