//! Finds comments in map text, so `fmt` can refuse to drop them instead of dropping them in silence.

/// The line (1-based) of the first `//` or `/* */` comment outside a string, if the text has one.
pub fn first_comment_line(text: &str) -> Option<usize> {
    let mut line = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => line += 1,
            '"' => {
                while let Some(s) = chars.next() {
                    match s {
                        '\\' if chars.next() == Some('\n') => line += 1,
                        '\n' => line += 1,
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '/' if matches!(chars.peek(), Some('/' | '*')) => return Some(line),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::first_comment_line;

    #[test]
    fn comments_are_found_with_their_line() {
        assert_eq!(first_comment_line("(\n  // why\n)"), Some(2));
        assert_eq!(first_comment_line("(a: 1, /* x */)"), Some(1));
    }

    #[test]
    fn slashes_inside_strings_are_not_comments() {
        assert_eq!(first_comment_line("(name: \"a // b /* c\")"), None);
        assert_eq!(first_comment_line("(name: \"say \\\"//\\\"\")"), None);
        assert_eq!(first_comment_line("(x: 1.0 / 2.0)"), None);
    }
}
