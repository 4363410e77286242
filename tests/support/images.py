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
    """A PNG whose chunks and checksums are intact but whose pixel data is garbled mid-stream
    (as a photo damaged in a transfer and re-checksummed): it opens and verifies, yet cannot be
    decoded ("broken data stream")."""
    data = bytearray(photo_png(size))
    at = data.index(b"IDAT") - 4
    length = struct.unpack(">I", data[at : at + 4])[0]
    start = at + 8
    middle = start + length // 3
    data[middle : middle + 64] = bytes((b ^ 0x5A) for b in data[middle : middle + 64])
    crc = zlib.crc32(bytes(data[at + 4 : start + length])) & 0xFFFFFFFF
    data[start + length : start + length + 4] = struct.pack(">I", crc)
    return bytes(data)
