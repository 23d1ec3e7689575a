"""TLS through the OS trust store (a company's own root CA), and proxies from the environment."""

from __future__ import annotations

import http.server
import ssl
import subprocess
import threading

import pytest
import requests

from sync.network import http_session


def _openssl(*args: str, cwd) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def company_ca(tmp_path_factory):
    """A root CA (like a TLS-inspecting proxy's) and a 127.0.0.1 certificate it signed."""
    folder = tmp_path_factory.mktemp("pki")
    _openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=Example Corp Inspection CA",
        cwd=folder,
    )
    (folder / "ext.cnf").write_text(
        "basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n"
    )
    _openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=127.0.0.1",
        cwd=folder,
    )
    _openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
             "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf",
             cwd=folder)  # fmt: skip
    return folder


@pytest.fixture
def https_server(company_ca):
    class Hello(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"hello")

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Hello)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(company_ca / "server.pem", company_ca / "server.key")
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_a_root_ca_in_the_os_trust_store_is_trusted(https_server, company_ca, monkeypatch):
    # On Linux the OS trust store is OpenSSL's default verify paths; SSL_CERT_FILE points them
    # at a bundle, as IT's CA package would add to /etc/ssl/certs.
    monkeypatch.setenv("SSL_CERT_FILE", str(company_ca / "ca.pem"))
    for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    with http_session() as session:
        assert session.get(https_server, timeout=10).text == "hello"
    # certifi alone (plain requests) does not know the company's CA: that is what failed before.
    with pytest.raises(requests.exceptions.SSLError), requests.Session() as plain:
        plain.get(https_server, timeout=10)


def test_an_unknown_ca_is_still_refused(https_server, monkeypatch):
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    with http_session() as session, pytest.raises(requests.exceptions.SSLError):
        session.get(https_server, timeout=10)


def test_the_proxy_from_the_environment_is_used(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example.corp:3128")
    monkeypatch.setenv("NO_PROXY", "localhost")
    with http_session() as session:
        settings = session.merge_environment_settings(
            "https://crm.example.com/", {}, None, None, None
        )
        assert settings["proxies"].get("https") == "http://proxy.example.corp:3128"
        bypass = session.merge_environment_settings("https://localhost/", {}, None, None, None)
        assert "https" not in bypass["proxies"]
