"""Documentation facts: headings and the commands of fenced and indented code blocks."""

from __future__ import annotations

from helpers import extract_text

MODULE = "twelve.facts.docs"


def commands(text):
    return [
        (f.line, f.get("program"), f.get("section"))
        for f in extract_text(MODULE, "README.md", text)
        if f.kind == "doc.command"
    ]


def test_a_heading_closes_the_open_ones_of_its_level():
    text = "## 4.15.1 MLab\n\n```sh\nnpm i\n```\n\n## 4.15.2 部署\n\n### 环境\n\n```sh\nnpm start\n```\n"
    assert commands(text) == [(4, "npm", "4.15.1 MLab"), (12, "npm", "4.15.2 部署 / 环境")]


def test_indented_code_blocks_are_read():
    text = "# app\n\n## Installation\n\n    pip install -r requirements.txt\n    python worker.py\n\nDone.\n"
    assert commands(text) == [(5, "pip", "app / Installation"), (6, "python", "app / Installation")]


def test_indented_lines_of_a_list_item_or_a_paragraph_are_not_code():
    text = "# app\n\n- install it:\n\n    pip install app\n\nsome text\n    continued line\n"
    assert commands(text) == []


def test_fenced_blocks_of_other_languages_are_not_commands():
    text = "# app\n\n```py\nimport os\n```\n\n```bash\n$ make run\n```\n"
    assert commands(text) == [(8, "make", "app")]


def test_inline_code_spans_that_start_with_a_program_are_commands():
    text = (
        "## Running\n\n1. **Install dependencies**\n\nThis is `pip install -U -r requirements.txt`\n\n"
        "Create a `config.py` file, then run `python3.8 launcher.py`.\n"
    )
    found = [f for f in extract_text(MODULE, "README.md", text) if f.kind == "doc.command"]
    assert [(f.line, f.get("program"), f.get("lang")) for f in found] == [
        (5, "pip", "inline"),
        (7, "python3.8", "inline"),
    ]


def test_inline_spans_of_names_and_values_are_not_commands():
    text = "# app\n\nSet `DEBUG` to `false` in `settings.py`; the `app.run()` call starts it.\n"
    assert commands(text) == []
