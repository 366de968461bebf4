#!/usr/bin/env bash
# The install test: pack the CLI as a .NET tool, install it into a fresh folder from the package
# folder alone, and run it from another folder (defaults must come from the tool, not the
# repository). Prints "tool: PASS" or "tool: FAIL ..." as its last line; exits 0 or 1.
set -uo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d "${TMPDIR:-/tmp}/vhksim-tool-XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "tool: FAIL $*"; exit 1; }

dotnet pack Sim.Runner -c Release -o "$work/pkg" >"$work/pack.log" 2>&1 ||
  { tail -20 "$work/pack.log"; fail "dotnet pack"; }
ls "$work/pkg"/vhksim.*.nupkg >/dev/null 2>&1 || fail "no vhksim package in $work/pkg"
echo "tool: packed $(basename "$work"/pkg/vhksim.*.nupkg) ($(du -k "$work"/pkg/vhksim.*.nupkg | cut -f1) KiB)"

dotnet tool install --tool-path "$work/tools" --add-source "$work/pkg" vhksim >"$work/install.log" 2>&1 ||
  { cat "$work/install.log"; fail "dotnet tool install"; }
[ -x "$work/tools/vhksim" ] || fail "installed, but $work/tools/vhksim is missing"
echo "tool: installed into a fresh folder"

# Another folder: no configs/ or results/ of the repository beside it.
mkdir -p "$work/elsewhere" && cd "$work/elsewhere"
"$work/tools/vhksim" fpga --case 128:64 --format csv --out "$work/elsewhere/out" >"$work/fpga.out" 2>"$work/fpga.err" ||
  { cat "$work/fpga.err"; fail "vhksim fpga from another folder"; }
cat "$work/fpga.out"
grep -Eq '^128,64,[0-9]' "$work/fpga.out" || fail "fpga printed no row for case 128:64"
"$work/tools/vhksim" config init "$work/elsewhere" >/dev/null || fail "vhksim config init"
[ -f "$work/elsewhere/configs/vhk158.yaml" ] && [ -f "$work/elsewhere/configs/models/llama2-7b.yaml" ] ||
  fail "config init did not copy the shipped configs"
"$work/tools/vhksim" config check configs/vhk158.yaml >/dev/null 2>"$work/check.err" || { cat "$work/check.err"; fail "config check of the copied config"; }
echo "tool: PASS"
