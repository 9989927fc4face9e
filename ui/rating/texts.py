"""Language switching on the rating screen: every text is bound once to a function that makes it in the
citizen's current language, and all are made again when the language changes (ui/rating/strings.py
holds the words; the citizen screens do not use Qt's translator, see ui/i18n/__init__.py)."""

from __future__ import annotations

from collections.abc import Callable

from ui.rating.strings import tr


class ScreenTexts:
    def __init__(self, lang: Callable[[], str]) -> None:
        self._lang = lang
        self._bound: list[tuple[Callable[[str], None], Callable[[], str]]] = []

    @property
    def lang(self) -> str:
        return self._lang()

    def __call__(self, key: str, **values: object) -> str:
        """The text `key` (strings.py) in the current language."""
        return tr(key, self._lang(), **values)

    def bind(self, setter: Callable[[str], None], text: Callable[[], str]) -> None:
        """Set `setter(text())` now and again after every language switch."""
        self._bound.append((setter, text))
        setter(text())

    def refresh(self) -> None:
        for setter, text in self._bound:
            setter(text())
