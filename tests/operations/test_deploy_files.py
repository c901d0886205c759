"""The systemd units in deploy/ (docs/deployment.md): systemd reads them without a fault,
and each starts a command this project has, with options it takes. (The nginx site and
the Varnish VCL run for real in tests/operations/test_cluster.py.)"""

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import get_commands

PROJECT_ROOT = Path(__file__).resolve().parents[2]
UNITS = sorted((PROJECT_ROOT / "deploy" / "systemd").glob("*.service"))
VENV_BIN = "/srv/govcms/app/.venv/bin/"


def exec_start(unit):
    text = unit.read_text(encoding="utf-8").replace("\\\n", " ")
    return shlex.split(re.search(r"^ExecStart=(.+)$", text, re.M).group(1))


def test_units__web_worker_and_scheduler():
    assert [unit.name for unit in UNITS] == [
        "govcms-scheduler.service",
        "govcms-web.service",
        "govcms-worker.service",
    ]


def test_units__pass_systemds_own_check():
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *map(str, UNITS)],
        capture_output=True,
        text=True,
    )
    # This machine has no /srv/govcms: that the programs are missing is all it may say.
    faults = [
        line
        for line in result.stderr.splitlines()
        if line.strip()
        and not re.search(rf"Command {re.escape(VENV_BIN)}\S+ is not executable", line)
    ]
    assert faults == []


@pytest.mark.parametrize("unit", UNITS, ids=lambda unit: unit.stem)
def test_units__start_a_command_of_the_project(unit):
    program, *arguments = exec_start(unit)
    assert program.startswith(VENV_BIN)
    if program.endswith("/python"):
        assert arguments[0] == "manage.py"
        assert arguments[1] in get_commands()
        help_ = subprocess.run(
            [sys.executable, "manage.py", arguments[1], "--help"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
        )
        assert help_.returncode == 0, help_.stderr
        for option in (argument for argument in arguments[2:] if argument.startswith("--")):
            assert option in help_.stdout, option
    else:
        assert program.endswith("/gunicorn")
        checked = subprocess.run(
            [sys.executable, "-m", "gunicorn", "--check-config", *arguments],
            cwd=PROJECT_ROOT,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "govcms.settings.test"},
            capture_output=True,
            text=True,
        )
        assert checked.returncode == 0, checked.stderr[-2000:]


def test_varnish_drop_in__listens_where_nginx_and_the_app_servers_send():
    drop_in = (PROJECT_ROOT / "deploy/systemd/varnish.service.d/govcms.conf").read_text()
    site = (PROJECT_ROOT / "deploy/nginx/govcms.conf").read_text()
    vcl = (PROJECT_ROOT / "deploy/varnish/govcms.vcl").read_text()
    socket = re.search(r"-a web=([^,\s]+),HTTP", drop_in).group(1)
    assert f"server unix:{socket};" in site
    assert "-a bans=127.0.0.1:6081" in drop_in
    assert 'local.socket != "bans"' in vcl
    assert "-f /etc/varnish/govcms.vcl" in drop_in
    # The tests and the benchmark start Varnish with the same two listeners.
    stack = (PROJECT_ROOT / "deploy/stack.py").read_text()
    assert '"web={self.varnish_socket},HTTP' in stack
    assert '"bans=127.0.0.1:{self.varnish_port}"' in stack


def test_varnish__keeps_the_parameters_the_pages_read_and_no_other():
    from govcms.page_cache import CACHED_PARAMETERS

    vcl = (PROJECT_ROOT / "deploy/varnish/govcms.vcl").read_text()
    kept = re.search(r"\(\?!\(([-a-z|]+)\)=\)", vcl).group(1).split("|")
    assert sorted(kept) == sorted(CACHED_PARAMETERS)
