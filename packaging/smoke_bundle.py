"""Smoke test of the frozen bundle: `python packaging/smoke_bundle.py dist/counter-app` (run by
`python3 tasks.py bundle --smoke`, and so by .ci/run, after the test suite: building takes minutes).

Runs the frozen programs — never the source tree — on a fresh data dir, as a person would:
demo data, an intake from a JSON file, the receipt PDF with both QR codes decoded, the holidays of a year
the bundled calendar does not cover, a queue ticket to a file:// printer, the clerk window and the
rating screen offscreen for a few seconds with no traceback in their stderr or logs, and `sync` to a
real city server started here (the project's own `city-server`, on 127.0.0.1), which then answers the
receipt's tracking lookup; with CITY_SERVER_PG_URL, two "PCs" (data dirs) on one PostgreSQL office
database. Each step prints what it saw; the first failure stops with exit status 1.

Needs the project's .venv (the test extras: zxing-cpp and pypdfium2 to read the QR codes, and the city
server), which `tasks.py` provides.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXE = ".exe" if os.name == "nt" else ""
SECRET_KEYS = ("city.secret", "database.url")
WINDOW_SECONDS = 6.0  # how long each window must stay up, offscreen, without a traceback


class SmokeFailure(Exception):
    pass


def check(cond: object, what: str) -> None:
    if not cond:
        raise SmokeFailure(what)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(cond: Callable[[], Any], timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = cond()
        if value:
            return value
        if time.monotonic() > deadline:
            raise SmokeFailure(f"timed out waiting for {what}")
        time.sleep(0.05)


class Bundle:
    def __init__(self, dist: Path, data_dir: Path, work: Path) -> None:
        self.cli = dist / f"counter-app-cli{EXE}"
        self.gui = dist / f"counter-app{EXE}"
        self.data_dir = data_dir
        self.work = work
        # Nothing from this checkout or its venv may help the frozen program.
        self.env = {
            k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "COUNTER_APP"))
        }
        self.env.update({"COUNTER_APP_HOME": str(data_dir), "QT_QPA_PLATFORM": "offscreen"})

    def run(
        self, *args: str, ok: Sequence[int] = (0,), stdin: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        started = time.monotonic()
        proc = subprocess.run(
            [str(self.cli), *args],
            cwd=self.work,
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=180,
        )
        took = time.monotonic() - started
        # Secrets are never echoed, even throwaway ones (a database URL may carry a password).
        shown = " ".join("***" if i and args[i - 1] in SECRET_KEYS else a for i, a in enumerate(args))
        print(f"  $ counter-app-cli {shown}  → exit {proc.returncode} in {took:.2f} s", flush=True)
        if proc.returncode not in ok or "Traceback" in proc.stderr:
            raise SmokeFailure(
                f"`{shown}` exit {proc.returncode}\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}"
            )
        return proc

    def json(self, *args: str) -> Any:
        return json.loads(self.run(*args).stdout)

    def window(self, command: str) -> None:
        """Start a window offscreen, let it live WINDOW_SECONDS, stop it; no traceback, not dead early."""
        err_path = self.work / f"{command}.stderr"
        with err_path.open("w", encoding="utf-8") as err:
            proc = subprocess.Popen(
                [str(self.gui), command], cwd=self.work, env=self.env, stdout=err, stderr=err
            )
            started = time.monotonic()
            try:
                proc.wait(WINDOW_SECONDS)
            except subprocess.TimeoutExpired:
                pass  # still up: what we want
            alive = proc.poll() is None
            lived = time.monotonic() - started
            if alive:
                proc.send_signal(signal.SIGTERM) if os.name != "nt" else proc.terminate()
                try:
                    proc.wait(15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(15)
        stderr = err_path.read_text(encoding="utf-8", errors="replace")
        logs = "".join(
            p.read_text(encoding="utf-8", errors="replace")
            for p in sorted((self.data_dir / "logs").glob("*.log*"))
        )
        print(
            f"  $ counter-app {command}  (offscreen) up {lived:.1f} s, exit {proc.returncode} after the stop; "
            f"stderr: {stderr.strip()[:200]!r}",
            flush=True,
        )
        check(
            alive,
            f"`{command}` ended by itself after {lived:.1f} s (exit {proc.returncode}):\n{stderr[-4000:]}",
        )
        check("Traceback" not in stderr, f"`{command}` wrote a traceback:\n{stderr[-4000:]}")
        check("Traceback" not in logs, f"`{command}`: a traceback in the logs:\n{logs[-4000:]}")


def missing_libraries(dist: Path) -> dict[str, list[str]]:
    """Linux: each shared library in the bundle whose dependencies `ldd` cannot find, with the bundle's
    folder on the search path as its bootloader sets it (the spec drops unused Qt parts: nothing left
    may need them)."""
    internal = dist / "_internal"
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}
    missing: dict[str, list[str]] = {}
    for lib in sorted(internal.rglob("*.so*")):
        if lib.is_symlink() or not lib.is_file():
            continue
        out = subprocess.run(["ldd", str(lib)], capture_output=True, text=True, env=env).stdout
        lost = [line.split()[0] for line in out.splitlines() if "not found" in line]
        if lost:
            missing[str(lib.relative_to(dist))] = lost
    return missing


def decode_qrs(pdf: Path) -> list[str]:
    import pypdfium2 as pdfium
    import zxingcpp

    doc = pdfium.PdfDocument(pdf.read_bytes())
    try:
        image = doc[0].render(scale=150 / 72).to_pil()
    finally:
        doc.close()
    return [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]


class CityServer:
    """`city-server serve` from the project's venv on a free loopback port, with an SQLite file."""

    def __init__(self, work: Path) -> None:
        bindir = Path(sys.executable).parent
        self.exe = shutil.which("city-server", path=str(bindir)) or shutil.which("city-server")
        check(self.exe, "city-server not found beside this Python (run from the project's .venv)")
        self.db = f"sqlite:///{work / 'city' / 'city.sqlite'}"
        (work / "city").mkdir(mode=0o700)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = (work / "city-server.log").open("w", encoding="utf-8")
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> CityServer:
        cmd = [str(self.exe), "serve", "--db", self.db, "--host", "127.0.0.1", "--port", str(self.port)]
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=self.log)

        def up() -> bool:
            check(self.proc is not None and self.proc.poll() is None, "city-server stopped at start")
            try:
                with urllib.request.urlopen(f"{self.url}/openapi.json", timeout=2):
                    return True
            except OSError:
                return False

        wait_for(up, 60, "the city server to answer")
        return self

    def add_counter(self, agency: str, number: int) -> dict[str, str]:
        out = subprocess.run(
            [
                str(self.exe),
                "counter",
                "add",
                "--db",
                self.db,
                "--agency",
                agency,
                "--counter",
                str(number),
                "--json",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        return dict(json.loads(out.stdout))

    def get_json(self, path: str) -> Any:
        with urllib.request.urlopen(f"{self.url}{path}", timeout=10) as answer:
            return json.loads(answer.read())

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()


class OfficeDatabase:
    """A throwaway office database on the PostgreSQL server of CITY_SERVER_PG_URL (.ci/run starts one)."""

    def __init__(self, server_url: str) -> None:
        from sqlalchemy.engine import make_url

        self.name = f"counter_bundle_smoke_{os.getpid()}_{int(time.time())}"
        server = make_url(server_url)
        self.url = server.set(drivername="postgresql+psycopg", database=self.name).render_as_string(
            hide_password=False
        )
        self._admin = server.set(drivername="postgresql", database="postgres").render_as_string(
            hide_password=False
        )

    def _execute(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self._admin, autocommit=True) as conn:
            conn.execute(sql)  # a name made here, not input

    def create(self) -> OfficeDatabase:
        self._execute(f'CREATE DATABASE "{self.name}"')
        return self

    def drop(self) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def intake(bundle: Bundle, procedure: str) -> dict[str, Any]:
    catalog = bundle.json("catalog", "list", "--json")
    proc = next(p for p in catalog if p["code"] == procedure)
    return {
        "procedure": procedure,
        "applicant": {
            "full_name": "Trần Thị Bích",
            "id_number": "079305004321",
            "phone": "0987654321",
            "address": "5 Nguyễn Huệ, Phường Bến Nghé",
        },
        "components": [
            {"name": c["name"], "kind": c["kind"], "count": c["count"]}
            for c in proc["components"]
            if c["required"]
        ],
        "sets": 1,
        "delivery": "counter",
    }


def smoke(dist: Path) -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    work = Path(tempfile.mkdtemp(prefix="counter-bundle-smoke-"))
    city: CityServer | None = None
    try:
        bundle = Bundle(dist, work / "data", work)
        check(
            bundle.cli.is_file() and bundle.gui.is_file(),
            f"no {bundle.cli.name} / {bundle.gui.name} in {dist}",
        )

        print("1. version and a fresh data dir", flush=True)
        out = bundle.run("--version").stdout.strip()
        print(f"     {out}")
        check(out.endswith(version), f"--version says {out!r}, pyproject.toml {version}")

        if sys.platform.startswith("linux") and shutil.which("ldd"):
            missing = missing_libraries(dist)
            print(f"     every shared library finds its dependencies: {not missing}")
            check(not missing, f"libraries with missing dependencies: {missing}")

        print("2. demo data", flush=True)
        print("     " + bundle.run("demo").stdout.strip().splitlines()[0])
        check((bundle.data_dir / "counter.sqlite").is_file(), "no database after demo")

        print(
            "3. dossier receive --json FILE (a procedure with a fee, so the receipt has a payment QR)",
            flush=True,
        )
        bundle.run("config", "set", "bank.bin", "970436")
        bundle.run("config", "set", "bank.account", "0071000123456")
        doc = work / "intake.json"
        doc.write_text(json.dumps(intake(bundle, "2.000635"), ensure_ascii=False), encoding="utf-8")
        received = bundle.json("dossier", "receive", "--json", str(doc))
        print(f"     {received}")
        check(
            received["status"] == "received" and received["fee_vnd"] == 8000, f"unexpected intake {received}"
        )
        code = received["code"]

        print("4. form receipt CODE -o FILE.pdf, both QR codes decoded", flush=True)
        pdf = work / "receipt.pdf"
        bundle.run("form", "receipt", code, "-o", str(pdf))
        check(pdf.read_bytes()[:5] == b"%PDF-", "the receipt is not a PDF")
        qrs = decode_qrs(pdf)
        tracking = [q for q in qrs if code in urllib.parse.unquote(q)]
        vietqr = [q for q in qrs if q.startswith("000201")]  # EMVCo payload: VietQR
        print(f"     {len(qrs)} QR codes: tracking {tracking[:1]}, VietQR {[v[:40] + '…' for v in vietqr]}")
        check(tracking and vietqr, f"expected a tracking and a VietQR code, read {qrs}")

        print(
            "5. calendar of a year outside resources/calendar (the holidays package inside the bundle)",
            flush=True,
        )
        days = bundle.json("calendar", "holidays", "--year", "2030", "--json")
        names = {d["name"] for d in days}
        print(f"     {len(names)} days off in 2030, e.g. {sorted(names)[:2]}")
        check(any("Tết" in n or "Tet" in n for n in names), f"no Tết among 2030's days: {names}")

        print("6. queue issue A to a file:// printer", flush=True)
        ticket = work / "ticket.bin"
        bundle.run("config", "set", "printer.ticket", ticket.as_uri())
        issued = bundle.json("queue", "issue", "A", "--json")
        print(f"     {issued}; {ticket.name}: {ticket.stat().st_size if ticket.exists() else 0} bytes")
        check(issued["printed"] is True, f"the ticket did not print: {issued}")
        data = ticket.read_bytes()
        check(data.startswith(b"\x1b@") and len(data) > 1000, "the printer file holds no ESC/POS ticket")

        print("7. the clerk window and the rating screen, offscreen", flush=True)
        bundle.window("gui")
        bundle.window("rating")

        print("8. sync against a real city server", flush=True)
        city = CityServer(work).start()
        cfg = bundle.json("config", "show", "--json")
        agency, number = cfg["agency.code"], int(cfg["counter.number"])
        cred = city.add_counter(agency, number)
        bundle.run("config", "set", "city.server_url", city.url)
        bundle.run("config", "set", "city.counter_id", cred["counter_id"])
        bundle.run("config", "set", "city.secret", cred["secret"])
        result = bundle.json("sync", "--json")
        print(f"     {result}")
        check(
            result["accepted"] > 0 and result["rejected"] == 0 and result["pending"] == 0, f"sync: {result}"
        )
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(tracking[0]).query)
        looked_up = city.get_json(f"/api/v1/dossiers/{urllib.parse.quote(code)}?k={query['k'][0]}")
        print(f"     the city answers the receipt's lookup: status {looked_up.get('status')!r}")
        check(looked_up.get("code", code) == code and looked_up.get("status"), f"lookup: {looked_up}")

        pg_url = os.environ.get("CITY_SERVER_PG_URL", "")
        if not pg_url:
            print(
                "9. office mode: skipped (no PostgreSQL: set CITY_SERVER_PG_URL, as .ci/run does)", flush=True
            )
            print("smoke: 8 passed, 0 failed, 1 skipped", flush=True)
            return
        print("9. office mode: two PCs on one PostgreSQL office database (the bundle's psycopg)", flush=True)
        office = OfficeDatabase(pg_url).create()
        try:
            pcs = [Bundle(dist, work / f"office-pc{n}", work) for n in (1, 2)]
            for pc in pcs:
                pc.run("config", "set", "database.url", office.url)
            on_pc1 = pcs[0].json("dossier", "receive", "--json", str(doc))
            seen = pcs[1].json("dossier", "show", on_pc1["code"], "--json")
            print(
                f"     received on PC 1: {on_pc1['code']}; PC 2 sees it: {seen.get('code') == on_pc1['code']}"
            )
            check(seen.get("code") == on_pc1["code"], f"PC 2 does not see {on_pc1['code']}: {seen}")
            found = pcs[1].json("dossier", "find", "079305004321", "--json")
            check(any(d.get("code") == on_pc1["code"] for d in found), f"find on PC 2: {found}")
        finally:
            office.drop()
        print("smoke: 9 passed, 0 failed", flush=True)
    finally:
        if city is not None:
            city.stop()
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str]) -> int:
    dist = Path(argv[0] if argv else ROOT / "dist" / "counter-app").resolve()
    try:
        smoke(dist)
    except (SmokeFailure, subprocess.SubprocessError, OSError, KeyError, ValueError) as exc:
        print(f"SMOKE TEST FAILED: {exc}", file=sys.stderr, flush=True)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
