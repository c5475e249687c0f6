"""Issue 11, F: a remote clone never follows a redirect to another scheme (an https remote that
answers `302 Location: http://127.0.0.1/...`), nor from a public host to a loopback, private or
link-local address; tokens in a URL's query string are masked everywhere."""

from __future__ import annotations

import http.server
import os
import socket
import ssl
import subprocess
import tempfile
import threading

import pytest
from click.testing import CliRunner

from twelve.cli import main
from twelve.repository.remote import mask_text, mask_url, redirect_problem


@pytest.fixture()
def private_tmp(tmp_path, monkeypatch):
    where = tmp_path / "tmp"
    where.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(where))
    return where


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str]
    location: str

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        if type(self).location:
            self.send_response(302)
            self.send_header("Location", type(self).location)
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def log_message(self, *args) -> None:
        pass


def _serve(handler: type, tls: ssl.SSLContext | None = None):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@pytest.fixture()
def tls(tmp_path):
    """A self-signed certificate for 127.0.0.1, trusted by the clone through SSL_CERT_FILE."""
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(cert), str(key))
    return context, str(cert)


def test_an_https_remote_redirecting_to_plain_http_is_refused(tls, private_tmp, monkeypatch):
    context, cert = tls
    plain = type("Plain", (_Recorder,), {"hits": [], "location": ""})
    http_server = _serve(plain)
    target = f"http://127.0.0.1:{http_server.server_address[1]}/stolen/info/refs?service=git-upload-pack"
    secure = type("Secure", (_Recorder,), {"hits": [], "location": target})
    https_server = _serve(secure, context)
    monkeypatch.setenv("SSL_CERT_FILE", cert)
    try:
        url = f"https://127.0.0.1:{https_server.server_address[1]}/o/r.git"
        result = CliRunner().invoke(main, ["check", url, "--clone-timeout", "60"])
    finally:
        https_server.shutdown()
        http_server.shutdown()
    assert secure.hits, "the https server was not asked"
    assert plain.hits == [], "the clone followed the redirect to plain http"
    assert result.exit_code == 2
    line = result.output.strip()
    assert "\n" not in line and "redirect" in line.lower() and "http://127.0.0.1" in line


@pytest.mark.parametrize(
    ("origin", "target", "refused"),
    [
        ("https://github.com/o/r.git", "http://github.com/o/r.git/info/refs", True),
        ("https://github.com/o/r.git", "ftp://github.com/o/r.git", True),
        ("https://github.com/o/r.git", "file:///etc/passwd", True),
        ("https://github.com/o/r.git", "https://127.0.0.1/o/r.git/info/refs", True),
        ("https://github.com/o/r.git", "https://[::1]:8080/x", True),
        ("https://github.com/o/r.git", "https://10.1.2.3/x", True),
        ("https://github.com/o/r.git", "https://192.168.0.10/x", True),
        ("https://github.com/o/r.git", "https://169.254.169.254/latest/meta-data/", True),
        ("https://github.com/o/r.git", "https://0.0.0.0/x", True),
        ("https://github.com/o/r.git", "https://[::ffff:127.0.0.1]/x", True),
        ("https://github.com/o/r.git", "https://8.8.8.8/o/renamed.git/info/refs", False),
        ("https://127.0.0.1:8443/o/r.git", "https://127.0.0.1:8443/o/moved.git/info/refs", False),
        ("https://10.0.0.5/o/r.git", "https://10.0.0.6/o/r.git/info/refs", False),
    ],
)
def test_which_redirects_are_refused(origin, target, refused):
    assert (redirect_problem(origin, target) is not None) is refused


def test_tokens_in_the_query_string_are_masked():
    assert (
        mask_url("https://gitlab.example.com/o/r.git?private_token=glpat-S3cr3tT0ken")
        == "https://gitlab.example.com/o/r.git?private_token=***"
    )
    assert (
        mask_url("https://u:p@h.example/o/r.git?a=1&b=S3cr3t#frag") == "https://***@h.example/o/r.git?a=***&b=***#***"
    )
    text = mask_text("GET https://h.example/o/r.git/info/refs?service=git-upload-pack&token=S3cr3t failed")
    assert "S3cr3t" not in text and "token=***" in text


def test_a_failed_clone_never_echoes_a_query_token(private_tmp):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"https://127.0.0.1:{port}/o/r.git?access_token=Sup3rS3cretT0ken"
    result = CliRunner().invoke(main, ["check", url, "--clone-timeout", "60"])
    assert result.exit_code == 2
    assert "Sup3rS3cretT0ken" not in result.output
    assert "access_token=***" in result.output
    assert os.listdir(private_tmp) == []
