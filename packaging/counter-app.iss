; Windows installer for the frozen one-folder bundle (Inno Setup 6.3 or newer: reads this UTF-8 file as is).
;
; Installs dist\counter-app\, the PyInstaller one-folder bundle that packaging/counter-app.spec builds:
; counter-app.exe (windowed: the windows, and the nightly sync without a console) and counter-app-cli.exe
; (console, for scripts). On a Windows PC (docs/packaging.md):
;   py tasks.py bundle                    builds dist\counter-app\ and build\installer-version.iss
;   iscc packaging\counter-app.iss        writes dist\counter-app-X.Y.Z-setup.exe
; The version is the [project] version of pyproject.toml, from build\installer-version.iss or from the
; command line (iscc /DAppVersion=X.Y.Z); tests/test_packaging.py checks that this script never carries
; a number of its own.
;
; Per machine (Program Files, admin rights); the data dir is each user's own (%LOCALAPPDATA%\counter-app,
; platformdirs) and is never touched by the uninstaller: citizens' dossiers outlive a reinstall.

#ifndef AppVersion
  #if FileExists(AddBackslash(SourcePath) + "..\build\installer-version.iss")
    #include "..\build\installer-version.iss"
  #endif
#endif
#ifndef AppVersion
  #error Build the bundle first (py tasks.py bundle) or pass the version of pyproject.toml: iscc /DAppVersion=X.Y.Z packaging\counter-app.iss
#endif

[Setup]
AppId={{5C7E2F1A-8B8E-4C58-9B0D-7A1C2F64E0B1}
AppName=Bộ phận Một cửa
AppVersion={#AppVersion}
AppPublisher=counter-app
DefaultDirName={autopf}\counter-app
DefaultGroupName=Bộ phận Một cửa
PrivilegesRequired=admin
; The bundle is 64-bit (built by a 64-bit Python).
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=counter-app-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\counter-app.exe
#if FileExists(AddBackslash(SourcePath) + "..\build\counter-app.ico")
SetupIconFile=..\build\counter-app.ico
#endif

[Languages]
; Inno Setup ships no Vietnamese.isl among its official translations: with the community translation
; copied into the compiler's Languages folder the wizard speaks Vietnamese, else English.
#if FileExists(CompilerPath + "Languages\Vietnamese.isl")
Name: "vi"; MessagesFile: "compiler:Languages\Vietnamese.isl"
#else
Name: "en"; MessagesFile: "compiler:Default.isl"
#endif

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
; The nightly sync as a scheduled task. 21:00 is the default of sync.time (counter_app/config.py;
; tests/test_packaging.py keeps them equal). It runs the windowed counter-app.exe: no console window
; opens over the clerk's screen at 21:00; the result goes to the data dir's logs and `outbox runs`.
; The task runs as the account that installed, with that account's data dir: install from the clerks'
; account, or set COUNTER_APP_HOME machine-wide to one data dir.
Filename: "schtasks.exe"; \
  Parameters: "/Create /F /TN ""counter-app sync"" /SC DAILY /ST 21:00 /TR ""\""{app}\counter-app.exe\"" sync"""; \
  Flags: runhidden; Tasks: nightlysync

[UninstallRun]
; Only what the installer made: the task and the program files. The data dir stays.
Filename: "schtasks.exe"; Parameters: "/Delete /F /TN ""counter-app sync"""; Flags: runhidden; RunOnceId: "DelSyncTask"
