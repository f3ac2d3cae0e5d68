//! How numbers and counts read to people, the same everywhere: the app, `check` and exports.

pub use crate::scene::format_percent;

/// "1 team", "3 teams", "0 teams".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_the_singular_only_for_one() {
        assert_eq!(plural(1, "item", "items"), "1 item");
        assert_eq!(plural(0, "item", "items"), "0 items");
        assert_eq!(plural(2, "team", "teams"), "2 teams");
    }
}
