; Windows installer for the frozen one-folder bundle (Inno Setup 6).
;
; Installs dist\counter-app\, the PyInstaller one-folder bundle holding counter-app.exe (windowed) and
; counter-app-cli.exe (console). Its spec (packaging/counter-app.spec) is not written yet: until it is,
; this script has nothing to package.
; Not built on Linux. On a Windows PC, after the bundle is built into dist\counter-app\:
;   iscc /DAppVersion=X.Y.Z packaging\counter-app.iss   (X.Y.Z: [project] version of pyproject.toml)
; The version must be the one of pyproject.toml ([project] version); tests/test_packaging.py checks
; that this script takes it from the command line and never carries a number of its own.
;
; Per machine (Program Files, admin rights); the data dir is each user's own (%LOCALAPPDATA%\counter-app,
; platformdirs) and is never touched by the uninstaller: citizens' dossiers outlive a reinstall.

#ifndef AppVersion
  #error Pass the version from pyproject.toml: iscc /DAppVersion=X.Y.Z packaging\counter-app.iss
#endif

[Setup]
AppId={{5C7E2F1A-8B8E-4C58-9B0D-7A1C2F64E0B1}
AppName=Bộ phận Một cửa
AppVersion={#AppVersion}
AppPublisher=counter-app
DefaultDirName={autopf}\counter-app
DefaultGroupName=Bộ phận Một cửa
PrivilegesRequired=admin
ArchitecturesInstallIn64BitMode=x64compatible
OutputBaseFilename=counter-app-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\counter-app.exe

[Languages]
Name: "vi"; MessagesFile: "compiler:Languages\Vietnamese.isl"

[Tasks]
Name: "startup"; Description: "Mở cửa sổ cán bộ khi đăng nhập Windows"; Flags: unchecked
Name: "nightlysync"; Description: "Đồng bộ với máy chủ thành phố mỗi đêm (21:00)"

[Files]
; The whole PyInstaller folder: both programs, Python, Qt plugins, fonts, catalog, sounds, migrations.
Source: "..\dist\counter-app\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; One program, four windows: the command picks the window (README, "The command line").
Name: "{group}\Bộ phận Một cửa"; Filename: "{app}\counter-app.exe"; Parameters: "gui"
Name: "{group}\Màn hình đánh giá"; Filename: "{app}\counter-app.exe"; Parameters: "rating"
Name: "{group}\Máy lấy số"; Filename: "{app}\counter-app.exe"; Parameters: "kiosk"
Name: "{group}\Bảng hiển thị"; Filename: "{app}\counter-app.exe"; Parameters: "display"
Name: "{group}\Gỡ cài đặt"; Filename: "{uninstallexe}"
Name: "{commonstartup}\Bộ phận Một cửa"; Filename: "{app}\counter-app.exe"; Parameters: "gui"; Tasks: startup

[Run]
; The nightly sync as a scheduled task, console program, no window. 21:00 is the default of sync.time
; (counter_app/config.py; tests/test_packaging.py keeps them equal). The task runs as the account
; that installed, with that account's data dir: install from the clerks' account, or set
; COUNTER_APP_HOME machine-wide to one data dir.
Filename: "schtasks.exe"; \
  Parameters: "/Create /F /TN ""counter-app sync"" /SC DAILY /ST 21:00 /TR ""\""{app}\counter-app-cli.exe\"" sync"""; \
  Flags: runhidden; Tasks: nightlysync

[UninstallRun]
; Only what the installer made: the task and the program files. The data dir stays.
Filename: "schtasks.exe"; Parameters: "/Delete /F /TN ""counter-app sync"""; Flags: runhidden; RunOnceId: "DelSyncTask"
