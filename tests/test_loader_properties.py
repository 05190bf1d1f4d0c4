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


# Text in which tags and '|#' block headers can only be lookalikes: inside quotes, comments,
# plain scalars and block scalars, they are text, with either parser.
LOOKALIKE_TEXT = st.text(alphabet=st.sampled_from(list("ab !|>#-+0,[]{}&*'\"\\")), max_size=40)
PLAIN_TEXT = st.text(alphabet=st.sampled_from(list("ab !|>-+0&*'\"\\")), max_size=40)  # no ' #', no ': '


@settings(max_examples=300, deadline=None)
@given(LOOKALIKE_TEXT, PLAIN_TEXT)
def test_tag_and_header_lookalikes_in_text_are_text(text, plain):
    import json

    document = (
        f"# {text}\n"
        f"double: {json.dumps(text)}  # {text}\n"
        f"single: '{text.replace(chr(39), chr(39) * 2)}'\n"
        f"plain: x{plain}\n"
        f"block: |\n  x{text}\n"
        f"list: [{json.dumps(text)}, x{plain.replace(',', '')}]\n"
    )
    expected = {"double": text, "single": text, "plain": ("x" + plain).rstrip(" "), "block": f"x{text}\n",
                "list": [text, ("x" + plain.replace(",", "")).rstrip(" ")]}
    for pure in (False, True):
        result = parse(document, "p.yaml", pure=pure)
        assert isinstance(result, Document), (document, result)
        assert result.data == expected


PIECES = ["!x", "!", "!!str", "!!int ", "!<x>", "!,", "!]", "|#", ">#", "|-#", "|", ">", "#", " # c", " !y", "'", '"',
          ",", "[", "]", "{", "}", " ", "a", "&x", "*x", "\\", "-", "\n", "\n  "]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=16).map("".join))
def test_same_verdict_on_tag_and_header_pieces(text):
    """Tags, '|#' headers and their lookalikes: one verdict with either parser. (Where the text is
    broken elsewhere too, as by a stray ']', the two may report different first errors.)"""
    c, pure = parse(text, "p.yaml"), parse(text, "p.yaml", pure=True)
    assert isinstance(c, Document) == isinstance(pure, Document), (c, pure)
    if isinstance(c, Document):
        assert c.data == pure.data
