"""Network shares are recognised from /proc/mounts and from Windows paths."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from app.models.network_share import NETWORK_TYPES, is_unc, mount_type, on_network_share

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
//fileserver/secretariat /mnt/secretariat cifs rw,vers=3.0 0 0
fileserver:/export/kenes /srv/kenes\\040archive nfs4 rw 0 0
/dev/sdb1 /mnt/secretariat/local ext4 rw 0 0
"""


def test_the_mount_holding_a_path_is_the_longest_prefix() -> None:
    assert mount_type(PurePosixPath("/home/user/kenes.sqlite"), MOUNTS) == "ext4"
    assert mount_type(PurePosixPath("/mnt/secretariat/kenes.sqlite"), MOUNTS) == "cifs"
    assert mount_type(PurePosixPath("/srv/kenes archive/db.sqlite"), MOUNTS) == "nfs4"
    # A local disk mounted inside a share is local.
    assert mount_type(PurePosixPath("/mnt/secretariat/local/k.sqlite"), MOUNTS) == "ext4"
    assert {"cifs", "nfs4"} <= NETWORK_TYPES and "ext4" not in NETWORK_TYPES


def test_windows_unc_paths_are_shares() -> None:
    assert is_unc(r"\\fileserver\secretariat\kenes.sqlite")
    assert not is_unc(r"C:\Users\secretary\kenes.sqlite")


def test_this_machine_s_temporary_folder_is_local(tmp_path: Path) -> None:
    assert not on_network_share(tmp_path / "kenes.sqlite")


def test_only_sqlite_files_are_looked_at(tmp_path: Path) -> None:
    from sqlalchemy.engine import make_url

    from app.models.network_share import database_on_share

    assert database_on_share(make_url("postgresql://host/kenes")) is None
    assert database_on_share(make_url("sqlite://")) is None
    assert database_on_share(make_url(f"sqlite:///{tmp_path / 'k.sqlite'}")) is None
