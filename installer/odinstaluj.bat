@echo off
rem Usuwa osl-plan; plany w folderze "Plany OSL" zostaja.
powershell -NoProfile -ExecutionPolicy Bypass -File "%~dp0odinstaluj.ps1"
pause
