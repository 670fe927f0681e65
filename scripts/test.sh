#!/usr/bin/env bash
# Every check, in order: types, lint, unit, build, browser end-to-end. Used by `npm test` and .ci/run.
set -uo pipefail
cd "$(dirname "$0")/.."

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"

# The browser tests need Debian's Chromium, and CJK fonts for the pages in Chinese; the simulated
# networks (tests/e2e/net, tests/e2e/nat) need iptables for NAT, coturn for TURN, openssl for their
# certificates and curl to check the topology.
# As root (or with passwordless sudo) they are installed with apt-get; otherwise this prints the
# exact command to run.
ensure_chromium() {
  local missing=()
  [ -x "$CHROMIUM" ] || missing+=(chromium)
  if command -v dpkg-query >/dev/null 2>&1; then
    dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "install ok installed" || missing+=(fonts-noto-cjk)
  fi
  command -v iptables >/dev/null 2>&1 || [ -x /usr/sbin/iptables ] || missing+=(iptables)
  command -v turnserver >/dev/null 2>&1 || missing+=(coturn)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null && sudo="sudo -n"
  if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; }; then
    echo "Installing ${missing[*]} with apt-get (the browser tests need Debian's Chromium and CJK fonts)..."
    if $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"; then
      # coturn's package starts a system TURN server on 3478; the tests run their own in namespaces.
      $sudo systemctl disable --now coturn >/dev/null 2>&1 || true
      [ -x "$CHROMIUM" ] && return 0
    fi
  fi
  local command="apt-get update && apt-get install -y ${missing[*]}"
  [ "$(id -u)" -ne 0 ] && command="sudo apt-get update && sudo apt-get install -y ${missing[*]}"
  echo "Cannot run the browser tests: ${missing[*]} missing (looked for Chromium at $CHROMIUM)." >&2
  echo "Install with:  $command" >&2
  echo "(or set CHROMIUM_PATH to another Chromium binary), then run npm test again." >&2
  return 1
}

passed=()
failed=()
step() {
  local name="$1"; shift
  echo
  echo "=== $name: $* ==="
  if "$@"; then passed+=("$name"); else failed+=("$name"); fi
}

step "type check" npm run --silent check
step "lint" npm run --silent lint
step "unit tests" npm run --silent test:unit
step "build" npm run --silent build
# The end-to-end specs act as a hostile teammate through test hooks (src/app/test-hooks.ts): they
# run against a second build that has them, in its own folder, so dist/ (what `npm start` and a
# deploy serve) never carries them.
export KEHU_DIST="$PWD/dist-e2e"
step "end-to-end build" env VITE_KEHU_TEST_HOOKS=1 npx vite build --logLevel warn --outDir "$KEHU_DIST" --emptyOutDir
if ensure_chromium; then
  # The sync specs connect browsers peer to peer: run them where only loopback exists, so nothing leaves the machine.
  if command -v ip >/dev/null 2>&1 && unshare -n true 2>/dev/null; then step "end-to-end tests" unshare -n bash -c 'ip link set lo up && npx playwright test'; else echo "WARNING: cannot create a loopback-only network namespace (needs unshare -n as root or with user namespaces, and ip): the sync specs (tests/e2e/sync) run OUTSIDE it, on the normal network, where WebRTC may use non-loopback addresses." >&2; step "end-to-end tests" npm run --silent test:e2e; fi
else
  failed+=("end-to-end tests (not run: Chromium, CJK fonts or network tools missing, see above)")
fi

echo
echo "Summary: ${#passed[@]} passed, ${#failed[@]} failed"
for name in "${passed[@]}"; do echo "  passed: $name"; done
for name in "${failed[@]}"; do echo "  FAILED: $name"; done
[ ${#failed[@]} -eq 0 ]
