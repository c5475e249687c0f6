"""Code that updates the checkout it runs from: a git command that fetches or switches code, written
in the source of any language (Python, JavaScript/TypeScript, Go, Java/Kotlin, Ruby).

One `vcs.update` fact per command, with its form:

- `string`: the command as one string literal, `"git pull"`, `` `git fetch origin` ``,
  `'git checkout ' + tag` (a shell or helper runs it);
- `argv`: the program and its subcommand as separate literals, `exec.Command("git", "pull")`,
  `subprocess.run(["git", "pull"])`, `spawn('git', ['pull'])`;
- `library`: a git library asked to pull or fetch (GitPython `repo.remotes.origin.pull()`,
  `repo.git.pull()`; go-git `worktree.Pull(...)`).

The text is read line by line (comment lines are skipped); whether the code that holds the command
is the app's long-running process is for the app model to say.
"""

from __future__ import annotations

import re

from twelve.facts.base import Fact, Source

#: the git subcommands that change the code of a checkout
_SUBCOMMANDS = r"(pull|fetch|checkout|reset|merge|rebase|clone|switch)"
_STRING = re.compile(r"""["'`]\s*(?:sudo\s+)?git\s+(?:-C\s+\S+\s+)?""" + _SUBCOMMANDS + r"\b")
_ARGV = re.compile(r"""["'`]git["'`]\s*,\s*\[?\s*["'`]""" + _SUBCOMMANDS + r"""["'`]""")
_LIBRARY = re.compile(
    r"\.remotes\.\w+\.(pull|fetch)\(|\.remote\([^()]*\)\.(pull|fetch)\(|\bgit\.(pull|fetch)\(|"
    r"\.Pull\(\s*&git\.PullOptions|\.Fetch\(\s*&git\.FetchOptions"
)
#: what a line matched by one of the three holds: `git` then a space or a quote (_STRING, _ARGV),
#: or a `.pull(`-like call (_LIBRARY); `github.com` in an import is none of them
_PREFILTER = re.compile(r"git[\s\"'`]|\.(?:pull|fetch|Pull|Fetch)\(")
#: its two branches, each searched on its own over a whole text: a regex that starts with a
#: literal skips ahead to it at C speed, an alternation tries every position (seven times slower)
_PREFILTER_PARTS = (re.compile(r"git[\s\"'`]"), re.compile(r"\.(?:pull|fetch|Pull|Fetch)\("))
_COMMENT = re.compile(r"^\s*(#|//|\*|/\*|--)")
_LANGS = {
    "python": "python",
    "javascript": "javascript",
    "typescript": "javascript",
    "go": "go",
    "java": "java",
    "kotlin": "java",
    "ruby": "ruby",
}
MAX_FACTS = 50


#: what every text `_PREFILTER` matches holds, as substrings: over a whole file, C-speed tests
#: turn most files away in half the time of a regex pass
_PREFILTER_NEEDLES = ("git", ".pull(", ".fetch(", ".Pull(", ".Fetch(")


def _prefiltered(text: str) -> bool:
    return any(needle in text for needle in _PREFILTER_NEEDLES)


def extract(source: Source) -> list[Fact]:
    text = source.text
    if not _prefiltered(text):
        return []
    facts: list[Fact] = []
    lang = _LANGS.get(source.kind)
    for number, line in _candidates(source):
        if _COMMENT.match(line):
            continue
        for form, pattern in (("string", _STRING), ("argv", _ARGV), ("library", _LIBRARY)):
            match = pattern.search(line)
            if match:
                verb = next(g for g in match.groups() if g)
                facts.append(source.fact("vcs.update", number, command=f"git {verb}", form=form, lang=lang))
                break
        if len(facts) >= MAX_FACTS:
            break
    return facts


def _candidates(source: Source) -> list[tuple[int, str]]:
    """The lines (number, text) that _PREFILTER matches: found by searching the whole text when
    lines are split by \\n alone (a line ending in `git` is one more candidate then), else line
    by line."""
    text = source.text
    if not source.newline_only:
        return [(n, line) for n, line in enumerate(source.lines, start=1) if _PREFILTER.search(line)]
    found: list[tuple[int, str]] = []
    lines = source.lines
    # the next match of each branch from the current line on (None: none is left)
    ahead = [part.search(text) for part in _PREFILTER_PARTS]
    number, pos = 1, 0
    while True:
        starts = [match.start() for match in ahead if match is not None]
        if not starts:
            break
        start = min(starts)
        number += text.count("\n", pos, start)
        found.append((number, lines[number - 1]))
        pos = text.find("\n", start)  # the next line (a match may end with its line's break)
        if pos < 0:
            break
        ahead = [
            part.search(text, pos) if match is not None and match.start() < pos else match
            for part, match in zip(_PREFILTER_PARTS, ahead)
        ]
    return found
