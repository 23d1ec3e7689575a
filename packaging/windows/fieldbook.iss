; Inno Setup 6 script: Fieldbook's Windows installer (per user, no administrator rights needed).
;
; Built by `python build.py --package` on Windows, which runs:
;   iscc /DAppVersion=<version from pyproject.toml> /DSourceDir=<dist\fieldbook> /O<dist> fieldbook.iss
; Output: dist\Fieldbook-<version>-setup.exe
;
; Silent roll-out by IT (per user, e.g. from a logon script):
;   Fieldbook-<version>-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
; Uninstall: Settings > Apps, or "{userappdata}\..\Local\Programs\Fieldbook\unins000.exe /VERYSILENT".

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=1.2.3 ...
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\fieldbook"
#endif

#define AppName "Fieldbook"
#define AppExe "fieldbook.exe"
#define Publisher "Fieldbook"

[Setup]
; A fixed AppId ties upgrades and the uninstaller to the same entry: never change it.
AppId={{6F1C2E4B-8D0A-4B7E-9C3F-2A5D7E9B1F40}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#Publisher}
VersionInfoVersion={#AppVersion}
; Per-user install: no UAC prompt, files under %LOCALAPPDATA%\Programs\Fieldbook.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\fieldbook.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Close a running Fieldbook before replacing its files.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole PyInstaller folder; files left over from an older version are removed first.
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{group}\{#AppName} demo"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; The rep's book of business (%LOCALAPPDATA%\Fieldbook) and the saved sign-in (Windows
; Credential Manager) are deliberately kept on uninstall: unsynced changes must never be lost.
