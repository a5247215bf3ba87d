#!/usr/bin/env python3
"""Synthetic cough stand-ins: cough-N.wav (16 kHz mono, 16-bit), N = seed 1..8.

flite cannot cough and the project's test data (SOURCES.md: pocketsphinx-testdata, opencv-doc) holds no
cough recording, so these are a documented stand-in, not a real cough: a seeded noise burst shaped like
one. Each clip is an explosive part (white noise through two vocal-tract resonances, F1 500-750 Hz and
F2 1400-2000 Hz, 6 ms attack, exponential decay) followed by a short breathy voiced tail (a jittered
pulse train at 120-220 Hz through the same resonances, mixed with noise), 240-460 ms in all, peak -6 dBFS.
The numbers come from descriptions of cough acoustics (a broadband burst, then a voiced phase), not from a
fitted model. Same seed, same file: `python3 make_coughs.py` rewrites them byte for byte.
"""
import pathlib
import wave

import numpy as np

RATE = 16_000


def resonator(x, freq, bandwidth):
    """Two-pole resonator (Klatt), unit gain at DC."""
    r = np.exp(-np.pi * bandwidth / RATE)
    c = -r * r
    b = 2 * r * np.cos(2 * np.pi * freq / RATE)
    a = 1 - b - c
    y = np.zeros_like(x)
    y1 = y2 = 0.0
    for i, v in enumerate(x):
        y0 = a * v + b * y1 + c * y2
        y[i] = y0
        y2, y1 = y1, y0
    return y


def cough(seed):
    rng = np.random.default_rng(seed)
    total = rng.uniform(0.24, 0.46)
    burst = total * rng.uniform(0.35, 0.5)
    n, nb = int(total * RATE), int(burst * RATE)
    t = np.arange(n) / RATE
    f1, f2 = rng.uniform(500, 750), rng.uniform(1400, 2000)

    noise = rng.standard_normal(n)
    shaped = resonator(noise, f1, 250) + 0.6 * resonator(noise, f2, 350) + 0.08 * noise
    attack = np.minimum(1.0, t / 0.006)
    burst_env = attack * np.exp(-t / (burst / 2.5))

    f0 = rng.uniform(120, 220)
    phase = np.cumsum(f0 * (1 + 0.03 * rng.standard_normal(n)) / RATE)
    pulses = np.diff(np.floor(phase), prepend=0.0)
    voiced = resonator(pulses, f1, 120) + 0.5 * resonator(pulses, f2, 200)
    voiced = voiced / (np.abs(voiced).max() + 1e-9) + 0.3 * shaped / (np.abs(shaped).max() + 1e-9)
    tail_t = np.clip(t - burst * 0.6, 0, None)
    tail_env = np.where(t >= burst * 0.6, np.minimum(1.0, tail_t / 0.02) * np.exp(-tail_t / 0.06), 0.0)

    signal = burst_env * shaped / (np.abs(shaped).max() + 1e-9) + 0.35 * tail_env * voiced
    fade = np.minimum(1.0, (n - np.arange(n)) / (0.01 * RATE))
    signal *= fade
    return (signal / np.abs(signal).max() * 0.5 * 32767).astype("<i2")


def main():
    here = pathlib.Path(__file__).resolve().parent
    for seed in range(1, 9):
        with wave.open(str(here / f"cough-{seed}.wav"), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(RATE)
            w.writeframes(cough(seed).tobytes())


if __name__ == "__main__":
    main()
