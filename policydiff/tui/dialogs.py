"""Modal dialogs of the review screen: a one-line prompt, the materiality override, the filter list.

Each returns its answer through dismiss() (None when cancelled with Escape), so the screen that
opened it decides what to do with it; none of them touches the review itself.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, RadioButton, RadioSet, Static, TextArea
from textual.widgets.option_list import Option

from policydiff.safe import terminal_safe
from policydiff.tui.session import ReviewSession, ViewFilter

Verdict = Literal["material", "not-material", "clear"]


class Choice(RadioButton):
    """A radio button whose dot shows only when chosen, so the choice reads without colour."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 (ToggleButton reads a class attribute)
        return "●" if self.value else " "


class PromptScreen(ModalScreen[str | None]):
    """Ask for one line of text: a comment, a search, a file name. Enter answers, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "cancel", id="dialog.cancel")]

    def __init__(self, title: str, value: str = "", placeholder: str = "", hint: str = "") -> None:
        super().__init__()
        self.title_text, self.value, self.placeholder, self.hint = title, value, placeholder, hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(terminal_safe(self.title_text)), classes="dialog-title")
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input")
            yield Static(Text(self.hint or "Enter to confirm · Escape to cancel"), classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class CommentScreen(ModalScreen[str | None]):
    """Write a comment of several lines: Enter starts a new line, Ctrl-S saves, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel", id="dialog.cancel"),
        Binding("ctrl+s", "save", "save", priority=True, id="comment.save"),
    ]

    def __init__(self, title: str, value: str = "") -> None:
        super().__init__()
        self.title_text, self.value = title, value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.title_text), classes="dialog-title")
            yield TextArea(self.value, id="comment-input", soft_wrap=True, show_line_numbers=False)
            yield Static(Text("Ctrl-S saves · Enter starts a new line · empty removes the comment · Escape cancels"),
                         classes="dialog-hint")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)


class OverrideScreen(ModalScreen[tuple[Verdict, str] | None]):
    """Override a change's materiality; a reason is required (an empty one is refused).

    The reason field keeps the focus, so ↑ and ↓ choose the verdict without leaving it.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel", id="dialog.cancel"),
        Binding("up", "choose(-1)", "previous choice", show=False, id="override.up"),
        Binding("down", "choose(1)", "next choice", show=False, id="override.down"),
    ]

    def __init__(self, material_now: bool, classified: bool, reason: str = "") -> None:
        super().__init__()
        self.material_now, self.classified, self.reason = material_now, classified, reason

    def compose(self) -> ComposeResult:
        verdict = "material" if self.classified else "not material"
        with Vertical(classes="dialog"):
            yield Label(Text(f"Override materiality (classifier says: {verdict})"), classes="dialog-title")
            with RadioSet(id="override-choice"):
                yield Choice("material", value=not self.material_now, id="choice-material")
                yield Choice("not material", value=self.material_now, id="choice-not-material")
                yield Choice("clear the override (classifier decides)", id="choice-clear")
            yield Input(self.reason, placeholder="why (required): e.g. counsel confirmed the partners were listed",
                        id="override-reason")
            yield Static(Text("↑ ↓ choose · type why · Enter saves · Escape cancels"), classes="dialog-hint",
                         id="override-hint")

    def on_mount(self) -> None:
        self.query_one("#override-reason", Input).focus()

    def action_choose(self, step: int) -> None:
        buttons = list(self.query(Choice))
        pressed = next((i for i, button in enumerate(buttons) if button.value), 0)
        buttons[(pressed + step) % len(buttons)].value = True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        pressed = self.query_one(RadioSet).pressed_button
        choice: Verdict = ("clear" if pressed is None or pressed.id == "choice-clear" else
                           "material" if pressed.id == "choice-material" else "not-material")
        reason = " ".join(event.value.split())
        if choice != "clear" and not reason:
            hint = self.query_one("#override-hint", Static)
            hint.update(Text("A reason is required: say why the classifier is wrong here."))
            hint.add_class("error")
            return
        self.dismiss((choice, reason))

    def action_cancel(self) -> None:
        self.dismiss(None)


class FilterScreen(ModalScreen[ViewFilter | None]):
    """Choose which changes to list: all, unreviewed, one kind or one category (with counts)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "cancel", id="dialog.cancel")]

    def __init__(self, session: ReviewSession, current: ViewFilter) -> None:
        super().__init__()
        self.session, self.current = session, current

    def compose(self) -> ComposeResult:
        options = [Option(Text("all changes (clear filters)"), id="all"),
                   Option(Text("unreviewed changes"), id="unreviewed")]
        for facet, name, count in self.session.facets():
            options.append(Option(Text(f"{facet}: {name} ({count})"), id=f"{facet}:{name}"))
        with Vertical(classes="dialog"):
            yield Label(Text(f"Filter changes (now: {self.current.describe()})"), classes="dialog-title")
            yield OptionList(*options, id="filter-options")
            yield Static(Text("Enter to choose · Escape to cancel · m toggles material-only on the main screen"),
                         classes="dialog-hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = event.option.id or "all"
        base = ViewFilter(material_only=self.current.material_only, search=self.current.search)
        facet, _, name = chosen.partition(":")
        if chosen == "all":
            self.dismiss(ViewFilter())
        elif chosen == "unreviewed":
            self.dismiss(replace(base, unreviewed=True))
        else:
            self.dismiss(replace(base, kind=name) if facet == "kind" else replace(base, category=name))

    def action_cancel(self) -> None:
        self.dismiss(None)
