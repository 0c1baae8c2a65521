#!/usr/bin/env bash
# Installs code-server (a real VS Code in the browser) for the end-to-end tests into
# .cache/code-server/ (or $READINESS_CODE_SERVER_DIR). It is 300 MB with native builds, so it is
# not a dependency in package.json; CI calls this after the Debian packages it needs
# (build-essential libkrb5-dev ripgrep chromium). Idempotent: an installed version is kept.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=4.100.3 # the newest release that runs on Node 20
DIR="${READINESS_CODE_SERVER_DIR:-$PWD/.cache/code-server}"
BIN="$DIR/node_modules/.bin/code-server"

if [ -x "$BIN" ] && [ "$(cat "$DIR/.installed" 2>/dev/null)" = "$VERSION" ]; then
  echo "code-server $VERSION already installed in $DIR"
  exit 0
fi
for tool in rg cc make; do
  command -v "$tool" >/dev/null || { echo "install-code-server: '$tool' is missing: apt-get install -y build-essential libkrb5-dev ripgrep chromium" >&2; exit 1; }
done

rm -rf "$DIR"
mkdir -p "$DIR"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# @vscode/ripgrep's postinstall downloads a release from GitHub; it takes a cached archive instead,
# so Debian's rg goes there under the name it looks for.
RG_CACHE="$WORK/vscode-ripgrep-cache-1.15.11"
mkdir -p "$RG_CACHE"
tar czf "$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg

echo '{"name":"readiness-code-server","private":true}' > "$DIR/package.json"
started=$(date +%s)
# Native modules build against the headers the user npmrc names (nodedir), so HOME stays.
# unsafe_perm: the postinstall refuses to run as root otherwise; yes: node-pty runs `npx node-gyp`.
TMPDIR="$WORK" npm_config_unsafe_perm=true npm_config_yes=true \
  npm install --prefix "$DIR" --no-save --no-audit --no-fund --loglevel=error "code-server@$VERSION"
[ -x "$BIN" ] || { echo "install-code-server: $BIN was not installed" >&2; exit 1; }
echo "$VERSION" > "$DIR/.installed"
echo "code-server $VERSION installed in $DIR in $(( $(date +%s) - started )) s"
