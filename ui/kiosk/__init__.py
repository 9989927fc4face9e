"""`counter-app kiosk`: the ticket machine citizens touch."""
