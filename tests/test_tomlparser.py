"""The compiled tomli parses exactly as tomllib does: the same data, the same errors (message,
line and column), on the shipped files and on mutated copies of them."""

from __future__ import annotations

import random
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from perfeval_core._io import tomlparser
from perfeval_core._io.reading import parse_toml

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted([*ROOT.glob("examples/*/*.toml"), *ROOT.glob("frameworks/**/*.toml")])
#: What a person's typo adds or removes (and a few things TOML 1.1 would accept).
PIECES = [*"\"'[]{}=,.\n\t #\\\r\x00abc1-:+", '"""', "'''", "1979-05-27", "inf", "0x1F", "[["]


def _outcome(parse: object, text: str) -> tuple[str, str]:
    try:
        return "ok", repr(parse(text))  # type: ignore[operator]
    except tomlparser.TOMLDecodeError as exc:
        return "error", str(exc)
    except RecursionError:
        return "recursion", ""


def _mutants(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = [f.read_text(encoding="utf-8") for f in FILES]
    out = []
    for _ in range(count):
        t = rng.choice(texts)
        for _ in range(rng.randint(1, 3)):
            p, op = rng.randrange(len(t) + 1), rng.random()
            if op < 0.4:
                t = t[:p] + t[p + 1 :]
            elif op < 0.8:
                t = t[:p] + rng.choice(PIECES) + t[p:]
            else:
                q = rng.randrange(len(t) + 1)
                t = t[:p] + t[min(p, q) : max(p, q)] + t[p:]
        out.append(t)
    return out


def _stdlib(text: str) -> dict[str, object]:
    return tomllib.loads(text, parse_float=Decimal)


def test_the_compiled_parser_is_used_when_installed() -> None:
    import importlib.util

    spec = importlib.util.find_spec("tomli._parser")
    compiled = spec is not None and str(spec.origin).endswith((".so", ".pyd"))
    assert tomlparser.COMPILED is compiled


@pytest.mark.skipif(not tomlparser.COMPILED, reason="tomli's compiled wheel is not installed")
def test_same_data_and_errors_as_tomllib() -> None:
    assert FILES
    texts = [f.read_text(encoding="utf-8") for f in FILES] + _mutants(1500, seed=14)
    errors = 0
    for text in texts:
        ours, theirs = _outcome(tomlparser.loads, text), _outcome(_stdlib, text)
        assert ours == theirs, text
        errors += ours[0] == "error"
    assert errors > 500  # the mutants do exercise the error paths


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "a = " + "[" * n + "]" * n,
        lambda n: "a = " + "{b=" * n + "1" + "}" * n,
    ],
)
def test_deep_nesting_reads_as_with_tomllib(make: object) -> None:
    """Between the compiled parser's stack limit and tomllib's (≈ 400–500 levels) the text is
    parsed again by tomllib, so the error still names where the nesting goes too deep."""
    for depth in (45, 420, 480, 5000):
        text = make(depth)  # type: ignore[operator]
        assert _outcome(tomlparser.loads, text) == _outcome(_stdlib, text)
        with pytest.raises(Exception, match="nested more than 40 levels deep"):
            parse_toml(text, file="deep.toml")


def test_an_error_names_line_and_column() -> None:
    # the second "=" of line 2 is its 5th character
    with pytest.raises(
        Exception, match=r"^x.toml:2: invalid TOML: Invalid value \(column 5\)"
    ) as err:
        parse_toml("a = 1\nb = = 2\n", file="x.toml")
    assert err.value.message == "invalid TOML: Invalid value (column 5)"  # type: ignore[attr-defined]
