"""Policy text to HTML: whatever a policy's author writes, it stays text, and a link stays a link
with nothing but its address."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from guidance_app.core.render.html import inline_html


class _Parsed(HTMLParser):
    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text = ""
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text += data


@pytest.mark.parametrize(
    ("markdown", "address"),
    [
        ('<https://example.org/"onclick="alert(1)>', 'https://example.org/"onclick="alert(1)'),
        ('<https://example.org/"onclick="x"style="a>', 'https://example.org/"onclick="x"style="a'),
        (
            "<https://example.org/'onmouseover='alert(1)>",
            "https://example.org/'onmouseover='alert(1)",
        ),
        ('<mailto:dsl@example.org"onclick="x>', 'mailto:dsl@example.org"onclick="x'),
        ("<https://example.org/?a=1&b=2>", "https://example.org/?a=1&b=2"),
        ("<https://example.org/>onclick=x>", "https://example.org/"),
        # not an address (a space, or a tag in it): stays text, every character shown
        ('<https://example.org/" onclick="x>', None),
        ("<https://example.org/' onclick='x>", None),
        ("<https://example.org/<script>alert(1)</script>>", None),
        ("<https://example.org/<img src=x onerror=alert(1)>>", None),
        ("<https://example.org/**x**/*y*>", None),
    ],
)
def test_an_autolink_has_one_attribute_its_address_and_the_rest_stays_text(
    markdown: str, address: str | None
) -> None:
    produced = inline_html(f"See {markdown} now.")
    parsed = _Parsed(produced)
    if address is None:
        assert "<a" not in produced and "<script" not in produced and "<img" not in produced
        if parsed.tags:
            assert [tag for tag, _ in parsed.tags] == ["b", "i"]  # as written, outside any tag
        else:
            assert parsed.text == f"See {markdown} now."
        return
    assert parsed.tags == [("a", [("href", address)])]
    assert parsed.text == f"See {markdown[1:].replace('>', '', 1)} now."
    tag = produced[produced.index("<a ") : produced.index(">") + 1]
    assert tag.count('"') == 2 and "'" not in tag  # only the quotes around the address
