"""The Content-Security-Policy: every page carries it, and no page or template needs an
inline script or an inline event handler it would block (docs/reliability.md).
"""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings

PACKAGE = Path(__file__).resolve().parents[2] / "coopcouncil"
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
# A <script> that only carries data (JSON for a page's script file to read) never runs.
DATA_BLOCK = re.compile(r"""type\s*=\s*["']application/(ld\+)?json["']""", re.IGNORECASE)
# Pages the crawl must not follow: signing out ends the crawl's session.
NOT_FOLLOWED = ("/accounts/logout/", "/admin/logout/")
PAGE_LIMIT = 400


def _inline_scripts(html: str) -> list[str]:
    return [
        match.group(0)
        for match in SCRIPT_TAG.finditer(html)
        if "src=" not in match.group(1).replace(" ", "") and not DATA_BLOCK.search(match.group(1))
    ]


def _templates() -> list[Path]:
    return sorted(PACKAGE.glob("**/templates/**/*.html"))


def test_templates_exist_to_be_scanned():
    assert len(_templates()) > 50


@pytest.mark.parametrize("template", _templates(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_template_has_an_inline_script_or_event_handler(template):
    text = template.read_text(encoding="utf-8")
    assert _inline_scripts(text) == [], "move the script to a static file"
    assert EVENT_HANDLER.findall(text) == [], "use addEventListener in a static file"
    assert STYLE_ELEMENT.findall(text) == [], "move the rules to the site's stylesheet"


def test_the_policy_allows_scripts_and_styles_only_from_the_site():
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src-elem"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "csp.middleware.CSPMiddleware" in settings.MIDDLEWARE


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)


def _crawl(client, start: list[str]) -> dict[str, str]:
    """Every same-site HTML page reachable from ``start`` by GET: path → problem found."""
    seen, queue, problems = set(start), deque(start), {}
    while queue and len(seen) <= PAGE_LIMIT:
        path = queue.popleft()
        response = client.get(path)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        if "Content-Security-Policy" not in response:
            problems[path] = "no Content-Security-Policy header"
        html = response.content.decode()
        if _inline_scripts(html) or EVENT_HANDLER.search(html):
            problems[path] = "an inline script or event handler"
        links = _Links()
        links.feed(html)
        for href in links.hrefs:
            target = urlsplit(urljoin(path, href))
            on_site = target.scheme in ("", "http") and target.netloc in ("", "testserver")
            if on_site and target.path not in seen and not target.path.startswith(NOT_FOLLOWED):
                seen.add(target.path)
                queue.append(target.path)
    assert len(seen) > 30, "the crawl found too few pages to prove anything"
    return problems


def test_every_page_a_visitor_reaches_has_the_policy_and_nothing_inline(client, db, demo_borough):
    assert _crawl(client, ["/", "/api/docs"]) == {}


def test_every_page_an_administrator_reaches_has_the_policy_and_nothing_inline(
    client, db, demo_borough
):
    from coopcouncil.people.selectors import user_find_by_email

    administrator = user_find_by_email("admin@" + _demo_domain())
    client.force_login(administrator, backend="django.contrib.auth.backends.ModelBackend")
    assert _crawl(client, ["/", "/admin/", "/accounts/profile/"]) == {}


def _demo_domain() -> str:
    from coopcouncil.demo.borough import DEMO_DOMAIN

    return DEMO_DOMAIN
