"""Runs readability-lxml (Debian python3-readability) over the benchmark
pages for extractbench. Usage: python3 readability_lxml.py DATA_DIR OUT_FILE

Writes {id: {"articleBody": text}} to OUT_FILE and one JSON line of
statistics ({"pages", "bytes", "seconds"}) to stdout; only parsing and
extraction are timed.
"""
import gzip
import json
import sys
import time
from pathlib import Path

import lxml.html
from readability import Document

# Block elements end a line, so words from two paragraphs never glue.
BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr",
          "blockquote", "pre", "section", "article", "td", "th", "dd", "dt"}


def text_of(summary_html):
    root = lxml.html.fromstring(summary_html)
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag in BLOCKS:
            el.tail = "\n" + (el.tail or "")
    return root.text_content()


def main():
    data, out = Path(sys.argv[1]), Path(sys.argv[2])
    truth = json.loads((data / "ground-truth.json").read_text("utf8"))
    result, size, seconds = {}, 0, 0.0
    for page_id in sorted(truth):
        html = gzip.decompress((data / "html" / (page_id + ".html.gz")).read_bytes()).decode("utf8")
        size += len(html.encode("utf8"))
        start = time.perf_counter()
        try:
            text = text_of(Document(html, url=truth[page_id].get("url")).summary(html_partial=True))
        except Exception:  # a page it cannot read scores as empty
            text = ""
        seconds += time.perf_counter() - start
        result[page_id] = {"articleBody": text}
    out.write_text(json.dumps(result), "utf8")
    print(json.dumps({"pages": len(result), "bytes": size, "seconds": seconds}))


if __name__ == "__main__":
    main()
