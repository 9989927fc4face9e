"""Monthly service-quality reports on the city server, by responsibility:

- queries.py: what is read from the database, as the contract's plain records;
- figures.py: the figures, with the contract's formulas (contract/figures.py), as JSON-ready dicts;
- pages.py: the HTML pages and SVG charts;
- routes.py: the FastAPI router (JSON and pages), included by city_server.app.
"""

from city_server.reports.figures import agency_report, city_report, stats
from city_server.reports.routes import router

__all__ = ["agency_report", "city_report", "router", "stats"]
