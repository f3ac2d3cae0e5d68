//! Labels as text: draw.io's HTML labels stripped to lines, names and notes split, and text made
//! fit for a map (no control characters, within the length limits).

/// A label as plain text with `\n` between lines. An HTML label (`html=1`) loses its tags: `<br>`
/// and block elements such as `<div>` start a line, `<script>` and `<style>` go with their
/// content, entities are decoded and runs of white space become one space, as a browser shows
/// them. A plain label only loses carriage returns.
pub(super) fn plain_text(label: &str, html: bool) -> String {
    if !html {
        return label.replace("\r\n", "\n").replace('\r', "\n");
    }
    let stripped = strip_tags(label);
    let lines = stripped
        .split('\n')
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n");
    // A closing block leaves a line break no one sees.
    lines.trim_end_matches('\n').to_owned()
}

/// Elements that end one line of text and start another.
const BLOCKS: [&str; 14] = [
    "div",
    "p",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
];

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        push_decoded(&mut out, &rest[..open]);
        let after = &rest[open + 1..];
        if let Some(comment) = after.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        // An unclosed `<` is not markup a browser would show either.
        let Some(close) = after.find('>') else {
            rest = "";
            break;
        };
        let tag = &after[..close];
        rest = &after[close + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        match name.as_str() {
            "br" => out.push('\n'),
            "script" | "style" if !closing => {
                rest = skip_element(rest, &name);
            }
            // A block starts a line, unless one just started.
            block if BLOCKS.contains(&block) && !out.is_empty() && !out.ends_with('\n') => {
                out.push('\n');
            }
            _ => {}
        }
    }
    push_decoded(&mut out, rest);
    out
}

/// What follows the closing tag of `name` (the whole rest when it is never closed).
fn skip_element<'a>(rest: &'a str, name: &str) -> &'a str {
    let closing = format!("</{name}");
    let Some(at) = find_ignoring_case(rest, &closing) else {
        return "";
    };
    let after = &rest[at..];
    after.find('>').map_or("", |end| &after[end + 1..])
}

/// Where `needle` (ASCII) starts in `haystack`, ignoring ASCII case; no allocation, so a label
/// of many scripts stays linear.
fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Text between tags, with its entities decoded and raw line breaks as spaces (HTML shows them so).
fn push_decoded(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        push_spaced(out, &rest[..amp]);
        let after = &rest[amp + 1..];
        let entity = after
            .find(';')
            .filter(|&end| end <= 10)
            .and_then(|end| entity(&after[..end]).map(|c| (c, end)));
        match entity {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    push_spaced(out, rest);
}

fn push_spaced(out: &mut String, text: &str) {
    out.extend(text.chars().map(|c| {
        if matches!(c, '\n' | '\r' | '\t') {
            ' '
        } else {
            c
        }
    }));
}

/// The character an entity name (without `&` and `;`) stands for.
fn entity(name: &str) -> Option<char> {
    let code = |digits: &str, radix| u32::from_str_radix(digits, radix).ok();
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let number = name.strip_prefix('#')?;
            let value = match number.strip_prefix(['x', 'X']) {
                Some(hex) => code(hex, 16)?,
                None => code(number, 10)?,
            };
            char::from_u32(value)
        }
    }
}

/// The first line and the rest. A label someone typed in draw.io is trimmed and may start with
/// blank lines; a label our export wrote (`exact`) is split as it is, so a name with spaces
/// around it comes back unchanged.
pub(super) fn first_line_and_rest(text: &str, exact: bool) -> (String, String) {
    if exact {
        let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
        return (first.to_owned(), rest.to_owned());
    }
    let text = text.trim_start_matches(|c: char| c.is_whitespace());
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    (first.trim().to_owned(), rest.trim().to_owned())
}

/// One line for a name or title: control characters and non-characters (a map may hold neither)
/// become spaces.
pub(super) fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if unfit(c) { ' ' } else { c })
        .collect()
}

/// Notes or a label: like [`one_line`], but line breaks and tabs stay.
pub(super) fn long_text(text: &str) -> String {
    text.chars()
        .map(|c| {
            if unfit(c) && c != '\n' && c != '\t' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn unfit(c: char) -> bool {
    c.is_control() || crate::text::is_noncharacter(c)
}

/// Cuts `text` to `max` characters; true when it was longer.
pub(super) fn cut(text: &mut String, max: usize) -> bool {
    match text.char_indices().nth(max) {
        Some((at, _)) => {
            text.truncate(at);
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_labels_lose_tags_and_keep_their_lines() {
        let text = plain_text(
            "<b>Checkout</b><br>Payments &amp; risk<div>owns <i>cart</i>&nbsp;and&#32;tax &#x263A;</div>",
            true,
        );
        assert_eq!(text, "Checkout\nPayments & risk\nowns cart and tax ☺");
    }

    #[test]
    fn scripts_styles_and_comments_are_dropped_with_their_content() {
        let text = plain_text(
            "<SCRIPT>alert('x')</script >A<style>b{}</style><!-- <b>hidden</b> -->B<script>never closed",
            true,
        );
        assert_eq!(text, "AB");
    }

    #[test]
    fn stray_ampersands_and_unclosed_tags_do_not_lose_text() {
        assert_eq!(plain_text("R&D &bogus; 3 < 4", true), "R&D &bogus; 3");
        assert_eq!(plain_text("R&D <b", false), "R&D <b");
    }

    #[test]
    fn a_typed_label_is_trimmed_and_an_exported_one_is_split_exactly() {
        assert_eq!(
            first_line_and_rest("\n  Checkout \n\n notes \n", false),
            ("Checkout".to_owned(), "notes".to_owned())
        );
        assert_eq!(
            first_line_and_rest(" Checkout \nPlatform Team", true),
            (" Checkout ".to_owned(), "Platform Team".to_owned())
        );
    }

    #[test]
    fn cut_counts_characters_not_bytes() {
        let mut text = "ééé".to_owned();
        assert!(cut(&mut text, 2));
        assert_eq!(text, "éé");
        assert!(!cut(&mut text, 2));
    }
}
