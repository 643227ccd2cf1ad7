#!/usr/bin/env bash
# Regenerates crates/runtime/src/gorand_table.rs with the reference Go toolchain.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
go version | grep -q 'go1\.19' || { echo "needs Go 1.19 (apt-get install golang-go)" >&2; exit 1; }
(cd "$here" && GO111MODULE=off go run main.go) > "$here/../../crates/runtime/src/gorand_table.rs"
