#!/usr/bin/env python3
"""Write a Typst source from bindery's `--to json` model, so Typst sets the
same structure (title, headings, paragraphs) that bindery found: the
structure is given to Typst by hand, its typesetting alone is measured.

    python3 bench/typst_from_json.py BOOK.json BOOK.typ FONT_NAME LANG
"""
import json
import sys


def lit(text):
    """A Typst string literal: the text is never read as markup."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def main():
    src, out, font, lang = sys.argv[1:5]
    with open(src, encoding="utf-8") as f:
        book = json.load(f)
    lines = [
        f'#set page(paper: "a5", margin: (inside: 20mm, outside: 15mm, y: 18mm), numbering: "1")',
        f'#set text(font: {lit(font)}, size: 10.5pt, lang: {lit(lang)})',
        "#set par(justify: true, first-line-indent: 2em)",
        "#set heading(numbering: none)",
        f"#align(center, text(size: 20pt, {lit(book.get('title', ''))}))",
        "#pagebreak()",
        "#outline()",
        "#pagebreak()",
    ]
    for block in book.get("blocks", []):
        text = block.get("text", "")
        if not text.strip():
            continue
        if block.get("type") == "heading":
            lines.append(f"#heading(level: {int(block.get('level', 1))}, {lit(text)})")
        else:
            for para in text.split("\n"):
                if para.strip():
                    lines.append(f"#{lit(para)}")
                    lines.append("")
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
