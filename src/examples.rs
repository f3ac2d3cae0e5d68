//! The example maps bundled into the binary, so a new user always has something to open.

/// A bundled example map: its file name and RON text.
pub struct Example {
    pub name: &'static str,
    pub file_name: &'static str,
    pub text: &'static str,
}

pub const EXAMPLES: &[Example] = &[Example {
    name: "Northwind Commerce",
    file_name: "northwind.ron",
    text: include_str!("../assets/examples/northwind.ron"),
}];

/// The map a user sees when starting Teamscape without a file.
pub fn default_example() -> &'static Example {
    &EXAMPLES[0]
}
