"""Compile the portal's style sheet: govcms/styles/portal.scss (USWDS 3 themed to the
portal) into govcms/static/css/portal.css, with the USWDS icons it refers to.

Two steps after Sass:
- every colour of the compiled primary family becomes ``var(--colour-brand…, colour)``,
  so the board's colour (Settings → Portal settings, served as /giao-dien.css) reaches
  every component at run time, while the compiled colour stays the fallback;
- each ``url(../uswds/img/…)`` in the result is copied from the USWDS package into
  govcms/static/uswds/img/, and nothing else.

``--check`` compiles into memory and fails when the committed files differ: the style
sheet is committed so that serving the portal needs no Node.js.

Usage: python scripts/build_css.py [--check]
"""

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
USWDS = ROOT / "node_modules" / "@uswds" / "uswds"
SOURCE = ROOT / "govcms" / "styles" / "portal.scss"
STATIC = ROOT / "govcms" / "static"
TARGET = STATIC / "css" / "portal.css"
ICONS = STATIC / "uswds" / "img"

# The primary family as portal.scss sets it (USWDS tokens red-70v, red-80v, red-80), and
# the custom property each becomes. /giao-dien.css (home/identity.py) sets all three.
BRAND_COLOURS = {
    "#8b0a03": "--colour-brand",
    "#5c1111": "--colour-brand-dark",
    "#3e2927": "--colour-brand-darker",
}
ICON_URL = re.compile(r'url\("?\.\./uswds/img/([^")]+)"?\)')

HEADER = (
    "/* The portal's style sheet, compiled from govcms/styles/ by scripts/build_css.py.\n"
    "   U.S. Web Design System 3 (public domain): https://designsystem.digital.gov */\n"
)


def compile_css():
    sass = ROOT / "node_modules" / ".bin" / "sass"
    if not sass.exists():
        sys.exit("Sass is missing: run `npm ci` first (make node_modules/.installed).")
    result = subprocess.run(
        [
            str(sass),
            f"--load-path={USWDS / 'packages'}",
            "--style=compressed",
            "--no-source-map",
            "--quiet",
            str(SOURCE),
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(result.stderr)
    css = result.stdout.lstrip("\ufeff")
    for colour, name in BRAND_COLOURS.items():
        css = re.sub(re.escape(colour), f"var({name},{colour})", css, flags=re.IGNORECASE)
    return HEADER + css.strip() + "\n"


def icons_of(css):
    return sorted(set(ICON_URL.findall(css)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the files are stale")
    check = parser.parse_args().check

    css = compile_css()
    icons = icons_of(css)
    if check:
        stale = [] if TARGET.exists() and TARGET.read_text() == css else [TARGET]
        stale += [ICONS / icon for icon in icons if not (ICONS / icon).exists()]
        if stale:
            names = ", ".join(str(path.relative_to(ROOT)) for path in stale)
            sys.exit(f"The compiled style sheet is stale ({names}): run `make css`.")
        return

    TARGET.write_text(css)
    if ICONS.exists():
        shutil.rmtree(ICONS)
    for icon in icons:
        target = ICONS / icon
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(USWDS / "dist" / "img" / icon, target)
    print(f"{TARGET.relative_to(ROOT)}: {len(css):,} bytes, {len(icons)} icons")


if __name__ == "__main__":
    main()
