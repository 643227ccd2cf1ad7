# Installs whatever the book needs that is missing, and puts the pinned tools
# on PATH. Sourced by scripts/serve and scripts/test; idempotent, and a few
# seconds when everything is present.
#
# Tools are pinned and built from the package registries (crates.io, npm,
# Debian), never downloaded as prebuilt binaries at build time:
#   - the Rust toolchain in rust-toolchain.toml (with rust-src and wasm32);
#   - trunk $GOLAB_TRUNK_VERSION and the wasm-bindgen CLI equal to Cargo.lock's
#     wasm-bindgen, each under $GOLAB_TOOLS/<name>-<version> (outside the work
#     tree, so clones and CI on the same machine reuse them);
#   - wasm-opt from the project's npm `binaryen` (node_modules/.bin);
#   - Chromium, chromedriver and a Chinese font from Debian (apt), for tests only.
set -euo pipefail

GOLAB_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GOLAB_TOOLS=${GOLAB_TOOLS:-$HOME/.cache/golab}
GOLAB_TRUNK_VERSION=0.21.14

say() { printf '\033[1msetup:\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31msetup:\033[0m %s\n' "$*" >&2; exit 1; }

setup_rust() {
  command -v rustup >/dev/null || die "rustup is missing: install it (https://rustup.rs), then run this again."
  # Reads rust-toolchain.toml: the pinned nightly with rust-src, rustfmt, clippy and wasm32.
  (cd "$GOLAB_ROOT" && rustup toolchain install >/dev/null 2>&1) || (cd "$GOLAB_ROOT" && rustup toolchain install)
}

wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$GOLAB_ROOT/Cargo.lock"
}

# cargo_tool NAME CRATE VERSION BIN [--locked]
cargo_tool() {
  local name=$1 crate=$2 version=$3 bin=$4 locked=${5:-}
  local root="$GOLAB_TOOLS/$name-$version"
  if [ ! -x "$root/bin/$bin" ]; then
    say "installing $crate $version (once; this takes several minutes)"
    (cd "$GOLAB_ROOT" && cargo install "$crate" --version "$version" $locked --root "$root")
  fi
  PATH="$root/bin:$PATH"
}

setup_web_tools() {
  cargo_tool trunk trunk "$GOLAB_TRUNK_VERSION" trunk --locked
  local wbg; wbg=$(wasm_bindgen_version)
  [ -n "$wbg" ] || die "Cargo.lock names no wasm-bindgen version"
  # Not --locked: a locked dependency of this release is missing from the registry mirror.
  cargo_tool wasm-bindgen wasm-bindgen-cli "$wbg" wasm-bindgen
  grep -q "wasm_bindgen = \"$wbg\"" "$GOLAB_ROOT/Trunk.toml" ||
    die "Trunk.toml's [tools] wasm_bindgen must equal Cargo.lock's wasm-bindgen $wbg"
  if [ ! -x "$GOLAB_ROOT/node_modules/.bin/wasm-opt" ] || [ ! -f "$GOLAB_ROOT/node_modules/axe-core/axe.min.js" ] ||
     [ ! -x "$GOLAB_ROOT/node_modules/.bin/lighthouse" ] || [ ! -x "$GOLAB_ROOT/node_modules/.bin/terser" ]; then
    command -v npm >/dev/null || apt_install npm
    say "installing wasm-opt (npm binaryen), terser, axe-core and lighthouse"
    (cd "$GOLAB_ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  PATH="$GOLAB_ROOT/node_modules/.bin:$PATH"
  export PATH
  # trunk builds offline (Trunk.toml), and the wasm build rebuilds std, whose
  # own dependencies a fresh machine has not downloaded yet: fetch them (and
  # ours) first. Quick when they are already there.
  (cd "$GOLAB_ROOT" && wasm_env cargo fetch --target wasm32-unknown-unknown -q)
}

apt_install() {
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    say "installing $* (apt)"
    if [ -z "${GOLAB_APT_UPDATED:-}" ]; then apt-get update -qq; GOLAB_APT_UPDATED=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    die "please install: $* (Debian/Ubuntu: sudo apt-get install $*)"
  fi
}

setup_browser() {
  command -v chromium >/dev/null && command -v chromedriver >/dev/null || apt_install chromium chromium-driver
  # A Chinese font: without one, headless Chromium draws the zh pages as
  # boxes, the layout the tests (and the screenshots) see is not a reader's,
  # and axe measures colours against the wrong neighbours.
  [ -n "$(fc-list :lang=zh 2>/dev/null)" ] || apt_install fonts-noto-cjk
}

# The real Go toolchain, for scripts/check-go.py: every example's claim is
# checked under `go run`, as readers will run it. Debian's golang-go (Go 1.19
# on these machines) is the oracle the goldens were recorded with too.
setup_go() {
  command -v go >/dev/null || apt_install golang-go
}

# Wasm builds rebuild std with atomics (shared memory for the worker pool).
# Set per command: as a cargo config key it would rebuild std for native builds too.
wasm_env() { CARGO_UNSTABLE_BUILD_STD=panic_abort,std "$@"; }

# The site's release build also aborts on a panic without formatting its
# message (-Cpanic=immediate-abort): the page installs no panic hook, and in
# wasm32-unknown-unknown a message goes to a stderr that discards it, so the
# formatting code was dead weight (35 KB of the gzipped wasm, measured
# 2026-11-27). A panic is a trap either way, which the page and the workers
# report the same. Debug builds and the wasm tests keep their messages.
wasm_release_env() {
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" wasm_env "$@"
}
