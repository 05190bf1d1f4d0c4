"""`cybergap check` results as GitHub Actions workflow commands (annotations)."""

from __future__ import annotations

from cybergap.escaping import printable


def _data(text: str) -> str:
    text = printable(text)  # no control characters, raw or as ANSI colours, in the log
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(results) -> str:
    lines = []
    for result in results:
        for p in result.problems:
            props = [f"file={_property(p.path)}"]
            if p.line is not None:
                props += [f"line={p.line}", f"col={p.column or 1}"]
            props.append(f"title={_property(p.code)}")
            lines.append(f"::{p.severity} {','.join(props)}::{_data(p.message)}")
    return "\n".join(lines) + ("\n" if lines else "")
