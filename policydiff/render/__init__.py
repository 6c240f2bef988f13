"""Renderers: each turns a Document (or later a Diff) into one output format."""
