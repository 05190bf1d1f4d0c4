"""Where the Convention's own words refer to other articles (cybergap.catalog.references)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def catalog():
    from cybergap.catalog import load_catalog

    return load_catalog()


def test_a_range_of_articles(catalog):
    from cybergap.catalog.references import referred

    assert referred(catalog, "13.1") == [("Articles 2 through 11", [str(n) for n in range(2, 12)])]
    assert referred(catalog, "13.2") == [("Article 12", ["12"])]  # paragraph 2 only
    assert referred(catalog, "11.2") == [("Articles 3 through 5, 7, 8", ["3", "4", "5", "7", "8"])]


def test_this_section_and_this_chapter_without_the_article_itself(catalog):
    from cybergap.catalog.references import referred

    assert referred(catalog, "15.1") == [("this Section", ["14", "16", "17", "18", "19", "20", "21"])]
    words, articles = referred(catalog, "25.5")[0]
    assert words == "this chapter" and articles[0] == "23" and articles[-1] == "35" and "25" not in articles
    # an article already named is not named again by a later, wider reference
    assert referred(catalog, "31.2") == [("Article 23", ["23"]), ("this chapter", [str(n) for n in range(24, 36) if n != 31])]


def test_no_reference_no_hint(catalog):
    from cybergap.catalog.references import referred

    assert referred(catalog, "2") == [] and referred(catalog, "16.1") == []
    assert referred(catalog, "99.1") == []


def test_an_article_of_another_treaty_is_not_this_conventions():
    from cybergap.catalog.references import referred

    class Tiny:
        articles = [{"number": "10", "text": "1 As under Article 9 of the Berne Convention and Article 3."},
                    {"number": "3", "text": "x"}, {"number": "9", "text": "y"}]

        def article(self, number):
            return next((a for a in self.articles if a["number"] == number), None)

    assert referred(Tiny(), "10.1") == [("Article 3", ["3"])]


def test_the_paragraph_of_an_element():
    from cybergap.catalog.references import paragraph

    text = "1 First, Article 2.\n2 Second, Article 3.\na an item of the second.\n3 Third."
    assert paragraph(text, "9.2.a") == "2 Second, Article 3.\na an item of the second."
    assert paragraph(text, "9") == text and paragraph(text, "9.a") == text
