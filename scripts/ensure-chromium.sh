#!/usr/bin/env bash
# Makes sure a headless Chromium is available for the report's browser test (ReportBrowserTest).
# Installs Debian's `chromium` package when no chromium is found. Never fails the caller: when it cannot
# install (not root, no apt-get, no network), it says so and exits 0, and the browser test skips itself
# with a visible reason.
set -u

for candidate in /usr/bin/chromium chromium chromium-browser; do
  if command -v "$candidate" >/dev/null 2>&1; then
    echo "ensure-chromium: found $(command -v "$candidate")"
    exit 0
  fi
done

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: no chromium and no apt-get; the browser test will be skipped"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-chromium: no chromium and not root (cannot apt-get install); the browser test will be skipped"
  exit 0
fi

echo "ensure-chromium: installing Debian's chromium package"
export DEBIAN_FRONTEND=noninteractive
if apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1; then
  echo "ensure-chromium: installed $(command -v chromium)"
else
  echo "ensure-chromium: could not install chromium; the browser test will be skipped"
fi
exit 0
