"""Placeholder pictures for the demo, drawn with Pillow: no network, same bytes every run."""

import hashlib
import io

from PIL import Image, ImageDraw

SIZE = (1200, 800)


def placeholder_jpeg(label):
    """A JPEG whose colours and shapes are derived from ``label``."""
    digest = hashlib.sha256(label.encode()).digest()
    top = tuple(digest[0:3])
    bottom = tuple(channel // 3 for channel in digest[3:6])
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    width, height = SIZE
    for y in range(height):
        mix = y / (height - 1)
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(round(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True)),
        )
    for index in range(6):
        x, y, r = digest[6 + index] * 4, digest[12 + index] * 3, 40 + digest[18 + index] // 2
        draw.ellipse([x - r, y - r, x + r, y + r], outline=(255, 255, 255), width=6)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()
