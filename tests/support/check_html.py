#!/usr/bin/python3
"""Checks HTML pages as a browser reads them: parsed by html5lib (the
WHATWG parsing algorithm, Debian's python3-html5lib), every parse error is
reported, and so is an id used twice (labels and ARIA name elements by id).
Prints one line per problem and exits 1 when there is any.

usage: check_html.py FILE..."""
import sys

import html5lib


def main():
    problems = []
    for path in sys.argv[1:]:
        with open(path, "rb") as f:
            parser = html5lib.HTMLParser(namespaceHTMLElements=False)
            tree = parser.parse(f.read())
        for (line, column), code, data in parser.errors:
            problems.append(f"{path}:{line}:{column}: {code} {data}")
        seen = set()
        for element in tree.iter():
            id_ = element.get("id") if hasattr(element, "get") else None
            if id_ is None:
                continue
            if id_ in seen:
                problems.append(f"{path}: id {id_!r} used twice")
            seen.add(id_)
    for p in problems:
        print(p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
