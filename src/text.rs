//! How numbers and counts read to people, and how people's numbers are read back: one place for both.
//!
//! A leaf module: analysis, `check`, the scene's captions and export all format through it, so a
//! percentage or an amount reads the same everywhere.

use thiserror::Error;
use unicode_normalization::UnicodeNormalization;

/// A percentage as people write it: `"130 %"`, `"12.5 %"`, `"33.33 %"`: at most two decimals, never
/// `"-0 %"`, and never rounded onto 0 % or 100 % when it is not: 100.004 reads `"100.004 %"`, so an
/// over-allocation is never hidden by rounding.
pub fn format_percent(percent: f64) -> String {
    format!("{} %", trimmed_percent(percent))
}

/// The number part of [`format_percent`].
fn trimmed_percent(percent: f64) -> String {
    if !percent.is_finite() {
        return trimmed(percent, 2);
    }
    // Past two decimals only as far as needed to keep the value off the boundary it is not on.
    for decimals in 2..=6 {
        let shown = trimmed(percent, decimals);
        let hides = |boundary: f64| {
            shown == trimmed(boundary, 2) && (percent - boundary).abs() > PERCENT_VISIBLE
        };
        if !hides(0.0) && !hides(100.0) {
            return shown;
        }
    }
    trimmed(percent, 6)
}

/// Below this many percentage points from 0 % or 100 %, a difference is floating-point noise.
const PERCENT_VISIBLE: f64 = 1e-6;

/// A share (0–1) as a whole percentage: `"21 %"`.
pub fn format_share(share: f64) -> String {
    let whole = (share * 100.0).round();
    format!("{} %", if whole == 0.0 { 0.0 } else { whole })
}

/// An amount with thousands separators and cents only when there are any: `"18,000,000"`,
/// `"333.33"`, `"-1,234.50"`.
pub fn format_amount(amount: f64) -> String {
    if !amount.is_finite() || amount.abs() >= 1e18 {
        return format_number(amount);
    }
    let fixed = format!("{:.2}", amount.abs());
    let (whole, cents) = fixed.split_once('.').unwrap_or((&fixed, "00"));
    let grouped = group_thousands(whole);
    let sign = if amount < 0.0 && fixed != "0.00" {
        "-"
    } else {
        ""
    };
    if cents == "00" {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{cents}")
    }
}

/// An amount and its currency: `"18,000,000 EUR"`.
pub fn format_money(amount: f64, currency: &str) -> String {
    format!("{} {currency}", format_amount(amount))
}

/// An amount at a glance, for the canvas: `"18M"`, `"2.5B"`, `"750k"`, `"1,200"`.
pub fn format_amount_short(amount: f64) -> String {
    let magnitude = amount.abs();
    let (scaled, suffix) = if magnitude >= 1e9 {
        (amount / 1e9, "B")
    } else if magnitude >= 1e6 {
        (amount / 1e6, "M")
    } else if magnitude >= 1e4 {
        (amount / 1e3, "k")
    } else {
        return format_amount(amount.round());
    };
    format!("{}{suffix}", trimmed(scaled, 1))
}

/// A count with thousands separators: `"5,040"`.
pub fn format_count(count: usize) -> String {
    group_thousands(&count.to_string())
}

/// A count and the word for what is counted: `"1 team"`, `"5,040 teams"`.
pub fn plural(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", format_count(count))
    }
}

/// What a cut list leaves out: `"and 1 more problem"`, `"and 12 more problems"`.
pub fn and_more(count: usize, one: &str, many: &str) -> String {
    let what = if count == 1 { one } else { many };
    format!("and {} more {what}", format_count(count))
}

/// A number as a person reads it in a message: `"17"`, `"-3.5"`, `"1e308"` (never `"inf"` for a
/// large finite number).
pub fn format_number(value: f64) -> String {
    if value.is_nan() {
        "not a number".to_owned()
    } else if value.is_infinite() {
        if value > 0.0 { "infinity" } else { "-infinity" }.to_owned()
    } else if value != 0.0 && (value.abs() >= 1e15 || value.abs() < 1e-4) {
        format!("{value:e}")
    } else {
        format!("{value}")
    }
}

/// Text for a renderer that shapes each stretch of one font itself (so a right-to-left word comes
/// out right) but lays the stretches out left to right, as egui does: within every right-to-left
/// run, the words and the spaces between them come in reverse order, each word as written.
/// "فريق الدفع" is drawn with "فريق" on the right, where a reader of Arabic starts. Text with no
/// right-to-left letter comes back as it is.
pub fn rtl_words_in_display_order(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_bidi::{BidiClass, BidiInfo, bidi_class};
    let is_rtl_letter =
        |c: char| matches!(bidi_class(c), BidiClass::R | BidiClass::AL | BidiClass::NSM);
    // Every right-to-left letter is at U+0590 (Hebrew) or above: most names are answered without
    // a table lookup per letter, which a frame does for every name in view.
    if !text
        .chars()
        .any(|c| c >= '\u{590}' && matches!(bidi_class(c), BidiClass::R | BidiClass::AL))
    {
        return std::borrow::Cow::Borrowed(text);
    }
    let bidi = BidiInfo::new(text, None);
    let mut out = String::with_capacity(text.len());
    for paragraph in &bidi.paragraphs {
        let (levels, runs) = bidi.visual_runs(paragraph, paragraph.range.clone());
        for run in runs {
            let stretch = &text[run.clone()];
            if !levels[run.start].is_rtl() {
                out.push_str(stretch);
                continue;
            }
            // Words and what separates them, each kept whole, in reverse order.
            let mut pieces: Vec<&str> = Vec::new();
            let mut start = 0;
            let mut letters = None;
            for (i, c) in stretch.char_indices() {
                let here = is_rtl_letter(c);
                if letters.is_some_and(|l| l != here) {
                    pieces.push(&stretch[start..i]);
                    start = i;
                }
                letters = Some(here);
            }
            pieces.push(&stretch[start..]);
            for piece in pieces.into_iter().rev() {
                out.push_str(piece);
            }
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Text as it may reach a terminal: control characters (but newline and tab), bidirectional
/// overrides and non-characters are written as `\u{1b}`, so a name cannot recolour, clear or
/// rearrange the reader's terminal.
pub fn for_terminal(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(risky_in_terminal) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut safe = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if risky_in_terminal(c) {
            safe.push_str(&c.escape_unicode().to_string());
        } else {
            safe.push(c);
        }
    }
    std::borrow::Cow::Owned(safe)
}

fn risky_in_terminal(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        || is_noncharacter(c)
}

/// Text from another tool as one line, as a name must be: line breaks and tabs become spaces
/// (a name typed with Alt+Enter in a spreadsheet cell), other control characters and
/// non-characters are dropped, and the ends are trimmed.
pub fn one_line(text: &str) -> String {
    let line: String = text
        .chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() || is_noncharacter(c) => None,
            c => Some(c),
        })
        .collect();
    line.split(' ')
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text from another tool as notes and labels may hold it: line breaks (`\r\n` and `\r` read as
/// `\n`) and tabs stay, other control characters and non-characters are dropped.
pub fn multi_line(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter_map(|c| match c {
            '\r' => Some('\n'),
            '\n' | '\t' => Some(c),
            c if c.is_control() || is_noncharacter(c) => None,
            c => Some(c),
        })
        .collect()
}

/// Unicode's non-characters (U+FDD0–U+FDEF and the last two code points of every plane): never
/// text, and not allowed in XML.
pub fn is_noncharacter(c: char) -> bool {
    let code = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&code) || code & 0xFFFE == 0xFFFE
}

/// A number with at most `decimals` decimals and no trailing zeros; never `"-0"`.
fn trimmed(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return format_number(value);
    }
    let fixed = format!("{value:.decimals$}");
    let fixed = if fixed.contains('.') {
        fixed.trim_end_matches('0').trim_end_matches('.')
    } else {
        &fixed
    };
    if fixed == "-0" {
        "0".to_owned()
    } else {
        fixed.to_owned()
    }
}

fn group_thousands(digits: &str) -> String {
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// Why a number a person typed cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ParseError {
    #[error("nothing to read: type a number")]
    Empty,
    #[error("\"{0}\" is not a number")]
    NotANumber(String),
    #[error("\"{0}\" has a comma that is not a thousands separator; write decimals with a dot")]
    BadGrouping(String),
    #[error("\"{0}\" names two currencies")]
    TwoCurrencies(String),
    #[error("\"{0}\" is negative; it must be 0 or more")]
    Negative(String),
    #[error("\"{0}\" is too large")]
    TooLarge(String),
}

/// A budget as people write it, and its currency when it names one.
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedAmount {
    pub amount: f64,
    /// Upper case: `"EUR"`.
    pub currency: Option<String>,
}

/// Reads a budget as people write it: `"18M"`, `"1.5k"`, `"18,000,000"`, `"18 000 000 EUR"`,
/// `"€18M"`, `"$2.5m"`, `"eur 300"`. The currency comes back in upper case.
pub fn parse_amount(input: &str) -> Result<ParsedAmount, ParseError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(ParseError::Empty);
    }
    let mut currency = None;
    let mut rest = text;
    for (symbol, code) in [("€", "EUR"), ("$", "USD"), ("£", "GBP"), ("¥", "JPY")] {
        if let Some(after) = rest.strip_prefix(symbol) {
            currency = Some(code.to_owned());
            rest = after.trim_start();
        } else if let Some(before) = rest.strip_suffix(symbol) {
            currency = Some(code.to_owned());
            rest = before.trim_end();
        }
    }
    let code_start = rest
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_alphabetic())
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    if code_start >= 3 {
        let code = &rest[..code_start];
        set_currency(&mut currency, code, text)?;
        rest = rest[code_start..].trim_start();
    }
    let letters_from_end = rest
        .chars()
        .rev()
        .take_while(char::is_ascii_alphabetic)
        .count();
    if letters_from_end >= 3 {
        let split = rest.len() - letters_from_end;
        let code = &rest[split..];
        set_currency(&mut currency, code, text)?;
        rest = rest[..split].trim_end();
    }
    let (number, factor) = match rest.chars().last() {
        Some('k' | 'K') => (&rest[..rest.len() - 1], 1e3),
        Some('m' | 'M') => (&rest[..rest.len() - 1], 1e6),
        Some('b' | 'B') => (&rest[..rest.len() - 1], 1e9),
        _ => (rest, 1.0),
    };
    let amount = parse_grouped(number.trim_end(), text)? * factor;
    if !amount.is_finite() {
        return Err(ParseError::TooLarge(text.to_owned()));
    }
    Ok(ParsedAmount { amount, currency })
}

fn set_currency(currency: &mut Option<String>, code: &str, text: &str) -> Result<(), ParseError> {
    let code = code.to_ascii_uppercase();
    match currency {
        Some(existing) if *existing != code => Err(ParseError::TwoCurrencies(text.to_owned())),
        _ => {
            *currency = Some(code);
            Ok(())
        }
    }
}

/// A number with optional thousands separators (commas or spaces, in groups of three) and a dot
/// for decimals.
fn parse_grouped(number: &str, text: &str) -> Result<f64, ParseError> {
    if number.is_empty() {
        return Err(ParseError::NotANumber(text.to_owned()));
    }
    let (whole, decimals) = number.split_once('.').unwrap_or((number, ""));
    let groups: Vec<&str> = whole.split([',', ' ', '\u{a0}', '\u{202f}', '_']).collect();
    if groups.len() > 1 && groups[1..].iter().any(|g| g.len() != 3) {
        return Err(ParseError::BadGrouping(text.to_owned()));
    }
    let digits: String = groups.concat();
    let plain = if decimals.is_empty() && !number.ends_with('.') {
        digits
    } else {
        format!("{digits}.{decimals}")
    };
    if plain.starts_with('-') {
        return Err(ParseError::Negative(text.to_owned()));
    }
    let valid = plain.chars().all(|c| c.is_ascii_digit() || c == '.')
        && plain.chars().any(|c| c.is_ascii_digit());
    let Some(value) = valid.then(|| plain.parse::<f64>().ok()).flatten() else {
        return Err(ParseError::NotANumber(text.to_owned()));
    };
    Ok(value)
}

/// Reads a percentage as people write it: `"40"`, `"40 %"`, `"40%"`, `"12.5"`.
pub fn parse_percent(input: &str) -> Result<f64, ParseError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(ParseError::Empty);
    }
    let number = text.strip_suffix('%').unwrap_or(text).trim_end();
    let value = parse_grouped(number, text)?;
    if !value.is_finite() {
        return Err(ParseError::TooLarge(text.to_owned()));
    }
    Ok(value)
}

/// Text as it is compared when looking for a name: lower case, accents dropped, runs of spaces
/// made one. "Équipe  Paiement" and "equipe paiement" are the same.
pub fn fold(text: &str) -> String {
    let plain: String = text
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .flat_map(char::to_lowercase)
        .collect();
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One item of a typed list: a name, and the share that follows it, if any.
#[derive(Clone, Debug, PartialEq)]
pub struct ListItem {
    pub text: String,
    pub name: String,
    pub percent: Option<f64>,
}

/// `checkout 12, search 10 %; mobile` → items, split on `,`, `;` and `|` (as Kumu does). With
/// `shares`, a number at the end of an item is its share.
pub fn parse_list(text: &str, shares: bool) -> Vec<ListItem> {
    text.split([',', ';', '|'])
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| {
            let (name, percent) = if shares {
                split_share(item)
            } else {
                (item, None)
            };
            ListItem {
                text: item.to_owned(),
                name: name.to_owned(),
                percent,
            }
        })
        .collect()
}

/// `"search 10 %"` → `("search", Some(10.0))`; a name alone has no share.
fn split_share(item: &str) -> (&str, Option<f64>) {
    let Some(split) = item.rfind(char::is_whitespace) else {
        return (item, None);
    };
    let (mut name, mut number) = (item[..split].trim_end(), item[split..].trim());
    if number == "%"
        && let Some(inner) = name.rfind(char::is_whitespace)
    {
        (name, number) = (name[..inner].trim_end(), item[inner..].trim());
    }
    match parse_percent(number) {
        Ok(percent) if !name.is_empty() => (name, Some(percent)),
        _ => (item, None),
    }
}

#[cfg(test)]
mod tests;
