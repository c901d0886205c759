"""Run this folder's nginx site and Varnish VCL on one machine, unprivileged ports and
temporary folders instead of the server's: for the tests (tests/operations/) and
`make bench`. The files run as they are, but for the lines `render_site` names.

    with Stack(tmp_path, backends=[8000, 8001]) as stack:
        stack.varnish_url, stack.https_url
"""

import getpass
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
VCL = HERE / "varnish" / "govcms.vcl"
SITE = HERE / "nginx" / "govcms.conf"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} stopped with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing answers on port {port}")


def backends_vcl(ports):
    """A backends.vcl in place of deploy/varnish/backends.vcl: one app server per port."""
    lines = ["vcl 4.1;", ""]
    for number, port in enumerate(ports, start=1):
        lines += [
            f"backend web{number} {{",
            '    .host = "127.0.0.1";',
            f'    .port = "{port}";',
            "    .connect_timeout = 2s;",
            "    .first_byte_timeout = 60s;",
            "}",
        ]
    lines += ["", "sub vcl_init {", "    new app = directors.round_robin();"]
    lines += [f"    app.add_backend(web{number});" for number in range(1, len(ports) + 1)]
    lines += ["}", ""]
    return "\n".join(lines)


def render_site(*, http_port, https_port, varnish_socket, static_root, media_root, certificates):
    """deploy/nginx/govcms.conf with this machine's ports and folders."""
    text = SITE.read_text(encoding="utf-8")
    replacements = {
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen [::]:80;": "",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "listen [::]:443 ssl http2;": "",
        "server unix:/run/varnish/govcms.sock;": f"server unix:{varnish_socket};",
        "/srv/govcms/staticfiles/": f"{static_root}/",
        "/srv/govcms/media/": f"{media_root}/",
        "/etc/ssl/govcms/": f"{certificates}/",
    }
    for old, new in replacements.items():
        if old not in text:
            raise ValueError(f"deploy/nginx/govcms.conf no longer holds {old!r}")
        text = text.replace(old, new)
    return text


def make_certificate(folder):
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
            *("-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"),
            *("-keyout", str(folder / "privkey.pem")),
            *("-out", str(folder / "fullchain.pem")),
        ],
        check=True,
        capture_output=True,
    )


class Stack:
    """Varnish in front of the app servers on ``backends`` (ports), and nginx in front of
    Varnish, each started from the deploy files; stopped on exit."""

    def __init__(self, folder, backends, static_root=None, media_root=None, extra_server=""):
        self.folder = Path(folder)
        self.extra_server = extra_server  # another server block (the benchmark's)
        self.backends = backends
        self.static_root = Path(static_root or self.folder / "static")
        self.media_root = Path(media_root or self.folder / "media")
        self.processes = []

    def __enter__(self):
        try:
            self.start_varnish()
            self.start_nginx()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()

    def start_varnish(self):
        folder = self.folder / "varnish"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "backends.vcl").write_text(backends_vcl(self.backends), encoding="utf-8")
        self.varnish_port = free_port()
        self.varnish_socket = folder / "govcms.sock"
        process = subprocess.Popen(
            [
                *(shutil.which("varnishd") or "/usr/sbin/varnishd", "-F", "-j", "none"),
                *("-n", str(folder / "work")),
                # The listeners of deploy/systemd/varnish.service.d/govcms.conf.
                *("-a", f"web={self.varnish_socket},HTTP,mode=0666"),
                *("-a", f"bans=127.0.0.1:{self.varnish_port}"),
                *("-f", str(VCL), "-p", f"vcl_path={folder}:{VCL.parent}"),
                *("-s", "malloc,256m", "-T", "none"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=open(folder / "varnishd.log", "wb"),  # noqa: SIM115 - closed with the process
        )
        self.processes.append(process)
        wait_for_port(self.varnish_port, process)
        # The `bans` listener: the app servers' bans, and the tests' direct requests.
        self.varnish_url = f"http://127.0.0.1:{self.varnish_port}"

    def start_nginx(self):
        folder = self.folder / "nginx"
        for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (folder / "temp" / name).mkdir(parents=True, exist_ok=True)
        self.static_root.mkdir(parents=True, exist_ok=True)
        self.media_root.mkdir(parents=True, exist_ok=True)
        make_certificate(folder / "ssl")
        self.certificate = folder / "ssl" / "fullchain.pem"
        self.http_port, self.https_port = free_port(), free_port()
        site = render_site(
            http_port=self.http_port,
            https_port=self.https_port,
            varnish_socket=self.varnish_socket,
            static_root=self.static_root,
            media_root=self.media_root,
            certificates=folder / "ssl",
        )
        (folder / "govcms.conf").write_text(site, encoding="utf-8")
        temp = folder / "temp"
        user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
        # What Debian's /etc/nginx/nginx.conf gives every site, around this one.
        (folder / "nginx.conf").write_text(
            f"""{user}
daemon off;
worker_processes auto;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    server_tokens off;
    access_log off;
    keepalive_requests 100000;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {folder}/govcms.conf;
    {self.extra_server}
}}
""",
            encoding="utf-8",
        )
        process = subprocess.Popen(
            [shutil.which("nginx") or "/usr/sbin/nginx", "-c", str(folder / "nginx.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.processes.append(process)
        wait_for_port(self.https_port, process)
        self.https_url = f"https://localhost:{self.https_port}"
        self.http_url = f"http://127.0.0.1:{self.http_port}"

    def stop(self):
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        self.processes = []


def ban_everything(varnish_url):
    """Empty the cache (between benchmark rounds and tests)."""
    request = urllib.request.Request(varnish_url + "/", method="BAN", headers={"X-Cache-Tags": "."})
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - local
        return response.status
