#!/usr/bin/env bash
# 上传网站：先用 xinyu verify --publish 检查，通过了才上传，整体替换，读者不会看到“一半新一半旧”。
#
#   deploy/upload.sh site/ server:/srv/www/xinyu    # 上传到服务器（需要 ssh 和 rsync）
#   deploy/upload.sh site/ /srv/www/xinyu           # 本机目录（例如 nginx 就在这台电脑上）
#
# 检查不通过（没有构建证明、网页在构建后被改过、某页缺少求助热线、预览版、示例号码）就不上传，
# 目标目录保持原样。xinyu 命令默认是 .venv/bin/xinyu（或 PATH 中的 xinyu），可用环境变量 XINYU 指定。
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "用法：deploy/upload.sh 网站目录 目标（服务器:/路径 或 本机路径）" >&2
  exit 2
fi
site="${1%/}"
dest="${2%/}"
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ -n "${XINYU:-}" ]; then
  read -r -a xinyu <<<"$XINYU"
elif [ -x "$root/.venv/bin/xinyu" ]; then
  xinyu=("$root/.venv/bin/xinyu")
else
  xinyu=(xinyu)
fi

if ! "${xinyu[@]}" verify --publish "$site"; then
  echo "上传已取消：$site 没有通过 xinyu verify，$dest 保持不变" >&2
  exit 1
fi

# 先传到 <目标>.new，再把旧版改名为 <目标>.old、新版改名为 <目标>：替换是一瞬间的事。
swap='rm -rf "$1.old" && { [ ! -d "$1" ] || mv "$1" "$1.old"; } && mv "$1.new" "$1"'
case "$dest" in
  *:*)
    host="${dest%%:*}"
    path="${dest#*:}"
    rsync -a --delete "$site/" "$host:$path.new/"
    # shellcheck disable=SC2029 # the path is expanded here on purpose
    ssh "$host" "sh -c '$swap' sh '$path'"
    ;;
  *)
    rm -rf "$dest.new"
    mkdir -p "$dest.new"
    cp -a "$site/." "$dest.new/"
    sh -c "$swap" sh "$dest"
    ;;
esac
echo "已上传：$site → $dest" >&2
