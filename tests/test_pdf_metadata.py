"""What a PDF says about itself carries no character that reorders or forges what viewers show."""

from __future__ import annotations

import io

import pypdf

from ropa.pdf import PdfMeta, html_to_pdf

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
HTML = "<!doctype html><html lang='en'><head><title>t</title></head><body><p>x</p></body></html>"


def test_no_bidi_control_reaches_the_metadata() -> None:
    name = "Evil Shop" + "".join(f"{control}x" for control in BIDI_CONTROLS) + "\u202efdp.exe"
    shown = "Evil Shop" + "x" * len(BIDI_CONTROLS) + "fdp.exe"
    meta = PdfMeta(
        title=f"Record of processing activities: {name}",
        author=name,
        subject=f"About {name}\nforged line",
        date="2026-01-15",
        keywords=(name,),
    )
    reader = pypdf.PdfReader(io.BytesIO(html_to_pdf(HTML, meta=meta)))
    info = reader.metadata
    assert info is not None
    fields = [str(info[key]) for key in ("/Title", "/Author", "/Subject", "/Keywords")]
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    for text in (*fields, xmp):
        assert not set(text) & set(BIDI_CONTROLS), ascii(text)
    assert fields[0] == f"Record of processing activities: {shown}"
    assert fields[1] == fields[3] == shown
    assert fields[2] == f"About {shown} forged line"  # one line, as the field is
