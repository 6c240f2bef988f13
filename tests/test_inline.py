"""Word-level inline diffs read as a redline, not as character pepper."""

from __future__ import annotations

from policydiff.align.inline import inline_diff


def edits(old: str, new: str) -> list[tuple[str, str]]:
    return [(span.op, span.text) for span in inline_diff(old, new) if span.op != "equal"]


def test_duration_reads_as_one_replacement() -> None:
    assert edits("you have thirty (30) days to export", "you have sixty (60) days to export") == [
        ("delete", "thirty (30"), ("insert", "sixty (60")]


def test_appended_exception() -> None:
    assert edits("We do not sell your personal information.",
                 "We do not sell your personal information, except to our advertising partners.") == [
        ("insert", ", except to our advertising partners")]


def test_quote_and_space_styles_are_not_edits() -> None:
    assert edits("“Customer Data” means\u00a0data", '"Customer Data" means data') == []


def test_spans_rebuild_both_sides() -> None:
    old, new = "Fees are due within 30 days of invoice.", "Fees are due within fourteen (14) days of the invoice date."
    spans = inline_diff(old, new)
    assert "".join(s.text for s in spans if s.op != "insert") == old
    assert "".join(s.text for s in spans if s.op != "delete") == new
