"""The safe loader against the hazards measured in YAML-HAZARDS.md."""

from __future__ import annotations

import time

import pytest

from cybergap.loader import Document, MAX_BYTES, decode, load, parse


def error(text: str):
    result = parse(text, "p.yaml")
    assert not isinstance(result, Document), result
    return result


def test_values_and_positions_are_kept():
    doc = parse("a:\n  b: [x, 'y']\n  c: 3\n", "p.yaml")
    assert doc.data == {"a": {"b": ["x", "y"], "c": 3}}
    assert (doc.marks[("a", "b", 1)].line, doc.marks[("a", "b", 1)].column) == (2, 10)
    assert doc.key_marks[("a", "c")].line == 3


def test_duplicate_key_names_both_positions():
    problem = error("a: 1\nb:\n  c: 1\n  c: 2\n")
    assert (problem.line, problem.column, problem.code) == (4, 3, "duplicate-key")
    assert "line 3, column 3" in problem.message


def test_duplicate_key_in_flow_mapping():
    assert error("a: {x: 1, x: 2}\n").code == "duplicate-key"


def test_alias_bomb_refused_quickly():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    start = time.perf_counter()
    problem = error("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 1.0
    assert problem.code == "too-large" and "alias bomb" in problem.message


def test_self_referencing_alias_is_a_cycle():
    problem = error("a: &a [1, *a]\n")
    assert "cycle" in problem.message and problem.line == 1


def test_deep_nesting_refused_without_crash():
    problem = error("a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert problem.line == 1
    assert "nest" in problem.message


def test_block_nesting_over_cap():
    text = "".join("  " * i + f"k{i}:\n" for i in range(80)) + "  " * 80 + "v\n"
    assert error(text).code == "too-deep"


def test_merge_keys_refused():
    assert error("a: &x {b: 1}\nc:\n  <<: *x\n").message.startswith("merge keys")


@pytest.mark.parametrize("key", ["1", "true", "1.0", "null"])
def test_non_string_keys_refused(key):
    assert error(f"{key}: x\n").code == "key"


def test_yaml_11_surprises_stay_strings():
    doc = parse("on: push\nc: [GB, NO, SE]\nd: 2024-02-30\nm: 0755\nt: 1:30\ny: yes\n", "p.yaml")
    assert doc.data == {"on": "push", "c": ["GB", "NO", "SE"], "d": "2024-02-30", "m": "0755", "t": "1:30", "y": "yes"}


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan", ".NaN"])
def test_non_finite_numbers_refused(value):
    assert "non-finite" in error(f"a: {value}\n").message


@pytest.mark.parametrize("text", ["a: !!python/object:os.system x\n", "a: !!python/name:os.system\n", "a: !custom x\n"])
def test_unknown_tags_refused(text):
    assert error(text).code == "tag"


@pytest.mark.parametrize("text", ["a: !!int abc\n", "a: !!int ''\n", "a: !!bool maybe\n", "a: !!timestamp nope\n"])
def test_bad_core_tags_are_positioned_errors(text):
    problem = error(text)
    assert problem.line == 1 and problem.column == 4


def test_empty_file_and_several_documents():
    assert "empty" in error("").message
    assert "more than one" in error("a: 1\n---\nb: 2\n").message
    assert "mapping" in error("- 1\n").message


def test_syntax_error_is_positioned():
    problem = error("a: [1, 2\nb: 3\n")
    assert problem.code == "syntax" and problem.line == 2


def test_encodings():
    assert decode(b"\xef\xbb\xbfa: 1\n", "p") == "a: 1\n"
    assert "UTF-16" in decode("a: 1".encode("utf-16"), "p").message
    bad = decode(b"a: 1\nb: caf\xe9\n", "p")
    assert (bad.line, bad.column, bad.code) == (2, 7, "encoding")
    nul = decode(b"a: \x00\n", "p")
    assert "U+0000" in nul.message and nul.column == 4
    assert "byte order mark" in decode("a: 1\n\ufeffb: 2\n".encode(), "p").message


def test_size_cap(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: '" + b"x" * MAX_BYTES + b"'\n")
    assert load(big).code == "too-large"


def test_unreadable_paths(tmp_path):
    assert load(tmp_path / "missing.yaml").code == "unreadable"
    assert load(tmp_path).code == "unreadable"


def test_tabs_refused_at_their_position():
    problem = error("a:\n  b: 1\n\tc: 2\n")
    assert (problem.line, problem.column, problem.code) == (3, 1, "tab")


def test_same_verdict_with_and_without_libyaml():
    for text in ("a: 1\nb: [x, 'y']\n", "a: 1\na: 2\n", "a: [1\n", "- 1\n", "a: &x 1\nb: *x\n",
                 "a: " + "[" * 5000 + "]" * 5000, "".join("  " * i + f"k{i}:\n" for i in range(80))):
        c, pure = parse(text, "p.yaml"), parse(text, "p.yaml", pure=True)
        assert type(c) is type(pure)
        if isinstance(c, Document):
            assert c.data == pure.data and c.marks == pure.marks
        else:
            assert (c.line, c.column, c.code) == (pure.line, pure.column, pure.code)


# Text that only looks like a tag or a '|#' block header: PyYAML reads each as a string.
LOOKALIKES = {
    'note: "Warning ! read this"\n': "Warning ! read this",
    "note: 'quoted !x'\n": "quoted !x",
    'note: "x, !y"\n': "x, !y",
    "note: Warning !important\n": "Warning !important",
    "# comment !\nnote: x\n": "x",
    'note: "see >#3"\n': "see >#3",
    "note: x # a comment with >#3, |# and !tag\n": "x",
    "note: |\n  text !x\n  >#3 and [!y\n": "text !x\n>#3 and [!y\n",
    'note: "one\n  line !x"\n': "one line !x",
    "note: [\"a !b\", 'c, !d', \"e |#f\"]\n": ["a !b", "c, !d", "e |#f"],
}


@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pure"])
@pytest.mark.parametrize("text", list(LOOKALIKES))
def test_tag_and_header_lookalikes_in_text_are_text(text, pure):
    doc = parse(text, "p.yaml", pure=pure)
    assert isinstance(doc, Document), doc
    assert doc.data["note"] == LOOKALIKES[text]


REFUSED = [  # a real tag is refused at its '!', a '|#' block header at its '#', with either parser
    ("a: !x y\n", 1, 4, "tag"),
    ("!x a: b\n", 1, 1, "tag"),
    ("a: 'b !c'\nd: !x y\n", 2, 4, "tag"),
    ("# !c\nd: [e, !x y]\n", 2, 8, "tag"),
    ("a: &a !x b\n", 1, 7, "tag"),
    ("a: [!, v]\n", 1, 5, "tag"),
    ("a: [!!str, x]\n", 1, 5, "tag"),  # libyaml reads the tag '!!str', the pure parser '!!str,'
    ("a: {!, !x!}\n", 1, 5, "tag"),  # libyaml fails at the second tag, having read the first ahead
    ("- [!, !x!]\n", 1, 4, "tag"),
    ("a: [[b]!x]\n", 1, 8, "tag"),  # right after a closing bracket or quote, '!' starts a token too
    ("a: \"b\"!x\n", 1, 7, "tag"),
    ("é: \"😀 € !\"\nb: !x y\n", 2, 4, "tag"),  # characters beyond ASCII before it
    ("a: |#c\n  x\n", 1, 5, "syntax"),
    ("a: \"x !y |#\"\nb: >-#c\n  x\n", 2, 6, "syntax"),
]


@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pure"])
@pytest.mark.parametrize("text,line,column,code", REFUSED)
def test_tags_and_block_header_comments_refused_at_their_position(text, line, column, code, pure):
    problem = parse(text, "p.yaml", pure=pure)
    assert not isinstance(problem, Document), problem
    assert (problem.line, problem.column, problem.code) == (line, column, code), problem
