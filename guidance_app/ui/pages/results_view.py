"""The search results list: each result drawn as rich text (core/render/results.py writes it),
chosen with the arrow keys and Enter or a click."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QKeyEvent,
    QPainter,
    QPalette,
    QStandardItem,
    QStandardItemModel,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from guidance_app.core.content.model import Library
from guidance_app.core.render.results import hit_html, hit_plain
from guidance_app.core.search.engine import SearchHit

HTML_ROLE = Qt.ItemDataRole.UserRole + 1
HIT_ROLE = Qt.ItemDataRole.UserRole + 2
PADDING = 10


class HitDelegate(QStyledItemDelegate):
    def __init__(self, view: QListView, css: str) -> None:
        super().__init__(view)
        self.view = view
        self.css = css
        # Laid-out rows, kept: the list asks each row's size and then paints it, and building a
        # rich-text document twice per row was most of the time from a key press to its results.
        self._laid_out: dict[tuple[str, str, int], QTextDocument] = {}

    def _document(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QTextDocument:
        text = str(index.data(HTML_ROLE) or "")
        width = max(self.view.viewport().width() - 2 * PADDING, 200)
        key = (text, option.font.key(), width)
        doc = self._laid_out.get(key)
        if doc is None:
            if len(self._laid_out) > 4 * 30:  # a few searches' worth: old widths and results go
                self._laid_out.clear()
            doc = QTextDocument()
            doc.setDefaultStyleSheet(self.css)
            doc.setDefaultFont(option.font)
            doc.setDocumentMargin(0)
            doc.setHtml(text)
            doc.setTextWidth(width)
            self._laid_out[key] = doc
        return doc

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(option, index)
        rect = opt.rect
        painter.save()
        painter.translate(rect.left() + PADDING, rect.top() + PADDING // 2 + 2)
        context = QAbstractTextDocumentLayout.PaintContext()
        palette: QPalette = opt.palette
        context.palette.setColor(QPalette.ColorRole.Text, palette.color(QPalette.ColorRole.Text))
        doc.documentLayout().draw(painter, context)
        painter.restore()
        if opt.state & QStyle.StateFlag.State_HasFocus:
            painter.save()
            painter.setPen(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
            painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + PADDING + 4)


class ResultsView(QListView):
    """Emits `chosen(hit)` on Enter or click; `leave_up` when Up is pressed on the first row."""

    chosen = Signal(object)
    leave_up = Signal()

    def __init__(self, css: str) -> None:
        super().__init__()
        self.results_model = QStandardItemModel(self)
        self.setModel(self.results_model)
        self.setItemDelegate(HitDelegate(self, css))
        self.setAccessibleName("Search results")
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        # The first rows are laid out and painted before the rest: results on screen sooner.
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(6)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.clicked.connect(self._chosen)
        self.setSpacing(2)

    def show_hits(self, hits: tuple[SearchHit, ...], library: Library) -> None:
        self.results_model.clear()
        for hit in hits:
            item = QStandardItem(hit_plain(hit))
            item.setData(hit_html(hit, library), HTML_ROLE)
            item.setData(hit, HIT_ROLE)
            item.setEditable(False)
            self.results_model.appendRow(item)
        if hits:
            self.setCurrentIndex(self.results_model.index(0, 0))
            self.scrollToTop()

    def enter_from_above(self) -> None:
        """Down from the search box: the first row is shown as chosen already (Enter there
        opens it), so Down moves on to the next one, as it would within the list."""
        self.setFocus()
        row = self.currentIndex().row()
        last = self.results_model.rowCount() - 1
        self.setCurrentIndex(self.results_model.index(min(max(row + 1, 0), last), 0))

    def hit(self, row: int) -> SearchHit | None:
        item = self.results_model.item(row)
        value = item.data(HIT_ROLE) if item is not None else None
        return value if isinstance(value, SearchHit) else None

    def _chosen(self, index: QModelIndex) -> None:
        hit = self.hit(index.row())
        if hit is not None:
            self.chosen.emit(hit)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._chosen(self.currentIndex())
            return
        if event.key() == Qt.Key.Key_Up and self.currentIndex().row() <= 0:
            self.leave_up.emit()
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: object) -> None:  # rows re-flow to the new width
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.scheduleDelayedItemsLayout()
