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
apache = None
for i in sorted(seen, key=lambda i: (pkgs[i]["name"], pkgs[i]["version"])):
    p = pkgs[i]
    if p["source"] is None:
        continue  # vanban itself
    licence = p.get("license") or "(xem tệp giấy phép của thư viện)"
    d = os.path.dirname(p["manifest_path"])
    texts = sorted(f for f in os.listdir(d)
                   if f.upper().startswith(("LICENSE", "LICENCE", "COPYING", "NOTICE", "UNLICENSE")))
    texts = [f for f in texts if os.path.isfile(os.path.join(d, f))]
    here = os.path.join(stage, "giay-phep", "thu-vien", p["name"] + "-" + p["version"])
    for f in texts:
        os.makedirs(here, exist_ok=True)
        shutil.copy(os.path.join(d, f), os.path.join(here, f))
        if apache is None and f.upper() in ("LICENSE-APACHE", "LICENSE-APACHE.MD", "LICENSE-APACHE-2.0"):
            apache = os.path.join(d, f)
    where = "thu-vien/" + p["name"] + "-" + p["version"] + "/" if texts else "Apache-2.0.txt / MIT.txt"
    lines.append(p["name"] + " " + p["version"] + ": " + licence + "  [" + where + "]")
# Crates that ship no licence file (Typst among them) are under the standard texts, given once.
if apache is None:
    sys.exit("no Apache-2.0 licence text found among the crates")
shutil.copy(apache, os.path.join(stage, "giay-phep", "Apache-2.0.txt"))
with open(os.path.join(stage, "giay-phep", "MIT.txt"), "w", encoding="utf-8") as f:
    f.write("""Permission is hereby granted, free of charge, to any person obtaining a copy of this
software and associated documentation files (the "Software"), to deal in the Software
without restriction, including without limitation the rights to use, copy, modify, merge,
publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons
to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR
PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE
FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
DEALINGS IN THE SOFTWARE.
""")
typst = [l for l in lines if l.startswith("typst ")]
if not typst:
    sys.exit("typst is not among the crates")
with open(os.path.join(stage, "giay-phep", "Typst.txt"), "w", encoding="utf-8") as f:
    f.write("Typst (https://github.com/typst/typst), trình sắp chữ dựng sẵn trong vanban.exe.\n")
    f.write("Giấy phép / licence: Apache License 2.0, toàn văn trong Apache-2.0.txt.\n")
    f.write("Copyright Typst GmbH and the Typst contributors.\n")
with open(os.path.join(stage, "giay-phep", "thu-vien-Rust.txt"), "w", encoding="utf-8") as f:
    f.write("Các thư viện Rust dựng sẵn trong vanban.exe và giấy phép của chúng\n")
    f.write("(The Rust libraries compiled into vanban.exe, their licences, and where the texts are)\n\n")
    f.write("\n".join(lines) + "\n")
' "$stage"

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
