"""`counter-app display`: the waiting-room board with the spoken call."""
