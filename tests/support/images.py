"""Image files as people's devices leave them, including broken ones."""

import io
import struct
import zlib

from PIL import Image


def photo_png(size=(800, 600)) -> bytes:
    out = io.BytesIO()
    Image.effect_noise(size, 64).convert("RGB").save(out, "PNG")
    return out.getvalue()


def broken_pixels_png(size=(800, 600)) -> bytes:
    """A PNG whose chunks and checksums are intact but whose pixel data stops mid-stream (as a
    photo cut short in a transfer and re-checksummed): it opens and verifies, yet cannot be
    decoded."""
    data = photo_png(size)
    chunks, at = [], 8
    while at < len(data):
        length = struct.unpack(">I", data[at : at + 4])[0]
        chunks.append((data[at + 4 : at + 8], data[at + 8 : at + 8 + length]))
        at += 12 + length
    pixels = b"".join(body for kind, body in chunks if kind == b"IDAT")
    kept = [(kind, body) for kind, body in chunks if kind not in (b"IDAT", b"IEND")]
    kept += [(b"IDAT", pixels[: len(pixels) // 3]), (b"IEND", b"")]
    out = bytearray(data[:8])
    for kind, body in kept:
        out += struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    return bytes(out)
