; Inno Setup 6.3+ script (x64compatible needs 6.3): the Windows setup program of StudioDesk (影楼客怨处理台).
;
; Made by resources\packaging\build.py after PyInstaller has built dist\StudioDesk, or by hand:
;   ISCC /DAppVersion=0.1.0 /DSourceDir=..\..\dist\StudioDesk /O..\..\dist studiodesk.iss
;
; The studio's data is never in the program folder: the database, its attachments and the backups
; live in the user data folder (%LOCALAPPDATA%\StudioDesk, platformdirs' user_data_dir), or where
; the settings put the backups. The uninstaller removes only what this setup installed, so the data
; and the backups stay; installing a newer version over an older one replaces the program only, and
; the program migrates the database at its next start (it backs up first).

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=x.y.z (build.py takes it from studio_desk.__version__)
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\StudioDesk"
#endif

[Setup]
; The AppId stays the same for every version: a newer setup upgrades the installed program in place.
AppId={{6B0E3C52-8E2A-4F7B-9C1D-5A4E2F7B3D18}
AppName=影楼客怨处理台 StudioDesk
AppVersion={#AppVersion}
AppVerName=影楼客怨处理台 StudioDesk {#AppVersion}
AppPublisher=StudioDesk
DefaultDirName={autopf}\StudioDesk
DefaultGroupName=影楼客怨处理台
; A receptionist without administrator rights can install it for herself; an administrator can
; choose "for all users" in the first dialog.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputBaseFilename=StudioDesk-{#AppVersion}-setup
SetupIconFile=..\icon\studiodesk.ico
UninstallDisplayIcon={app}\StudioDesk.exe
UninstallDisplayName=影楼客怨处理台 StudioDesk
WizardStyle=modern
Compression=lzma2
SolidCompression=yes
; A running desk is asked to close before its files are replaced, and started again afterwards.
CloseApplications=yes
RestartApplications=no

[Languages]
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
en.DataKept=Your studio's data and backups were kept in %1. Delete that folder yourself only if you no longer need them.
en.LaunchProgram=Start StudioDesk now
en.CommandLine=StudioDesk command line
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
zh_CN.DataKept=影楼的数据和备份已保留在 %1。只有确定不再需要时，才请自行删除该文件夹。
zh_CN.LaunchProgram=立即启动影楼客怨处理台
zh_CN.CommandLine=影楼客怨处理台 命令行
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; The previous version's program files (PyInstaller's folder), never anything of the studio's data.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\影楼客怨处理台"; Filename: "{app}\StudioDesk.exe"; WorkingDir: "{app}"
Name: "{group}\{cm:CommandLine}"; Filename: "{cmd}"; Parameters: "/k ""{app}\studiodesk-cli.exe"" --help"; WorkingDir: "{userdocs}"
Name: "{group}\{cm:UninstallProgram,影楼客怨处理台}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\影楼客怨处理台"; Filename: "{app}\StudioDesk.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\StudioDesk.exe"; Description: "{cm:LaunchProgram}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] entry: the uninstaller must not touch %LOCALAPPDATA%\StudioDesk.

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  DataDir := ExpandConstant('{localappdata}\StudioDesk');
  if (CurUninstallStep = usPostUninstall) and DirExists(DataDir) and not UninstallSilent() then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [DataDir]), mbInformation, MB_OK);
end;
