"""`counter-app queue …` and `counter-app printer …` as a user runs them (a real subprocess for the
exit codes and streams, in-process `main()` for the rest to keep the suite quick)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import zxingcpp

from counter_app.cli import main
from tests.conftest import run_cli
from tests.escpos_fake import FakePrinter, raster_image, refused_uri


def cli(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, Any, str]:
    code = main([*args, "--data-dir", str(data_dir)])
    out, err = capsys.readouterr()
    try:
        parsed: Any = json.loads(out)
    except json.JSONDecodeError:
        parsed = out
    return code, parsed, err


def test_issue_call_and_nothing_waiting_through_a_real_process(data_dir: Path) -> None:
    proc = run_cli("queue", "issue", "A", "--no-print", "--json", data_dir=data_dir)
    assert proc.returncode == 0, proc.stderr
    issued = json.loads(proc.stdout)
    assert {"number", "service", "issued_at", "waiting_ahead", "printed"} <= set(issued)
    assert (issued["number"], issued["service"], issued["waiting_ahead"], issued["printed"]) == (
        "A001",
        "A",
        0,
        False,
    )
    assert proc.stderr == ""  # --no-print: nothing to warn about
    call = run_cli("queue", "call", "--counter", "2", "--json", data_dir=data_dir)
    assert call.returncode == 0 and json.loads(call.stdout)["number"] == "A001"
    none = run_cli("queue", "call", "--counter", "2", data_dir=data_dir)
    assert none.returncode == 3
    assert "không còn ai chờ" in none.stderr and none.stdout == ""


def test_printer_test_sends_a_decodable_ticket(data_dir: Path) -> None:
    with FakePrinter() as printer:
        proc = run_cli("printer", "test", printer.uri, "--json", data_dir=data_dir)
        assert proc.returncode == 0, proc.stderr
        job = printer.jobs[-1]
    assert json.loads(proc.stdout)["status_answered"] is True
    img = raster_image(job)
    assert img.width == 384
    texts = [r.text for r in zxingcpp.read_barcodes(img.convert("L"))]
    assert texts == ["https://dichvucong.example.gov.vn/so-thu-tu?so=A000&cq=000.00.06.H56"]


def test_queue_commands_in_process(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, lines, _ = cli(capsys, data_dir, "queue", "services", "--json")
    assert code == 0 and [x["prefix"] for x in lines] == ["A", "B", "C"]
    assert set(lines[0]) == {"prefix", "name", "fields", "counters"}

    code, line, _ = cli(
        capsys,
        data_dir,
        "queue",
        "service",
        "add",
        "D",
        "Đất đai",
        "--fields",
        "Đất đai",
        "--counters",
        "3,4",
        "--json",
    )
    assert code == 0 and line == {"prefix": "D", "name": "Đất đai", "fields": ["Đất đai"], "counters": [3, 4]}
    code, _, err = cli(capsys, data_dir, "queue", "service", "add", "DD", "X")
    assert code == 2 and "Ký hiệu dịch vụ" in err
    code, line, _ = cli(capsys, data_dir, "queue", "service", "set", "D", "--counters", "", "--json")
    assert code == 0 and line["counters"] == []
    code, _, err = cli(capsys, data_dir, "queue", "service", "set", "D", "--counters", "x")
    assert code == 2 and "Quầy phục vụ" in err

    cli(capsys, data_dir, "queue", "issue", "D", "--no-print")
    code, t, _ = cli(capsys, data_dir, "queue", "issue", "b", "--priority", "--no-print", "--json")
    assert code == 0 and t["number"] == "B001" and t["priority"] is True
    code, called, _ = cli(capsys, data_dir, "queue", "call", "--counter", "4", "--json")
    assert called["number"] == "B001"  # priority first
    code, st, _ = cli(capsys, data_dir, "queue", "status", "--json")
    assert [(x["counter"], x["number"]) for x in st["serving"]] == [(4, "B001")]
    assert {x["prefix"]: x["waiting"] for x in st["waiting"]}["D"] == 1

    code, recalled, _ = cli(capsys, data_dir, "queue", "recall", "--counter", "4", "--json")
    assert recalled["recalls"] == 1
    code, moved, _ = cli(capsys, data_dir, "queue", "transfer", "B001", "D", "--json")
    assert (moved["service"], moved["status"]) == ("D", "waiting")
    code, called, _ = cli(capsys, data_dir, "queue", "call", "--counter", "3", "--service", "D", "--json")
    assert called["number"] == "B001"  # still a priority ticket in its new line: ahead of D001
    code, out, _ = cli(capsys, data_dir, "queue", "finish", "B001")
    assert code == 0 and "đã xong" in out
    code, _, err = cli(capsys, data_dir, "queue", "finish", "B001")
    assert code == 2 and "đã xong" in err
    code, _, _ = cli(capsys, data_dir, "queue", "skip", "d1")
    assert code == 0
    code, _, err = cli(capsys, data_dir, "queue", "service", "remove", "D")
    assert code == 0
    code, _, err = cli(capsys, data_dir, "queue", "reprint", "Z001")
    assert code == 2 and "Z001" in err


def test_issue_with_a_failing_printer_warns_and_reprint_fails_loudly(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    uri = refused_uri()
    assert main(["config", "set", "printer.ticket", uri, "--data-dir", str(data_dir)]) == 0
    assert main(["config", "set", "printer.timeout_ms", "500", "--data-dir", str(data_dir)]) == 0
    capsys.readouterr()
    code, t, err = cli(capsys, data_dir, "queue", "issue", "C", "--json")
    assert code == 0 and t["printed"] is False and t["number"] == "C001"
    assert "queue reprint C001" in err and "từ chối kết nối" in err
    code, _, err = cli(capsys, data_dir, "queue", "reprint", "C001")
    assert code == 1 and "Máy in số thứ tự" in err
    code, st, _ = cli(capsys, data_dir, "queue", "status", "--json")
    assert st["unprinted"] == ["C001"]
    with FakePrinter() as printer:
        assert main(["config", "set", "printer.ticket", printer.uri, "--data-dir", str(data_dir)]) == 0
        capsys.readouterr()
        code, t, _ = cli(capsys, data_dir, "queue", "reprint", "C001", "--json")
        assert code == 0 and t["printed"] is True
        code, report, _ = cli(capsys, data_dir, "printer", "check", "--json")
        assert code == 0 and report["bytes"] == 0 and report["status_answered"] is True


def test_printer_check_reports_paper_out(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    with FakePrinter("paper_out") as printer:
        code, _, err = cli(capsys, data_dir, "printer", "check", printer.uri)
    assert code == 1 and "hết giấy" in err
