# Instaluje osl-plan @VERSION@ z tego pakietu: bez internetu i bez uprawnień administratora.
# Uruchom dwuklikiem zainstaluj.bat (ponowne uruchomienie z nowszego pakietu to aktualizacja).
# No 'Stop': Windows PowerShell 5 would stop at anything a program (py, pip) writes to stderr;
# every step's result is checked by its exit code instead.
$Here = Split-Path -Parent $MyInvocation.MyCommand.Path
$Requirement = '@REQUIREMENT@'
$Data = Join-Path $env:LOCALAPPDATA 'osl-plan'
$Venv = Join-Path $Data 'venv'
$Old = Join-Path $Data 'venv.stare'

# Tylko pliki z pakietu: żadne ustawienia pip tego komputera nie kierują go do internetu.
Get-ChildItem Env: | Where-Object { $_.Name -like 'PIP_*' } | ForEach-Object { Remove-Item "Env:$($_.Name)" }
$env:PIP_CONFIG_FILE = 'nul'  # os.devnull on Windows, as pip compares it
$env:PIP_NO_INPUT = '1'
$env:PIP_DISABLE_PIP_VERSION_CHECK = '1'

function Find-Python {
    $check = 'import sys, venv; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))'
    foreach ($version in @('3.13', '3.12', '3.11')) {
        if (Get-Command py -ErrorAction SilentlyContinue) {
            & py "-$version" -c $check 2>$null
            if ($LASTEXITCODE -eq 0) { return @('py', "-$version") }
        }
    }
    foreach ($name in @('python', 'python3')) {
        $command = Get-Command $name -ErrorAction SilentlyContinue
        # The Microsoft Store's stand-in (WindowsApps) only opens the Store: not a Python.
        if ($command -and $command.Source -notlike '*WindowsApps*') {
            & $command.Source -c $check 2>$null
            if ($LASTEXITCODE -eq 0) { return @($command.Source) }
        }
    }
    # Nothing found: no output at all, so that @(Find-Python) is empty.
}

# @(...): the command as an array of words, also when it is one word (a path to python.exe).
$python = @(Find-Python)
if ($python.Count -eq 0) {
    Write-Host 'Nie znaleziono Pythona 3.11, 3.12 ani 3.13, a osl-plan go potrzebuje.'
    Write-Host 'Pobierz instalator „Windows installer (64-bit)” wersji 3.13 (albo 3.12, 3.11) ze strony'
    Write-Host '  https://www.python.org/downloads/windows/'
    Write-Host 'uruchom go (uprawnienia administratora nie są potrzebne), a potem ten instalator ponownie.'
    exit 1
}
$pyExe = $python[0]
$pyArgs = @($python | Select-Object -Skip 1)

New-Item -ItemType Directory -Force -Path $Data | Out-Null
if (Test-Path $Old) { Remove-Item -Recurse -Force $Old }
if (Test-Path $Venv) {
    try {
        Move-Item $Venv $Old -ErrorAction Stop
    } catch {
        Write-Host 'Nie można podmienić programu: zamknij okna, w których działa osl-plan (także edytor), i uruchom instalator ponownie.'
        exit 1
    }
}
Write-Host "Instaluję osl-plan @VERSION@…"
$ok = $false
& $pyExe @pyArgs -m venv $Venv
if ($LASTEXITCODE -eq 0) {
    & (Join-Path $Venv 'Scripts\python.exe') -m pip install --quiet --no-index --find-links (Join-Path $Here 'wheels') $Requirement
    $ok = ($LASTEXITCODE -eq 0)
}
if (-not $ok) {
    if (Test-Path $Venv) { Remove-Item -Recurse -Force $Venv }
    if (Test-Path $Old) { Move-Item $Old $Venv }
    Write-Host 'Instalacja się nie udała (komunikat powyżej); poprzednia wersja, jeśli była, działa dalej.'
    exit 1
}
if (Test-Path $Old) { Remove-Item -Recurse -Force $Old }
& (Join-Path $Venv 'Scripts\python.exe') -m osl_plan.installation zainstaluj --pakiet $Here
exit $LASTEXITCODE
