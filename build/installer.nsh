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
