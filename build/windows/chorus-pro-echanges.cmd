@echo off
rem Chorus Pro Echanges, ligne de commande : lance l executable installe a cote de ce fichier avec
rem --cli, attend sa fin (un fichier de commandes attend un programme Windows) et rend son code de
rem sortie : 0 succes, 1 echec de l operation, 2 usage incorrect.
setlocal
"%~dp0Chorus Pro Echanges.exe" --cli %*
exit /b %ERRORLEVEL%
