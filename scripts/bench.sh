#!/usr/bin/env bash
# Runs the benchmark against the built app; peer-to-peer parts stay inside a loopback-only
# network namespace when this machine allows one.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent build
if unshare -n true 2>/dev/null; then
  exec unshare -n bash -c 'ip link set lo up && node bench/run.mjs'
fi
echo "Warning: cannot create a loopback-only network namespace (needs root); the benchmark runs on the normal network." >&2
exec node bench/run.mjs
