"""The non-text objects of a PDF page: straight ruling edges (for ruled tables) and image placements (figures,
scans), read through pdfium's page-object API without rendering anything."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from pagemill.processors.document import Box
from pagemill.processors.parse.pdf_words import PageFrame

_MAX_SEGMENTS = 20_000
"""A page drawn with more path segments than this is artwork, not a table: its edges are not collected."""
_STRAIGHT = 1.0
_MIN_EDGE = 3.0

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_TEXT = pdfium_raw.FPDF_PAGEOBJ_TEXT


@dataclass(slots=True)
class PageObjects:
    horizontal: list[tuple[float, float, float]] = field(default_factory=list)
    """(y, x0, x1) of each horizontal ruling segment."""
    vertical: list[tuple[float, float, float]] = field(default_factory=list)
    """(x, top, bottom) of each vertical ruling segment."""
    images: list[Box] = field(default_factory=list)
    image_handles: list[ctypes.c_void_p] = field(default_factory=list)
    """pdfium handles of the placed images, parallel to `images`; valid while the page is open."""
    segments: int = 0
    text_objects: int = 0


def read_objects(page: pdfium.PdfPage, frame: PageFrame) -> PageObjects:
    found = PageObjects()
    handle = page.raw
    count = pdfium_raw.FPDFPage_CountObjects(handle)
    get_object, get_type, text = pdfium_raw.FPDFPage_GetObject, pdfium_raw.FPDFPageObj_GetType, _TEXT
    for index in range(count):
        obj = get_object(handle, index)
        if get_type(obj) == text:  # most objects on text pages: counted, never visited
            found.text_objects += 1
        else:
            _visit(obj, _IDENTITY, frame, found, 0)
    if found.segments > _MAX_SEGMENTS:
        found.horizontal.clear()
        found.vertical.clear()
    return found


def _visit(obj: ctypes.c_void_p, parent: Matrix, frame: PageFrame, found: PageObjects, depth: int) -> None:
    kind = pdfium_raw.FPDFPageObj_GetType(obj)
    if kind == pdfium_raw.FPDF_PAGEOBJ_TEXT:
        found.text_objects += 1
    elif kind == pdfium_raw.FPDF_PAGEOBJ_IMAGE:
        found.images.append(_bounds(obj, frame))
        found.image_handles.append(obj)
    elif kind == pdfium_raw.FPDF_PAGEOBJ_PATH:
        if found.segments <= _MAX_SEGMENTS:
            _collect_edges(obj, _compose(_matrix(obj), parent), frame, found)
    elif kind == pdfium_raw.FPDF_PAGEOBJ_FORM and depth < 4:
        matrix = _compose(_matrix(obj), parent)
        for index in range(pdfium_raw.FPDFFormObj_CountObjects(obj)):
            _visit(pdfium_raw.FPDFFormObj_GetObject(obj, index), matrix, frame, found, depth + 1)


def _bounds(obj: ctypes.c_void_p, frame: PageFrame) -> Box:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    pdfium_raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
    return frame.box(left.value, bottom.value, right.value, top.value)


def _matrix(obj: ctypes.c_void_p) -> Matrix:
    matrix = pdfium_raw.FS_MATRIX()
    if not pdfium_raw.FPDFPageObj_GetMatrix(obj, matrix):
        return _IDENTITY
    return (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    a, b, c, d, e, f = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _collect_edges(obj: ctypes.c_void_p, matrix: Matrix, frame: PageFrame, found: PageObjects) -> None:
    count = pdfium_raw.FPDFPath_CountSegments(obj)
    found.segments += count
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    start: tuple[float, float] | None = None
    previous: tuple[float, float] | None = None
    for index in range(count):
        segment = pdfium_raw.FPDFPath_GetPathSegment(obj, index)
        pdfium_raw.FPDFPathSegment_GetPoint(segment, x, y)
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = pdfium_raw.FPDFPathSegment_GetType(segment)
        if kind == pdfium_raw.FPDF_SEGMENT_LINETO and previous is not None:
            _add_edge(previous, point, frame, found)
        elif kind != pdfium_raw.FPDF_SEGMENT_LINETO:
            start = point if kind == pdfium_raw.FPDF_SEGMENT_MOVETO else start
        if pdfium_raw.FPDFPathSegment_GetClose(segment) and start is not None:
            _add_edge(point, start, frame, found)
        previous = point


def _add_edge(p: tuple[float, float], q: tuple[float, float], frame: PageFrame, found: PageObjects) -> None:
    box = frame.box(p[0], p[1], q[0], q[1])
    if box.height <= _STRAIGHT and box.width >= _MIN_EDGE:
        found.horizontal.append((box.center_y, box.left, box.right))
    elif box.width <= _STRAIGHT and box.height >= _MIN_EDGE:
        found.vertical.append(((box.left + box.right) / 2, box.top, box.bottom))
