; Chorus Pro Echanges: the custom steps of electron-builder's NSIS installer (electron-builder.yml,
; nsis.include). NOT VERIFIED on Windows: no Windows in this project's CI;
; scripts/installer-config.test.ts checks this text only.
;
; Installed "pour tous les utilisateurs" (elevated), the installer creates the machine folder
; %ProgramData%\Chorus Pro Echanges, where an administrator, a GPO or a script drops the machine
; profile (profile.json) and the fleet pointer (fleet.json). The app follows them only when no
; standard user could have written them (main/profiles/machine-profile-trust.ts), and a folder
; that keeps what it inherits from %ProgramData% fails that check (Users may create files there,
; and CREATOR OWNER gets full control of what they create). So the folder is owned by
; Administrators, its inheritance cut, and only SYSTEM and Administrators may change it; Users read.
;
; - By SID, never by name: the groups' names are translated (BUILTIN\Utilisateurs on a French
;   Windows). S-1-5-18 SYSTEM, S-1-5-32-544 Administrators, S-1-5-32-545 Users.
; - icacls by its full path: an icacls.exe planted beside the installer or on the PATH never runs
;   elevated. The installer is a 32-bit process: Windows maps System32 to SysWOW64 for it, whose
;   icacls.exe is the same tool.
; - A folder that already exists (made by hand, or by a standard user before the installation, who
;   would then own it) is taken back: owner Administrators, every explicit entry removed (/reset),
;   in it and everything it holds, before the three entries are set.
; - A per-user installation cannot write there: nothing is done; the deployment guide gives the
;   same icacls lines for the MSI, a GPO or a script (« Le dossier de la machine »).
; - The uninstaller leaves the folder: an upgrade runs the previous version's uninstaller, and
;   what the administrator dropped there must survive it.

!define CHORUS_MACHINE_FOLDER_NAME "Chorus Pro Echanges"
!define CHORUS_ICACLS "$WINDIR\System32\icacls.exe"

; One icacls call on the machine folder ($R0); $R2 becomes "1" when one fails.
!macro chorusMachineFolderIcacls ARGUMENTS
  nsExec::ExecToLog '"${CHORUS_ICACLS}" "$R0" ${ARGUMENTS}'
  Pop $R1
  ${if} $R1 != "0"
    StrCpy $R2 "1"
  ${endIf}
!macroend

!macro customInstall
  ${if} $installMode == "all"
    Push $R0
    Push $R1
    Push $R2
    ; Where the app looks (main/profiles/machine-profile.ts, main/fleet/machine-pointer-path.ts).
    ReadEnvStr $R0 PROGRAMDATA
    ${if} $R0 == ""
      StrCpy $R0 "C:\ProgramData"
    ${endIf}
    StrCpy $R0 "$R0\${CHORUS_MACHINE_FOLDER_NAME}"
    StrCpy $R2 "0"
    CreateDirectory "$R0"
    !insertmacro chorusMachineFolderIcacls "/setowner *S-1-5-32-544 /T /C /Q"
    !insertmacro chorusMachineFolderIcacls "/reset /T /C /Q"
    !insertmacro chorusMachineFolderIcacls "/inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX /Q"
    ${if} $R2 == "1"
      MessageBox MB_OK|MB_ICONEXCLAMATION "Les droits du dossier $R0 n'ont pas pu être réservés aux administrateurs : un profil de machine ou un pointeur de parc déposé là serait refusé par l'application. Appliquez les commandes icacls du guide de déploiement (« Le dossier de la machine »)." /SD IDOK
    ${endIf}
    Pop $R2
    Pop $R1
    Pop $R0
  ${endIf}
!macroend

; Chorus Pro Echanges : ajouts à l'installateur NSIS d'electron-builder (nsis.include).
;
; À la désinstallation, l'application retire la vérification quotidienne de l'utilisateur qui
; désinstalle, par sa propre ligne de commande (« --cli schedule remove ») : le nom de la tâche
; n'est écrit qu'à un endroit, dans l'application (main/schedule/). Pas lors d'une mise à jour,
; qui passe aussi par le désinstallateur de l'ancienne version : la tâche doit rester.
; customUnInstall s'exécute avant la suppression des fichiers : l'exécutable est encore là.
; Les mots de passe et les paramètres restent (comme %APPDATA% par défaut) : pour les effacer,
; « chorus-pro-echanges.cmd forget --all --confirm » avant de désinstaller (guide de déploiement).
!macro customUnInstall
  ${ifNot} ${isUpdated}
    DetailPrint "Retrait de la vérification quotidienne de cet utilisateur"
    ExecWait '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" --cli schedule remove' $0
    DetailPrint "Code de sortie : $0"
  ${endIf}
!macroend
