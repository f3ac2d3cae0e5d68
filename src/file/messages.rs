//! The parser's complaints in plain words: field and item names as a user reads them, numbers with
//! the field they belong to, and the true nesting depth, never the parser's internal notation.

use crate::model::cut_for_message;

/// The parser quotes field and variant names from the file; a hostile one could be megabytes long.
const MAX_QUOTED_CHARS: usize = 60;

/// What `error`, found at `line`:`column` (1-based) of `text`, means to a person.
pub(super) fn plain(error: &ron::Error, text: &str, line: usize, column: usize) -> String {
    use ron::Error as E;
    let quoted = |s: &str| format!("{:?}", cut_for_message(s, MAX_QUOTED_CHARS));
    let inside = |outer: &Option<String>| {
        outer.as_deref().map_or(String::new(), |o| {
            format!(" in a {}", cut_for_message(o, MAX_QUOTED_CHARS))
        })
    };
    let field = field_before(text, line, column);
    let of_field = field
        .as_deref()
        .map_or(String::new(), |f| format!(" for {f}"));
    match error {
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => format!(
            "unknown field {}{}; the fields are {}",
            quoted(found),
            inside(outer),
            expected.join(", ")
        ),
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => format!(
            "unknown {} {}; it must be one of {}",
            outer.as_deref().map_or("kind", |o| cut_for_message_str(o)),
            quoted(found),
            expected.join(", ")
        ),
        E::MissingStructField { field, outer } => {
            format!("the field {field} is missing{}", inside(outer))
        }
        E::DuplicateStructField { field, outer } => {
            format!("the field {field} appears twice{}", inside(outer))
        }
        E::IntegerOutOfBounds => format!(
            "the number{of_field} is out of range (negative, or too large for a whole number)"
        ),
        E::ExpectedInteger => format!("expected a whole number{of_field}"),
        E::ExpectedFloat => format!("expected a number{of_field}"),
        E::InvalidValueForType { expected, found } => format!(
            "expected {expected}{of_field}, found {}",
            cut_for_message(found, MAX_QUOTED_CHARS)
        ),
        E::ExceededRecursionLimit => format!(
            "brackets nested {} levels deep, deeper than Teamscape reads (a map needs about 5)",
            crate::text::format_count(nesting_depth(text))
        ),
        other => {
            let said = other.to_string().replace("_[invalid identifier]", "");
            let said = cut_for_message(&said, MAX_QUOTED_CHARS * 4);
            let mut chars = said.chars();
            chars.next().map_or(said.clone(), |first| {
                first.to_lowercase().chain(chars).collect()
            })
        }
    }
}

fn cut_for_message_str(text: &str) -> &str {
    match text.char_indices().nth(MAX_QUOTED_CHARS) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

/// The field whose value starts near `line`:`column`: the identifier before the nearest `:` to
/// the left on that line.
fn field_before(text: &str, line: usize, column: usize) -> Option<String> {
    let line_text = text.lines().nth(line.checked_sub(1)?)?;
    let before: String = line_text.chars().take(column.saturating_sub(1)).collect();
    let colon = before.rfind(':')?;
    let name: String = before[..colon]
        .trim_end()
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    (!name.is_empty()).then_some(name)
}

/// The deepest bracket nesting in `text`, outside strings and comments.
fn nesting_depth(text: &str) -> usize {
    let (mut depth, mut deepest) = (0_usize, 0_usize);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                while let Some(s) = chars.next() {
                    match s {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '/' if chars.peek() == Some(&'/') => {
                for s in chars.by_ref() {
                    if s == '\n' {
                        break;
                    }
                }
            }
            '(' | '[' | '{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}
