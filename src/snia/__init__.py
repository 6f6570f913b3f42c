"""SNIA annual report: content model, validation, formatting and rendering.

Knows nothing of MkDocs: the site generator calls into it.
"""
