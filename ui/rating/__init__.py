"""The citizen-facing satisfaction screen (second monitor): quick rating, SIPAS survey, feedback."""
