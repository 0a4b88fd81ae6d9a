//! Kobo's kepub (`--to kepub`): the EPUB with each sentence of the body in a
//! `<span class="koboSpan" id="kobo.P.S">` (the P-th text block of the file,
//! its S-th sentence), and the body inside Kobo's `book-columns`/`book-inner`
//! wrappers. Kobo's reader keeps the reading position, highlights and page
//! counts by these spans; without them it falls back to its slower EPUB engine.
//!
//! Takes rendered body XHTML (as [`super::xhtml`] writes it: well-formed,
//! attributes escaped); returns it with spans added. Never changes, moves or
//! drops a character of the text: removing the spans and wrappers gives back
//! the input (a unit test and `tests/kepub.rs` check it).
//!
//! Sentences end at `。！？` (kepubify, the usual converter, does not split
//! Chinese or Japanese sentences) and at `.!?` before a space, each with the
//! closing quotes and brackets after it. Written by hand: kepubify is a Go
//! program, and no Rust crate adds koboSpans.

/// Elements whose text is split into sentences: the text blocks.
const TEXT_BLOCKS: &[&str] = &["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption", "th", "td"];

/// Inline elements kept whole inside the sentence they stand in: a ruby
/// with its reading, an upright number, inline code, a note mark. Any other
/// element (`em`, `strong`, `a`) ends the span before it, and its text gets
/// spans of its own: a span cannot cross an element's edge.
const ATOMS: &[&str] = &["ruby", "span", "code", "sup"];

/// Marks that end a sentence wherever they stand.
fn is_cjk_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '｡')
}

/// Marks that end a sentence before white space or the end of the text.
fn is_latin_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?')
}

/// Closing quotes and brackets that belong to the sentence before them.
fn is_closer(c: char) -> bool {
    matches!(c, '」' | '』' | '”' | '’' | '）' | ')' | '】' | '〕' | '》' | '〉' | '］' | ']' | '"' | '\'' | '〞')
}

/// Escaped closers as the XHTML writer spells them.
const CLOSER_ENTITIES: &[&str] = &["&quot;", "&apos;"];

/// `body` with every sentence of its text blocks in a koboSpan, inside
/// Kobo's two wrapper divs.
pub fn add_kobo_spans(body: &str) -> String {
    let mut k = Kobo { out: String::with_capacity(body.len() * 2), ..Default::default() };
    k.out.push_str("<div id=\"book-columns\"><div id=\"book-inner\">\n");
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        k.text(&rest[..lt]);
        let end = rest[lt..].find('>').map_or(rest.len(), |e| lt + e + 1);
        k.tag(&rest[lt..end]);
        rest = &rest[end..];
    }
    k.text(rest);
    k.close_span();
    k.out.push_str("</div></div>");
    k.out
}

#[derive(Default)]
struct Kobo {
    out: String,
    /// Text blocks opened so far in this file (the P of `kobo.P.S`).
    block: u32,
    /// Spans opened in the current block (its S).
    sentence: u32,
    /// How many text blocks enclose the current point.
    block_depth: usize,
    /// Depth inside an atom (its text is copied as it is).
    atom_depth: usize,
    span_open: bool,
}

impl Kobo {
    fn open_span(&mut self) {
        if !self.span_open {
            self.sentence += 1;
            self.out.push_str(&format!("<span class=\"koboSpan\" id=\"kobo.{}.{}\">", self.block, self.sentence));
            self.span_open = true;
        }
    }

    fn close_span(&mut self) {
        if self.span_open {
            self.out.push_str("</span>");
            self.span_open = false;
        }
    }

    fn tag(&mut self, tag: &str) {
        let closing = tag.starts_with("</");
        let empty = tag.ends_with("/>");
        let name: String = tag
            .trim_start_matches("</")
            .trim_start_matches('<')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if self.atom_depth > 0 {
            self.out.push_str(tag);
            if closing {
                self.atom_depth -= 1;
            } else if !empty {
                self.atom_depth += 1;
            }
            return;
        }
        let name = name.as_str();
        if self.block_depth > 0 && !closing && (ATOMS.contains(&name) || name == "br") {
            // Part of the sentence: inside its span.
            self.open_span();
            self.out.push_str(tag);
            if !empty && name != "br" {
                self.atom_depth = 1;
            }
            return;
        }
        self.close_span();
        self.out.push_str(tag);
        if TEXT_BLOCKS.contains(&name) && !empty {
            if closing {
                self.block_depth = self.block_depth.saturating_sub(1);
            } else {
                self.block_depth += 1;
                self.block += 1;
                self.sentence = 0;
            }
        }
    }

    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if self.atom_depth > 0 || self.block_depth == 0 {
            self.out.push_str(text);
            return;
        }
        for piece in sentences(text) {
            if piece.trim().is_empty() && !self.span_open {
                self.out.push_str(piece);
                continue;
            }
            self.open_span();
            self.out.push_str(piece);
            if ends_sentence(piece) {
                self.close_span();
            }
        }
    }
}

/// `text` cut after each sentence end (with its closers and the white space
/// after it); the pieces concatenate to `text`.
pub(crate) fn sentences(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < text.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        i += c.len_utf8();
        let cjk = is_cjk_sentence_end(c);
        if !cjk && !is_latin_sentence_end(c) {
            continue;
        }
        // Further marks and closers belong to this sentence: `？！`, `。」`, `."`.
        loop {
            let next = text[i..].chars().next();
            if let Some(n) = next.filter(|&n| is_closer(n) || is_cjk_sentence_end(n) || is_latin_sentence_end(n)) {
                i += n.len_utf8();
            } else if let Some(e) = CLOSER_ENTITIES.iter().find(|e| text[i..].starts_with(**e)) {
                i += e.len();
            } else {
                break;
            }
        }
        let next = text[i..].chars().next();
        if !cjk && next.is_some_and(|n| !n.is_whitespace()) {
            continue; // 3.14, e.g., a URL
        }
        i += text[i..].len() - text[i..].trim_start().len();
        pieces.push(&text[start..i]);
        start = i;
    }
    if start < text.len() {
        pieces.push(&text[start..]);
    }
    pieces
}

/// Whether a piece from [`sentences`] ends its sentence (the last one of a
/// text may run on into the next element).
fn ends_sentence(piece: &str) -> bool {
    let mut t = piece.trim_end();
    loop {
        if let Some(e) = CLOSER_ENTITIES.iter().find(|e| t.ends_with(**e)) {
            t = &t[..t.len() - e.len()];
            continue;
        }
        match t.chars().next_back() {
            Some(c) if is_closer(c) => t = &t[..t.len() - c.len_utf8()],
            Some(c) => return is_cjk_sentence_end(c) || (is_latin_sentence_end(c) && piece != t),
            None => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The body with the spans and wrappers taken out again.
    fn without_spans(kepub: &str) -> String {
        let inner = kepub
            .trim_start_matches("<div id=\"book-columns\"><div id=\"book-inner\">\n")
            .trim_end_matches("</div></div>");
        let mut out = String::new();
        let mut rest = inner;
        while let Some(at) = rest.find("<span class=\"koboSpan\"") {
            out.push_str(&rest[..at]);
            let after = &rest[at..];
            rest = &after[after.find('>').unwrap() + 1..];
        }
        out.push_str(rest);
        // The bodies given to this have no spans of their own.
        out.replace("</span>", "")
    }

    fn spans(kepub: &str) -> Vec<String> {
        kepub
            .split("<span class=\"koboSpan\"")
            .skip(1)
            .map(|s| {
                let s = &s[s.find('>').unwrap() + 1..];
                s[..s.find("</span>").unwrap()].to_string()
            })
            .collect()
    }

    #[test]
    fn chinese_sentences_each_get_a_span() {
        let k = add_kobo_spans("<p>雨下了一夜。“你来了？”他问。</p>\n");
        assert_eq!(spans(&k), ["雨下了一夜。", "“你来了？”", "他问。"]);
        assert!(k.contains("id=\"kobo.1.1\"") && k.contains("id=\"kobo.1.3\""), "{k}");
        assert!(k.starts_with("<div id=\"book-columns\"><div id=\"book-inner\">"));
    }

    #[test]
    fn japanese_sentences_with_ruby_and_closing_brackets() {
        let body = "<p>駅は静かだった。「<ruby>終電<rp>(</rp><rt>しゅうでん</rt><rp>)</rp></ruby>は？」と聞いた。</p>";
        let k = add_kobo_spans(body);
        // A quotation ending in `？」` is a sentence, as in the Chinese case above.
        assert_eq!(spans(&k).len(), 3, "{k}");
        assert!(k.contains("id=\"kobo.1.2\">「<ruby>終電"), "the ruby stays inside its sentence: {k}");
        assert_eq!(without_spans(&k), body);
    }

    #[test]
    fn english_sentences_split_at_a_stop_and_a_space_only() {
        let k = add_kobo_spans(
            "<h1 id=\"h1\">Chapter One</h1>\n<p>It cost 3.14 pounds. &quot;Really?&quot; she said. Yes!</p>",
        );
        assert_eq!(spans(&k), ["Chapter One", "It cost 3.14 pounds. ", "&quot;Really?&quot; ", "she said. ", "Yes!"]);
        assert!(k.contains("<h1 id=\"h1\"><span class=\"koboSpan\" id=\"kobo.1.1\">Chapter One</span></h1>"), "{k}");
        assert!(k.contains("id=\"kobo.2.4\""), "the paragraph is block 2: {k}");
    }

    #[test]
    fn spans_stop_at_emphasis_and_links_and_nothing_is_lost() {
        let body =
            "<p>他说：<em>不。</em>然后走了。</p>\n<ul><li>一。二。</li></ul>\n<pre><code>a. b.</code></pre>\n<hr/>\n";
        let k = add_kobo_spans(body);
        assert_eq!(spans(&k), ["他说：", "不。", "然后走了。", "一。", "二。"]);
        assert!(k.contains("<pre><code>a. b.</code></pre>"), "code blocks are left alone: {k}");
        assert_eq!(without_spans(&k), body);
    }

    #[test]
    fn upright_numbers_stay_inside_their_sentence() {
        let body = "<p>第<span class=\"tcy\">12</span>章です。次へ。</p>";
        let k = add_kobo_spans(body);
        assert_eq!(spans(&k).len(), 2, "{k}");
        assert!(k.contains("id=\"kobo.1.1\">第<span class=\"tcy\">12</span>章です。</span>"), "{k}");
    }

    #[test]
    fn sentence_pieces_concatenate_to_the_text() {
        for t in ["", "无标点", "一。二！三？", "Hi. There", "？！」", "e.g. this"] {
            assert_eq!(sentences(t).concat(), t);
        }
        assert_eq!(sentences("好！？」下一句"), ["好！？」", "下一句"]);
    }
}
