"""Render the application icon for packaging: resources/icons/app.svg -> build/icons/.

    python build_scripts/make_icons.py [OUT_DIR]      (default: build/icons)

Writes app.png (256 px: the Linux menu entry, the bundle's policy-guidance.png), app.ico
(16-256 px in one file: the Windows EXEs) and app.icns (16-1024 px: the macOS app bundle),
drawn by Qt's SVG renderer on the offscreen platform, so it needs no display and no extra tools.
Qt's ICO writer stores one image per file, so each size is written by it (BMP with alpha, the
most widely read form) and the images are then joined into one icon directory; the 256 px image
is stored as PNG, as Windows itself does. The .icns holds PNGs under the element types macOS
reads. Everything is read back with Qt and checked before this exits 0.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "app.svg"
PNG_SIZE = 256
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, and their pixel sizes (the @2x ones are for Retina)
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic07", 128),
    (b"ic13", 256),
    (b"ic08", 256),
    (b"ic14", 512),
    (b"ic09", 512),
    (b"ic10", 1024),
)


def _render(size: int):  # -> QImage (Qt is imported lazily: tests import this module)
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: cannot read {SOURCE} as SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def _encode(image, fmt: str) -> bytes:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, fmt):
        raise SystemExit(f"make_icons: Qt could not write {fmt} (is its image plugin missing?)")
    buffer.close()
    return bytes(data.data())


def join_ico(images: list[tuple[int, bytes]]) -> bytes:
    """One .ico from (size, payload) pairs; payload is a PNG, or the body of a one-image .ico
    as Qt writes it (its 6-byte header and 16-byte directory entry are replaced)."""
    entries = b""
    bodies = b""
    offset = 6 + 16 * len(images)
    for size, payload in images:
        if payload.startswith(b"\x89PNG"):
            body, planes, bits = payload, 1, 32
        else:
            reserved, kind, count = struct.unpack_from("<HHH", payload, 0)
            if (reserved, kind, count) != (0, 1, 1):
                raise SystemExit("make_icons: Qt's ICO writer gave an unexpected header")
            _w, _h, _colours, _r, planes, bits, length, start = struct.unpack_from(
                "<BBBBHHII", payload, 6
            )
            body = payload[start : start + length]
        side = 0 if size >= 256 else size  # 0 means 256 in an icon directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, planes, bits, len(body), offset)
        bodies += body
        offset += len(body)
    return struct.pack("<HHH", 0, 1, len(images)) + entries + bodies


def join_icns(images: list[tuple[bytes, bytes]]) -> bytes:
    """One .icns from (element type, PNG) pairs."""
    body = b"".join(kind + struct.pack(">I", 8 + len(png)) + png for kind, png in images)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "icons"
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QImageReader

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    out.mkdir(parents=True, exist_ok=True)

    png = out / "app.png"
    png.write_bytes(_encode(_render(PNG_SIZE), "PNG"))

    frames = [(size, _encode(_render(size), "PNG" if size >= 256 else "ICO")) for size in ICO_SIZES]
    ico = out / "app.ico"
    ico.write_bytes(join_ico(frames))

    icns = out / "app.icns"
    pngs: dict[int, bytes] = {}
    for _kind, size in ICNS_TYPES:
        if size not in pngs:
            pngs[size] = _encode(_render(size), "PNG")
    icns.write_bytes(join_icns([(kind, pngs[size]) for kind, size in ICNS_TYPES]))

    # read everything back, as Windows / macOS / a desktop would
    data = QByteArray(ico.read_bytes())
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, b"ico")
    sizes = []
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        image = reader.read()
        if image.isNull():
            raise SystemExit(f"make_icons: image {index} of {ico} cannot be read back")
        sizes.append(image.width())
    if sorted(sizes) != sorted(ICO_SIZES):
        raise SystemExit(f"make_icons: {ico} holds sizes {sizes}, expected {list(ICO_SIZES)}")
    for path, expected in ((png, PNG_SIZE), (icns, ICNS_TYPES[0][1])):
        image = QImageReader(str(path)).read()
        if image.width() != expected:
            raise SystemExit(f"make_icons: {path} reads back as {image.width()} px")
    for path in (png, ico, icns):
        print(f"{path} ({path.stat().st_size // 1024} KB)")
    print(f"  app.ico sizes: {', '.join(str(s) for s in sizes)}")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
