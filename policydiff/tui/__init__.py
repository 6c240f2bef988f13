"""`policydiff review`: a terminal UI to walk through a diff and record decisions on each change.

Imported only when `policydiff review` runs (Textual costs ~400 ms to import). The decisions model
and file are in policydiff.review, which knows nothing of Textual; session.py holds the state the
screens show, so the rules of navigation and filtering can be tested without a terminal.
"""
