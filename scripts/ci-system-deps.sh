#!/usr/bin/env bash
# System packages for @vidukit/openapi's cross-language tests (Python jsonschema, Go).
# Installs only what is missing, from Debian's archive; safe to run repeatedly.
set -euo pipefail

missing=()
/usr/bin/python3 -c 'import jsonschema' >/dev/null 2>&1 || missing+=(python3-jsonschema)
command -v go >/dev/null 2>&1 || [ -x /usr/lib/go/bin/go ] || missing+=(golang-go)

if [ "${#missing[@]}" -eq 0 ]; then
  echo "ci-system-deps: python3-jsonschema and golang-go already present"
  exit 0
fi

SUDO=''
if [ "$(id -u)" -ne 0 ]; then SUDO='sudo'; fi
echo "ci-system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
