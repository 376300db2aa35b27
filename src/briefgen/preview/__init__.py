"""``briefgen preview``: the documents in the browser, updated as their inputs change."""
