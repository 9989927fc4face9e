"""How long a catalog import holds the write lock (every clerk's save waits behind it).

    python benchmarks/catalog_import_bench.py

Prints, for catalogs of growing size, the time to check the document (no lock) and the time of the one
write transaction that replaces the catalog.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from counter_app.services.catalog import CatalogService, parse_catalog
from counter_app.services.context import AppContext


def catalog(n_procedures: int, n_components: int, version: str) -> dict[str, Any]:
    return {
        "version": version,
        "procedures": [
            {
                "code": f"9.{i:06d}",
                "name": f"Thủ tục số {i}",
                "field": "Khác",
                "processing_days": 1,
                "fee_vnd": 0,
                "components": [
                    {"name": f"Giấy tờ {j}", "kind": "original", "count": 1, "required": False}
                    for j in range(n_components)
                ],
            }
            for i in range(n_procedures)
        ],
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ctx = AppContext(Path(tmp))
        svc = CatalogService(ctx)
        for n, c in ((300, 10), (2000, 20), (5000, 20)):
            doc = catalog(n, c, f"2099.{n}.{c}")
            t0 = time.perf_counter()
            parse_catalog(doc)
            t1 = time.perf_counter()
            svc.import_data(doc, actor="system")
            t2 = time.perf_counter()
            lock = (t2 - t1) - (t1 - t0)  # import_data checks again before it takes the lock
            print(f"{n:>5} procedures × {c:>2} papers: check {t1 - t0:5.2f} s, write lock ≈ {lock:5.2f} s")
        ctx.close()


if __name__ == "__main__":
    main()
