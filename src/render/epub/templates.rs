//! The package's fixed text: XHTML/OPF/NCX templates and the stylesheet,
//! compiled once from `templates/epub/`.
//!
//! Every `{{ value }}` is XML-escaped by default; `{{ value | raw }}` is only
//! for fragments this renderer built and escaped itself (body XHTML, TOC lists).

use super::xhtml::escape;
use crate::error::{Error, Result};
use serde::Serialize;
use std::sync::LazyLock;
use upon::{fmt, Engine, Value};

pub const STYLESHEET: &str = include_str!("../../../templates/epub/book.css");
pub const CONTAINER: &str = include_str!("../../../templates/epub/container.xml");

/// The templates by name, as the engine knows them.
pub const CONTENT_OPF: &str = "content.opf";
pub const NAV_XHTML: &str = "nav.xhtml";
pub const TOC_NCX: &str = "toc.ncx";
pub const SECTION_XHTML: &str = "section.xhtml";
pub const COVER_XHTML: &str = "cover.xhtml";
pub const FONTS_CSS: &str = "fonts.css";

const SOURCES: [(&str, &str); 6] = [
    (CONTENT_OPF, include_str!("../../../templates/epub/content.opf")),
    (NAV_XHTML, include_str!("../../../templates/epub/nav.xhtml")),
    (TOC_NCX, include_str!("../../../templates/epub/toc.ncx")),
    (SECTION_XHTML, include_str!("../../../templates/epub/section.xhtml")),
    (COVER_XHTML, include_str!("../../../templates/epub/cover.xhtml")),
    (FONTS_CSS, include_str!("../../../templates/epub/fonts.css")),
];

fn xml_escaped(f: &mut fmt::Formatter<'_>, value: &Value) -> fmt::Result {
    match value {
        Value::String(s) => std::fmt::Write::write_str(f, &escape(s))?,
        other => fmt::default(f, other)?,
    }
    Ok(())
}

fn raw(f: &mut fmt::Formatter<'_>, value: &Value) -> fmt::Result {
    fmt::default(f, value)
}

static ENGINE: LazyLock<std::result::Result<Engine<'static>, String>> = LazyLock::new(|| {
    let mut engine = Engine::new();
    engine.set_default_formatter(&xml_escaped);
    engine.add_formatter("raw", raw);
    for (name, source) in SOURCES {
        engine.add_template(name, source).map_err(|e| format!("template {name}: {e}"))?;
    }
    Ok(engine)
});

/// Render template `name` with `ctx`.
pub fn render(name: &str, ctx: impl Serialize) -> Result<String> {
    let engine = ENGINE.as_ref().map_err(|e| template_error(e.clone()))?;
    engine
        .get_template(name)
        .ok_or_else(|| template_error(format!("no template named {name}")))?
        .render(ctx)
        .to_string()
        .map_err(|e| template_error(format!("{name}: {e}")))
}

fn template_error(message: String) -> Error {
    Error::Render { format: "EPUB", message }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_templates_compile() {
        assert!(ENGINE.is_ok(), "{:?}", ENGINE.as_ref().err());
    }

    #[test]
    fn values_are_escaped_unless_raw() {
        #[derive(Serialize)]
        struct Ctx {
            lang: &'static str,
            title: &'static str,
            stylesheet: &'static str,
            script: &'static str,
            body: &'static str,
        }
        let out = render(
            SECTION_XHTML,
            Ctx { lang: "en", title: "A & <B>", stylesheet: "style.css", script: "latin", body: "<p>x</p>" },
        )
        .unwrap();
        assert!(out.contains("<title>A &amp; &lt;B&gt;</title>"));
        assert!(out.contains("<p>x</p>"));
    }
}
