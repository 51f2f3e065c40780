# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Checks of the files of a dossier, in plain Python.

A dossier's papers are PDF, JPEG or PNG files, judged by their content,
whether the applicant uploads them online or an officer scans them at the
counter. Beyond the type, a file is refused when it carries *active content*
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
- Any file: no archive or program hidden anywhere inside it (ZIP, RAR, 7-Zip,
  CAB or OLE signatures, Windows or Linux executables), wherever it sits: in a
  JPEG comment, a PNG chunk or a PDF stream (polyglots that an archive tool
  opens as a ZIP while a viewer shows a picture).

A PDF is read three ways, because a file that two programs read differently
can hide from the one that checks it (a *parser differential*):

1. linearly, as a tokenizer that knows strings, comments and streams;
2. as a reader does, with PyPDF2: through the cross-reference table and the
   trailer (repaired as readers repair it), every object and every object
   stream it leads to, with every decompression bounded;
3. as raw bytes, where the forbidden names are looked for whatever the
   strings around them (a refusal of a rare innocent file is accepted).

A file that claims to be a PDF but has no readable structure (no object, no
``%%EOF``, no catalog), a string that never ends, or objects that the reader
finds where the linear reading saw none, cannot be checked and is refused.

:func:`scan_upload` returns the type of the file and, when it is refused, a
reason code that the model turns into a translated message.
"""

import base64
import binascii
import contextlib
import contextvars
import io
import re
import warnings
import zlib

import PyPDF2
import PyPDF2.errors
import PyPDF2.filters
from PIL import Image
from PyPDF2.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject

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
REASON_ORDER = (
    "javascript",
    "action",
    "embedded",
    "richmedia",
    "xfa",
    "encrypted",
    "polyglot",
    "archive",
    "malformed",
)
# Objects of a PDF read through its cross-reference table at most (a scan of
# many pages has a few hundred); a file with more cannot be checked in time.
MAX_PDF_OBJECTS = 50_000
# Filters a reader may have to apply to an object or cross-reference stream.
_PDF_STREAM_FILTERS = {
    b"FlateDecode",
    b"Fl",
    b"ASCIIHexDecode",
    b"AHx",
    b"ASCII85Decode",
    b"A85",
}

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
# An archive or a program anywhere in the file. The ZIP records are checked
# further (see _is_zip_record) so that the four bytes met by chance in image
# data are not taken for one; the other signatures are long enough.
_EMBEDDED_FILE = re.compile(
    rb"PK\x03\x04|PK\x01\x02|PK\x05\x06"
    rb"|Rar!\x1a\x07|7z\xbc\xaf\x27\x1c|MSCF\x00\x00\x00\x00"
    rb"|\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file (Office, MSI)
    rb"|\x7fELF[\x01\x02][\x01\x02]\x01"  # Linux program
    rb"|This program cannot be run in DOS mode|This program must be run under Win32"
    rb"|PE\x00\x00(?:\x4c\x01|\x64\x86|\x64\xaa)"  # Windows program header
)
# Compression methods of ZIP entries (APPNOTE 4.4.5).
_ZIP_METHODS = frozenset(
    {0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 14, 16, 18, 19, 93, 94, 95, 96, 97, 98, 99}
)


def _name_pattern(name):
    """A regular expression matching the PDF name ``name`` written with any of
    its characters as a ``#xx`` escape."""
    parts = []
    for byte in name:
        digits = b"%02x" % byte
        hex_digits = b"".join(
            b"[%s%s]" % (bytes([d]), bytes([d]).upper()) if bytes([d]).isalpha() else bytes([d])
            for d in digits
        )
        parts.append(b"(?:" + re.escape(bytes([byte])) + b"|#" + hex_digits + b")")
    return b"".join(parts)


# The forbidden names in raw bytes, whatever the syntax around them. /JS is
# left to the parsed readings: three bytes met by chance in image data would
# refuse good scans, and a /JS entry acts only with /S/JavaScript or in a
# /JavaScript name tree, which are looked for here.
_RAW_FORBIDDEN_NAME = re.compile(
    rb"/("
    + b"|".join(
        _name_pattern(name)
        for name in sorted(PDF_FORBIDDEN_NAMES, key=len, reverse=True)
        if name != b"JS"
    )
    + rb")(?=[\x00\t\n\x0c\r ()<>\[\]{}/%]|\Z)"
)


# Checksums (SHA-1, as ir.attachment computes them) of the files this very
# request already scanned and accepted: linking them to a checklist line does
# not scan them a second time. A context variable, not an Odoo context key,
# so that no RPC caller can claim a file was checked.
_ACCEPTED_CHECKSUMS = contextvars.ContextVar("nationality_accepted_checksums", default=frozenset())


@contextlib.contextmanager
def scanned_files(checksums):
    """Within the block, the files with these checksums count as scanned."""
    token = _ACCEPTED_CHECKSUMS.set(_ACCEPTED_CHECKSUMS.get() | frozenset(checksums))
    try:
        yield
    finally:
        _ACCEPTED_CHECKSUMS.reset(token)


def already_scanned(checksum):
    return bool(checksum) and checksum in _ACCEPTED_CHECKSUMS.get()


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
class _PdfLayout:
    """What the linear reading saw at the top level of a PDF file."""

    def __init__(self):
        self.object_starts = set()  # offsets of the "N G obj" headers
        self.unterminated = False  # a string that never ends


def _scan_pdf(data):
    found = set()
    layout = _PdfLayout()
    _scan_pdf_syntax(data, 0, len(data), found, [MAX_INFLATED], top_level=True, layout=layout)
    for match in _RAW_FORBIDDEN_NAME.finditer(data):
        found.add(PDF_FORBIDDEN_NAMES[bytes(_decode_name(match[1]))])
    end = data.rfind(b"%%EOF")
    trailer = data[end + 5 :] if end != -1 else b""
    if _APPENDED_FILE.search(trailer) or _MARKUP.search(trailer):
        found.add("polyglot")
    if _has_embedded_file(data):
        found.add("archive")
    if end == -1 or layout.unterminated or not layout.object_starts:
        # No structure a reader could rely on ("%PDF-1.4 <html>..."), or
        # a string that swallows the rest of the file.
        found.add("malformed")
    _scan_pdf_as_reader(data, found, layout)
    for reason in REASON_ORDER:
        if reason in found:
            raise _Refused(reason)


def _decode_name(raw):
    return _Name(_PDF_HEX_ESCAPE.sub(lambda match: bytes([int(match[1], 16)]), raw))


def _string_end(data, pos, end):
    """Position after the literal string opening at ``pos`` (balanced
    parentheses, backslash escapes), or -1 when it never closes."""
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
    return -1


def _scan_pdf_syntax(data, pos, end, found, budget, top_level, layout=None):
    """Tokenize PDF syntax in ``data[pos:end]`` like a reader does (strings,
    comments and stream bodies are not syntax), record the reasons of the
    forbidden names met in ``found``, and check the object streams. At the
    top level, ``layout`` records where objects start and whether a string
    never ends."""
    stack = []  # containers being built: ("dict" | "array", items)
    pending_dict = None  # a dictionary just closed, that a stream may follow
    recent = []  # the last two top-level values with their offsets ("N G obj")
    i = pos
    while i < end:
        start = i
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
            i = _string_end(data, i, end)
            if i == -1:
                i = end
                if layout is not None:
                    layout.unterminated = True
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
            if close == -1 and layout is not None:
                layout.unterminated = True
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
            if (
                token == b"obj"
                and layout is not None
                and not stack
                and len(recent) == 2
                and all(isinstance(item, int) for item, _offset in recent)
            ):
                layout.object_starts.add(recent[0][1])
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
            if layout is not None:
                recent = [*recent[-1:], (value, start)]
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
    return _apply_filters(body, filters, budget)


def _apply_filters(body, filters, budget):
    """``body`` decoded by ``filters`` (Flate, ASCIIHex, ASCII85), within the
    remaining ``budget``; any other filter cannot be checked."""
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
# PDF as a reader reads it
# ----------------------------------------------------------------------
# The decompression budget of the scan running in this thread or task; None
# outside a scan, where PyPDF2 works as usual for everybody else.
_READER_STATE = contextvars.ContextVar("nationality_portal_pdf_scan", default=None)
_pypdf_decode_stream_data = PyPDF2.filters.decode_stream_data


def _bounded_decode_stream_data(stream):
    """PyPDF2's stream decoding, bounded while a scan runs: a reader decodes
    the cross-reference and object streams by itself, and a decompression bomb
    there must not exhaust the server. The filters are first applied here
    within the scan's budget (predictors aside, they do not change the size
    much); only then does PyPDF2 decode the stream its own way."""
    state = _READER_STATE.get()
    if state is not None:
        filters = stream.get("/Filter", ())
        if isinstance(filters, IndirectObject):
            filters = filters.get_object()
        names = [filters] if isinstance(filters, NameObject) else list(filters or ())
        try:
            raw_names = [_pdf_name_bytes(name) for name in names]
            if any(name not in _PDF_STREAM_FILTERS for name in raw_names):
                raise _Refused("unreadable")
            _apply_filters(stream._data or b"", raw_names, state["budget"])
        except _Refused as refusal:
            # PyPDF2 may swallow an error to repair a file: remember it.
            state["refused"] = state["refused"] or refusal.reason
            raise
    return _pypdf_decode_stream_data(stream)


def _install_reader_guard():
    """Route PyPDF2's stream decoding through the bounded one (a stream's
    get_data() imports decode_stream_data from PyPDF2.filters at each call)."""
    if PyPDF2.filters.decode_stream_data is not _bounded_decode_stream_data:
        PyPDF2.filters.decode_stream_data = _bounded_decode_stream_data


_install_reader_guard()


def _pdf_name_bytes(name):
    """A PyPDF2 name (``/JavaScript``) as the bytes of the name (``JavaScript``)."""
    return str(name)[1:].encode("utf-8", "surrogateescape")


def _scan_pdf_as_reader(data, found, layout):
    """Read the file as a PDF reader does (PyPDF2, repairing like readers
    repair), check every object the cross-reference table leads to, and
    compare where the objects are with what the linear reading saw."""
    _install_reader_guard()
    state = {"budget": [MAX_INFLATED], "refused": None}
    token = _READER_STATE.set(state)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                reader = PyPDF2.PdfReader(io.BytesIO(data), strict=False)
            except PyPDF2.errors.PdfReadError as error:
                if "startxref" not in str(error):
                    raise
                # Readers rebuild the cross-reference of a file that has no
                # startxref by looking for its objects; PyPDF2 rebuilds only
                # when a startxref points to no table, so the copy it reads
                # gets one (appended: no object moves).
                reader = PyPDF2.PdfReader(
                    io.BytesIO(data + b"\nstartxref\n1\n%%EOF\n"), strict=False
                )
            if reader.is_encrypted:
                found.add("encrypted")
                return
            _check_pdf_object(reader.trailer, found)
            root = reader.trailer.get("/Root")
            root = root.get_object() if isinstance(root, IndirectObject) else root
            if not isinstance(root, DictionaryObject):
                found.add("malformed")
            free = reader.xref_free_entry
            entries = [
                (number, generation)
                for generation, numbers in reader.xref.items()
                for number in numbers
                if not free.get(generation, {}).get(number)
            ]
            entries += [(number, 0) for number in reader.xref_objStm]
            if len(entries) > MAX_PDF_OBJECTS:
                found.add("malformed")
                return
            for number, generation in entries:
                try:
                    obj = reader.get_object(IndirectObject(number, generation, reader))
                    _check_pdf_object(obj, found)
                except _Refused:
                    raise
                except Exception:  # pylint: disable=broad-except
                    # A damaged object: the others are still checked.
                    found.add("malformed")
            # Each object the reader took from the file must be one the
            # linear reading saw, not text inside a string or a stream.
            for generation, offsets in reader.xref.items():
                for number, offset in offsets.items():
                    if free.get(generation, {}).get(number):
                        continue
                    if _skip_pdf_whitespace(data, offset) not in layout.object_starts:
                        found.add("malformed")
    except _Refused:
        raise
    except Exception:  # pylint: disable=broad-except
        # Any failure to read the file as a reader would: it cannot be checked.
        found.add("malformed")
    finally:
        _READER_STATE.reset(token)
    if state["refused"]:
        raise _Refused(state["refused"])


def _skip_pdf_whitespace(data, offset):
    if not isinstance(offset, int) or offset < 0:
        return -1
    while offset < len(data) and data[offset] in _PDF_WHITESPACE:
        offset += 1
    return offset


def _check_pdf_object(obj, found):
    """Record the forbidden names in ``obj`` (keys and values, nested); the
    content of object streams is read as PDF syntax too."""
    stack = [(obj, 0)]
    seen = set()
    while stack:
        item, depth = stack.pop()
        if depth > MAX_PDF_NESTING:
            found.add("malformed")
            continue
        if isinstance(item, NameObject):
            reason = PDF_FORBIDDEN_NAMES.get(_pdf_name_bytes(item))
            if reason:
                found.add(reason)
        elif isinstance(item, DictionaryObject):
            if id(item) in seen:
                continue
            seen.add(id(item))
            for key, value in item.items():
                stack.append((NameObject(key) if isinstance(key, str) else key, depth + 1))
                stack.append((value, depth + 1))
            if isinstance(item, StreamObject) and item.get("/Type") == "/ObjStm":
                decoded = item.get_data()
                if isinstance(decoded, str):
                    decoded = decoded.encode("latin-1")
                _scan_pdf_syntax(decoded, 0, len(decoded), found, [MAX_INFLATED], top_level=False)
        elif isinstance(item, ArrayObject):
            if id(item) in seen:
                continue
            seen.add(id(item))
            stack.extend((value, depth + 1) for value in item)


# ----------------------------------------------------------------------
# Archives and programs inside any file
# ----------------------------------------------------------------------
def _has_embedded_file(data):
    """True when an archive or a program is hidden somewhere in ``data``."""
    for match in _EMBEDDED_FILE.finditer(data):
        if not match.group().startswith(b"PK") or _is_zip_record(data, match.start()):
            return True
    return False


def _is_zip_record(data, pos):
    """True when the ZIP signature at ``pos`` starts a plausible record: the
    version needed to extract, the compression method and the disk numbers
    of real archives, not bytes of image data met by chance."""
    kind = data[pos + 2 : pos + 4]
    if kind == b"\x03\x04":  # local file header
        header = data[pos + 4 : pos + 10]
        if len(header) < 6:
            return False
        version, method = header[0] | header[1] << 8, header[4] | header[5] << 8
        return version <= 63 and method in _ZIP_METHODS
    if kind == b"\x01\x02":  # central directory entry
        header = data[pos + 4 : pos + 12]
        if len(header) < 8:
            return False
        needed, method = header[2] | header[3] << 8, header[6] | header[7] << 8
        return header[0] <= 63 and needed <= 63 and method in _ZIP_METHODS
    header = data[pos + 4 : pos + 12]  # end of central directory
    if len(header) < 8:
        return False
    disk, start_disk = header[0] | header[1] << 8, header[2] | header[3] << 8
    here, total = header[4] | header[5] << 8, header[6] | header[7] << 8
    return disk == start_disk == 0 and here <= total


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
    if _has_embedded_file(data):
        raise _Refused("archive")
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
