"""app/settings.py: typed settings over two QSettings files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray

from app import paths, settings
from app.settings import Setting, Settings, Store


def test_a_setting_not_yet_stored_reads_its_default(tmp_path: Path) -> None:
    store = Store(tmp_path / "new" / "kenes.ini")
    assert store.get(settings.MAX_MATERIAL_MB) == 50
    assert store.get(settings.LANGUAGE) == ""
    assert store.get(settings.GEOMETRY) == QByteArray()


def test_values_keep_their_type_in_the_file(tmp_path: Path) -> None:
    flag: Setting[bool] = Setting("test/flag", False)
    store = Store(tmp_path / "kenes.ini")
    store.set(settings.MAX_MATERIAL_MB, 80)
    store.set(flag, True)
    store.set(settings.GEOMETRY, QByteArray(b"\x01\x02"))
    store.sync()

    again = Store(tmp_path / "kenes.ini")  # the INI file hands everything back as text
    assert again.get(settings.MAX_MATERIAL_MB) == 80
    assert again.get(flag) is True
    assert again.get(settings.GEOMETRY) == QByteArray(b"\x01\x02")


def test_a_value_edited_into_nonsense_reads_the_default(tmp_path: Path) -> None:
    path = tmp_path / "kenes.ini"
    path.write_text("[backup]\ndaily=seven\n", encoding="utf-8")
    assert Store(path).get(settings.BACKUP_DAILY) == 7


def test_user_settings_and_window_state_are_two_files(tmp_path: Path) -> None:
    both = Settings(tmp_path)
    both.user.set(settings.LANGUAGE, "ru")
    both.state.set(settings.CURRENT_PAGE, 3)
    both.sync()

    assert Path(both.user.file_name).name == "kenes.ini"
    assert Path(both.state.file_name).name == "window-state.ini"
    (tmp_path / "window-state.ini").unlink()  # the layout is reset, the preference kept
    again = Settings(tmp_path)
    assert again.user.get(settings.LANGUAGE) == "ru"
    assert again.state.get(settings.CURRENT_PAGE) == 0


def test_the_backup_folder_is_the_chosen_one_or_the_data_folder(tmp_path: Path) -> None:
    store = Settings(tmp_path)
    assert store.backup_folder() == paths.backup_dir()
    store.user.set(settings.BACKUP_DIR, str(tmp_path / "copies"))
    assert store.backup_folder() == tmp_path / "copies"


def test_every_kind_of_file_remembers_its_own_folder() -> None:
    keys = [s.key for s in settings.LAST_FOLDERS.values()]
    assert set(settings.LAST_FOLDERS) == set(settings.FILE_KINDS)
    assert len(set(keys)) == len(keys)
