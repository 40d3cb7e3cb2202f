; Bridgekeeper — Windows installer (NSIS 3, Modern UI 2, Unicode, x64).
;
; Built by `make` from the repository root, for example:
;
;   makensis -V2 -DVERSION=0.1.0 -DBUILD=1 -DEXE=dist/Bridgekeeper.exe \
;     -DICON=dist/icons/bridgekeeper.ico -DLICENSE=LICENSE \
;     -DOUTFILE=dist/Bridgekeeper-0.1.0-windows-amd64-setup.exe \
;     packaging/windows/installer.nsi
;
; Relative paths in the -D defines are taken from the repository root,
; whichever folder makensis starts in (see "Paths" below). Absolute paths
; work too. See README.md in this folder.
;
; The installer is per-user: no administrator rights, installs under
; %LOCALAPPDATA%\Programs\Bridgekeeper and registers in HKCU. Running it
; again over an existing install upgrades it in place.
;
; Uninstaller command line: /S runs silently; /PURGE also deletes the user's
; data (%APPDATA%\fyne\io.github.bridgekeeper), which is otherwise kept.

;--------------------------------------------------------------------------
; Required defines

!macro RequireDefine NAME HINT
  !ifndef ${NAME}
    !error "Missing -D${NAME}=... (${HINT}). Build with: makensis -DVERSION=0.1.0 -DBUILD=1 -DEXE=dist/Bridgekeeper.exe -DICON=dist/icons/bridgekeeper.ico -DLICENSE=LICENSE -DOUTFILE=dist/Bridgekeeper-0.1.0-windows-amd64-setup.exe packaging/windows/installer.nsi"
  !endif
!macroend
!insertmacro RequireDefine VERSION "app version, e.g. 0.1.0"
!insertmacro RequireDefine BUILD   "build number, e.g. 1"
!insertmacro RequireDefine EXE     "path to Bridgekeeper.exe"
!insertmacro RequireDefine ICON    "path to bridgekeeper.ico"
!insertmacro RequireDefine LICENSE "path to the LICENSE text file"
!insertmacro RequireDefine OUTFILE "path of the setup .exe to write"

;--------------------------------------------------------------------------
; Paths
;
; By default makensis changes into the script's folder before compiling, so
; relative paths would be read from packaging/windows. Step back up to the
; repository root so the -D paths mean what the Makefile means. If makensis
; was run with /NOCD from the root, we are already there.

!if /FileExists "installer.nsi"
  !if /FileExists "../../FyneApp.toml"
    !cd "../.."
  !endif
!endif
!if /FileExists "FyneApp.toml"
!else
  !error "Cannot find the repository root (FyneApp.toml). Run makensis on packaging/windows/installer.nsi from the repository root."
!endif

!if /FileExists "${EXE}"
!else
  !error "EXE not found: ${EXE}"
!endif
!if /FileExists "${ICON}"
!else
  !error "ICON not found: ${ICON}"
!endif
!if /FileExists "${LICENSE}"
!else
  !error "LICENSE not found: ${LICENSE}"
!endif

;--------------------------------------------------------------------------
; Version: Windows wants four numbers (major.minor.patch.build). Any
; pre-release suffix ("-rc1", "+meta") is dropped for that field only.

!searchparse /noerrors "${VERSION}" "" _V_MAJOR "." _V_MINOR "." _V_REST
!ifndef _V_MAJOR | _V_MINOR | _V_REST
  !error "VERSION must look like MAJOR.MINOR.PATCH (got '${VERSION}')"
!endif
!searchparse /noerrors "${_V_REST}" "" _V_PATCH_A "-"
!searchparse /noerrors "${_V_PATCH_A}" "" _V_PATCH "+"
!define VERSION_QUAD "${_V_MAJOR}.${_V_MINOR}.${_V_PATCH}.${BUILD}"

;--------------------------------------------------------------------------
; Names

!define APP_NAME    "Bridgekeeper"
!define APP_ID      "io.github.bridgekeeper"
!define PUBLISHER   "Bridgekeeper"
!define APP_EXE     "Bridgekeeper.exe"
!define APP_ICO     "bridgekeeper.ico"
!define UNINST_EXE  "uninstall.exe"
!define UNINST_KEY  "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
; Where Fyne keeps the app's storage: database, settings, backups.
!define DATA_DIR    "$APPDATA\fyne\${APP_ID}"

;--------------------------------------------------------------------------
; General

!if ${NSIS_PACKEDVERSION} >= 0x03000000
  Target amd64-unicode
!else
  Unicode true
!endif
SetCompressor /SOLID lzma
ManifestDPIAware true

Name "${APP_NAME}"
Caption "${APP_NAME} ${VERSION} Setup"
UninstallCaption "Uninstall ${APP_NAME}"
BrandingText "${APP_NAME} ${VERSION}"
OutFile "${OUTFILE}"

RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
; An existing install is upgraded in place: its folder becomes the default.
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
ShowInstDetails hide
ShowUninstDetails hide

VIProductVersion "${VERSION_QUAD}"
VIFileVersion "${VERSION_QUAD}"
VIAddVersionKey /LANG=0 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP_NAME} Setup"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "MIT licence"

;--------------------------------------------------------------------------
; Includes

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "nsDialogs.nsh"

;--------------------------------------------------------------------------
; Variables

Var Upgrade       ; 1 when an install was found in the registry
Var WantDesktop   ; 1 to create the desktop shortcut (default on)
Var PurgeData     ; uninstaller: 1 to delete the user's data
Var PurgeBox      ; uninstaller: the checkbox control

;--------------------------------------------------------------------------
; Interface

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_ABORTWARNING_TEXT "Stop setting up ${APP_NAME}? Nothing useful has been installed yet."
!define MUI_UNABORTWARNING

;--------------------------------------------------------------------------
; Installer pages

!define MUI_WELCOMEPAGE_TITLE "Set up ${APP_NAME} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "${APP_NAME} helps you cancel, reschedule or withdraw from job interviews without burning bridges.$\r$\n$\r$\nThis will put ${APP_NAME} on this computer for your Windows account only; you do not need administrator rights.$\r$\n$\r$\nIf ${APP_NAME} is open, please close it before you go on.$\r$\n$\r$\nClick Next to continue."
!insertmacro MUI_PAGE_WELCOME

!define MUI_LICENSEPAGE_TEXT_TOP "${APP_NAME} is free software under the MIT licence."
!define MUI_LICENSEPAGE_TEXT_BOTTOM "Click I Agree if you accept these terms."
!insertmacro MUI_PAGE_LICENSE "${LICENSE}"

!define MUI_PAGE_CUSTOMFUNCTION_PRE DirectoryPre
!define MUI_DIRECTORYPAGE_TEXT_TOP "${APP_NAME} will be installed in the folder below. To use a different folder, click Browse and pick another one."
!insertmacro MUI_PAGE_DIRECTORY

!insertmacro MUI_PAGE_INSTFILES

!define MUI_FINISHPAGE_TITLE "${APP_NAME} is ready"
!define MUI_FINISHPAGE_TEXT "${APP_NAME} ${VERSION} is installed. You can open it from the Start menu at any time.$\r$\n$\r$\nClick Finish to close this window."
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Run ${APP_NAME}"
; The second checkbox of the finish page (meant for a readme) is used for
; the desktop shortcut instead.
!define MUI_FINISHPAGE_SHOWREADME ""
!define MUI_FINISHPAGE_SHOWREADME_TEXT "Put a shortcut on my desktop"
!define MUI_FINISHPAGE_SHOWREADME_FUNCTION CreateDesktopShortcut
!define MUI_PAGE_CUSTOMFUNCTION_SHOW FinishShow
!define MUI_FINISHPAGE_NOREBOOTSUPPORT
!insertmacro MUI_PAGE_FINISH

;--------------------------------------------------------------------------
; Uninstaller pages

!define MUI_UNCONFIRMPAGE_TEXT_TOP "${APP_NAME} will be removed from the folder below."
!insertmacro MUI_UNPAGE_CONFIRM
UninstPage custom un.DataPageCreate un.DataPageLeave
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"

;--------------------------------------------------------------------------
; Helpers

; Copy one file into $INSTDIR. If it cannot be written (usually because
; Bridgekeeper is still running), ask to retry or cancel; a silent install
; cancels.
!macro InstallFile SRC DEST
  SetOverwrite try
  ${Do}
    ClearErrors
    File "/oname=${DEST}" "${SRC}"
    ${IfNot} ${Errors}
      ${Break}
    ${EndIf}
    ${IfNot} ${Cmd} `MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "Could not replace $INSTDIR\${DEST}.$\r$\n$\r$\nIf ${APP_NAME} is running, close it, then click Retry." /SD IDCANCEL IDRETRY`
      DetailPrint "Could not write $INSTDIR\${DEST}; setup cancelled."
      SetErrorLevel 2
      Abort "Setup was cancelled because ${DEST} could not be replaced."
    ${EndIf}
  ${Loop}
  SetOverwrite on
!macroend

; Delete one file, asking to retry or cancel if it is locked. A silent
; uninstall cancels.
!macro un.DeleteFile FILE
  ${Do}
    ClearErrors
    Delete "${FILE}"
    ${IfNot} ${Errors}
      ${Break}
    ${EndIf}
    ${IfNot} ${Cmd} `MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "Could not remove ${FILE}.$\r$\n$\r$\nIf ${APP_NAME} is running, close it, then click Retry." /SD IDCANCEL IDRETRY`
      DetailPrint "Could not remove ${FILE}; uninstall cancelled."
      SetErrorLevel 2
      Abort "Uninstall was cancelled because ${FILE} is in use."
    ${EndIf}
  ${Loop}
!macroend

;--------------------------------------------------------------------------
; Installer

Function .onInit
  StrCpy $Upgrade 0
  StrCpy $WantDesktop 1
  ClearErrors
  ReadRegStr $0 HKCU "${UNINST_KEY}" "InstallLocation"
  ${IfNot} ${Errors}
  ${AndIf} $0 != ""
    StrCpy $Upgrade 1
    ; Keep the user's earlier choice: no desktop shortcut last time, none now.
    ${IfNot} ${FileExists} "$DESKTOP\${APP_NAME}.lnk"
      StrCpy $WantDesktop 0
    ${EndIf}
  ${EndIf}
  ; Silent installs take /NODESKTOP to skip the desktop shortcut.
  ${GetParameters} $1
  ClearErrors
  ${GetOptions} $1 "/NODESKTOP" $2
  ${IfNot} ${Errors}
    StrCpy $WantDesktop 0
  ${EndIf}
FunctionEnd

Function DirectoryPre
  ; Upgrades go into the existing folder; no need to ask again.
  ${If} $Upgrade = 1
    Abort
  ${EndIf}
FunctionEnd

Function FinishShow
  ${If} $WantDesktop = 1
    SendMessage $mui.FinishPage.ShowReadme ${BM_SETCHECK} ${BST_CHECKED} 0
  ${Else}
    SendMessage $mui.FinishPage.ShowReadme ${BM_SETCHECK} ${BST_UNCHECKED} 0
  ${EndIf}
FunctionEnd

Function CreateDesktopShortcut
  SetOutPath "$INSTDIR"
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
FunctionEnd

Section "-Install"
  SetShellVarContext current
  SetOutPath "$INSTDIR"

  !insertmacro InstallFile "${EXE}" "${APP_EXE}"
  !insertmacro InstallFile "${ICON}" "${APP_ICO}"

  WriteUninstaller "$INSTDIR\${UNINST_EXE}"

  ; Shortcuts start in the install folder.
  SetOutPath "$INSTDIR"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
  ; Without a finish page (silent install) the checkbox never shows, so
  ; create the desktop shortcut here.
  ${If} ${Silent}
  ${AndIf} $WantDesktop = 1
    Call CreateDesktopShortcut
  ${EndIf}

  ; Apps & features
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${APP_ICO}"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\${UNINST_EXE}"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINST_EXE}" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

;--------------------------------------------------------------------------
; Uninstaller

Function un.onInit
  StrCpy $PurgeData 0
  ; /PURGE: also delete the user's data (needed to do so in a silent run;
  ; in an interactive run it just ticks the box in advance).
  ${un.GetParameters} $0
  ClearErrors
  ${un.GetOptions} $0 "/PURGE" $1
  ${IfNot} ${Errors}
    StrCpy $PurgeData 1
  ${EndIf}
FunctionEnd

Function un.DataPageCreate
  SetShellVarContext current
  !insertmacro MUI_HEADER_TEXT "Your data" "Choose whether to keep your interviews and settings."
  nsDialogs::Create 1018
  Pop $0
  ${If} $0 == error
    Abort
  ${EndIf}
  ${NSD_CreateLabel} 0 0 100% 60u "Your interviews, settings and backups are kept in:$\r$\n${DATA_DIR}$\r$\n$\r$\nThey are left in place, so if you install ${APP_NAME} again you carry on where you stopped. Tick the box to delete them too. This cannot be undone."
  Pop $0
  ${NSD_CreateCheckbox} 0 70u 100% 12u "Also remove my interviews and settings"
  Pop $PurgeBox
  ${If} $PurgeData = 1
    ${NSD_Check} $PurgeBox
  ${EndIf}
  nsDialogs::Show
FunctionEnd

Function un.DataPageLeave
  ${NSD_GetState} $PurgeBox $0
  ${If} $0 = ${BST_CHECKED}
    StrCpy $PurgeData 1
  ${Else}
    StrCpy $PurgeData 0
  ${EndIf}
FunctionEnd

Section "Uninstall"
  SetShellVarContext current

  ; The program first: if it is running this is where we find out, before
  ; anything else has gone.
  !insertmacro un.DeleteFile "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\${APP_ICO}"
  Delete "$INSTDIR\${UNINST_EXE}"
  ; Only removes the folder if nothing else is in it: never delete files we
  ; did not put there.
  RMDir "$INSTDIR"

  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"

  DeleteRegKey HKCU "${UNINST_KEY}"

  ${If} $PurgeData = 1
    DetailPrint "Removing your interviews and settings..."
    RMDir /r "${DATA_DIR}"
    ; The shared fyne folder goes only if no other app uses it.
    RMDir "$APPDATA\fyne"
  ${EndIf}
SectionEnd
