"""`cybergap catalog [ARTICLE] [--framework budapest|un-cybercrime]`."""

from __future__ import annotations

from cybergap.cli.common import check_choice, check_format, deliver, usage_error


def run(article_number: str | None, format: str, framework: str = "budapest") -> int:
    from cybergap.catalog import FRAMEWORKS, load_catalog
    from cybergap.render.formats import View

    check_format("catalog", format)
    check_choice(framework, FRAMEWORKS, "--framework")
    catalog = load_catalog(framework)
    article = None
    if article_number is not None:
        article = catalog.article(article_number.removeprefix("Art.").strip())
        if article is None:
            name = "Convention" if framework == "budapest" else framework
            numbers = f"{catalog.articles[0]['number']}-{catalog.articles[-1]['number']}"
            return usage_error(f"no article {article_number!r} in the {name} catalogue (articles {numbers})")
    return deliver("catalog", format, (catalog, article), View(), None, False)
