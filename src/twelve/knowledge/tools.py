"""Host programs that code shells out to, the OS packages that provide them, and the libraries
that wrap them (12factor.net II: never rely on the implicit existence of system tools)."""

from __future__ import annotations

#: binaries code commonly shells out to that a base image does not carry, and the OS packages
#: (Debian/Alpine names) that provide them
TOOL_PACKAGES: dict[str, tuple[str, ...]] = {
    "convert": ("imagemagick", "graphicsmagick-imagemagick-compat"),
    "magick": ("imagemagick",),
    "identify": ("imagemagick",),
    "mogrify": ("imagemagick",),
    "gm": ("graphicsmagick",),
    "ffmpeg": ("ffmpeg",),
    "ffprobe": ("ffmpeg",),
    "gs": ("ghostscript",),
    "pdftotext": ("poppler-utils",),
    "pdftoppm": ("poppler-utils",),
    "pdfinfo": ("poppler-utils",),
    "wkhtmltopdf": ("wkhtmltopdf",),
    "wkhtmltoimage": ("wkhtmltopdf",),
    "libreoffice": ("libreoffice", "libreoffice-core"),
    "soffice": ("libreoffice", "libreoffice-core"),
    "tesseract": ("tesseract-ocr", "tesseract"),
    "curl": ("curl",),
    "wget": ("wget",),
    "git": ("git",),
    "pg_dump": ("postgresql-client", "postgresql-client-common", "postgresql"),
    "pg_restore": ("postgresql-client", "postgresql"),
    "pg_isready": ("postgresql-client", "postgresql"),
    "psql": ("postgresql-client", "postgresql"),
    "mysql": ("default-mysql-client", "mariadb-client", "mysql-client"),
    "mysqldump": ("default-mysql-client", "mariadb-client", "mysql-client"),
    "redis-cli": ("redis-tools", "redis"),
    "chromium": ("chromium",),
    "google-chrome": ("google-chrome-stable",),
    "nc": ("netcat-openbsd", "netcat-traditional", "netcat"),
    "rsync": ("rsync",),
    "ssh": ("openssh-client",),
    "scp": ("openssh-client",),
    "zip": ("zip",),
    "unzip": ("unzip",),
    "7z": ("p7zip-full",),
    "exiftool": ("libimage-exiftool-perl", "exiftool"),
    "pandoc": ("pandoc",),
    "jq": ("jq",),
    "node": ("nodejs",),
    "java": ("default-jre", "openjdk-17-jre-headless"),
    "sendmail": ("sendmail", "postfix"),
    "lpr": ("cups-client",),
    "dig": ("dnsutils", "bind-tools"),
    "xvfb-run": ("xvfb",),
}
#: Python libraries that drive a host binary, and that binary
WRAPPER_MODULES: dict[str, str] = {
    "pdf2image": "pdftoppm",
    "wand": "convert",
    "pdfkit": "wkhtmltopdf",
    "imgkit": "wkhtmltoimage",
    "pytesseract": "tesseract",
    "pydub": "ffmpeg",
    "ffmpeg": "ffmpeg",
    "pgmagick": "gm",
}
#: npm packages that drive a host binary, and that binary
NODE_WRAPPERS: dict[str, str] = {
    "fluent-ffmpeg": "ffmpeg",
    "gm": "gm",
    "imagemagick": "convert",
    "pdf2pic": "gs",
    "node-tesseract-ocr": "tesseract",
    "wkhtmltopdf": "wkhtmltopdf",
    "pdf-poppler": "pdftoppm",
}
#: package managers whose `install` in a README's shell block installs a host tool by hand
DOCUMENTED_INSTALLERS = frozenset({"apt-get", "apt", "apk", "brew", "yum", "dnf", "choco"})


__all__ = ["DOCUMENTED_INSTALLERS", "NODE_WRAPPERS", "TOOL_PACKAGES", "WRAPPER_MODULES"]
