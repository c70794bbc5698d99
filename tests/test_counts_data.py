"""counts.yaml loads, every rule compiles, ids are unique and keys are contract keys (or the
documented extensions)."""

import regex

from extract import counts, rules

CONTRACT = {
    "proactive.total", "proactive.cumulative", "proactive.normative_docs", "proactive.by_category",
    "proactive.by_channel", "proactive.e_rate", "requests.received", "requests.by_channel",
    "requests.answered", "requests.on_time", "requests.extended", "requests.by_outcome",
    "requests.fees", "review.total", "review.by_outcome", "litigation.total", "litigation.by_outcome",
    "complaints.total", "staff.total", "staff.full_time", "staff.part_time", "budget.special",
    "meetings.total", "training.sessions", "training.people",
}
# extensions: sub-units of the proactive total, all information produced and its parts, generic
# totals of a 其中 list, carried-forward requests; case.by_outcome is resolved to review/litigation
EXTENSIONS = {"proactive.by_unit", "info.produced", "info.on_request", "info.withheld",
              "info.part", "other.total", "other.part", "requests.carried_forward",
              "case.by_outcome"}


def test_counts_data_rules_compile_and_are_unique():
    cfg = counts.config()
    ids = [r.id for r in cfg.rules]
    assert len(ids) == len(set(ids))
    for r in cfg.rules:
        assert r.id.startswith("count.")
        assert r.role in ("total", "item", "fact", "list")
        assert r.key in CONTRACT | EXTENSIONS, r.key
        assert r.label, r.id


def test_counts_data_children_and_patterns():
    cfg = counts.config()
    for parent, alts in cfg.children.items():
        assert parent in CONTRACT | EXTENSIONS
        for key, pat in alts:
            assert key in CONTRACT | EXTENSIONS
            assert isinstance(pat, regex.Pattern)
    data = rules.load("counts")
    for section in ("text", "checks"):
        for name in data[section]:
            assert counts.pattern(name, section).pattern
    for key, units in data["key_units"].items():
        assert key in CONTRACT and units


def test_counts_data_vocabularies_have_no_duplicates():
    for name, words in rules.load("counts")["lists"].items():
        assert len(words) == len(set(words)), name
