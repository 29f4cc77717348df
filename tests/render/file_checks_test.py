#!/usr/bin/env python3
"""The checks of file_checks.cmake accept a well-formed PNG and PDF and reject broken ones: each
broken file below differs from a good one in one respect only, and must make the check fail.

Usage: file_checks_test.py CMAKE FILE_CHECKS_CMAKE WORK_DIR
"""
import os
import random
import struct
import subprocess
import sys
import zlib


def chunk(kind, data):
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def png(width, height, signature=b"\x89PNG\r\n\x1a\n"):
    """A width × height image, 8-bit greyscale, of noise (the same every run) so that 120 × 90
    pixels compress to more than a kilobyte."""
    noise = random.Random(1)
    rows = b"".join(b"\x00" + noise.randbytes(width) for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (signature + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def pdf(header=b"%PDF-1.5\n", trailer=b"%%EOF\n"):
    body = header + b"1 0 obj << /Type /Catalog >> endobj\n" + b"% padding\n" * 120
    return body + b"xref\n0 1\ntrailer << /Root 1 0 R >>\nstartxref\n9\n" + trailer


def main():
    cmake, script, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    good_png = png(120, 90)
    good_pdf = pdf()
    cases = [
        # name, type, bytes, whether the check must pass
        ("good.png", "png", good_png, True),
        ("text.png", "png", b"not an image\n" * 200, False),
        ("signature.png", "png", png(120, 90, signature=b"\x89PNG\n\r\x1a\n"), False),
        ("truncated.png", "png", good_png[:-20], False),
        ("no-iend.png", "png", good_png[:-12], False),
        ("zero-width.png", "png", png(0, 90), False),
        ("huge.png", "png", good_png[:16] + struct.pack(">II", 40000, 90) + good_png[24:], False),
        ("tiny.png", "png", png(16, 16), False),  # well formed, but under the minimum size
        ("empty.png", "png", b"", False),
        ("good.pdf", "pdf", good_pdf, True),
        ("good-crlf.pdf", "pdf", pdf(trailer=b"%%EOF\r\n"), True),
        ("no-header.pdf", "pdf", pdf(header=b"%PS-Adobe-3.0\n"), False),
        ("truncated.pdf", "pdf", good_pdf[:-200], False),
        ("no-eof.pdf", "pdf", pdf(trailer=b"%%EO\n"), False),
        ("text-after-eof.pdf", "pdf", pdf(trailer=b"%%EOF\ngarbage\n"), False),
        ("empty.pdf", "pdf", b"", False),
        ("png-as-pdf.pdf", "pdf", good_png, False),
    ]
    if len(png(16, 16)) >= 1000 or len(good_png) < 1000 or len(good_pdf) < 1000:
        sys.exit("the fixtures do not have the sizes the cases assume")
    failures = []
    for name, kind, data, should_pass in cases:
        path = os.path.join(work, name)
        with open(path, "wb") as out:
            out.write(data)
        run = subprocess.run([cmake, f"-DFILE={path}", f"-DTYPE={kind}", "-DMIN_SIZE=1000",
                              "-P", script], capture_output=True, text=True,
                             errors="replace")
        passed = run.returncode == 0
        if passed != should_pass:
            failures.append(f"{name}: the check {'passed' if passed else 'failed'}, expected it to "
                            f"{'pass' if should_pass else 'fail'}\n{run.stdout}{run.stderr}")
        else:
            print(f"{name}: {'accepted' if passed else 'rejected'} as expected")
    if failures:
        sys.exit("\n".join(failures))


if __name__ == "__main__":
    main()
