"""A guard on the Qt binding itself: PySide6 6.12.0 drops a reference to True on every
Signal.emit, so a long session (every search emits) ends in "Fatal Python error: bool_dealloc".
pyproject.toml keeps PySide6 below 6.12; this test fails if an upgrade brings the fault back."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Sender(QObject):
    fired = Signal(object)


def test_emitting_a_signal_does_not_lose_references_to_true() -> None:
    sender = _Sender()
    received: list[object] = []
    sender.fired.connect(received.append)
    before = sys.getrefcount(True)
    for number in range(200):
        sender.fired.emit(number)
    assert len(received) == 200
    assert sys.getrefcount(True) >= before - 5  # 6.12.0 loses 200 here
