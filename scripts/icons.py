#!/usr/bin/env python3
"""Draws the book's app icons (the web app manifest's and the Apple touch
icon) into static/: run it after changing the design, and commit the PNGs.

    pip install pillow && python3 scripts/icons.py

The design is static/favicon.svg's: a white "G" on the Go blue. The G is
drawn from an arc and a bar rather than a font, so every machine draws the
same icon. "any" icons keep the favicon's rounded corners; the maskable one
and the Apple one fill the square (the platform cuts its own shape) and keep
the G inside the central circle that every mask leaves (40% radius).
"""
from pathlib import Path

from PIL import Image, ImageDraw

BLUE = (0x00, 0xAD, 0xD8, 255)  # static/favicon.svg's fill
WHITE = (255, 255, 255, 255)
SCALE = 4  # drawn 4x larger, then reduced: smooth edges
STATIC = Path(__file__).resolve().parent.parent / "static"


def g(draw, cx, cy, r):
    """A geometric G of outer radius r centred on (cx, cy)."""
    w = r * 0.42  # stroke: bold enough to read at 48 px
    draw.arc((cx - r, cy - r, cx + r, cy + r), start=0, end=318, fill=WHITE, width=round(w))
    # The bar: from the middle to the arc's right end, as tall as the stroke.
    draw.rectangle((cx - r * 0.02, cy - w * 0.05, cx + r, cy + w * 0.95), fill=WHITE)


def icon(size, full_bleed, radius):
    """radius: the G's outer radius as a fraction of the size."""
    big = size * SCALE
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    if full_bleed:
        draw.rectangle((0, 0, big, big), fill=BLUE)
    else:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 6 / 32, fill=BLUE)
    g(draw, big / 2, big / 2, big * radius)
    return img.resize((size, size), Image.LANCZOS)


def main():
    outputs = {
        "icon-192.png": icon(192, False, 0.31),
        "icon-512.png": icon(512, False, 0.31),
        # The G's corners stay inside the safe zone's circle (radius 0.4).
        "icon-maskable-512.png": icon(512, True, 0.25),
        # iOS fills transparency with black and rounds the corners itself.
        "apple-touch-icon.png": icon(180, True, 0.29).convert("RGB"),
    }
    for name, img in outputs.items():
        img.save(STATIC / name, optimize=True)
        print(f"static/{name}: {(STATIC / name).stat().st_size} bytes")


if __name__ == "__main__":
    main()
