//! Test fixtures shared by the join rules' tests: paragraphs hard-wrapped the
//! way a fixed-width viewer or an extractor without blank lines gives them.

/// `paragraphs` wrapped greedily at `width` characters, one line after
/// another with no blank line between paragraphs, and whether some paragraph
/// but the last ends on a line the next paragraph's first word would not have
/// fitted on (its end is then a coin flip for the width test alone).
pub(super) fn wrapped_without_blanks(paragraphs: &[&str], width: usize) -> (String, bool) {
    let (mut text, mut coin_flip) = (String::new(), false);
    for (k, paragraph) in paragraphs.iter().enumerate() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                text += &line;
                text.push('\n');
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line += word;
        }
        let next_word = paragraphs.get(k + 1).map_or(0, |p| p.split_whitespace().next().unwrap_or("").chars().count());
        coin_flip |= k + 1 < paragraphs.len() && line.chars().count() + 1 + next_word > width;
        text += &line;
        text.push('\n');
    }
    (text, coin_flip)
}
