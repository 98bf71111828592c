"""The sample nginx config, templated for other paths, and a tiny site served from the domain root."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from publish.test_nginx import get
from support.nginx_local import free_port, render_config, serve_with_nginx

SAMPLE = ROOT / "deploy/nginx/xinyu.conf"


def test_sample_templates_for_any_sub_path_and_the_root() -> None:
    text = SAMPLE.read_text("utf-8")
    nested = render_config(text, www=Path("/tmp/w"), port=8081, subpath="/jyj/xinyu/")
    assert "listen 127.0.0.1:8081;" in nested and "root /tmp/w;" in nested
    assert "error_page 404 /jyj/xinyu/404.html;" in nested and "location ^~ /jyj/xinyu/ {" in nested
    assert "location = /jyj/xinyu {" in nested and "return 301 /jyj/xinyu/;" in nested
    root = render_config(text, www=Path("/tmp/w"), port=8081, subpath="/")
    assert "error_page 404 /404.html;" in root and "location ^~ / {" in root and "location = " not in root
    directives = [line.split("#")[0] for line in root.splitlines()]
    assert not [line for line in directives if "/xinyu" in line]


def test_site_at_the_domain_root(make_project, xinyu) -> None:
    port = free_port()
    root = make_project({"content/index.md": "# 首页\n\n[热线](services/index.md)\n"})
    proc = xinyu("build", "--base-url", f"http://127.0.0.1:{port}/", cwd=root)
    assert proc.returncode == 0, proc.stderr
    with serve_with_nginx(root / "site", SAMPLE, "/", port=port) as url:
        assert url == f"http://127.0.0.1:{port}/"
        assert get(url + "services/12356/", encoding="identity")[0] == 200
        status, headers, body = get(url + "deep/missing/page/", encoding="identity")
        assert status == 404 and "找不到这个页面".encode() in body
        assert b'href="/assets/stylesheets/' in body
        assert get(url + "services", encoding="identity")[1]["location"] == "/services/"
