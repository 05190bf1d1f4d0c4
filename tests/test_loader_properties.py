"""Property-based: whatever text arrives, the loader returns a Document or a Problem, never raises."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cybergap.loader import Document, decode, parse
from cybergap.problems import Problem

YAMLISH = st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#%@`,?\n\t 0123.e~<")), max_size=200)


@settings(max_examples=300, deadline=None)
@given(YAMLISH)
def test_parse_never_raises(text):
    result = parse(text, "p.yaml")
    assert isinstance(result, (Document, Problem))
    if isinstance(result, Problem):
        assert result.message and result.path == "p.yaml"


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_decode_never_raises(raw):
    result = decode(raw, "p.yaml")
    assert isinstance(result, (str, Problem))


NO_FLOW_MAPPINGS = st.text(alphabet=st.sampled_from(list("ab:-[]&*!|>'\"#%@`,?\n 0123.e~<\\")), max_size=60)


@settings(max_examples=400, deadline=None)
@given(NO_FLOW_MAPPINGS)
def test_same_verdict_with_libyaml_and_pure_parser(text):
    """One verdict whether or not libyaml is installed (outside flow mappings: see the README)."""
    c, pure = parse(text, "p.yaml"), parse(text, "p.yaml", pure=True)
    assert isinstance(c, Document) == isinstance(pure, Document), (c, pure)
    if isinstance(c, Document):
        assert c.data == pure.data
