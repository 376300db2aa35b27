"""Traceability: every claim of the positions rests on fragments of the source text.

- :mod:`~briefgen.tracing.source`: the source text, normalised, cut into sections, searched;
- :mod:`~briefgen.tracing.claims`: every claim of the positions with its basis;
- :mod:`~briefgen.tracing.audit`: each fragment found, in the right section, per claim;
- :mod:`~briefgen.tracing.review`: the side-by-side review page of ``briefgen trace``.
"""
