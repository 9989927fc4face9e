"""Qt translation sources (.ts) of the windows; Vietnamese is the source language."""
