#!/usr/bin/env bash
# Make sure the browser tests can run: Debian's Chromium, a Chinese font, nginx; and pango for WeasyPrint.
# Installs what is missing when we are root (or have password-less sudo) with apt;
# otherwise says exactly what to install and fails.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
has_cjk_font() {
  if command -v fc-list >/dev/null 2>&1; then
    fc-list :lang=zh family 2>/dev/null | grep -q .
  else
    find /usr/share/fonts /usr/local/share/fonts -iname '*cjk*' -o -iname '*wqy*' 2>/dev/null | grep -q .
  fi
}
has_cjk_font || missing+=(fonts-noto-cjk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
# WeasyPrint (the PDF handbooks) loads pango through cffi.
for lib in libpango-1.0-0:libpango-1.0.so.0 libpangoft2-1.0-0:libpangoft2-1.0.so.0; do
  ldconfig -p 2>/dev/null | grep -q "${lib#*:}" || missing+=("${lib%%:*}")
done
# wrk only serves `make bench` (which skips without it): installed when we can, never required.
if ! command -v wrk >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  missing+=(wrk)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
fi
if { [ "$(id -u)" = 0 ] || [ ${#sudo[@]} -gt 0 ]; } && command -v apt-get >/dev/null 2>&1; then
  echo "安装浏览器测试所需的系统软件包：${missing[*]}" >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  [ -x /usr/bin/chromium ] || { echo "安装后仍找不到 /usr/bin/chromium" >&2; exit 1; }
  exit 0
fi
echo "缺少浏览器测试所需的系统软件包：${missing[*]}" >&2
echo "请以管理员身份运行：sudo apt-get install -y ${missing[*]}" >&2
case " ${missing[*]} " in *" fonts-noto-cjk "*) echo "（中文字体也可用 fonts-wqy-microhei 代替 fonts-noto-cjk）" >&2 ;; esac
echo "浏览器测试使用 Debian 的 chromium（/usr/bin/chromium），不下载 Playwright 自带的浏览器。" >&2
exit 1
