"""Take a reviewed DOCX back into the positions (``briefgen absorb``).

- :mod:`~briefgen.absorb.match`: the edited paragraphs against the ones the build wrote;
- :mod:`~briefgen.absorb.written`: a claim's shown text back to its YAML text (figure markers);
- :mod:`~briefgen.absorb.merge`: three-way merge with the positions as they are now, the plan
  of edits per file, and writing it;
- :mod:`~briefgen.absorb.yamledit`: one scalar changed in place, in its own style;
- :mod:`~briefgen.absorb.origin`: where text outside the claims comes from.
"""

from briefgen.absorb.merge import AbsorbReport, absorb

__all__ = ["AbsorbReport", "absorb"]
