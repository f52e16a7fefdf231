#!/usr/bin/env python3
"""Takes the fonts for Arabic and Chinese out of Debian's packages into assets/fonts/ (run once;
the files are committed). Needs `pip install fonttools` and the two .deb files:
    apt-get download fonts-noto-core fonts-noto-cjk
    python3 scripts/fonts.py fonts-noto-core_*.deb fonts-noto-cjk_*.deb
Noto Sans Arabic is copied as it is; Noto Sans CJK SC is the SC face (index 2) of Debian's
NotoSansCJK-Regular.ttc, saved as one OpenType file. Licence: assets/fonts/LICENSE-Noto.txt.
"""

import os
import shutil
import subprocess
import sys
import tempfile

from fontTools.ttLib import TTCollection

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "assets", "fonts")


def main(debs):
    with tempfile.TemporaryDirectory() as tmp:
        for deb in debs:
            subprocess.run(["dpkg-deb", "-x", deb, tmp], check=True)
        noto = os.path.join(tmp, "usr/share/fonts/truetype/noto")
        for name in ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"):
            shutil.copy(os.path.join(noto, name), OUT)
        ttc = os.path.join(tmp, "usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
        face = TTCollection(ttc).fonts[2]
        family = face["name"].getDebugName(1)
        if family != "Noto Sans CJK SC":
            sys.exit(f"{ttc}: face 2 is {family}, not Noto Sans CJK SC")
        face.save(os.path.join(OUT, "NotoSansCJKsc-Regular.otf"))
    print(f"wrote {OUT}: NotoSansArabic-Regular.ttf, NotoSansArabic-Bold.ttf, NotoSansCJKsc-Regular.otf")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1:])
