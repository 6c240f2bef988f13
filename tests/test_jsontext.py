"""JSON is printed the same whichever encoder writes it: orjson where installed, else the standard library."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from policydiff.jsontext import dumps

SCALARS = (st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**63 - 1)
           | st.floats(min_value=0, max_value=1).map(lambda x: round(x, 4))  # similarity, the only float printed
           | st.text(alphabet=st.characters(exclude_categories=("Cs",))))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=30)


@given(VALUES)
def test_same_text_as_the_standard_library(value: object) -> None:
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_what_orjson_refuses_is_still_written() -> None:
    for value in ({"n": 2**70}, {1: "x"}, ["\ud800"]):
        assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)
