#!/usr/bin/env bash
# Make sure the browser tests can run: Debian's Chromium, a Chinese font, nginx.
# Installs them when we are root with apt; otherwise says exactly what to install.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "安装浏览器测试所需的系统软件包：${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "缺少浏览器测试所需的系统软件包：${missing[*]}" >&2
  echo "请以管理员身份运行：sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
