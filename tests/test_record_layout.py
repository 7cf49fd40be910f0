"""What a reader of the record sees where data is kept and which code backs a recipient.

Found by looking at the sample's record PDF page by page: a sub-processor in a client's
Art. 30(2) part was placed at its head office (Seattle) although the sample keeps the data in
Frankfurt, and the evidence paths squeezed into the recipients table's last column broke every
few letters.
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from ropa.cli import main

from .conftest import SAMPLE


def _build(tmp_path: Path, formats: str, project: Path = SAMPLE) -> Path:
    """``ropa build PROJECT`` into ``tmp_path/out``, one worker, no cache, a fixed date."""
    out = tmp_path / "out"
    args = ["build", str(project), "--out-dir", str(out), "--formats", formats]
    result = CliRunner().invoke(main, [*args, "--date", "2026-01-15", "--no-cache", "-j", "1"])
    assert result.exit_code == 0, result.output
    return out


def _client_part(html: str) -> str:
    start = html.find('id="processor-record-title"')
    assert start > 0, "the sample's record has a part for work done for clients"
    return html[start:]


def test_sub_processors_of_a_client_are_placed_where_the_data_is_kept(tmp_path: Path) -> None:
    out = _build(tmp_path, "html,xlsx")
    html = (out / "ropa.html").read_text("utf-8")
    part = _client_part(html)
    aws = re.findall(r"<li>Amazon Web Services, Inc\.: [^<]*<span[^>]*>\(([^)]*\)[^)]*)\)", part)
    assert aws, "AWS is a sub-processor for the sample's clients"
    for place in aws:
        assert place.startswith("data kept in Frankfurt, Germany (eu-central-1)"), place
        assert "head office Seattle" in place

    # The ICO spreadsheet's processor sheet says the same in its sub-processor column.
    sheet = openpyxl.load_workbook(out / "ropa.xlsx")["Processor"]
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    sub = [c for c in cells if "Amazon Web Services, Inc. (" in c]
    assert sub and all("Amazon Web Services, Inc. (Frankfurt" in c for c in sub), sub


def test_evidence_paths_are_listed_below_the_recipients_table(tmp_path: Path) -> None:
    out = _build(tmp_path, "html")
    html = (out / "ropa.html").read_text("utf-8")
    table = html[html.index('id="recipients-title"') :]
    table = table[: table.index("</table>")]
    # The table holds a count linking to the paths, never the paths themselves.
    assert '<ul class="evidence">' not in table
    links = re.findall(r'<a href="#(evidence-[^"]+)">(\d+) paths?</a>', table)
    assert ("evidence-stripe", "3") in links
    for anchor, count in links:
        block = re.search(rf'<div id="{anchor}">(.*?)</div>', html, re.S)
        assert block, anchor
        assert block.group(1).count("<li>") == int(count)
    assert "none found (declared only)" in table  # a declared recipient with no code behind it
    # Each path names its data and its recipient as a reader knows them, the key beside:
    # open-webui's auditors read "user.device to http by aiohttp.ClientSession.post()".
    stripe = re.search(r'<div id="evidence-stripe">(.*?)</div>', html, re.S)
    assert stripe is not None
    assert (
        'Email address (<code class="key">user.contact.email</code>) to <strong>Stripe, Inc.'
        "</strong> by <code>stripe.<wbr>PaymentIntent.<wbr>create()</code>"
    ) in stripe.group(1)


def test_an_address_inside_project_text_is_a_link_and_the_rest_stays_text() -> None:
    """A withdrawal text like "Account settings, or privacy@linden.example." was hyphenated
    inside the address in the PDF ("pri-vacy@"); the address is now a mailto link."""
    from ropa.render import environment

    env = environment()
    html = env.from_string("{{ text|prose }}").render(
        text="<b>Settings</b>, or privacy@linden.example. Or write to us.", for_print=True
    )
    assert html.startswith("&lt;b&gt;Settings&lt;/b&gt;, or ")  # project text is escaped
    assert '<a class="email" href="mailto:privacy@linden.example">privacy@\u200blinden' in html
    assert html.endswith("</a>. Or write to us.")  # the sentence keeps its full stop


def test_an_unknown_outside_host_is_shown_as_an_undeclared_recipient(tmp_path: Path) -> None:
    """Record evidence once said of every HTTP host that it was "no recipient by itself";
    a host outside the organisation's network is one, and no activity declares it."""
    from .conftest import MINIMAL_YAML, write_tree

    code = (
        "import requests\n"
        "def export(users):\n"
        "    for u in users:\n"
        "        open('users.txt', 'a').write(u.email)\n"
        "        requests.post('https://api.crm.example/v1', json={'e': u.email})\n"
        "        requests.post('http://10.0.0.2/hook', json={'e': u.email})\n"
    )
    project = write_tree(tmp_path / "app", {"ropa.yaml": MINIMAL_YAML, "app.py": code})
    html = (_build(tmp_path, "html", project) / "ropa.html").read_text("utf-8")
    section = html[html.index('id="elsewhere"') :]
    undeclared, _, inside = section.partition("They are not recipients in themselves")
    assert "Not declared as recipients" in undeclared
    assert "<strong>api.crm.example</strong>" in undeclared
    assert "<strong>a file</strong>" not in undeclared and "10.0.0.2" not in undeclared
    assert "<strong>a file</strong>" in inside and "<strong>10.0.0.2</strong>" in inside
