"""The HTML view marks spans without losing or altering any source character."""

from __future__ import annotations

import html
import re

from planparse import parse_text
from planparse.export.html import render_html

SRC = "街道2025年<安全>工作计划\n一、工作目标\n到2025年底，覆盖率达到95%以上。\n二、组织领导\n组长:李华\n"


def test_view_keeps_every_character():
    r = parse_text(SRC)
    page = render_html(r, SRC)
    body = re.search(r"<pre>(.*)</pre>", page, re.S).group(1)
    assert html.unescape(re.sub(r"<[^>]+>", "", body)) == SRC
    assert "&lt;安全&gt;" in page  # escaped, not interpreted


def test_view_links_outline_to_headings():
    r = parse_text(SRC)
    page = render_html(r, SRC)
    for plan in r.plans:
        for s in plan.iter_sections():
            assert f'id="{s.id}"' in page
            assert f'href="#{s.id}"' in page
