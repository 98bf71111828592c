#!/usr/bin/env bash
# A second engine for CI: a virtualenv at PATH (default .venv-engines) with the locked
# dependencies, ProperDocs (the continuation of MkDocs 1.x) and this tree's xinyu (editable, for
# its mkdocs.plugins entry point). tests/test_engines.py builds the demo with it.
# It also makes the Zensical venv (scripts/zensical_venv.sh, default .venv-zensical).
#
# Never install ProperDocs into the project's .venv: its `properdocs` command installs an import
# hook that maps every mkdocs.* import to properdocs.*, so the MkDocs build would no longer be one.
#
# Idempotent: a stamp made from the lock, this script and pyproject.toml skips a venv that is
# already complete. pip honours PIP_INDEX_URL / pip.conf (see README, 使用国内镜像).
# Usage: bash scripts/engine_venv.sh [PATH]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/zensical_venv.sh"
venv="${1:-$root/.venv-engines}"
PROPERDOCS=1.6.7
stamp="$venv/.xinyu-engines-$(cat "$root/requirements.lock" "$root/pyproject.toml" "$0" | cksum | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ -x "$venv/bin/properdocs" ]; then
  exit 0
fi
python3 -m venv "$venv" || {
  echo "无法创建虚拟环境 $venv：请先安装 Python 3.11+ 和 venv（Debian/Ubuntu：apt-get install -y python3-venv）" >&2
  exit 2
}
"$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$root/requirements.lock" "properdocs==$PROPERDOCS"
"$venv/bin/python" -m pip install -q --disable-pip-version-check --no-deps -e "$root"
rm -f "$venv"/.xinyu-engines-*
touch "$stamp"
echo "ProperDocs $PROPERDOCS 环境已就绪：$venv" >&2
