"""`cybergap catalog [ARTICLE]`."""

from __future__ import annotations

from cybergap.cli.common import check_choice, emit, stdout_console, usage_error


def run(article_number: str | None, format: str) -> int:
    from cybergap.catalog import load_catalog
    from cybergap.render import catalog as render

    check_choice(format, ("table", "json"))
    catalog = load_catalog()
    article = None
    if article_number is not None:
        article = catalog.article(article_number.removeprefix("Art.").strip())
        if article is None:
            return usage_error(f"no article {article_number!r} in the Convention catalogue (articles 1-35)")
    if format == "json":
        emit(render.catalog_json(catalog, article) + "\n", data=True)
        return 0
    console = stdout_console()
    console.print(render.article_view(catalog, article) if article else render.catalog_table(catalog))
    return 0
