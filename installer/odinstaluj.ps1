# Usuwa osl-plan zainstalowany przez zainstaluj.ps1. Plany w folderze „Plany OSL” zostają.
# No 'Stop': Windows PowerShell 5 would stop at anything a program (py, pip) writes to stderr;
# every step's result is checked by its exit code instead.
$Data = Join-Path $env:LOCALAPPDATA 'osl-plan'
if (-not (Test-Path $Data)) {
    Write-Host "osl-plan nie jest zainstalowany (brak folderu $Data)."
    exit 0
}
$python = Join-Path $Data 'venv\Scripts\python.exe'
if (Test-Path $python) {
    & $python -m osl_plan.installation odinstaluj
    if ($LASTEXITCODE -ne 0) { exit 1 }
}
foreach ($name in @('venv', 'venv.stare')) {
    $folder = Join-Path $Data $name
    if (Test-Path $folder) { Remove-Item -Recurse -Force $folder }
}
if (-not (Get-ChildItem -Force $Data)) {
    Remove-Item -Force $Data
} else {
    Write-Host "W folderze $Data zostały pliki, których instalator nie utworzył; nie usunięto ich."
}
