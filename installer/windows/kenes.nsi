; Kenes for Windows: installs the PyInstaller bundle (kenes.exe, kenes-cli.exe, _internal\).
;
; Built by installer/build.py (python3 tasks.py installer) with:
;   makensis -DVERSION=0.1.0 -DBUNDLE=<bundle folder> -DOUTFILE=<setup.exe> -DICON=<kenes.ico>
;            [-DFAST] [-DSIGN_COMMAND=<command that signs the file appended>] kenes.nsi
;
; Per-user (the default; no administrator rights: %LOCALAPPDATA%\Programs\Kenes) or
; per-machine (Program Files; chosen on the first page, or /AllUsers on the command line).
; Silent deployment: kenes-<version>-setup.exe /S /AllUsers.  Upgrading installs over the
; previous version in its folder and mode; the user's database, settings and backups live
; in %LOCALAPPDATA%\Kenes and are never touched, by the upgrade or by the uninstaller.

Unicode true
ManifestDPIAware true

!ifndef VERSION | BUNDLE | OUTFILE | ICON
  !error "Define VERSION, BUNDLE, OUTFILE and ICON (installer/build.py does)"
!endif

!define APP "Kenes"
!define PUBLISHER "Kenes developers"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Kenes"
!define SETTINGS_KEY "Software\Kenes"
!define PROGID "Kenes.ExchangeFile"

!ifdef FAST
  SetCompress off  ; tests: the script is proven to build, the size does not matter
!else
  SetCompressor /SOLID lzma
!endif

!ifdef SIGN_COMMAND
  ; The organisation's code-signing certificate signs the installer and the uninstaller.
  !finalize '${SIGN_COMMAND} "%1"' = 0
  !uninstfinalize '${SIGN_COMMAND} "%1"' = 0
!endif

!define MULTIUSER_EXECUTIONLEVEL Highest
!define MULTIUSER_MUI
!define MULTIUSER_INSTALLMODE_COMMANDLINE
!define MULTIUSER_INSTALLMODE_DEFAULT_CURRENTUSER
!define MULTIUSER_USE_PROGRAMFILES64
!define MULTIUSER_INSTALLMODE_INSTDIR "${APP}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_KEY "${SETTINGS_KEY}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_VALUENAME "InstallDir"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_KEY "${SETTINGS_KEY}"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_VALUENAME "InstallMode"
!include MultiUser.nsh
!include MUI2.nsh
!include FileFunc.nsh
!include x64.nsh

Name "${APP}"
OutFile "${OUTFILE}"
BrandingText "${APP} ${VERSION}"
ShowInstDetails nevershow
ShowUninstDetails nevershow

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APP}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP} ${VERSION} Setup"
VIAddVersionKey /LANG=0 "LegalCopyright" "GPL-3.0-or-later"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\kenes.exe"

!insertmacro MULTIUSER_PAGE_INSTALLMODE
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; NSIS has no Kazakh translation of its own pages; Russian and English are offered.
!insertmacro MUI_LANGUAGE "Russian"
!insertmacro MUI_LANGUAGE "English"
LangString NEEDS_X64 ${LANG_RUSSIAN} "Для ${APP} нужна 64-разрядная Windows."
LangString NEEDS_X64 ${LANG_ENGLISH} "${APP} needs 64-bit Windows."

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "$(NEEDS_X64)"
    Abort
  ${EndIf}
  SetRegView 64
  !insertmacro MULTIUSER_INIT
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function un.onInit
  SetRegView 64
  !insertmacro MULTIUSER_UNINIT
FunctionEnd

Section "Kenes" SecMain
  SectionIn RO
  ; An upgrade replaces the program files whole: nothing of the previous version's
  ; libraries is left to mix with the new ones.  User data is elsewhere.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File "${BUNDLE}\kenes.exe"
  File "${BUNDLE}\kenes-cli.exe"
  File /r "${BUNDLE}\_internal"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\kenes.exe" "" "$INSTDIR\kenes.exe" 0

  ; "Apps & features": name, version, icon, size, and the uninstaller of this mode.
  WriteRegStr SHCTX "${SETTINGS_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr SHCTX "${SETTINGS_KEY}" "InstallMode" "$MultiUser.InstallMode"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\kenes.exe,0"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "UninstallString" \
    '"$INSTDIR\uninstall.exe" /$MultiUser.InstallMode'
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "QuietUninstallString" \
    '"$INSTDIR\uninstall.exe" /$MultiUser.InstallMode /S'
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "EstimatedSize" $0

  ; Exchange files (*.kenes.zip).  Windows associates by the last extension only, so
  ; Kenes is offered in ".zip"'s "Open with" and opens the file for import.
  WriteRegStr SHCTX "Software\Classes\${PROGID}" "" "Kenes exchange file"
  WriteRegStr SHCTX "Software\Classes\${PROGID}" "FriendlyTypeName" "Kenes exchange file"
  WriteRegStr SHCTX "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\kenes.exe,0"
  WriteRegStr SHCTX "Software\Classes\${PROGID}\shell\open\command" "" \
    '"$INSTDIR\kenes.exe" gui --import "%1"'
  WriteRegStr SHCTX "Software\Classes\.zip\OpenWithProgids" "${PROGID}" ""
  WriteRegStr SHCTX "Software\Classes\Applications\kenes.exe\SupportedTypes" ".zip" ""
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section "Uninstall"
  ; Only what the installer wrote; the database, settings and backups stay.
  Delete "$SMPROGRAMS\${APP}.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\kenes.exe"
  Delete "$INSTDIR\kenes-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegValue SHCTX "Software\Classes\.zip\OpenWithProgids" "${PROGID}"
  DeleteRegKey SHCTX "Software\Classes\${PROGID}"
  DeleteRegKey SHCTX "Software\Classes\Applications\kenes.exe"
  DeleteRegKey SHCTX "${UNINSTALL_KEY}"
  DeleteRegKey SHCTX "${SETTINGS_KEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
