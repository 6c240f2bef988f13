"""`-o FILE` writes through what it should write through and replaces only what it may replace.

A regular file or a new path is written atomically; a symlink is written through (the link stays);
a device or FIFO is written to directly and stays what it was; a directory, a socket, a read-only
file, `dir/` and `''` are refused with one line; `-o -` is stdout. Devices are made in tmp_path
(mknod), never /dev/null itself. Permission cases run as `nobody` (tests/unprivileged.py).
"""

from __future__ import annotations

import errno
import os
import socket
import stat
import threading
from pathlib import Path

import pytest

from policydiff.cli import main

from .conftest import CORPUS
from .unprivileged import as_nobody, nobody

OLD = str(CORPUS / "tallyhq-terms" / "v3.1.txt")
NEW = str(CORPUS / "tallyhq-terms" / "v3.2.txt")


def diff_to(capsys: pytest.CaptureFixture[str], target: str, *extra: str) -> tuple[int, str, str]:
    code = main(["diff", OLD, NEW, "--format", "json", "-o", target, *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_line(err: str) -> str:
    assert err.count("\n") == 1 and "internal error" not in err and "Traceback" not in err, err
    return err


def device(tmp_path: Path, name: str, major: int, minor: int) -> Path:
    path = tmp_path / name
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(major, minor))
    except PermissionError:
        pytest.skip("cannot make a device node here (no CAP_MKNOD); /dev/null itself is never used by tests")
    return path


def test_a_device_is_written_to_and_stays_a_device(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    null = device(tmp_path, "null", 1, 3)
    code, out, err = diff_to(capsys, str(null))
    assert (code, out, err) == (0, "", "")
    assert stat.S_ISCHR(null.stat().st_mode), "the device was replaced by a regular file"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_full_device_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    full = device(tmp_path, "full", 1, 7)
    code, _, err = diff_to(capsys, str(full))
    assert code == 2 and f"{full}: cannot write: no space left on the device" in one_line(err)
    assert stat.S_ISCHR(full.stat().st_mode)


def test_a_fifo_is_written_to_and_stays_a_fifo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reading = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader is there before policydiff opens it
    received = bytearray()
    done = threading.Event()

    def drain() -> None:
        while not done.is_set():
            try:
                chunk = os.read(reading, 65536)
            except BlockingIOError:
                chunk = None
            if chunk:
                received.extend(chunk)
            elif chunk == b"" and received:
                return  # the writer closed after writing
            else:
                done.wait(0.01)

    reader = threading.Thread(target=drain)
    reader.start()
    try:
        code, _, err = diff_to(capsys, str(fifo))
        reader.join(10)
    finally:
        done.set()
        reader.join(10)
        os.close(reading)
    assert code == 0, err
    assert bytes(received).startswith(b"{") and bytes(received).rstrip().endswith(b"}")
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_fifo_nobody_reads_is_refused_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _, err = diff_to(capsys, str(fifo))
    assert code == 2 and "is a FIFO that no process is reading" in one_line(err)


def test_a_symlink_is_written_through(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "real" / "report.json"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    code, _, err = diff_to(capsys, str(link))
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").startswith("{")
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "real" / "new.json")
    assert diff_to(capsys, str(dangling))[0] == 0
    assert dangling.is_symlink() and (tmp_path / "real" / "new.json").read_text(encoding="utf-8").startswith("{")


def test_permissions_and_owner_of_a_replaced_file_are_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.json"
    report.write_text("old\n", encoding="utf-8")
    report.chmod(0o640)
    if os.geteuid() == 0:
        uid, gid = nobody()
        os.chown(report, uid, gid)
    before = report.stat()
    assert diff_to(capsys, str(report))[0] == 0
    after = report.stat()
    assert report.read_text(encoding="utf-8").startswith("{") and after.st_ino != before.st_ino
    assert (stat.S_IMODE(after.st_mode), after.st_uid, after.st_gid) == (0o640, before.st_uid, before.st_gid)


def test_a_read_only_file_is_refused_even_for_root(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.json"
    report.write_text("keep me\n", encoding="utf-8")
    report.chmod(0o444)
    code, _, err = diff_to(capsys, str(report))
    assert code == 2 and f"{report}: is read-only (mode 0444)" in one_line(err)
    assert report.read_text(encoding="utf-8") == "keep me\n"


@pytest.mark.parametrize("name", ["folder/", "missing/", "", "."])
def test_folders_and_empty_names_are_refused(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "folder").mkdir()
    monkeypatch.chdir(tmp_path)
    code, out, err = diff_to(capsys, name)
    assert code == 2 and out == "" and one_line(err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"], "nothing was created"
    assert list((tmp_path / "folder").iterdir()) == []


def test_a_socket_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        code, _, err = diff_to(capsys, str(path))
    finally:
        server.close()
    assert code == 2 and "is a socket" in one_line(err)


def test_dash_is_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = diff_to(capsys, "-")
    assert code == 0 and out.startswith("{") and err == ""
    assert not (tmp_path / "-").exists()


def test_a_new_file_in_a_missing_folder_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = diff_to(capsys, str(tmp_path / "nowhere" / "r.json"))
    assert code == 2 and "does not exist" in one_line(err)


def test_disk_full_while_replacing_leaves_the_old_file(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    report = tmp_path / "report.json"
    report.write_text("old\n", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("policydiff.files.os.fsync", full)
    code, _, err = diff_to(capsys, str(report))
    assert code == 2 and f"{report}: cannot write: no space left on the device; nothing was written" in one_line(err)
    assert report.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"], "no temporary file is left behind"


def test_dev_stdout_as_a_normal_user(open_tmp: Path) -> None:
    result = as_nobody(["diff", OLD, NEW, "--format", "json", "-o", "/dev/stdout"], open_tmp)
    assert result.code == 0, result.err
    assert result.out.startswith("{")


def test_a_read_only_folder_as_a_normal_user(open_tmp: Path) -> None:
    folder = open_tmp / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    open_tmp.chmod(0o755)
    result = as_nobody(["diff", OLD, NEW, "-o", str(folder / "r.txt")], open_tmp)
    assert result.code == 2, result
    assert f"{folder / 'r.txt'}: cannot create a file in {folder}: permission denied" in one_line(result.err)


def test_a_read_only_file_as_a_normal_user(open_tmp: Path) -> None:
    uid, gid = nobody()
    open_tmp.chmod(0o777)
    report = open_tmp / "r.txt"
    report.write_text("keep\n", encoding="utf-8")
    os.chown(report, uid, gid)
    report.chmod(0o444)
    result = as_nobody(["diff", OLD, NEW, "-o", str(report)], open_tmp)
    assert result.code == 2 and "is read-only" in one_line(result.err)
    assert report.read_text(encoding="utf-8") == "keep\n"


def test_another_users_file_is_not_given_away(open_tmp: Path) -> None:
    nobody()
    open_tmp.chmod(0o777)
    report = open_tmp / "r.txt"
    report.write_text("root's\n", encoding="utf-8")
    report.chmod(0o666)  # writable by nobody, but replacing it would make nobody its owner
    result = as_nobody(["diff", OLD, NEW, "-o", str(report)], open_tmp)
    assert result.code == 2 and "belongs to another user" in one_line(result.err)
    assert report.read_text(encoding="utf-8") == "root's\n" and report.stat().st_uid == 0
    assert [p.name for p in open_tmp.iterdir()] == ["r.txt"]
