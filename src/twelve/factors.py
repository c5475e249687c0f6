"""The twelve factors as data."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Factor:
    number: int
    roman: str
    key: str
    slug: str  # the page name on 12factor.net
    #: confidence a static "meets" can reach at most; runtime probes are needed for more
    static_confidence_cap: str = "high"

    @property
    def code(self) -> str:
        return f"F{self.number:02d}"

    def link(self, lang: str = "en") -> str:
        base = "https://12factor.net/pt_br" if lang == "pt-BR" else "https://12factor.net"
        return f"{base}/{self.slug}"


FACTORS: tuple[Factor, ...] = (
    Factor(1, "I", "codebase", "codebase"),
    Factor(2, "II", "dependencies", "dependencies"),
    Factor(3, "III", "config", "config"),
    Factor(4, "IV", "backing_services", "backing-services"),
    Factor(5, "V", "build_release_run", "build-release-run"),
    Factor(6, "VI", "processes", "processes", "medium"),
    Factor(7, "VII", "port_binding", "port-binding", "medium"),
    Factor(8, "VIII", "concurrency", "concurrency", "medium"),
    Factor(9, "IX", "disposability", "disposability", "medium"),
    Factor(10, "X", "dev_prod_parity", "dev-prod-parity"),
    Factor(11, "XI", "logs", "logs", "medium"),
    Factor(12, "XII", "admin_processes", "admin-processes"),
)


def factor(number: int) -> Factor:
    return FACTORS[number - 1]


def lookup(token: str) -> Factor | None:
    """Find a factor by number (``3``), roman numeral (``III``), key (``config``) or code (``F03``)."""
    text = token.strip()
    low = text.lower().replace("-", "_")
    for f in FACTORS:
        if low in {str(f.number), f.roman.lower(), f.key, f.code.lower(), f.slug.replace("-", "_")}:
            return f
    return None
