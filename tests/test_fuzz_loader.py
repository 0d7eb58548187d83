"""The loader fed arbitrary bytes: only the project's own errors ever escape."""

from __future__ import annotations

import contextlib
from pathlib import Path

from helpers import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from osl_plan.errors import OslPlanError
from osl_plan.load import loads

EXAMPLE = (Path(__file__).parent.parent / "examples" / "plan_2023.yaml").read_bytes()
SMALL = b"rok: 2023\nzadania:\n  - zadanie: A\n    adresaci: [B, C]\n    termin: maj 2023\n"
SEEDS = [SMALL, EXAMPLE[:4000], b"\xef\xbb\xbf" + SMALL]
NASTY = [
    b"\x00", b"\t", b"\xff", b"\xc5", b"&a ", b"*a ", b"!!", b"<<: ", b"[", b"{", b"- ", b": ",
    b"\"", b"'", b"\n", b"---\n", b"%YAML 1.1\n", b"\xe2\x80\x93", b"\\x07", b"? ",
]  # fmt: skip


def _load(data: bytes) -> None:
    with contextlib.suppress(OslPlanError):
        loads(data, "fuzz.yaml")


@settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes(data: bytes) -> None:
    _load(data)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "flip"]))
        if action == "insert":
            data[at:at] = draw(st.sampled_from(NASTY) | st.binary(min_size=1, max_size=4))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 20))]
        elif data:
            data[min(at, len(data) - 1)] ^= 1 << draw(st.integers(0, 7))
    return bytes(data)


@settings(max_examples=examples(600), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_valid_plans(data: bytes) -> None:
    _load(data)


@settings(max_examples=examples(300), deadline=None)
@given(st.text(max_size=300))
def test_random_text_as_a_term(text: str) -> None:
    _load(f"rok: 2023\nzadania:\n  - zadanie: A\n    termin: {text!r}\n".encode())
