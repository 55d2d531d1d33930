#!/usr/bin/env bash
# Builds the real LiveKit server with the ordinary Go client into .tools/bin (git-ignored).
# Idempotent: a second run with the same version does nothing.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=${LIVEKIT_VERSION:-v1.13.5}
bin_dir="$root/.tools/bin"
bin="$bin_dir/livekit-server"
stamp="$bin.version"

if [[ -x "$bin" && -f "$stamp" && "$(cat "$stamp")" == "$version" ]]; then
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "install-livekit: Go 1.26 or newer is needed to build livekit-server $version" >&2
  exit 1
fi
mkdir -p "$bin_dir"
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
echo "install-livekit: building livekit-server $version with go install (first run takes a few minutes)" >&2
# go install names the binary after its package directory ("server"); we keep it under a clear name.
GOBIN="$build" CGO_ENABLED=0 go install "github.com/livekit/livekit-server/cmd/server@$version"
mv "$build/server" "$bin"
echo "$version" > "$stamp"
echo "install-livekit: $("$bin" --version 2>/dev/null || echo "$bin")" >&2
