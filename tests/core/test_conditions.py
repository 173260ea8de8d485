"""The `if:` language parses once, evaluates over meters, and never evaluates Python."""

from __future__ import annotations

import pytest

from trainer.core.scenario.conditions import ConditionSyntaxError, compile_condition, meter_refs, parse_condition

METERS = {"trust": 0, "anger": 1}


def holds(source: str, trust: int, anger: int) -> bool:
    return compile_condition(parse_condition(source), METERS)((trust, anger))


@pytest.mark.parametrize(
    ("source", "trust", "anger", "expected"),
    [
        ("trust < 1", 0, 0, True),
        ("trust <= 0", 0, 0, True),
        ("trust == -2", -2, 0, True),
        ("trust != 3", 3, 0, False),
        ("trust >= 2", 1, 0, False),
        ("trust > anger", 2, 1, True),
        ("3 > trust", 2, 0, True),
        ("trust > 0 and anger < 2", 1, 1, True),
        ("trust > 0 and anger < 2", 1, 2, False),
        ("trust > 0 or anger > 5", 0, 6, True),
        ("not trust > 0", 0, 0, True),
        ("not (trust > 0 or anger > 0)", 0, 1, False),
        ("trust > 0 or anger > 0 and anger < 0", 1, 0, True),
        ("(trust > 0 or anger > 0) and anger < 0", 1, 0, False),
        ("not not trust == 0", 0, 0, True),
        ("1 < 2", 0, 0, True),
    ],
)
def test_conditions_evaluate_with_usual_precedence(source: str, trust: int, anger: int, expected: bool) -> None:
    assert holds(source, trust, anger) is expected


@pytest.mark.parametrize(
    ("source", "offset", "message"),
    [
        ("trust >", 7, "expected a meter name or a whole number"),
        ("trust = 1", 6, "unexpected character '='"),
        ("trust > 1 and", 13, "expected a meter name"),
        ("(trust > 1", 10, "expected ')'"),
        ("trust > 1)", 9, "unexpected ')'"),
        ("trust", 5, "expected a comparison"),
        ("__import__('os') > 1", 11, "unexpected character"),
        ("trust > 1 anger < 2", 10, "unexpected 'anger'"),
    ],
)
def test_syntax_errors_point_inside_the_expression(source: str, offset: int, message: str) -> None:
    with pytest.raises(ConditionSyntaxError) as caught:
        parse_condition(source)
    assert caught.value.offset == offset
    assert message in str(caught.value)


def test_meter_refs_lists_every_meter_read_with_its_offset() -> None:
    refs = meter_refs(parse_condition("trust > 1 and not (anger < trust)"))
    assert [(r.name, r.offset) for r in refs] == [("trust", 0), ("anger", 19), ("trust", 27)]


def test_absurdly_long_condition_is_refused() -> None:
    with pytest.raises(ConditionSyntaxError):
        parse_condition("trust > 1 and " * 200 + "trust > 1")


def test_deeply_parenthesised_condition_is_refused_not_crashing() -> None:
    with pytest.raises(ConditionSyntaxError):
        parse_condition("(" * 400 + "trust > 1" + ")" * 400)
