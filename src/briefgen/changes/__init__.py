"""Change between versions of the positions: what changed in meaning (``briefgen diff``)."""
