"""Bridges from policydiff's reports to the places reviewers read them (GitHub pull requests).

Nothing here is imported by the core pipeline; each integration is a stdlib-only module run as
``python -m policydiff.integrations.<name>`` so a CI job needs no extra dependencies.
"""
