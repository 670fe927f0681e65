#!/usr/bin/env bash
# The .d.ts files of the vendored y-webrtc (src/sync/webrtc) are made by tsc from its JSDoc, after
# checking the JavaScript in strict mode. `--check` fails when the committed ones are not current.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=src/sync/webrtc
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
npx tsc -p "$dir/tsconfig.json" --noEmit false --declaration --emitDeclarationOnly --outDir "$out"
header='/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/consistent-type-imports -- made by scripts/webrtc-types.sh from the JSDoc of the .js beside it; edit that, not this */'
status=0
for name in y-webrtc crypto; do
  { echo "$header"; cat "$out/$name.d.ts"; } > "$out/$name.with-header.d.ts"
  if [ "${1:-}" = "--check" ]; then
    cmp -s "$out/$name.with-header.d.ts" "$dir/$name.d.ts" || { echo "$dir/$name.d.ts is not current: run bash scripts/webrtc-types.sh" >&2; status=1; }
  else
    cp "$out/$name.with-header.d.ts" "$dir/$name.d.ts"
  fi
done
exit $status
