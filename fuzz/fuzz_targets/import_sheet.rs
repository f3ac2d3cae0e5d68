//! Fuzzes the spreadsheet importers: any bytes, read as a CSV file and as a workbook (XLSX, ODS),
//! either import into a valid map or are refused with a message; nothing panics, and nothing
//! grows without bound (the workbook guard caps unpacked parts and the cells a sheet may span).
#![no_main]

use libfuzzer_sys::fuzz_target;
use teamscape::import::import_bytes;

fuzz_target!(|data: &[u8]| {
    for origin in ["in.csv", "in.xlsx", "in.ods"] {
        if let Ok(imported) = import_bytes(origin, "in", data) {
            assert_eq!(imported.doc.validate(), Ok(()), "{origin} imported an invalid map");
            assert!(!imported.report.read.is_empty(), "{origin}: a report says what was read");
        }
    }
});
