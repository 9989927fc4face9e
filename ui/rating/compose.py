"""Vietnamese typing without Telex: base letters, then a modifier key (â ê ô / ă / ơ ư) or a tone key.

Pure Python (no Qt) so the rules are tested on their own. A key acts on the word being typed: the
modifier on its last fitting vowel, the tone on the vowel Vietnamese spelling puts it on (the
"old style" used in official documents: hòa, thủy, hoàng, người). Typing on after a tone moves it
when the syllable changes ("hòa" + "n" → "hoàn"). The text is kept in NFC.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Tone marks (combining characters) by key name.
TONES = {
    "sac": "\u0301",  # á
    "huyen": "\u0300",  # à
    "hoi": "\u0309",  # ả
    "nga": "\u0303",  # ã
    "nang": "\u0323",  # ạ
}
CIRCUMFLEX, BREVE, HORN = "\u0302", "\u0306", "\u031b"
MODIFIERS = {"circumflex": CIRCUMFLEX, "breve": BREVE, "horn": HORN}
_MOD_OK = {CIRCUMFLEX: "aeo", BREVE: "a", HORN: "ou"}
_VOWELS = set("aeiouy")


@dataclass
class _Letter:
    base: str  # one ASCII letter or đ/Đ, case kept
    mod: str = ""
    tone: str = ""

    @property
    def is_vowel(self) -> bool:
        return self.base.lower() in _VOWELS

    def text(self) -> str:
        return unicodedata.normalize("NFC", self.base + self.mod + self.tone)


def _split(ch: str) -> _Letter | None:
    """A precomposed Vietnamese letter → base, modifier, tone; None for anything else."""
    if ch in "đĐ":
        return _Letter(ch)
    parts = unicodedata.normalize("NFD", ch)
    base, marks = parts[0], parts[1:]
    if not (base.isascii() and base.isalpha()):
        return None
    letter = _Letter(base)
    for m in marks:
        if m in _MOD_OK:
            letter.mod = m
        elif m in TONES.values():
            letter.tone = m
        else:
            return None
    return letter


def _word_start(text: str) -> int:
    i = len(text)
    while i > 0 and _split(text[i - 1]) is not None:
        i -= 1
    return i


def _tone_index(word: list[_Letter]) -> int | None:
    """Where the tone of this syllable goes, or None when it has no vowel."""
    lower = "".join(w.base.lower() for w in word)
    start = 0
    # "qu" and "gi" (before another vowel) are consonants: quý, giá — but gì keeps its i.
    if lower.startswith("qu") and len(lower) > 2:
        start = 2
    elif lower.startswith("gi") and len(lower) > 2 and lower[2] in _VOWELS:
        start = 2
    vowels = [i for i in range(start, len(word)) if word[i].is_vowel]
    if not vowels:
        vowels = [i for i in range(len(word)) if word[i].is_vowel]
        if not vowels:
            return None
    # The nucleus: the last run of consecutive vowels.
    run = [vowels[-1]]
    for i in reversed(vowels[:-1]):
        if i == run[0] - 1:
            run.insert(0, i)
        else:
            break
    modified = [i for i in run if word[i].mod]
    if modified:
        return modified[-1]  # ươ → ơ, ưu → ư, iê → ê
    if len(run) >= 3:
        return run[1]
    if len(run) == 2:
        ends_word = run[-1] == len(word) - 1
        return run[0] if ends_word else run[1]
    return run[0]


class Composer:
    """The text being typed on the on-screen keyboard."""

    def __init__(self, text: str = "", max_len: int = 2000, *, capitalize_words: bool = False) -> None:
        self.max_len = max_len
        self.capitalize_words = capitalize_words  # names: "nguyen van an" is typed as "Nguyen Van An"
        self.text = unicodedata.normalize("NFC", text)

    # --- editing ----------------------------------------------------------------------------------

    def type(self, chars: str) -> None:
        if len(self.text) + len(chars) > self.max_len:
            return
        if self.capitalize_words and chars.isalpha() and (not self.text or self.text[-1] == " "):
            chars = chars.upper()
        self.text += unicodedata.normalize("NFC", chars)
        if len(chars) == 1 and _split(chars) is not None:
            self._replace_tone()

    def backspace(self) -> None:
        self.text = self.text[:-1]

    def clear(self) -> None:
        self.text = ""

    def tone(self, name: str) -> bool:
        """Put (or, tapped again, take off) a tone on the current word; False when there is no vowel."""
        mark = TONES[name]
        word, start = self._word()
        idx = _tone_index(word)
        if idx is None:
            return False
        current = next((w.tone for w in word if w.tone), "")
        for w in word:
            w.tone = ""
        if current != mark:
            word[idx].tone = mark
        self._put(word, start)
        return True

    def modifier(self, name: str) -> bool:
        """â ê ô (circumflex), ă (breve), ơ ư (horn) on the last vowel that takes it; tapped again, off."""
        mark = MODIFIERS[name]
        word, start = self._word()
        lowers = [w.base.lower() for w in word]
        if mark == HORN:
            # "uo" takes the horn on both letters: ươ (người, được).
            for i in range(len(word) - 1, 0, -1):
                if lowers[i - 1] == "u" and lowers[i] == "o":
                    on = not (word[i - 1].mod == HORN and word[i].mod == HORN)
                    word[i - 1].mod = word[i].mod = HORN if on else ""
                    return self._finish(word, start)
        for i in range(len(word) - 1, -1, -1):
            if lowers[i] in _MOD_OK[mark]:
                word[i].mod = "" if word[i].mod == mark else mark
                return self._finish(word, start)
        return False

    # --- internals ----------------------------------------------------------------------------------

    def _finish(self, word: list[_Letter], start: int) -> bool:
        self._put(word, start)
        self._replace_tone()
        return True

    def _word(self) -> tuple[list[_Letter], int]:
        start = _word_start(self.text)
        letters = [_split(ch) for ch in self.text[start:]]
        return [w for w in letters if w is not None], start

    def _put(self, word: list[_Letter], start: int) -> None:
        self.text = self.text[:start] + "".join(w.text() for w in word)

    def _replace_tone(self) -> None:
        """Keep the word's tone on the right vowel after its letters changed."""
        word, start = self._word()
        current = next((w.tone for w in word if w.tone), "")
        if not current:
            return
        idx = _tone_index(word)
        if idx is None:
            return
        for w in word:
            w.tone = ""
        word[idx].tone = current
        self._put(word, start)
