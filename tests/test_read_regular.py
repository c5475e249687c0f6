"""read_regular: the bytes of a regular file up to a bound, read in a buffer sized by the file."""

from __future__ import annotations

import os

import pytest

from twelve.repository.walk import SpecialFileError, read_regular

LIMIT = 200_000


@pytest.mark.parametrize(
    "size", [0, 1, 4095, 65_535, 65_536, 65_537, 131_073, LIMIT - 1, LIMIT, LIMIT + 1, LIMIT + 70_000]
)
def test_a_file_is_read_whole_up_to_one_byte_past_the_bound(tmp_path, size):
    path = tmp_path / "f.bin"
    data = os.urandom(size)
    path.write_bytes(data)
    assert read_regular(str(path), LIMIT) == data[: LIMIT + 1]


def test_a_file_that_grew_after_its_size_was_taken_is_read_on(tmp_path, monkeypatch):
    path = tmp_path / "growing.txt"
    path.write_bytes(b"a" * 10)
    real_fstat = os.fstat

    def stale_fstat(fd):  # the size as it was before 100,000 more bytes came
        found = real_fstat(fd)
        with open(path, "ab") as handle:
            handle.write(b"b" * 100_000)
        return found

    monkeypatch.setattr(os, "fstat", stale_fstat)
    assert read_regular(str(path), LIMIT) == b"a" * 10 + b"b" * 100_000


def test_a_directory_is_not_a_regular_file(tmp_path):
    with pytest.raises((SpecialFileError, IsADirectoryError, OSError)):
        read_regular(str(tmp_path), LIMIT)


@pytest.mark.parametrize("size", [0, 5, 99, 100, 101, 5000])
def test_a_cache_file_is_read_whole_up_to_one_byte_past_its_bound(tmp_path, size):
    from twelve.cachefiles import _read_at_most

    path = tmp_path / "cache.json"
    data = os.urandom(size)
    path.write_bytes(data)
    with open(path, "rb") as handle:
        assert _read_at_most(handle, 100) == data[:101]


@pytest.mark.parametrize(("grown", "expected"), [(20, 30), (200, 101)])
def test_a_cache_file_that_grew_is_read_on_within_its_bound(tmp_path, monkeypatch, grown, expected):
    from twelve import cachefiles

    path = tmp_path / "cache.json"
    path.write_bytes(b"x" * 10)
    real_fstat = os.fstat

    def stale_fstat(fd):
        found = real_fstat(fd)
        with open(path, "ab") as handle:
            handle.write(b"y" * grown)
        return found

    with open(path, "rb") as handle:
        monkeypatch.setattr(cachefiles.os, "fstat", stale_fstat)
        read = cachefiles._read_at_most(handle, 100)
    assert read == (b"x" * 10 + b"y" * grown)[:expected]
