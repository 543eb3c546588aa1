"""Home's cards: a policy's row (its title, review status and Read button) and the training decks
(present, self-check, handout)."""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from guidance_app.core.content.model import Library, Policy
from guidance_app.core.content.review_dates import review_status
from guidance_app.ui import theme
from guidance_app.ui.widgets import plain_label


def policy_row(policy: Policy, today: datetime.date, open_policy: SignalInstance) -> QWidget:
    """A policy's title, how its review stands (and how a date it does not state was worked
    out), and a button that opens it (`open_policy` is sent the policy's id)."""
    status = review_status(policy, today)
    row = QHBoxLayout()
    title = plain_label(policy.title)
    title.setWordWrap(True)
    title.setMinimumWidth(120)
    row.addWidget(title, stretch=1)
    review = plain_label(status.text)
    review.setObjectName("overdue" if status.overdue else "reviewOk")
    review.setAccessibleName(f"{policy.title}: {status.text}")
    if status.overdue:
        review.setToolTip(
            "The policy says it should have been reviewed by now. It may be out of "
            "date: check with your school office if you are unsure."
        )
    row.addWidget(review)
    read = QPushButton(theme.icon("policy"), "Read")
    read.setAccessibleName(f"Read the {policy.title}")
    read.clicked.connect(lambda _=False, p=policy.id: open_policy.emit(p))
    row.addWidget(read)
    holder = QWidget()
    lines = QVBoxLayout(holder)
    lines.addLayout(row)
    if status.derived:  # a date the policy does not state says how it was worked out
        how = plain_label(status.derived)
        how.setObjectName("reviewDerived")
        how.setWordWrap(True)
        how.setAlignment(Qt.AlignmentFlag.AlignRight)
        review.setAccessibleName(f"{policy.title}: {status.text} ({status.derived})")
        lines.addWidget(how)
    return holder


def training_card(
    library: Library, signals: tuple[SignalInstance, SignalInstance, SignalInstance]
) -> QFrame:
    """A row per training deck: present it, take its self-check, save its handout; each button
    sends the deck's id on its signal (present, check, handout)."""
    card = QFrame()
    card.setObjectName("statusCard")
    rows = QVBoxLayout(card)
    for deck in library.decks:
        row = QHBoxLayout()
        title = plain_label(f"{deck.title} ({len(deck.scenarios)} scenarios)")
        title.setWordWrap(True)
        title.setMinimumWidth(120)
        row.addWidget(title, stretch=1)
        for (label, icon, name), signal in zip(
            (
                ("Present (F5)", "compare", "Present"),
                ("Self-check", "guide", "Take the self-check"),
                ("Handout PDF…", "pdf", "Save the handout as a PDF"),
            ),
            signals,
            strict=True,
        ):
            button = QPushButton(theme.icon(icon), label)
            button.setAccessibleName(f"{name}: {deck.title}")
            button.clicked.connect(lambda _=False, d=deck.id, s=signal: s.emit(d))
            row.addWidget(button)
        rows.addLayout(row)
    return card
