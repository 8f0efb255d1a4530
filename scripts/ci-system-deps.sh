#!/usr/bin/env bash
# System packages the tests need: Python jsonschema and Go (cross-language spec tests) and
# Chromium (the browser end-to-end test).
# Installs only what is missing, from Debian's archive; safe to run repeatedly.
set -euo pipefail

missing=()
/usr/bin/python3 -c 'import jsonschema' >/dev/null 2>&1 || missing+=(python3-jsonschema)
command -v go >/dev/null 2>&1 || [ -x /usr/lib/go/bin/go ] || missing+=(golang-go)
[ -x /usr/bin/chromium ] || missing+=(chromium)

if [ "${#missing[@]}" -eq 0 ]; then
  echo "ci-system-deps: python3-jsonschema, golang-go and chromium already present"
  exit 0
fi

SUDO=''
if [ "$(id -u)" -ne 0 ]; then SUDO='sudo'; fi
echo "ci-system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
