#!/usr/bin/env python3
"""Case factory, plain-text half: a source document saved the way a plain-text author or an
e-text site saves it, in a legacy encoding, with no typesetter and no extractor in between.

    python3 corpus/factory/plaintext.py [--cases corpus/cases]

Each entry of FILES writes corpus/cases/<id>.txt.<encoding>/input.txt, the exact bytes of
that file; make.py then derives truth.json (with "encoding" set) and expected.json as for the
PDF cases. The layouts follow what such files look like in the wild:

  gbk        a zh-Hans web-novel TXT: title and author lines, chapter heads on lines of
             their own, paragraphs indented with two ideographic spaces and separated by a
             blank line, CRLF line ends (Windows editors);
  shift_jis  a Japanese TXT (cp932): title, author, a rule of dashes, heads on their own
             lines, one paragraph per line led by an ideographic space, dialogue lines 「…」
             unindented, no blank lines between paragraphs, CRLF;
  big5       a zh-Hant TXT (Big5; Big5-HKSCS bytes for 〇) hard-wrapped at 36 characters as old BBS and
             mailing-list texts are, paragraphs indented and separated by a blank line, LF;
  utf-8      a Project-Gutenberg-style e-text: the header with Title/Author/Release lines,
             the START and END markers, a contents list, CHAPTER heads over their titles in
             capitals, text wrapped at 72 columns, and a licence footer, CRLF, UTF-8 with BOM;
  windows-1252  an older Gutenberg-style e-text: "This eBook is for the use of anyone…",
             "*** START OF THIS PROJECT GUTENBERG EBOOK", a "Produced by" line, the text
             wrapped at 70 columns, "End of the Project Gutenberg EBook of …" before the END
             marker; its header says ISO-8859-1 while its quotes are windows-1252 bytes
             (0x93/0x94), as in many real files; LF line ends.

Every character of the document must exist in the encoding (encode(..., "strict")): a file
that could not be saved is an error, never a silently replaced character.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.dirname(HERE)
ENGINE = "txt"  # the "engine" part of the case name: <id>.txt.<encoding>

# (doc id, encoding label in truth.json and the case name, Python codec that writes the bytes)
FILES = [
    ("zh-webnovel", "gbk", "gbk"),
    ("ja-report", "shift_jis", "cp932"),
    # Python's strict "big5" has no 〇 (U+3007, in every date of the essays); Big5-HKSCS has
    # it, and the WHATWG Big5 decoder (what browsers and encoding_rs use) reads HKSCS too
    ("zh-hant-essays", "big5", "big5hkscs"),
    ("en-victorian-novel", "utf-8", "utf-8-sig"),
    ("en-novel", "windows-1252", "cp1252"),
]
ENCODING_OF = {enc: codec for _, enc, codec in FILES}

# characters a CJK line may not start with (kinsoku): they stay on the line before
NO_LINE_START = set("，。、；：？！）」』》〉”’…—・ー")


def case_name(doc_id, enc):
    return "%s.%s.%s" % (doc_id, ENGINE, enc)


def heading_line(b, sep):
    return (b["label"] + sep + b["text"]) if b.get("label") else b["text"]


def block_texts(b):
    """The text lines a plain-text author types for one non-heading block (one per paragraph)."""
    t = b["type"]
    if t == "paragraph":
        return [b["text"]] + list(b.get("notes") or [])
    if t == "quote":
        return [b["text"]]
    if t == "list_item":
        m = b.get("marker")
        return [(m + ("" if re.search(r"[\u3000-\u9fff\uff00-\uffef]$", m) else " ") + b["text"]) if m else b["text"]]
    if t == "figure":
        return [b["caption"]]
    if t == "verse":
        return list(b["lines"])
    if t == "code":
        return [b["text"]]
    raise ValueError(t)


def wrap_cjk(s, width):
    out, line = [], ""
    for ch in s:
        if len(line) >= width and ch not in NO_LINE_START:
            out.append(line)
            line = ""
        line += ch
    if line:
        out.append(line)
    return out


def webnovel_gbk(doc):
    L = ["《%s》" % doc["title"], "作者：%s" % doc.get("author", ""), ""]
    for b in doc["blocks"]:
        if b["type"] == "heading":
            L += ["", heading_line(b, " "), ""]
            continue
        for t in block_texts(b):
            L += ["\u3000\u3000" + t, ""]
    return "\r\n".join(L) + "\r\n"


def japanese_sjis(doc):
    L = [doc["title"], doc.get("author", ""), "", "-" * 40, ""]
    for b in doc["blocks"]:
        if b["type"] == "heading":
            L += ["", heading_line(b, "\u3000"), ""]
            continue
        for t in block_texts(b):
            L.append(t if t.startswith(("「", "『", "（")) else "\u3000" + t)
    return "\r\n".join(L) + "\r\n"


def bbs_big5(doc):
    L = [doc["title"], "", doc.get("author", ""), "", ""]
    for b in doc["blocks"]:
        if b["type"] == "heading":
            L += ["", heading_line(b, " "), ""]
            continue
        for t in block_texts(b):
            L += wrap_cjk("\u3000\u3000" + t, 36) + [""]
    return "\n".join(L) + "\n"


def gutenberg_utf8(doc):
    title, author = doc["title"], doc.get("author", "")
    up = title.upper()
    L = ["The Project Gutenberg eBook of %s, by %s" % (title, author), "",
         "This ebook is for the use of anyone anywhere in the United States and",
         "most other parts of the world at no cost and with almost no restrictions",
         "whatsoever. You may copy it, give it away or re-use it under the terms",
         "of the Project Gutenberg License included with this ebook or online at",
         "www.gutenberg.org.", "",
         "Title: %s" % title, ""]
    if doc.get("subtitle"):
        L[-1:] = ["       %s" % doc["subtitle"], ""]
    L += ["Author: %s" % author, "", "Release date: March 1, 2021 [eBook #00000]", "",
          "Language: English", "", "Character set encoding: UTF-8", "",
          "*** START OF THE PROJECT GUTENBERG EBOOK %s ***" % up, "", "", "", ""]
    L += [up, ""]
    if doc.get("subtitle"):
        L += [doc["subtitle"], ""]
    L += ["BY", "", author.upper(), "", "", ""]
    heads = [b for b in doc["blocks"] if b["type"] == "heading"]
    if doc.get("contents"):
        L += ["CONTENTS", ""]
        for b in heads:
            indent = "     " if b["level"] > 1 else ""
            L.append(indent + heading_line(b, " "))
        L += ["", "", ""]
    for b in doc["blocks"]:
        if b["type"] == "heading":
            L += ["", ""]
            if b.get("label"):
                L += [b["label"], ""]
            L += [b["text"].upper() + ("" if b["text"].endswith((".", "?", "!")) else "."), "", ""]
            continue
        for t in block_texts(b):
            L += textwrap.wrap(t, 72, break_long_words=False, break_on_hyphens=False) + [""]
    L += ["", "", "*** END OF THE PROJECT GUTENBERG EBOOK %s ***" % up, "", "",
          "Updated editions will replace the previous one—the old editions will",
          "be renamed.", "",
          "Creating the works from print editions not protected by U.S. copyright",
          "law means that no one owns a United States copyright in these works,",
          "so the Foundation (and you!) can copy and distribute it in the United",
          "States without permission and without paying copyright royalties.", ""]
    return "\r\n".join(L) + "\r\n"


def old_gutenberg_cp1252(doc):
    title, author = doc["title"], doc.get("author", "")
    up = title.upper()
    L = ["The Project Gutenberg EBook of %s, by %s" % (title, author), "",
         "This eBook is for the use of anyone anywhere at no cost and with",
         "almost no restrictions whatsoever.  You may copy it, give it away or",
         "re-use it under the terms of the Project Gutenberg License included",
         "with this eBook or online at www.gutenberg.net", "", "",
         "Title: %s" % title, "", "Author: %s" % author, "",
         "Release Date: May 5, 2008 [EBook #00000]", "", "Language: English", "",
         "Character set encoding: ISO-8859-1", "",
         "*** START OF THIS PROJECT GUTENBERG EBOOK %s ***" % up, "", "", "", "",
         "Produced by the Online Distributed Proofreading Team", "", "", "", "",
         up, "", "", "by", "", author, "", "", ""]
    for b in doc["blocks"]:
        if b["type"] == "heading":
            L += ["", "", ""]
            if b.get("label"):
                L += [b["label"], ""]
            L += [b["text"], "", ""]
            continue
        for t in block_texts(b):
            L += textwrap.wrap(t, 70, break_long_words=False, break_on_hyphens=False) + [""]
    L += ["", "", "", "", "",
          "End of the Project Gutenberg EBook of %s, by %s" % (title, author), "",
          "*** END OF THIS PROJECT GUTENBERG EBOOK %s ***" % up, "",
          "***** This file should be named 00000-8.txt or 00000-8.zip *****", "",
          "Updated editions will replace the previous one--the old editions",
          "will be renamed.", ""]
    return "\n".join(L) + "\n"


LAYOUT = {"gbk": webnovel_gbk, "shift_jis": japanese_sjis, "big5": bbs_big5, "utf-8": gutenberg_utf8,
          "windows-1252": old_gutenberg_cp1252}

# text that is the e-text site's and not the author's: it must not reach the book
BOILERPLATE = {
    "utf-8": ["Project Gutenberg", "*** START OF THE PROJECT GUTENBERG EBOOK",
              "*** END OF THE PROJECT GUTENBERG EBOOK", "Character set encoding", "Release date:"],
    "windows-1252": ["Project Gutenberg", "*** START OF THIS PROJECT GUTENBERG EBOOK",
                     "End of the Project Gutenberg EBook", "*** END OF THIS PROJECT GUTENBERG EBOOK",
                     "Produced by the Online Distributed Proofreading Team", "Character set encoding",
                     "Release Date:", "www.gutenberg.net"],
}


def must_not_appear(enc):
    return list(BOILERPLATE.get(enc, []))


def write_all(cases_dir, docs_dir, docs=None):
    done = []
    for doc_id, enc, codec in FILES:
        if docs and doc_id not in docs:
            continue
        with open(os.path.join(docs_dir, doc_id + ".json"), encoding="utf-8") as f:
            doc = json.load(f)
        text = LAYOUT[enc](doc)
        data = text.encode(codec, "strict")
        cdir = os.path.join(cases_dir, case_name(doc_id, enc))
        os.makedirs(cdir, exist_ok=True)
        with open(os.path.join(cdir, "input.txt"), "wb") as f:
            f.write(data)
        done.append(case_name(doc_id, enc))
        print("plaintext %-40s %6d bytes (%s)" % (case_name(doc_id, enc), len(data), codec), flush=True)
    return done


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", default=os.path.join(CORPUS, "cases"))
    ap.add_argument("--docs-dir", default=os.path.join(CORPUS, "docs"))
    a = ap.parse_args()
    write_all(a.cases, a.docs_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
