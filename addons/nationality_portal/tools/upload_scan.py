# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Checks of the files citizens upload to their dossier, in plain Python.

The online service accepts PDF, JPEG and PNG files only, judged by their
content. Beyond the type, a file is refused when it carries *active content*
that could act on the computer of the officer who opens it:

- PDF: JavaScript, actions that launch programs, open other files or send
  data, embedded files and file-attachment annotations, multimedia (RichMedia)
  and XFA forms, encryption (which would hide all of this), and another file
  or web page appended after the end. PDF names are compared after decoding
  their ``#xx`` escapes (``/J#61vaScript`` is ``/JavaScript``), and the
  compressed object streams where objects may hide are decompressed, within a
  bound that defeats decompression bombs, and checked the same way.
- Images: the file must decode completely, stay under Pillow's pixel limit
  (decompression bombs), and carry no web page code or script in its metadata,
  nor HTML, a PDF or a ZIP archive after the end of the image (polyglots).

:func:`scan_upload` returns the type of the file and, when it is refused, a
reason code that the model turns into a translated message.
"""

import base64
import binascii
import io
import re
import warnings
import zlib

from PIL import Image

PDF = ("application/pdf", ".pdf")
JPEG = ("image/jpeg", ".jpg")
PNG = ("image/png", ".png")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Decompressed bytes of a PDF's object streams checked at most; a file that
# inflates beyond this is refused as a possible decompression bomb.
MAX_INFLATED = 32 * 1024 * 1024
# Text chunks of a PNG image are decompressed up to this size for the check.
MAX_IMAGE_TEXT = 1024 * 1024
# Nesting of PDF dictionaries and arrays accepted (real files stay far below).
MAX_PDF_NESTING = 256
# Fallback when Pillow's own limit was switched off (Image.MAX_IMAGE_PIXELS = None).
DEFAULT_MAX_PIXELS = 89_478_485

# PDF names that make a file active, with the reason code of the refusal.
PDF_FORBIDDEN_NAMES = {
    b"JavaScript": "javascript",
    b"JS": "javascript",
    b"Launch": "action",
    b"GoToR": "action",
    b"GoToE": "action",
    b"ImportData": "action",
    b"SubmitForm": "action",
    b"EmbeddedFile": "embedded",
    b"EmbeddedFiles": "embedded",
    b"FileAttachment": "embedded",
    b"RichMedia": "richmedia",
    b"XFA": "xfa",
    b"Encrypt": "encrypted",
}
# Order in which the reasons are reported when a file has several.
REASON_ORDER = ("javascript", "action", "embedded", "richmedia", "xfa", "encrypted")

_PDF_WHITESPACE = b"\x00\t\n\x0c\r "
_PDF_DELIMITERS = b"()<>[]{}/%"
_PDF_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_REGULAR = re.compile(rb"[^\x00\t\n\x0c\r ()<>\[\]{}/%]+")
_PDF_NUMBER = re.compile(rb"[+-]?\d+")
_PDF_ENDSTREAM = b"endstream"

# Web page code or script in an image's metadata or after its end.
_MARKUP = re.compile(
    rb"<\s*(?:script|html|body|iframe|svg|object|embed|\?php|!doctype\s+html)"
    rb"|javascript\s*:|\bon(?:error|load)\s*=",
    re.IGNORECASE,
)
# Another file after the end of an image (or of a PDF).
_APPENDED_FILE = re.compile(rb"%PDF-|PK\x03\x04|PK\x05\x06")


class _Name(bytes):
    """A PDF name, decoded."""


class _Ref:
    """An indirect reference (``12 0 R``)."""


class _Refused(Exception):
    def __init__(self, reason, **details):
        super().__init__(reason)
        self.reason = reason
        self.details = details


def scan_upload(content):
    """Judge an uploaded file by its content.

    Returns ``(mimetype, extension, reason, details)``: ``reason`` is None for
    an accepted file; otherwise ``"type"`` when the file is not a PDF, JPEG or
    PNG file, or the code of what makes it refused (see the module's doc)."""
    if content.startswith(b"%PDF-"):
        kind = PDF
    elif content.startswith(b"\xff\xd8\xff"):
        kind = JPEG
    elif content.startswith(PNG_SIGNATURE):
        kind = PNG
    else:
        return False, False, "type", {}
    try:
        if kind == PDF:
            _scan_pdf(content)
        else:
            _scan_image(content, kind)
    except _Refused as refusal:
        if refusal.reason == "type":
            return False, False, "type", {}
        return (*kind, refusal.reason, refusal.details)
    return (*kind, None, {})


# ----------------------------------------------------------------------
# PDF
# ----------------------------------------------------------------------
def _scan_pdf(data):
    found = set()
    budget = [MAX_INFLATED]
    _scan_pdf_syntax(data, 0, len(data), found, budget, top_level=True)
    for reason in REASON_ORDER:
        if reason in found:
            raise _Refused(reason)
    end = data.rfind(b"%%EOF")
    trailer = data[end + 5 :] if end != -1 else b""
    if _APPENDED_FILE.search(trailer) or _MARKUP.search(trailer):
        raise _Refused("polyglot")


def _decode_name(raw):
    return _Name(_PDF_HEX_ESCAPE.sub(lambda match: bytes([int(match[1], 16)]), raw))


def _skip_string(data, pos, end):
    """Position after the literal string opening at ``pos`` (balanced
    parentheses, backslash escapes), or ``end`` when it never closes."""
    depth = 0
    i = pos
    while i < end:
        char = data[i]
        if char == 0x5C:  # backslash: the next character is escaped
            i += 2
            continue
        if char == 0x28:
            depth += 1
        elif char == 0x29:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return end


def _scan_pdf_syntax(data, pos, end, found, budget, top_level):
    """Tokenize PDF syntax in ``data[pos:end]`` like a reader does (strings,
    comments and stream bodies are not syntax), record the reasons of the
    forbidden names met in ``found``, and check the object streams."""
    stack = []  # containers being built: ("dict" | "array", items)
    pending_dict = None  # a dictionary just closed, that a stream may follow
    i = pos
    while i < end:
        char = data[i]
        if char in _PDF_WHITESPACE:
            i += 1
            continue
        if char == 0x25:  # % comment, up to the end of the line
            while i < end and data[i] not in b"\r\n":
                i += 1
            continue
        value = None
        closed_dict = None
        if char == 0x28:  # ( literal string
            i = _skip_string(data, i, end)
            value = b""
        elif char == 0x3C:  # < hex string, or << dictionary
            if data[i + 1 : i + 2] == b"<":
                if len(stack) >= MAX_PDF_NESTING:
                    raise _Refused("unreadable")
                stack.append(("dict", []))
                i += 2
                pending_dict = None
                continue
            close = data.find(b">", i, end)
            i = end if close == -1 else close + 1
            value = b""
        elif char == 0x3E:  # >> end of dictionary (a lone > is stray)
            if data[i + 1 : i + 2] != b">":
                i += 1
                continue
            i += 2
            if not stack or stack[-1][0] != "dict":
                pending_dict = None
                continue
            value = closed_dict = _to_dict(stack.pop()[1])
        elif char == 0x5B:  # [
            if len(stack) >= MAX_PDF_NESTING:
                raise _Refused("unreadable")
            stack.append(("array", []))
            i += 1
            pending_dict = None
            continue
        elif char == 0x5D:  # ]
            i += 1
            if not stack or stack[-1][0] != "array":
                pending_dict = None
                continue
            value = stack.pop()[1]
        elif char == 0x2F:  # /Name
            match = _PDF_REGULAR.match(data, i + 1, end)
            raw = match.group() if match else b""
            i += 1 + len(raw)
            value = _decode_name(raw)
            reason = PDF_FORBIDDEN_NAMES.get(bytes(value))
            if reason:
                found.add(reason)
        elif char in b"{}":
            i += 1
            pending_dict = None
            continue
        else:
            match = _PDF_REGULAR.match(data, i, end)
            token = match.group() if match else data[i : i + 1]
            i += max(len(token), 1)
            if token == b"stream" and pending_dict is not None and top_level:
                i = _scan_pdf_stream(data, i, end, pending_dict, found, budget)
                pending_dict = None
                continue
            if _PDF_NUMBER.fullmatch(token):
                value = int(token)
            elif token == b"R" and stack and len(stack[-1][1]) >= 2:
                items = stack[-1][1]
                if isinstance(items[-1], int) and isinstance(items[-2], int):
                    del items[-2:]
                    value = _Ref()
                else:
                    value = token
            else:
                value = token
        if stack:
            stack[-1][1].append(value)
            pending_dict = None
        else:
            pending_dict = closed_dict
    return found


def _to_dict(items):
    result = {}
    for index in range(0, len(items) - 1, 2):
        if isinstance(items[index], _Name):
            result[bytes(items[index])] = items[index + 1]
    return result


def _names(value):
    """The names of a /Filter-like value (a name or an array of names)."""
    if isinstance(value, _Name):
        return [bytes(value)]
    if isinstance(value, list):
        return [bytes(item) for item in value if isinstance(item, _Name)]
    return []


def _scan_pdf_stream(data, pos, end, info, found, budget):
    """Handle the stream whose keyword ends at ``pos``; return the position
    after its ``endstream``. Object streams are decoded and scanned."""
    if data[pos : pos + 2] == b"\r\n":
        pos += 2
    elif data[pos : pos + 1] in (b"\n", b"\r"):
        pos += 1
    # The body ends where /Length says when "endstream" is found there, as a
    # reader does; otherwise at the first "endstream".
    body_end = -1
    length = info.get(b"Length")
    if isinstance(length, int) and 0 <= length <= end - pos:
        after = pos + length
        while after < end and data[after] in _PDF_WHITESPACE:
            after += 1
        if data.startswith(_PDF_ENDSTREAM, after):
            body_end = pos + length
            next_pos = after + len(_PDF_ENDSTREAM)
    if body_end == -1:
        found_end = data.find(_PDF_ENDSTREAM, pos, end)
        body_end = end if found_end == -1 else found_end
        next_pos = end if found_end == -1 else found_end + len(_PDF_ENDSTREAM)
    filters = _names(info.get(b"Filter"))
    stream_type = info.get(b"Type")
    if (isinstance(stream_type, _Name) and bytes(stream_type) == b"ObjStm") or (
        b"N" in info and b"First" in info
    ):
        # Objects may hide in object streams: decode them and read them as syntax.
        decoded = _decode_stream(data[pos:body_end], filters, info, budget)
        _scan_pdf_syntax(decoded, 0, len(decoded), found, budget, top_level=False)
    elif not filters and not (
        isinstance(info.get(b"Subtype"), _Name) and bytes(info[b"Subtype"]) == b"Image"
    ):
        # Uncompressed page content and the like: read as syntax too, since a
        # reader rebuilding a damaged file may look for objects there. Image
        # data and compressed streams other than object streams are never
        # parsed as objects.
        _scan_pdf_syntax(data, pos, body_end, found, budget, top_level=False)
    return next_pos


def _decode_stream(body, filters, info, budget):
    """Apply the stream's filters; refuse unknown ones, predictors, and
    output beyond the remaining budget."""
    params = info.get(b"DecodeParms")
    for param in params if isinstance(params, list) else [params]:
        if isinstance(param, dict):
            predictor = param.get(b"Predictor")
            if isinstance(predictor, int) and predictor > 1:
                raise _Refused("unreadable")
    for name in filters:
        if name in (b"FlateDecode", b"Fl"):
            body = _inflate(body, budget)
        elif name in (b"ASCIIHexDecode", b"AHx"):
            hex_digits = re.sub(rb"[^0-9A-Fa-f]", b"", body.split(b">", 1)[0])
            if len(hex_digits) % 2:
                hex_digits += b"0"
            body = binascii.unhexlify(hex_digits)
        elif name in (b"ASCII85Decode", b"A85"):
            text = re.sub(rb"\s", b"", body)
            text = text.removeprefix(b"<~").split(b"~>", 1)[0]
            try:
                body = base64.a85decode(text)
            except ValueError as error:
                raise _Refused("unreadable") from error
        else:
            raise _Refused("unreadable")
        if len(body) > budget[0]:
            raise _Refused("bomb")
    return body


def _inflate(body, budget):
    inflater = zlib.decompressobj()
    try:
        output = inflater.decompress(body, budget[0] + 1)
    except zlib.error as error:
        raise _Refused("unreadable") from error
    if len(output) > budget[0] or inflater.unconsumed_tail:
        raise _Refused("bomb")
    budget[0] -= len(output)
    return output


# ----------------------------------------------------------------------
# Images
# ----------------------------------------------------------------------
def _scan_image(data, kind):
    limit = Image.MAX_IMAGE_PIXELS or DEFAULT_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            Image.open(io.BytesIO(data)).close()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _Refused("image_too_large", limit=limit) from error
    except Exception as error:  # Pillow does not recognise it: not an image at all
        raise _Refused("type") from error
    parts = _jpeg_parts(data) if kind == JPEG else _png_parts(data)
    if parts is None:
        raise _Refused("image_damaged")
    metadata, image_end = parts
    for chunk in metadata:
        if _MARKUP.search(chunk):
            raise _Refused("image_script")
    trailer = data[image_end:]
    if _MARKUP.search(trailer) or _APPENDED_FILE.search(trailer):
        raise _Refused("polyglot")
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its limit and twice its limit: refuse both.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > limit:
                    raise _Refused("image_too_large", limit=limit)
                image.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _Refused("image_too_large", limit=limit) from error
    except _Refused:
        raise
    except Exception as error:  # any decoding error: the image is not whole
        raise _Refused("image_damaged") from error


def _jpeg_parts(data):
    """``(segments, end of image)`` of a JPEG file: the payload of every marker
    segment (metadata, tables) and the offset after the EOI marker; None when
    the structure is broken."""
    size = len(data)
    segments = []
    i = 2
    while i < size:
        if data[i] != 0xFF:
            return None
        while i < size and data[i] == 0xFF:
            i += 1
        if i >= size:
            return None
        marker = data[i]
        i += 1
        if marker == 0xD9:  # end of image
            return segments, i
        if 0xD0 <= marker <= 0xD7 or marker in (0x01, 0xD8):
            continue
        if i + 2 > size:
            return None
        length = int.from_bytes(data[i : i + 2], "big")
        if length < 2 or i + length > size:
            return None
        segments.append(data[i + 2 : i + length])
        i += length
        if marker == 0xDA:
            # Entropy-coded data up to the next marker (FF00 is a stuffed FF,
            # FFD0-FFD7 are restart markers inside the data).
            while True:
                j = data.find(b"\xff", i)
                if j == -1 or j + 1 >= size:
                    return None
                following = data[j + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7:
                    i = j + 2
                    continue
                i = j
                break
    return None


def _png_parts(data):
    """``(chunks, end of image)`` of a PNG file: the data of every chunk but
    the pixel data (text chunks decompressed) and the offset after IEND; None
    when the structure is broken."""
    size = len(data)
    chunks = []
    i = len(PNG_SIGNATURE)
    while i + 12 <= size:
        length = int.from_bytes(data[i : i + 4], "big")
        chunk_type = data[i + 4 : i + 8]
        if i + 12 + length > size:
            return None
        payload = data[i + 8 : i + 8 + length]
        i += 12 + length
        if chunk_type == b"IEND":
            return chunks, i
        if chunk_type in (b"IDAT", b"fdAT"):
            continue
        chunks.append(payload)
        text = _png_compressed_text(chunk_type, payload)
        if text:
            chunks.append(text)
    return None


def _png_compressed_text(chunk_type, payload):
    """The decompressed text of a zTXt chunk or a compressed iTXt chunk."""
    keyword_end = payload.find(b"\x00")
    if keyword_end == -1:
        return b""
    if chunk_type == b"zTXt":
        compressed = payload[keyword_end + 2 :]
    elif chunk_type == b"iTXt" and payload[keyword_end + 1 : keyword_end + 2] == b"\x01":
        rest = payload[keyword_end + 3 :]
        # language tag and translated keyword, each ended by a NUL
        for _field in range(2):
            nul = rest.find(b"\x00")
            if nul == -1:
                return b""
            rest = rest[nul + 1 :]
        compressed = rest
    else:
        return b""
    inflater = zlib.decompressobj()
    try:
        text = inflater.decompress(compressed, MAX_IMAGE_TEXT)
    except zlib.error as error:
        raise _Refused("image_damaged") from error
    if inflater.unconsumed_tail:
        raise _Refused("bomb")
    return text
