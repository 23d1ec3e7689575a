"""A smaller ICU data library for the Linux bundle (Qt links ICU; its data is 32 MB).

PySide6's Linux wheels ship ``libicudata.so.73``: one symbol, ``icudt73_dat``, holding ICU's data
package for every language and every legacy code page. Qt uses ICU for collation (QCollator),
case mapping and normalisation; Fieldbook's text, numbers and dates come from Qt's own CLDR
tables and Babel, and every byte it reads is decoded by Python. So the bundle keeps:

- ICU's core tables (Unicode properties, normalisation, case, break rules, time zones,
  plural and likely-subtags data),
- locale data, collation and display names for the languages Fieldbook supports (``KEEP``) and
  ``root`` (what every other locale falls back to),
- single-byte code pages (under 16 KB each),

and drops the rest: locale data of ~700 other languages, multi-byte legacy code pages (CJK
EBCDIC and the like), word-break dictionaries for Chinese, Japanese, Thai, Lao, Khmer and
Burmese, transliteration and spell-out rules. The filtered package is rebuilt into a
library with the same name and symbol (``icupkg`` from icu-devtools, and a C compiler).
Without those tools the build keeps the original library and says so.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

KEEP = ("root", "en", "de", "fr", "es", "it", "ja", "pt")
_KEPT_LOCALE = re.compile(rf"^({'|'.join(KEEP)})(_\w+)?\.res$")
_LOCALE_NAME = re.compile(r"^[a-z]{2,3}(_\w+)?\.res$")
SINGLE_BYTE_LIMIT = 16 * 1024
DISPLAY_NAME_TREES = ("coll", "curr", "lang", "region", "unit", "zone", "rbnf")
ALWAYS = ("pool.res", "res_index.res", "ucadata.icu")


def keep_item(item: str, size: int) -> bool:
    """Whether one item of the data package (``coll/de.res``, ``gb18030.cnv``) is kept."""
    folder, _, name = item.rpartition("/")
    if name in ALWAYS:
        return True
    if not folder:
        if name.endswith(".cnv"):
            return size <= SINGLE_BYTE_LIMIT
        if _LOCALE_NAME.match(name) and name != "res_index.res":
            return bool(_KEPT_LOCALE.match(name))
        return True  # core tables: properties, normalisation, zones, supplemental data
    if folder == "brkitr":
        return not name.endswith(".dict")
    if folder == "translit":
        return False
    if folder in DISPLAY_NAME_TREES:
        return bool(_KEPT_LOCALE.match(name)) or not name.endswith(".res")
    return True


def _symbol(library: Path) -> tuple[str, int, int]:
    """(name, file offset, size) of the ``icudtNN_dat`` symbol."""
    sections = {}
    for line in subprocess.run(
        ["readelf", "-S", "-W", str(library)], capture_output=True, text=True, check=True
    ).stdout.splitlines():
        m = re.match(r"\s*\[\s*(\d+)\]\s+(\S+)\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)", line)
        if m:
            sections[m.group(1)] = (int(m.group(3), 16), int(m.group(4), 16))
    for line in subprocess.run(
        ["readelf", "-s", "-W", str(library)], capture_output=True, text=True, check=True
    ).stdout.splitlines():
        parts = line.split()
        if len(parts) >= 8 and re.fullmatch(r"icudt\d+_dat", parts[7]):
            address, size, index = int(parts[1], 16), int(parts[2], 0), parts[6]
            section_address, section_offset = sections[index]
            return parts[7], address - section_address + section_offset, size
    raise ValueError(f"no icudt*_dat symbol in {library}")


def missing_tools() -> list[str]:
    return [tool for tool in ("icupkg", "cc", "readelf") if not shutil.which(tool)]


def filter_library(library: Path, workdir: Path) -> Path:
    """A filtered copy of ``library`` under ``workdir`` (same file name, same symbol)."""
    workdir.mkdir(parents=True, exist_ok=True)
    symbol, offset, size = _symbol(library)
    package = workdir / f"{symbol[:-4]}l.dat"
    with open(library, "rb") as f:
        f.seek(offset)
        package.write_bytes(f.read(size))
    items = subprocess.run(
        ["icupkg", "-l", str(package)], capture_output=True, text=True, check=True
    ).stdout.split()
    extracted = workdir / "items"
    shutil.rmtree(extracted, ignore_errors=True)
    extracted.mkdir()
    listing = workdir / "all.txt"
    listing.write_text("\n".join(items) + "\n")
    subprocess.run(
        ["icupkg", "-x", str(listing), "-d", str(extracted), str(package)],
        check=True,
        capture_output=True,
    )
    drop = {i for i in items if not keep_item(i, (extracted / i).stat().st_size)}
    drop_list = workdir / "drop.txt"
    # icupkg names the items after the output file: it must keep the package's name.
    (workdir / "filtered").mkdir(exist_ok=True)
    filtered = workdir / "filtered" / package.name
    while True:  # a small code page that extends a dropped multi-byte one goes with it
        drop_list.write_text("\n".join(sorted(drop)) + "\n")
        result = subprocess.run(
            ["icupkg", "-r", str(drop_list), str(package), str(filtered)],
            capture_output=True,
            text=True,
        )
        dependents = {
            m.group(1)
            for m in re.finditer(r"Item (\S+\.cnv) depends on missing item (\S+)", result.stderr)
            if m.group(2) in drop
        }
        if not dependents - drop:
            break
        drop |= dependents
    # What is left missing is deliberate: break rules name the dropped dictionaries (ICU then
    # breaks those scripts without one), and ICU's own data names a few absent collations.
    subprocess.run(
        ["icupkg", "--ignore-deps", "-r", str(drop_list), str(package), str(filtered)],
        check=True,
        capture_output=True,
    )
    assembly = workdir / "icudata.S"
    assembly.write_text(
        f"\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 16\n"
        f'{symbol}:\n\t.incbin "{filtered}"\n\t.size {symbol}, . - {symbol}\n'
        '\t.section .note.GNU-stack,"",@progbits\n'
    )
    out = workdir / library.name
    subprocess.run(
        [
            "cc",
            "-shared",
            "-nostdlib",
            f"-Wl,-soname,{library.name}",
            "-o",
            str(out),
            str(assembly),
        ],
        check=True,
    )
    print(
        f"icu_filter: {library.name} {library.stat().st_size} -> {out.stat().st_size} bytes "
        f"({len(items) - len(drop)} of {len(items)} data items kept)"
    )
    return out


_ICU_DATA = re.compile(r"(^|/)libicudata\.so\.\d+$")


def replace_in_toc(binaries: list, workdir: Path) -> list:
    """PyInstaller's binaries list with ``libicudata.so.NN`` swapped for the filtered one."""
    missing = missing_tools()
    result = []
    for entry in binaries:
        dest, source = entry[0], entry[1]
        if _ICU_DATA.search(dest.replace("\\", "/")):
            if missing:
                print(f"icu_filter: {', '.join(missing)} not found; full ICU data kept (+26 MB)")
            else:
                entry = (dest, str(filter_library(Path(source), workdir)), *entry[2:])
        result.append(entry)
    return result
