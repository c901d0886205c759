"""Placeholder pictures for the demo, drawn with Pillow: no network, same bytes every run."""

import hashlib
import io
import math

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


def emblem_png(size=512, square=False):
    """A red badge with a gold five-pointed star: the demo's emblem (round) and icon
    (square). A placeholder: a real portal uploads its own."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    box = [0, 0, size - 1, size - 1]
    if square:
        draw.rounded_rectangle(box, radius=size // 6, fill=(138, 28, 28, 255))
    else:
        draw.ellipse(box, fill=(138, 28, 28, 255), outline=(255, 205, 0, 255), width=size // 24)
    centre, radius = size / 2, size * 0.36
    points = []
    for index in range(10):
        angle = -math.pi / 2 + index * math.pi / 5
        reach = radius if index % 2 == 0 else radius * 0.4
        points.append(
            (centre + reach * math.cos(angle), centre + 0.04 * size + reach * math.sin(angle))
        )
    draw.polygon(points, fill=(255, 205, 0, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
