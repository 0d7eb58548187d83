@echo off
rem Instaluje osl-plan z tego pakietu (bez internetu, bez uprawnien administratora).
rem Uruchamia zainstaluj.ps1 z tego samego folderu; okno zostaje otwarte, by dalo sie przeczytac wynik.
powershell -NoProfile -ExecutionPolicy Bypass -File "%~dp0zainstaluj.ps1"
pause
