"""What the waiting-room board says, and the sound file that says it (no Qt here: testable alone).

A call is "Mời số A012 đến quầy số 3": the letter is spelled, the number and the counter are read
as Vietnamese numbers ("a, mười hai, đến quầy số ba"; 21 "hai mươi mốt", 105 "một trăm linh năm").
Spoken by espeak-ng's Vietnamese voice where it is installed, else joined from the pre-recorded clips
in resources/sounds/ (made by make_clips.py): the same words either way. A chime comes first and the
result is one WAV file for the player.
"""

from __future__ import annotations

import array
import math
import os
import re
import shutil
import subprocess
import tempfile
import wave
from collections.abc import Sequence
from pathlib import Path

from counter_app.paths import resource

SOUNDS_DIR = resource("sounds")
RATE = 22050  # espeak-ng's own rate: clips and live speech join without resampling

LETTERS_VI = {
    # J is written "gi" in Vietnamese spelling, but espeak-ng reads a lone "gi" as just [z]: "di" sounds right.
    "A": "a",
    "B": "bê",
    "C": "xê",
    "D": "dê",
    "E": "e",
    "F": "ép",
    "G": "giê",
    "H": "hát",
    "I": "i",
    "J": "di",
    "K": "ca",
    "L": "e lờ",
    "M": "em mờ",
    "N": "en nờ",
    "O": "o",
    "P": "pê",
    "Q": "quy",
    "R": "e rờ",
    "S": "ét xì",
    "T": "tê",
    "U": "u",
    "V": "vê",
    "W": "vê kép",
    "X": "ích xì",
    "Y": "i dài",
    "Z": "dét",
}
DIGITS_VI = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
PHRASES = {"moi_so": "mời số", "den_quay_so": "đến quầy số"}
# The words numbers are made of besides the digits, and their clips. "Mươi" (tens after a digit) and
# "mười" (ten) differ by their tone; so do "mốt"/"một" and "lăm"/"năm" (21, 25 vs 1, 5).
NUMBER_WORDS = {
    "word_muoi": "mười",
    "word_muoi_ngang": "mươi",
    "word_mot_sac": "mốt",
    "word_lam": "lăm",
    "word_tram": "trăm",
    "word_linh": "linh",
    "word_nghin": "nghìn",
}
_CLIP_OF_WORD = {
    **{w: f"digit_{i}" for i, w in enumerate(DIGITS_VI)},
    **{w: k for k, w in NUMBER_WORDS.items()},
}
MAX_NUMBER = 9999  # ticket numbers have at most four digits (queue.NUMBER_RE); counters go to 99

_NUMBER = re.compile(r"([A-Za-z])(\d+)")


def call_text(number: str, counter: int) -> str:
    """What a person reads on the board: 'Mời số A012 đến quầy số 3'."""
    return f"Mời số {number} đến quầy số {counter}"


def recall_text(number: str, counter: int) -> str:
    """A recall on the board, marked as such: 'Mời lại số A012 đến quầy số 3'."""
    return f"Mời lại số {number} đến quầy số {counter}"


def _parts(number: str) -> tuple[str, str]:
    m = _NUMBER.fullmatch(number.strip())
    if not m:
        raise ValueError(f"số thứ tự không hợp lệ: {number!r}")
    return m.group(1).upper(), m.group(2)


def _tens(n: int) -> list[str]:
    """10…99 as read aloud: mười, mười lăm, hai mươi, hai mươi mốt, hai mươi lăm, chín mươi chín."""
    tens, unit = divmod(n, 10)
    head = ["mười"] if tens == 1 else [DIGITS_VI[tens], "mươi"]
    if unit == 0:
        return head
    if unit == 5:
        return [*head, "lăm"]
    if unit == 1 and tens > 1:
        return [*head, "mốt"]
    return [*head, DIGITS_VI[unit]]


def _below_thousand(n: int, *, inner: bool) -> list[str]:
    """0…999; `inner` when thousands come before (1005 "một nghìn không trăm linh năm")."""
    hundreds, rest = divmod(n, 100)
    words = [DIGITS_VI[hundreds], "trăm"] if hundreds or inner else []
    if rest == 0:
        return words
    if rest < 10:
        return [*words, "linh", DIGITS_VI[rest]] if words else [DIGITS_VI[rest]]
    return [*words, *_tens(rest)]


def number_words(n: int) -> list[str]:
    """A whole number 0…9999 as the Vietnamese words read aloud (12 → mười hai, 105 → một trăm linh năm)."""
    if not 0 <= n <= MAX_NUMBER:
        raise ValueError(f"chỉ đọc được số từ 0 đến {MAX_NUMBER}: {n}")
    if n == 0:
        return ["không"]
    thousands, rest = divmod(n, 1000)
    if not thousands:
        return _below_thousand(rest, inner=False)
    words = [DIGITS_VI[thousands], "nghìn"]
    return [*words, *_below_thousand(rest, inner=True)] if rest else words


def _spoken_number(n: int) -> list[str]:
    """Words for a ticket number or a counter; past MAX_NUMBER (never issued) digit by digit."""
    return number_words(n) if n <= MAX_NUMBER else [DIGITS_VI[int(d)] for d in str(n)]


def spoken_text(number: str, counter: int) -> str:
    """What the voice says, spelled so every engine reads it the same: 'Mời số a, mười hai, đến quầy số ba'."""
    letter, digits = _parts(number)
    said, at = " ".join(_spoken_number(int(digits))), " ".join(_spoken_number(int(counter)))
    return f"Mời số {LETTERS_VI[letter]}, {said}, đến quầy số {at}"


def clip_names(number: str, counter: int) -> list[str]:
    """The recorded clips that make the call, in order (chime first)."""
    letter, digits = _parts(number)
    return [
        "chime",
        "moi_so",
        f"letter_{letter.lower()}",
        *(_CLIP_OF_WORD[w] for w in _spoken_number(int(digits))),
        "den_quay_so",
        *(_CLIP_OF_WORD[w] for w in _spoken_number(int(counter))),
    ]


def espeak_binary() -> str | None:
    """espeak-ng on PATH, else where its Windows installer puts it (it does not add itself to PATH)."""
    found = shutil.which("espeak-ng")
    if found:
        return found
    for base in (os.environ.get("ProgramFiles"), os.environ.get("ProgramFiles(x86)")):
        if base and (Path(base) / "eSpeak NG" / "espeak-ng.exe").exists():
            return str(Path(base) / "eSpeak NG" / "espeak-ng.exe")
    return None


def read_frames(path: Path) -> bytes:
    with wave.open(str(path), "rb") as w:
        if (w.getnchannels(), w.getsampwidth(), w.getframerate()) != (1, 2, RATE):
            raise ValueError(f"{path.name}: cần WAV mono 16-bit {RATE} Hz")
        return w.readframes(w.getnframes())


def write_wav(path: Path, frames: bytes) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(frames)
    return path


def silence(seconds: float) -> bytes:
    return b"\x00\x00" * int(RATE * seconds)


def join_clips(paths: Sequence[Path], gap: float = 0.06) -> bytes:
    pause = silence(gap)
    return pause.join(read_frames(p) for p in paths)


def chime_frames(volume: float = 0.45) -> bytes:
    """A two-tone 'ding-dong' (E5 then C5) with bell-like decay, synthesised here (no sample used)."""
    out = array.array("h")
    for freq, length in ((659.25, 0.55), (523.25, 0.85)):
        n = int(RATE * length)
        for i in range(n):
            t = i / RATE
            env = math.exp(-3.2 * t) * min(1.0, i / (0.004 * RATE))  # 4 ms attack avoids a click
            v = math.sin(2 * math.pi * freq * t) + 0.35 * math.sin(4 * math.pi * freq * t)
            out.append(int(max(-1.0, min(1.0, volume * env * v / 1.35)) * 32767))
    return out.tobytes()


def espeak_frames(text: str, binary: str | None = None, *, speed: int = 140) -> bytes:
    """The text spoken by espeak-ng's Vietnamese voice, as raw frames at RATE."""
    exe = binary or espeak_binary()
    if not exe:
        raise FileNotFoundError("espeak-ng")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "say.wav"
        subprocess.run(
            [exe, "-v", "vi", "-s", str(speed), "-w", str(out), text],
            check=True,
            capture_output=True,
            timeout=15,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )  # no console flash on Windows
        return read_frames(out)


class CallSound:
    """Builds the WAV of one call. `mode`: auto (espeak-ng if installed, else clips), espeak, clips."""

    def __init__(
        self,
        sounds_dir: Path = SOUNDS_DIR,
        *,
        mode: str = "auto",
        espeak: str | None = None,
        out_dir: Path | None = None,
    ) -> None:
        self.sounds_dir = Path(sounds_dir)
        self.mode = mode
        self.espeak = (
            espeak if espeak is not None else (espeak_binary() if mode in ("auto", "espeak") else None)
        )
        self.out_dir = Path(out_dir) if out_dir else Path(tempfile.mkdtemp(prefix="counter-calls-"))
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._n = 0

    def engine(self) -> str:
        if self.mode == "clips" or (self.mode == "auto" and not self.espeak):
            return "clips"
        return "espeak"

    def build(self, number: str, counter: int) -> Path:
        """The call's WAV file (chime + speech). Runs a subprocess or reads files: call it off the GUI thread."""
        self._n += 1
        target = (
            self.out_dir / f"call-{self._n % 8}.wav"
        )  # a few rotating files: the player may still hold one
        chime = read_frames(self.sounds_dir / "chime.wav")
        if self.engine() == "espeak":
            try:
                speech = espeak_frames(spoken_text(number, counter), self.espeak)
                return write_wav(target, chime + silence(0.15) + speech)
            except (OSError, subprocess.SubprocessError, ValueError):
                pass  # a broken espeak install must not silence the board: fall back to the clips
        paths = [self.sounds_dir / f"{name}.wav" for name in clip_names(number, counter)]
        return write_wav(target, chime + silence(0.15) + join_clips(paths[1:]))
