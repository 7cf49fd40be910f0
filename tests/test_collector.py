"""The collector: every marker form of DESIGN §2 read statically, every mistake located."""

from __future__ import annotations

import pytest

from ropa.collector import collect_source
from ropa.model import FileScan


def collect(text: str, marker_modules: tuple[str, ...] = ()) -> FileScan:
    return collect_source("app/models.py", text.encode(), marker_modules=marker_modules)


def test_decorators_resolve_through_imports_and_aliases() -> None:
    scan = collect(
        "import ropa\n"
        "from ropa import processing as declare, processor\n"
        "from ropa.markers import personal_data\n"
        "from other import processing\n"
        '@ropa.processing("A", purpose="p")\n'
        "def a(): ...\n"
        '@declare("B", legal_basis="contract")\n'
        "def b(): ...\n"
        '@processing("Not ours")\n'
        "def c(): ...\n"
        '@personal_data(subjects=["customer"], fields={"email": "user.contact.email"})\n'
        "class Customer:\n"
        "    email = None\n"
        '@processor("stripe")\n'
        "def d(): ...\n"
    )
    assert [(a.name, a.location.line) for a in scan.activities] == [("A", 5), ("B", 7)]
    assert [(f.model, f.field, f.location.line) for f in scan.fields] == [
        ("app.models.Customer", "email", 13)
    ]
    assert [p.vendor for p in scan.processors] == ["stripe"]
    assert scan.diagnostics == ()


def test_marker_modules_from_config_are_recognised() -> None:
    text = 'from myapp.privacy import processing\n@processing("A")\ndef f(): ...\n'
    assert collect(text).activities == ()
    assert [a.name for a in collect(text, ("myapp.privacy",)).activities] == ["A"]


def test_comment_forms_attach_by_line() -> None:
    scan = collect(
        "class Customer(models.Model):"
        "  # ropa: personal_data(subjects=['customer'], retention='P3Y')\n"
        "    email = models.EmailField()  # ropa: user.contact.email\n"
        "    # ropa: user.contact.phone_number\n"
        "    phone = models.CharField()\n"
        "    # ropa: user.name, user.contact.address\n"
        "    billing = models.TextField()\n"
        "\n"
        "# ropa: processing('Fraud screening', purpose='Screen payments',\n"
        "#   legal_basis='legitimate_interests',\n"
        "#   legitimate_interest='Preventing ' 'fraud',\n"
        "#   data=['user.device.ip_address'], subjects=['customer'])\n"
        "def screen(payment): ...\n"
        "\n"
        "def ship(batch): ...  # ropa: processor('logzio', data=['user.device.ip_address'])\n"
    )
    fields = {
        (f.field, f.categories, f.subjects, f.retention, f.location.line) for f in scan.fields
    }
    assert fields == {
        ("email", ("user.contact.email",), ("customer",), "P3Y", 2),
        ("phone", ("user.contact.phone_number",), ("customer",), "P3Y", 4),
        ("billing", ("user.name", "user.contact.address"), ("customer",), "P3Y", 6),
    }
    (activity,) = scan.activities
    assert activity.legitimate_interest == "Preventing fraud"
    assert activity.location.line == 8
    (proc,) = scan.processors
    assert proc.vendor == "logzio" and proc.location.line == 14
    assert scan.diagnostics == ()


def test_processor_joins_the_processing_on_the_same_function() -> None:
    scan = collect(
        "from ropa import processing, processor\n"
        '@processor("sendgrid", data=["user.contact.email"])\n'
        '@processing("Order confirmation", purpose="p")\n'
        "def send(): ...\n"
        '@processor("sentry")\n'
        "def other(): ...\n"
    )
    joined = {p.vendor: p.joins for p in scan.processors}
    assert joined == {"sendgrid": ("Order confirmation",), "sentry": ()}


def test_module_level_comment_attaches_to_the_module() -> None:
    scan = collect("# ropa: processing('Hosting', processors=['aws'])\n\nimport os\n")
    assert [a.name for a in scan.activities] == ["Hosting"]


def test_malformed_markers_are_rop002_naming_the_argument() -> None:
    scan = collect(
        "from ropa import processing\n"
        "NAME = 'x'\n"
        "@processing(NAME)\n"
        "def a(): ...\n"
        "# ropa: processing('B', purpose=f'{NAME}')\n"
        "def b(): ...\n"
        "# ropa: processing('C', subjects='customer')\n"
        "def c(): ...\n"
        "# ropa: processing('D', team='me')\n"
        "def d(): ...\n"
        "# ropa: processing('E', data=[\n"
        "def e(): ...\n"
        "# ropa: processing('F', data=load())\n"
        "def f(): ...\n"
        "@processing\n"
        "def g(): ...\n"
        "# ropa: nonsense here\n"
    )
    got = sorted(
        (d.code, d.location.line if d.location else 0, d.message) for d in scan.diagnostics
    )
    assert [(c, n) for c, n, _ in got] == [
        ("ROPA002", 3),
        ("ROPA002", 5),
        ("ROPA002", 7),
        ("ROPA002", 9),
        ("ROPA002", 11),
        ("ROPA002", 13),
        ("ROPA002", 15),
        ("ROPA002", 17),
    ]
    messages = " ".join(m for _, _, m in got)
    for needle in ("variable 'NAME'", "f-string", "'subjects' must be a list", "'team'", "call"):
        assert needle in messages
    # Only the activity whose name is unreadable is dropped; the others keep what is readable.
    assert [a.name for a in scan.activities] == ["B", "C", "D", "F"]
    assert all(a.purpose is None and a.subjects == () for a in scan.activities)


def test_field_key_that_cannot_attach_is_rop003() -> None:
    scan = collect("# ropa: user.contact.email\ndef f(): ...\nprint(1)  # ropa: user.name\n")
    assert [(d.code, d.location.line) for d in scan.diagnostics if d.location] == [
        ("ROPA003", 1),
        ("ROPA003", 3),
    ]


def test_ignore_comments_cover_their_line_or_the_next() -> None:
    scan = collect(
        "class C:\n"
        "    a = 1  # ropa: ignore[ROPA201, ROPA203]\n"
        "    # ropa: ignore\n"
        "    b = 2\n"
        "    c = 3  # ropa: ignore[ROPA201] (a business address)\n"
    )
    assert [(s.line, s.codes) for s in scan.suppressions] == [
        (2, ("ROPA201", "ROPA203")),
        (4, ()),
        (5, ("ROPA201",)),
    ]


def test_markers_after_the_lines_own_comment_are_read() -> None:
    """Real code already has comments on its field lines (open-webui's ``email = Column(...)
    # user email address``). A marker appended after one, or a note after the keys, was
    silently not a marker (or ROPA002) while ROPA201 kept saying "add '# ropa: ...' to the
    line", which the user had done."""
    scan = collect(
        "class Customer:  # identity  # ropa: personal_data(subjects=['customer'])\n"
        "    email = Column(String)  # user email address  # ropa: user.contact.email\n"
        "    phone = Column(String)  # ropa: user.contact.phone_number  # mobile only\n"
        "    note = Column(Text)  # noqa: E501  # ropa: ignore[ROPA201] (staff notes)\n"
        "    other = 1  # the ropa: marker is documented elsewhere\n"
        "def send():  # mail  # ropa: processor('sendgrid', data=['user.contact.email'])\n"
        "    pass\n"
    )
    assert [(f.field, f.categories, f.subjects) for f in scan.fields] == [
        ("email", ("user.contact.email",), ("customer",)),
        ("phone", ("user.contact.phone_number",), ("customer",)),
    ]
    assert [(s.line, s.codes) for s in scan.suppressions] == [(4, ("ROPA201",))]
    assert [(p.vendor, p.location.line) for p in scan.processors] == [("sendgrid", 6)]
    assert scan.diagnostics == ()


def test_a_bad_marker_after_a_comment_is_located_at_its_own_hash() -> None:
    scan = collect("x = 1  # see below  # ropa: user.contact.emial extra\n")
    [d] = scan.diagnostics
    assert (d.code, d.location.line, d.location.column) == ("ROPA002", 1, 21)


def test_unparsable_sources_are_one_rop001() -> None:
    for source in (b"def broken(:\n", b"x = '\xff'\n", b"x = 1\0\n"):
        scan = collect_source("bad.py", source)
        assert [d.code for d in scan.diagnostics] == ["ROPA001"]


def test_new_syntax_is_read_by_libcst() -> None:
    scan = collect(
        "type Alias = list[int]\n"
        "class Box[T]:\n"
        "    email: str = ''  # ropa: user.contact.email\n"
        "match x:\n"
        "    case _: pass\n"
    )
    assert [f.field for f in scan.fields] == ["email"]
    assert scan.diagnostics == ()


@pytest.mark.parametrize("separator", ["\x0c", "\x1c", "\x1e", "\x85", "\u2028", "\u2029"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_only_python_newlines_count_as_lines(separator: str, newline: str) -> None:
    """str.splitlines() breaks at these too; Python does not, so lines after them must hold."""
    text = newline.join(
        [
            "class Customer:",
            f'    """Docs{separator} more."""  # page{separator}break',
            "    email = None  # ropa: user.contact.email",
            "    # ropa: user.name",
            "    name = None",
            "",
        ]
    )
    scan = collect(text)
    assert [(f.field, f.categories, f.location.line) for f in scan.fields] == [
        ("email", ("user.contact.email",), 3),
        ("name", ("user.name",), 5),
    ]
    assert scan.diagnostics == ()
