#!/usr/bin/env bash
# What `npm run demo`, `npm run mail-catcher`, `npm run cli` and `npm test` run first, so two
# commands work on a fresh clone: Node 24 (fetched from the npm registry into
# ~/.cache/fairgrid-node24 when the machine's is older, as .ci/run does), `npm ci` when
# node_modules is missing, and with --build the build when dist/ is missing or older than the
# sources. Each step is done once, and said; then the command runs with that Node on PATH.
#   bash scripts/bootstrap.sh [--build] <command> [args...]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
HOME=${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}
NODE_PREFIX="$HOME/.cache/fairgrid-node24"
BUILD_STAMP=dist/.fairgrid-build
export SCARF_ANALYTICS=false

say() { printf 'setup: %s\n' "$*" >&2; }

# Node >= 24.11: TypeORM 1.1's floor on the 24 line (see README, "Why these versions").
node_is_new_enough() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 24 || (a === 24 && b >= 11) ? 0 : 1)'
}

if ! node_is_new_enough; then
  if [[ $("$NODE_PREFIX/node_modules/.bin/node" --version 2>/dev/null || true) != v24.* ]]; then
    command -v npm >/dev/null 2>&1 || { say 'Node >= 24.11 is needed and npm is missing to fetch it; install Node 24.'; exit 1; }
    say "Node on PATH is $(node --version 2>/dev/null || echo 'missing'); fetching Node 24 from the npm registry into $NODE_PREFIX (once) ..."
    npm install --prefix "$NODE_PREFIX" --no-audit --no-fund node@24 >&2
  else
    say "Node on PATH is $(node --version 2>/dev/null || echo 'missing'); using Node 24 from $NODE_PREFIX."
  fi
  export PATH="$NODE_PREFIX/node_modules/.bin:$PATH"
  hash -r
  node_is_new_enough || { say "Node from $NODE_PREFIX is $(node --version 2>/dev/null || echo 'not runnable'), still too old."; exit 1; }
fi

if [[ ! -f node_modules/.package-lock.json ]]; then
  say 'node_modules is missing; installing the locked dependencies (npm ci, once) ...'
  npm ci --no-audit --no-fund >&2
fi

if [[ ${1:-} == --build ]]; then
  shift
  # A built image (docker/Dockerfile) has dist/ and no src/: nothing to build there.
  if [[ -d src ]] && { [[ ! -f $BUILD_STAMP ]] || [[ -n $(find src package-lock.json -newer "$BUILD_STAMP" -print -quit) ]]; }; then
    say 'dist/ is missing or older than src/; building (npm run build) ...'
    npm run --silent build >&2
    touch "$BUILD_STAMP"
  fi
fi

exec "$@"
