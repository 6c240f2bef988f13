"""Read-only screens: `?` lists every key (from the bindings themselves, so it cannot drift from
what the keys do) and what the marks mean; a text viewer shows the notice-email draft."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from policydiff.safe import terminal_safe

MARKS = (("+", "added"), ("-", "removed"), ("~", "modified"), ("→", "moved"), ("≈", "renumbered"),
         ("⑂ ⑃", "split / merged"), ("!", "material (after overrides)"), ("✓", "reviewed"),
         ("⚠", "stale: decided on other words than the change now has (not reviewed)"),
         ("(3)", "changes inside a section"),
         ("listed apart", "structure-only changes and non-operative text (banners, change logs): not to review"))

EXTRA_KEYS = (("↑ ↓ / mouse", "move in the tree; click a clause to show it"), ("enter", "open or close a section"),
              ("← →", "enclosing section / open section"),
              ("tab", "switch between the tree and the detail pane (the focused one has the bright frame)"),
              ("ctrl+p", "command palette: change theme (light and dark) and more"))


class HelpScreen(ModalScreen[None]):
    """Every key of the review screen with what it does, and the legend of marks."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark", "close", "close", id="help.close")]

    def __init__(self, bindings: list[Binding]) -> None:
        super().__init__()
        self.keys = bindings

    def compose(self) -> ComposeResult:
        keys = Table.grid(padding=(0, 2))
        keys.add_column(style="bold", no_wrap=True)
        keys.add_column()
        for binding in self.keys:
            keys.add_row(binding.key_display or binding.key, binding.tooltip or binding.description)
        for key, meaning in EXTRA_KEYS:
            keys.add_row(key, meaning)
        marks = Table.grid(padding=(0, 2))
        marks.add_column(style="bold", no_wrap=True)
        marks.add_column()
        for mark, meaning in MARKS:
            marks.add_row(mark, meaning)
        with Vertical(classes="dialog help"):
            yield Label(Text("policydiff review — keys"), classes="dialog-title")
            with VerticalScroll():
                yield Static(keys)
                yield Static(Text("\nmarks in the tree", style="bold"))
                yield Static(marks)
            yield Static(Text("↑ ↓ scroll · escape, q or ? to close"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()  # so ↑ ↓ and page keys scroll the list at 80x24

    def action_close(self) -> None:
        self.dismiss(None)


class TextScreen(ModalScreen[None]):
    """A scrollable page of plain text (the notice-email draft): shown literally, never as markup."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "close", "close", id="text.close")]

    def __init__(self, title: str, body: str, hint: str = "") -> None:
        super().__init__()
        self.title_text, self.body, self.hint = title, body, hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog page"):
            yield Label(Text(terminal_safe(self.title_text)), classes="dialog-title")
            with VerticalScroll(id="page-body"):
                yield Static(Text(terminal_safe(self.body)), markup=False)
            yield Static(Text(self.hint or "escape or q to close · ↑ ↓ scroll"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#page-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
