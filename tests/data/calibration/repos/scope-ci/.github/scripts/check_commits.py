"""Fails when a commit subject in the pushed range does not follow Conventional Commits."""
import re
import subprocess
import sys

PATTERN = re.compile(r"^(feat|fix|docs|chore|refactor|test|ci)(\([\w-]+\))?!?: .+")


def main(base, head):
    subjects = subprocess.run(
        ["git", "log", "--format=%s", f"{base}..{head}"], check=True, capture_output=True, text=True
    ).stdout.splitlines()
    bad = [s for s in subjects if not PATTERN.match(s)]
    for subject in bad:
        print(f"not a conventional commit: {subject}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
