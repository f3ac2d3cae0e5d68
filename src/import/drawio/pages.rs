//! From the text of a `.drawio` file to the XML of its first page: inline, or compressed the way
//! draw.io compresses a page (base64 of raw deflate of the URI-encoded XML).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use miniz_oxide::inflate::{TINFLStatus, decompress_to_vec_with_limit};
use percent_encoding::percent_decode_str;
use roxmltree::{Document as Xml, Node, ParsingOptions};

use super::{format_error, quoted};
use crate::import::{ImportError, Report};
use crate::model::cut_for_message;
use crate::model::limits::MAX_FILE_BYTES;
use crate::text::format_count;

/// Most XML nodes a file may have. A map at every limit (110,000 boxes and 500,000 arrows, each a
/// cell, its geometry and the white space between) needs about 2.5 million; the cap keeps a file
/// of millions of tiny elements from taking gigabytes of memory.
const MAX_XML_NODES: u32 = 4_000_000;

/// `text` as XML. A parse error names its line and column; `inside` says where that text came
/// from when it is not the file itself ("the compressed page").
pub(super) fn parse<'input>(
    origin: &str,
    text: &'input str,
    inside: Option<&str>,
) -> Result<Xml<'input>, ImportError> {
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_XML_NODES,
        ..ParsingOptions::default()
    };
    Xml::parse_with_options(text, options).map_err(|error| {
        let detail = if matches!(error, roxmltree::Error::NodesLimitReached) {
            format!(
                "more than {} XML nodes, far more than a map at every limit needs",
                format_count(MAX_XML_NODES as usize)
            )
        } else {
            let pos = error.pos();
            // roxmltree ends its message with " at row:col"; the position is said up front instead.
            let message = error.to_string().replace(&format!(" at {pos}"), "");
            // The message may quote a name from the file, which may be megabytes long.
            let message = cut_for_message(&message, 200);
            format!("line {}, column {}: {message}", pos.row, pos.col)
        };
        match inside {
            Some(place) => format_error(origin, format!("{place}, {detail}")),
            None => format_error(origin, detail),
        }
    })
}

/// What the first page holds.
pub(super) enum Content<'a, 'input> {
    /// An `<mxGraphModel>` written out, as our export and uncompressed draw.io files have it.
    Inline(Node<'a, 'input>),
    /// draw.io's compressed text, still to be unpacked with [`decompress`].
    Compressed(String),
}

/// The first page of an `<mxfile>` and its name.
pub(super) struct Page<'a, 'input> {
    pub name: String,
    pub content: Content<'a, 'input>,
}

/// The first `<diagram>` of an `<mxfile>`. Every other page is reported as skipped, by its name:
/// a map is one picture, and guessing how pages relate would be wrong more often than right.
pub(super) fn first_page<'a, 'input>(
    origin: &str,
    mxfile: Node<'a, 'input>,
    report: &mut Report,
) -> Result<Page<'a, 'input>, ImportError> {
    let pages: Vec<Node<'a, 'input>> = mxfile
        .children()
        .filter(|node| node.has_tag_name("diagram"))
        .collect();
    let Some((first, others)) = pages.split_first() else {
        return Err(ImportError::Nothing {
            origin: origin.to_owned(),
            detail: "the file has no pages (no <diagram> element)".to_owned(),
        });
    };
    for (index, page) in others.iter().enumerate() {
        let number = index + 2;
        report.skip(
            format!(
                "{origin}, page {number} {}",
                quoted(&page_name(*page, number))
            ),
            "only the first page of a diagram is imported",
        );
    }
    let name = page_name(*first, 1);
    if let Some(model) = first
        .children()
        .find(|node| node.has_tag_name("mxGraphModel"))
    {
        return Ok(Page {
            name,
            content: Content::Inline(model),
        });
    }
    let text: String = first
        .children()
        .filter_map(|node| node.text())
        .collect::<String>();
    if text.trim().is_empty() {
        return Err(ImportError::Nothing {
            origin: origin.to_owned(),
            detail: format!("its first page {} is empty", quoted(&name)),
        });
    }
    Ok(Page {
        name,
        content: Content::Compressed(text),
    })
}

/// A page's name as draw.io shows it on the tab: its `name`, else "Page-N".
fn page_name(page: Node<'_, '_>, number: usize) -> String {
    page.attribute("name")
        .map_or_else(|| format!("Page-{number}"), str::to_owned)
}

/// A compressed page as XML text. draw.io writes base64 of raw deflate of
/// `encodeURIComponent(xml)`; some older versions deflated the XML as it was, so inflated text
/// that already starts with `<` is taken as it is. Inflating stops at [`MAX_FILE_BYTES`], so a few
/// kilobytes that would unpack to gigabytes (a deflate bomb) are refused, not unpacked.
pub(super) fn decompress(origin: &str, text: &str) -> Result<String, ImportError> {
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let deflated = STANDARD.decode(compact.as_bytes()).map_err(|error| {
        format_error(
            origin,
            format!(
                "the first page is neither a diagram nor draw.io's compressed text (not base64: {error})"
            ),
        )
    })?;
    let limit = usize::try_from(MAX_FILE_BYTES).unwrap_or(usize::MAX);
    let inflated = decompress_to_vec_with_limit(&deflated, limit).map_err(|error| {
        let detail = if error.status == TINFLStatus::HasMoreOutput {
            format!(
                "the compressed page unpacks to more than {} bytes, the most a map file may hold; it was not unpacked further",
                format_count(limit)
            )
        } else {
            format!("the compressed page is damaged (it does not inflate: {error})")
        };
        format_error(origin, detail)
    })?;
    let inflated = String::from_utf8(inflated).map_err(|_| {
        format_error(
            origin,
            "the compressed page does not unpack to text (not UTF-8)",
        )
    })?;
    if inflated.trim_start().starts_with('<') {
        return Ok(inflated);
    }
    percent_decode_str(&inflated)
        .decode_utf8()
        .map(std::borrow::Cow::into_owned)
        .map_err(|_| {
            format_error(
                origin,
                "the compressed page does not unpack to text (its URI-encoding is not UTF-8)",
            )
        })
}
