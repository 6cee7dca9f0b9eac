#!/usr/bin/env python3
"""Turns synthetic_catalog.py queries into request paths for wrk.

usage: make_paths.py QUERIES.txt [--corpus CORPUS.jsonl] [--mix | --page] > paths.txt
Plain: one /api/search?q=... per query. --page: the search page instead,
/vi/search?q=..., which renders the same search as HTML. --mix: also /api/suggest with the
first letters of each query and /api/entries/{slug} for slugs of the corpus
(60% search, 25% suggest, 15% entry), as the load test asks."""
import argparse
import json
import random
import urllib.parse


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("queries")
    ap.add_argument("--corpus")
    ap.add_argument("--mix", action="store_true")
    ap.add_argument("--page", action="store_true")
    a = ap.parse_args()
    queries = [q.strip() for q in open(a.queries, encoding="utf-8") if q.strip()]
    slugs = []
    if a.corpus:
        with open(a.corpus, encoding="utf-8") as f:
            for i, line in enumerate(f):
                if i % 97 == 0:
                    slugs.append(json.loads(line)["slug"])
    rng = random.Random(7)
    for q in queries:
        enc = urllib.parse.quote(q, safe="")
        if a.page:
            print(f"/vi/search?q={enc}")
            continue
        if not a.mix:
            print(f"/api/search?q={enc}")
            continue
        r = rng.random()
        if r < 0.60 or not slugs:
            print(f"/api/search?q={enc}")
        elif r < 0.85:
            typed = urllib.parse.quote(q.strip('"')[: rng.randint(2, 8)], safe="")
            print(f"/api/suggest?q={typed}")
        else:
            print(f"/api/entries/{rng.choice(slugs)}")


if __name__ == "__main__":
    main()
