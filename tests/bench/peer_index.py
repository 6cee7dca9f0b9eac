#!/usr/bin/python3
"""The indexing peer for the benchmark: Xapian's Python bindings indexing the
same six texts as lc-indexer (name, summary and body, in Vietnamese and
English), with positions, each twice: accented (lowercase NFC) and folded
(diacritics removed, đ→d), in one process.

usage: peer_index.py CORPUS.jsonl DB_DIR
Prints: entries, seconds, entries/s, index bytes.
Run with Debian's /usr/bin/python3 (python3-xapian)."""
import json
import os
import sys
import time
import unicodedata

import xapian


def fold(text):
    decomposed = unicodedata.normalize("NFD", text)
    plain = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", plain).replace("đ", "d").replace("Đ", "D")


def main():
    corpus, db_dir = sys.argv[1], sys.argv[2]
    started = time.monotonic()
    db = xapian.WritableDatabase(db_dir, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    n = 0
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            entry = json.loads(line)
            doc = xapian.Document()
            tg.set_document(doc)
            for field, prefix in (("name", "N"), ("summary", "D"), ("body", "B")):
                for lang in ("vi", "en"):
                    text = unicodedata.normalize("NFC", entry[field][lang]).lower()
                    tg.index_text(text, 1, prefix)
                    tg.increase_termpos(100)
                    tg.index_text(fold(text), 1, "X" + prefix)
                    tg.increase_termpos(100)
            doc.add_boolean_term("Q" + entry["slug"])
            doc.set_data(line)
            db.add_document(doc)
            n += 1
    db.commit()
    db.close()
    seconds = time.monotonic() - started
    size = sum(os.path.getsize(os.path.join(root, f)) for root, _, files in os.walk(db_dir) for f in files)
    print(f"entries={n} seconds={seconds:.2f} rate={n / seconds:.0f} bytes={size}")


if __name__ == "__main__":
    main()
