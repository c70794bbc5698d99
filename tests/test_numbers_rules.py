"""numbers.yaml loads and is consistent with itself."""

from __future__ import annotations

import regex

from extract import rules
from extract.numbers import parse_number, scan_numbers


def test_numbers_rules_tables_are_consistent():
    R = rules.load("numbers")
    assert all(0 <= v <= 9 and len(k) == 1 for k, v in R["digits"].items())
    assert set(R["small_units"].values()) == {10, 100, 1000}
    assert set(R["big_units"].values()) == {10**4, 10**8}
    assert all(len(k) == 1 and len(v) == 1 for k, v in R["fold"].items())
    assert set(R["scaled_units"]) <= set(R["units"])
    assert len(R["units"]) == len(set(R["units"])), "duplicate unit"
    for key in ("circled", "paren_digits", "paren_cn"):
        assert len(set(R[key])) == len(R[key])


def test_numbers_rules_patterns_compile():
    P = rules.load("numbers")["patterns"]
    for name in P:
        regex.compile(rules.expand(P[name], P))


def test_numbers_rules_every_exclusion_holds_a_numeral_and_yields_nothing():
    R = rules.load("numbers")
    numerals = set(R["digits"]) | set(R["small_units"]) | set(R["big_units"])
    for word in R["exclusions"]:
        assert set(word) & numerals, word
        assert [m for m in scan_numbers(word) if m.kind not in ("ordinal",)
                and any(ch in numerals for ch in m.text)] == [], word


def test_numbers_rules_every_unit_is_read_after_a_number():
    R = rules.load("numbers")
    for unit in R["units"]:
        if unit in ("年", "季度"):
            continue  # years/quarters get their own kinds
        got = scan_numbers(f"共12{unit}。")
        assert got and got[0].value == 12, unit
        assert got[0].unit in (unit, "%"), (unit, got[0].unit)


def test_numbers_rules_shorthand_values():
    for k, v in rules.load("numbers")["shorthand"].items():
        assert parse_number(k) == parse_number(v)
