"""The main window; for now a script browser that validates and outlines installed scripts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPlainTextEdit,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from interview_app import paths
from interview_app.domain.forms import load_form
from interview_app.domain.model import Form
from interview_app.errors import FormError

PATH_ROLE = Qt.ItemDataRole.UserRole


class MainWindow(QMainWindow):
    """Lists the scripts in a directory; selecting one shows its outline or its problems."""

    def __init__(self, forms_dir: Path = paths.FORMS_DIR) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Interview assistant: scripts"))
        self.resize(1000, 640)
        self._forms_dir = forms_dir

        self.script_list = QListWidget()
        self.outline = QTreeWidget()
        self.outline.setHeaderLabels([self.tr("Item"), self.tr("Kind"), self.tr("Prompt")])
        self.problems = QPlainTextEdit()  # plain text: messages quote the script's own ids
        self.problems.setReadOnly(True)
        self.problems.hide()
        self.empty_note = QLabel(self.tr("No interview scripts are installed yet."))
        self.empty_note.setTextFormat(Qt.TextFormat.PlainText)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.addWidget(self.outline)
        detail_layout.addWidget(self.problems)
        splitter = QSplitter()
        splitter.addWidget(self.script_list)
        splitter.addWidget(detail)
        splitter.setStretchFactor(1, 3)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.empty_note)
        layout.addWidget(splitter)
        self.setCentralWidget(central)

        self.script_list.currentItemChanged.connect(self._show_script)
        self.reload()

    def reload(self) -> None:
        self.script_list.clear()
        scripts = sorted(self._forms_dir.glob("*.yaml")) if self._forms_dir.is_dir() else []
        self.empty_note.setVisible(not scripts)
        for path in scripts:
            entry = QListWidgetItem(path.stem)
            entry.setData(PATH_ROLE, str(path))
            self.script_list.addItem(entry)
        if scripts:
            self.script_list.setCurrentRow(0)

    def _show_script(self, current: QListWidgetItem | None) -> None:
        self.outline.clear()
        if current is None:
            return
        try:
            form = load_form(Path(current.data(PATH_ROLE)))
        except FormError as error:
            self.outline.hide()
            self.problems.setPlainText("\n".join(str(p) for p in error.problems))
            self.problems.show()
            return
        self.problems.hide()
        self.outline.show()
        self._fill_outline(form)

    def _fill_outline(self, form: Form) -> None:
        for section in form.sections:
            section_row = QTreeWidgetItem([section.id, self.tr("section"), section.title])
            self.outline.addTopLevelItem(section_row)
            for item in section.items:
                row = QTreeWidgetItem([item.id, item.kind.value, item.prompt])
                section_row.addChild(row)
                for child in item.items:
                    row.addChild(QTreeWidgetItem([child.id, child.kind.value, child.prompt]))
        self.outline.expandAll()
        self.outline.resizeColumnToContents(0)
