#!/usr/bin/env bash
# Makes the Windows release from Linux: vanban.exe (x86_64-pc-windows-gnu, C runtime linked in,
# no DLL beside it) in a zip with the samples, a short Vietnamese guide and the licences of
# what the program embeds.
#
#   bash scripts/windows-release.sh            # → dist/vanban-VERSION-windows-x86_64.zip
#
# Needs rustup's x86_64-pc-windows-gnu target and Debian's gcc-mingw-w64-x86-64 (both are
# installed here when missing and this runs as root, as .ci/run does). The zip is reproducible:
# its entries are sorted and dated SOURCE_DATE_EPOCH (default: the last commit's date).
set -euo pipefail
cd "$(dirname "$0")/.."

target=x86_64-pc-windows-gnu
if ! rustup target list --installed 2>/dev/null | grep -qx "$target"; then
  rustup target add "$target"
fi
if ! command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update
  $sudo apt-get install -y --no-install-recommends gcc-mingw-w64-x86-64
fi

cargo build --release --locked --target "$target" --bin vanban
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
exe="$target_dir/$target/release/vanban.exe"

# Only Windows' own DLLs may be imported: a mingw runtime DLL would be missing on the clerk's PC.
imports=$(x86_64-w64-mingw32-objdump -p "$exe" | sed -n 's/^\s*DLL Name: //p' | tr 'A-Z' 'a-z' | sort -u)
for dll in $imports; do
  case "$dll" in
    kernel32.dll|ntdll.dll|advapi32.dll|bcrypt.dll|bcryptprimitives.dll|ws2_32.dll|userenv.dll|\
    shell32.dll|user32.dll|ole32.dll|oleaut32.dll|msvcrt.dll|secur32.dll|crypt32.dll|ncrypt.dll|\
    shlwapi.dll|api-ms-win-*) ;;
    *) echo "vanban.exe imports $dll, which is not part of Windows" >&2; exit 1 ;;
  esac
done

version=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["packages"][0]["version"])')
name="vanban-$version-windows-x86_64"
stage="dist/$name"
rm -rf "$stage" "dist/$name.zip"
mkdir -p "$stage/giay-phep"
cp "$exe" "$stage/vanban.exe"
# The standard library's DWARF debug information is most of the file's size.
x86_64-w64-mingw32-strip --strip-debug "$stage/vanban.exe"
cp -r data "$stage/data"
cp scripts/windows/HUONG-DAN.txt "$stage/HUONG-DAN.txt"

# Licences: the fonts, CodeMirror, Typst, and every Rust crate compiled in.
cp fonts/LICENSE-OFL.txt "$stage/giay-phep/phong-chu-Liberation-OFL.txt"
cp src/serve/vendor/codemirror-*/LICENSE "$stage/giay-phep/CodeMirror-MIT.txt"
cargo metadata --format-version 1 --locked --filter-platform "$target" | python3 -c '
import json, os, shutil, sys
meta = json.load(sys.stdin)
stage = sys.argv[1]
pkgs = {p["id"]: p for p in meta["packages"]}
# The crates compiled into vanban.exe: the resolve graph from vanban, normal dependencies only.
nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
root = meta["resolve"]["root"]
seen, todo = set(), [root]
while todo:
    i = todo.pop()
    if i in seen:
        continue
    seen.add(i)
    for d in nodes[i]["deps"]:
        if any(k["kind"] in (None, "normal") for k in d["dep_kinds"]):
            todo.append(d["pkg"])
lines = []
for i in sorted(seen, key=lambda i: (pkgs[i]["name"], pkgs[i]["version"])):
    p = pkgs[i]
    lines.append(f"{p[\"name\"]} {p[\"version\"]}: {p.get(\"license\") or \"(xem tệp giấy phép của thư viện)\"}")
    if p["name"] == "typst":
        d = os.path.dirname(p["manifest_path"])
        for f in sorted(os.listdir(d)):
            if f.upper().startswith("LICENSE"):
                shutil.copy(os.path.join(d, f), os.path.join(stage, "giay-phep", "Typst-" + f + ".txt"))
with open(os.path.join(stage, "giay-phep", "thu-vien-Rust.txt"), "w", encoding="utf-8") as f:
    f.write("Các thư viện Rust dựng sẵn trong vanban.exe và giấy phép của chúng\n")
    f.write("(The Rust libraries compiled into vanban.exe and their licences)\n\n")
    f.write("\n".join(lines) + "\n")
' "$stage"
ls "$stage/giay-phep" | grep -q '^Typst-' || { echo "the Typst licence was not found" >&2; exit 1; }

# A reproducible zip: sorted entries, one date, fixed permissions.
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 315532800)}
python3 - "$stage" "dist/$name.zip" "$epoch" "$name" <<'PY'
import os, sys, time, zipfile
stage, out, epoch, name = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
stamp = time.gmtime(max(epoch, 315532800))[:6]
files = []
for d, _, fs in os.walk(stage):
    for f in fs:
        files.append(os.path.join(d, f))
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for path in sorted(files):
        rel = os.path.relpath(path, stage).replace(os.sep, "/")
        info = zipfile.ZipInfo(f"{name}/{rel}", stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        with open(path, "rb") as f:
            z.writestr(info, f.read())
PY

exe_size=$(stat -c %s "$stage/vanban.exe")
zip_size=$(stat -c %s "dist/$name.zip")
echo "vanban.exe: $exe_size bytes ($((exe_size / 1048576)) MiB)"
echo "dist/$name.zip: $zip_size bytes ($((zip_size / 1048576)) MiB)"
echo "$stage/vanban.exe"
