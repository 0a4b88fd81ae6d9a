"""OpenCC's own conversion, for tests/opencc.rs: `python3 reference.py s2twp [--whole] < in > out`.

Uses the official Python binding of OpenCC's C++ library (PyPI `opencc`) at
the release whose dictionaries ferrous-opencc carries, so bindery's output
and this one differ only where the algorithms do.

`--whole` turns OpenCC's word segmentation off: its configuration's
segmentation dictionary is replaced by one that matches nothing, so each
line is one segment and every stage of the conversion chain looks phrases up
across the whole text, as ferrous-opencc does.
"""

import json
import os
import sys
import tempfile

import opencc

RELEASE = "1.3.0"

if opencc.__version__ != RELEASE:
    sys.exit(f"opencc {opencc.__version__} installed; the reference is {RELEASE} (pip install opencc=={RELEASE})")
name = sys.argv[1] + ".json"
if "--whole" not in sys.argv[2:]:
    converter = opencc.OpenCC(name)
else:
    data = os.path.join(os.path.dirname(opencc.__file__), "clib", "share", "opencc")
    with open(os.path.join(data, name), encoding="utf-8") as f:
        config = json.load(f)

    def absolute(d):
        if "file" in d:
            d["file"] = os.path.join(data, d["file"])
        for member in d.get("dicts", []):
            absolute(member)

    for node in config["conversion_chain"]:
        absolute(node["dict"])
    with tempfile.TemporaryDirectory() as folder:
        nothing = os.path.join(folder, "nothing.txt")
        with open(nothing, "w", encoding="utf-8") as f:
            f.write("\uffff\t\uffff\n")  # a noncharacter: no text contains it
        config["segmentation"] = {"type": "mmseg", "dict": {"type": "text", "file": nothing}}
        path = os.path.join(folder, name)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(config, f)
        converter = opencc.OpenCC(path)
sys.stdout.write(converter.convert(sys.stdin.read()))
