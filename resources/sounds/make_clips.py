"""Regenerate the voice clips and the chime in this folder: `python resources/sounds/make_clips.py`.

Needs espeak-ng (Debian/Ubuntu: apt-get install espeak-ng; Windows: the espeak-ng installer).
Each clip is espeak-ng's Vietnamese voice (-v vi) saying one word, with silence trimmed at both
ends so that joined clips sound like one sentence. The chime is synthesised by ui/display/speech.py.
"""

from __future__ import annotations

import array
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from ui.display.speech import (  # noqa: E402
    DIGITS_VI,
    LETTERS_VI,
    NUMBER_WORDS,
    PHRASES,
    chime_frames,
    read_frames,
    write_wav,
)

SPEED = 140  # words per minute: a little slower than espeak's default, for a large noisy room


def trim(frames: bytes, threshold: int = 400, pad: int = 330) -> bytes:
    samples = array.array("h", frames)
    loud = [i for i, v in enumerate(samples) if abs(v) > threshold]
    if not loud:
        return frames
    start, end = max(0, loud[0] - pad), min(len(samples), loud[-1] + pad)
    return samples[start:end].tobytes()


def say(text: str, target: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw.wav"
        subprocess.run(["espeak-ng", "-v", "vi", "-s", str(SPEED), "-w", str(raw), text], check=True)
        write_wav(target, trim(read_frames(raw)))


def main() -> None:
    words = {**PHRASES}
    words.update({f"letter_{k.lower()}": v for k, v in LETTERS_VI.items()})
    words.update({f"digit_{i}": w for i, w in enumerate(DIGITS_VI)})
    words.update(NUMBER_WORDS)
    for name, text in words.items():
        say(text, HERE / f"{name}.wav")
    write_wav(HERE / "chime.wav", chime_frames())
    print(f"{len(words) + 1} files written to {HERE}")


if __name__ == "__main__":
    main()
