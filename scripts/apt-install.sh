#!/usr/bin/env bash
# Install Debian packages by name, once, quietly (we are root on these machines).
set -euo pipefail
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
stamp=/tmp/.navet-apt-updated
if [ ! -f "$stamp" ]; then
  $sudo apt-get update -qq
  touch "$stamp"
fi
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
