"""Print pyembroidery's reading of DST, PES or PEC files as JSON.

Written for usinette's tests (not part of pyembroidery): it reads with the
vendored modules beside it, as pyembroidery.read() would with its default
settings, and prints one JSON object with, for each FILE,
{"stitches": [[x, y, "COMMAND"], ...], "threads": ["#rrggbb", ...]}
(x, y in 0.1 mm, y down, as pyembroidery keeps them).

Usage: python3 read_pattern.py FILE...
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pyembroidery.EmbConstant import (  # noqa: E402
    COLOR_CHANGE,
    COMMAND_MASK,
    END,
    JUMP,
    STITCH,
    STOP,
    TRIM,
)
from pyembroidery.EmbPattern import EmbPattern  # noqa: E402
import pyembroidery.DstReader as DstReader  # noqa: E402
import pyembroidery.PecReader as PecReader  # noqa: E402
import pyembroidery.PesReader as PesReader  # noqa: E402

NAMES = {
    STITCH: "STITCH",
    JUMP: "JUMP",
    TRIM: "TRIM",
    STOP: "STOP",
    END: "END",
    COLOR_CHANGE: "COLOR_CHANGE",
}
READERS = {".dst": DstReader, ".pes": PesReader, ".pec": PecReader}


def read(path):
    reader = READERS.get(os.path.splitext(path)[1].lower())
    if reader is None:
        sys.exit("read_pattern.py: %s: not a .dst, .pes or .pec file" % path)
    pattern = EmbPattern.read_embroidery(reader, path)
    stitches = []
    for x, y, cmd in pattern.stitches:
        c = cmd & COMMAND_MASK
        stitches.append([x, y, NAMES.get(c, "COMMAND_%d" % c)])
    threads = ["#%06x" % (t.color & 0xFFFFFF) for t in pattern.threadlist]
    return {"stitches": stitches, "threads": threads}


def main():
    json.dump({path: read(path) for path in sys.argv[1:]}, sys.stdout)


main()
