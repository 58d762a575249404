"""The Textual layer: the App, its screens and widgets, keys, layout and lifecycle.

Everything that imports Textual lives here; the modules beside this package (the
model, loading, pages, search, reports, state) import none of it, and
`tests/test_import_hygiene.py` checks that they do not.
"""
