"""The rule files of metadata and dates load, every pattern compiles, rule ids are unique."""

import regex

from extract import rules


def _patterns(node, path=""):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _patterns(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _patterns(v, f"{path}[{i}]")
    elif isinstance(node, str):
        yield path, node


def test_metadata_rules_compile():
    data = rules.load("metadata")
    parts = data["parts"]
    skip_lists = (".header.", )  # label vocabularies, not patterns
    n = 0
    for path, text in _patterns(data):
        if any(s in path + "." for s in skip_lists) or path.endswith(".id"):
            continue
        regex.compile(rules.expand(text, parts))
        n += 1
    assert n > 20


def test_metadata_rules_ids_unique():
    data = rules.load("metadata")
    ids = [r["id"] for r in data["agency"]["intro"] + data["agency"]["refine"]]
    assert len(ids) == len(set(ids)) and all(i.startswith("agency.") for i in ids)


def test_metadata_rules_dates_compile_and_ids_unique():
    data = rules.load("dates")
    ids = [r["id"] for r in data["rules"]]
    assert len(ids) == len(set(ids)) and all(i.startswith("date.") for i in ids)
    for r in data["rules"]:
        pattern = regex.compile(rules.expand(r["pattern"], data["parts"]))
        assert pattern.groupindex, r["id"]  # the code reads named groups


def test_metadata_rules_expand_leaves_no_reference():
    for name in ("metadata", "dates"):
        data = rules.load(name)
        for path, text in _patterns(data):
            expanded = rules.expand(text, data["parts"])
            assert not regex.search(r"(?<!\\[pP])\{[A-Za-z_][A-Za-z0-9_]*\}", expanded), (name, path)
