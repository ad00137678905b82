"""The blank tip form and the receipt page, rendered once and filled in per visitor.

A GET of ``/tip`` rendered ~40 translated strings, 68 counties and the form
objects for every visitor: 2–4 ms of CPU, the largest single cost of a tip
(docs/deployment.md). Yet the blank form is the same page for everyone who
shares a language, an address prefix, a flood state and a set of recipients;
only two values in it are per visitor: the CSRF token (tied to that
visitor's session) and, during a flood, the proof-of-work challenge (fresh
per page, spent once). So the page is rendered once per such key, split
around those two values, and each GET joins the pieces with new ones.

Nothing per visitor is ever cached: the pieces are cut exactly where the
visitor's own token and challenge were, both high-entropy strings that
must occur exactly once in the page (otherwise the page is not cached and
is rendered every time, as before). A page with anything typed in it, an
error or a notice is never cached: only the blank form a GET shows.

The receipt page is the same for every tip sent in one language, the same
way, with as many files: only the receipt phrase differs, and it is cut out
the same way (0.5 ms of rendering per tip otherwise). The phrase is in the
page the source receives and nowhere else: never in the cache.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass

from markupsafe import escape

# A few languages x flood on/off x one set of recipients; a key rotation or
# a proxy serving several prefixes adds a few more. The bound only guards
# against a key that would vary unexpectedly.
MAX_PAGES = 64


@dataclass(frozen=True)
class SplitPage:
    """A page cut around its per-visitor values: ``fragments`` has one more item
    than ``names``, and value ``names[i]`` goes between fragments i and i + 1."""

    fragments: tuple[str, ...]
    names: tuple[str, ...]

    @classmethod
    def cut(cls, page: str, values: Mapping[str, str]) -> SplitPage | None:
        """Split ``page`` where each value occurs (escaped, as rendered); None
        unless each occurs exactly once."""
        found = []
        for name, value in values.items():
            rendered = str(escape(value))
            if not rendered or page.count(rendered) != 1:
                return None
            found.append((page.index(rendered), len(rendered), name))
        fragments, names, start = [], [], 0
        for position, length, name in sorted(found):
            fragments.append(page[start:position])
            names.append(name)
            start = position + length
        fragments.append(page[start:])
        return cls(tuple(fragments), tuple(names))

    def fill(self, values: Mapping[str, str]) -> str:
        """The page with these values (escaped) where the cut ones were."""
        parts = [self.fragments[0]]
        for name, fragment in zip(self.names, self.fragments[1:], strict=True):
            parts.append(str(escape(values[name])))
            parts.append(fragment)
        return "".join(parts)


class PageCache:
    """Split pages by key, shared by a worker's threads.

    Two threads that miss at once both render and store the same page:
    harmless, and cheaper than a lock held while rendering.
    """

    def __init__(self, max_pages: int = MAX_PAGES) -> None:
        self.max_pages = max_pages
        self._pages: dict[Hashable, SplitPage] = {}
        self._lock = threading.Lock()

    def render(self, key: Hashable, values: Mapping[str, str], render: Callable[[], str]) -> str:
        """The page for ``key`` with ``values``; ``render()`` makes it (with
        these same values in it) when it is not cached yet."""
        split = self._pages.get(key)
        if split is None:
            page = render()
            split = SplitPage.cut(page, values)
            if split is None:
                return page  # a value missing or repeated: never cached
            with self._lock:
                if len(self._pages) >= self.max_pages:
                    self._pages.clear()
                self._pages[key] = split
        return split.fill(values)
