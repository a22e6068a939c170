#!/usr/bin/env bash
# `npm test`'s first step: the type check and the build are each one mostly single-threaded
# TypeScript compile, so on two cores they run side by side. Each one's output is printed as a
# block when it ends; the step fails if either does.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

typecheck_log=$(mktemp)
build_log=$(mktemp)
trap 'rm -f "$typecheck_log" "$build_log"' EXIT

npm run --silent typecheck >"$typecheck_log" 2>&1 &
typecheck=$!
npm run --silent build >"$build_log" 2>&1 &
build=$!

status=0
wait "$typecheck" || { echo 'typecheck failed:' >&2; status=1; }
cat "$typecheck_log"
wait "$build" || { echo 'build failed:' >&2; status=1; }
cat "$build_log"
exit "$status"
