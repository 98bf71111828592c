#!/usr/bin/env bash
# A third engine for CI: a virtualenv at PATH (default .venv-zensical, or XINYU_ZENSICAL_VENV) with
# Zensical, the Material team's successor to MkDocs. tests/test_engines.py builds the tree that
# `xinyu export` writes with it (Zensical runs no MkDocs plugins, so it gets no xinyu code).
#
# Zensical 0.0.73 is pinned: later releases need the separate `zensical-ui` package, which the
# package index used here does not carry. Dependencies it shares with xinyu are held to
# requirements.lock. Keep it out of the project's .venv: it is a different engine, not a library.
#
# Idempotent: a stamp made from the lock and this script skips a venv that is already complete.
# pip honours PIP_INDEX_URL / pip.conf (see README, 使用国内镜像).
# Usage: bash scripts/zensical_venv.sh [PATH]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${1:-${XINYU_ZENSICAL_VENV:-$root/.venv-zensical}}"
ZENSICAL=0.0.73
stamp="$venv/.xinyu-zensical-$(cat "$root/requirements.lock" "$0" | cksum | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ -x "$venv/bin/zensical" ]; then
  exit 0
fi
python3 -m venv "$venv" || {
  echo "无法创建虚拟环境 $venv：请先安装 Python 3.11+ 和 venv（Debian/Ubuntu：apt-get install -y python3-venv）" >&2
  exit 2
}
"$venv/bin/python" -m pip install -q --disable-pip-version-check -c "$root/requirements.lock" "zensical==$ZENSICAL"
rm -f "$venv"/.xinyu-zensical-*
touch "$stamp"
echo "Zensical $ZENSICAL 环境已就绪：$venv" >&2
