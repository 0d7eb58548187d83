"""A blank plan for a year to start from (``osl-plan new 2027 --pusty``).

Every field of the plan format is in it: filled in where a plan has it every year (the year, the
title, the FERS strip, the signatures, one task to copy), or commented out with a Polish word on
what it holds. The text is valid as written (a test loads it). It is a plan file, so it is Polish
like the plan format itself, whatever the language of the messages.
"""

from __future__ import annotations

from osl_plan.errors import UsageError
from osl_plan.i18n import _

_BLANK = """\
# Plan organizowania społeczności lokalnej na {year} r.: pusty plan do wypełnienia.
#
# Wiersz zaczynający się od „#” to komentarz: osl-plan go pomija. Aby włączyć pole zapisane
# w komentarzu, usuń „# ” na początku jego wierszy (zostaw wcięcie). Wcięcia rób spacjami,
# nie klawiszem Tab. Po każdej zmianie sprawdź plan: osl-plan validate {file}
# Opis wszystkich pól: docs/format.md; przewodnik: docs/przewodnik.md.

rok: {year}
tytul: Plan organizowania społeczności lokalnej
# jednostka: Centrum Usług Społecznych w …
# gmina: Gmina …

# Wiersz u góry pierwszej strony (numer i data zarządzenia dyrektora):
# zalacznik: Załącznik nr 1 do Zarządzenia nr …/{year} Dyrektora CUS w … z dnia … {year} r.

# Logo jednostki na pierwszej stronie (plik PNG albo JPEG obok pliku planu); wystarczy też
# sama nazwa pliku: „logo: logo_cus.png”.
# logo:
#   obraz: logo_cus.png
#   opis: Logo Centrum Usług Społecznych

# Wstęp: akapity oddziela pusty wiersz.
# wstep: |
#   Podstawą pracy organizowania społeczności lokalnej będzie rozeznanie środowiska.
#
#   Drugi akapit wstępu.

# Dodatkowe rozdziały po wstępie (cele, metody pracy, partnerzy, oczekiwane rezultaty …):
# sekcje:
#   - tytul: Metody pracy
#     tresc: |
#       Treść rozdziału: akapity, listy („- ” na początku wiersza), **pogrubienie**, *kursywa*.

# Cel główny i cele szczegółowe; zadanie wskazuje swój cel kluczem „cel” (id albo numer celu):
# cele:
#   glowny: Aktywizacja mieszkańców gminy
#   szczegolowe:
#     - id: wspolpraca
#       tresc: Wzmocnienie współpracy z organizacjami pozarządowymi

# Kolumny tabeli zadań; domyślnie ZADANIE, ADRESACI, TERMINY PLANOWANYCH DZIAŁAŃ i każde inne
# pole, które wypełnia któreś zadanie. Własne nagłówki: {{pole: …, naglowek: …}}.
# kolumny:
#   - lp
#   - zadanie
#   - adresaci
#   - termin
#   - pole: miejsce
#     naglowek: MIEJSCE

zadania:
  - zadanie: Spotkania organizacyjne ze społecznością lokalną
    # Nieobowiązkowy identyfikator (małe litery, cyfry, „-”): ułatwia porównanie planów.
    # id: spotkania-solectwa
    # Numer w kolumnie „Lp.”; bez niego zadania są numerowane po kolei:
    # lp: "1."
    # Punkty wypisane pod zadaniem:
    # dzialania:
    #   - Spotkanie z sołtysami
    #   - Spotkanie z radą seniorów
    adresaci: Mieszkańcy gminy
    termin: styczeń – grudzień {year}
    # Inne terminy: „marzec {year}”, „I kwartał {year}”, „II półrocze {year}”, „cały rok {year}”.
    # Pola nieobowiązkowe (jeśli je wpiszesz, mogą stać się kolumnami tabeli):
    # cel: wspolpraca
    # miejsce: Świetlica wiejska
    # partnerzy: Koło Gospodyń Wiejskich
    # realizatorzy: Organizator społeczności lokalnej
    # odpowiedzialny: Organizator społeczności lokalnej
    # rezultaty: 10 spotkań, 150 uczestników
    # koszt: 2 000 zł
    # zrodlo_finansowania: budżet gminy
    # Co zrobiono (wpisujesz w ciągu roku; z tego powstaje sprawozdanie, osl-plan report):
    # realizacja:
    #   status: w trakcie          # zrealizowane, częściowo, niezrealizowane, w trakcie
    #   powod: …                   # wymagany przy statusie „częściowo” i „niezrealizowane”
    #   wydarzenia:
    #     - data: 15 marca {year}
    #       miejsce: Świetlica wiejska
    #       uczestnicy: 25
    #       opis: Spotkanie z sołtysami
    #       partnerzy: Rada sołecka
    #   partnerzy: Koło Gospodyń Wiejskich
    #   rezultaty: "liczba uczestników: 25"
    #   uwagi: …

# Pasek znaków funduszy UE u dołu każdej strony. Gotowe wzory: fers-2021-2027 (Fundusze
# Europejskie dla Rozwoju Społecznego), fem-2021-2027, power-2014-2020; none – bez paska.
# Do druku oficjalnego paska dodaj jego plik (PNG albo JPEG obok pliku planu) jako „obraz”;
# bez niego osl-plan składa pasek z tekstów znaków.
finansowanie:
  wzor: fers-2021-2027
  # obraz: pasek_fers.png
  # Własny pasek zamiast gotowego wzoru: teksty znaków od lewej do prawej.
  # znaki:
  #   - Fundusze Europejskie dla Rozwoju Społecznego
  #   - Rzeczpospolita Polska
  #   - Dofinansowane przez Unię Europejską
  # kolor: false               # pasek jednobarwny, bez znaku „Rzeczpospolita Polska”

# Podpisy pod planem. Etykieta: Opracował / Opracowała / Opracowanie, Zatwierdził /
# Zatwierdziła / Zatwierdzenie. Bez osoby i daty zostaje wykropkowane miejsce.
podpisy:
  opracowal:
    etykieta: Opracował
    # osoba: Imię Nazwisko
    # stanowisko: Organizator społeczności lokalnej
    # data: 5 stycznia {year}
  zatwierdzil:
    etykieta: Zatwierdził
    # osoba: Imię Nazwisko
    # stanowisko: Dyrektor CUS
    # data: 10 stycznia {year}

# Listy obecności (osl-plan lista): klauzula informacyjna RODO u dołu każdej listy,
# w brzmieniu przyjętym przez inspektora ochrony danych.
# lista:
#   klauzula: |
#     Administratorem danych osobowych jest …
"""


def blank_plan(year: int, file: str) -> str:
    """The blank plan for ``year``; ``file`` is named in its „validate” line. Raises UsageError."""
    if not 2000 <= year <= 2100:
        raise UsageError(
            _("the year {year} is out of range — give a year from 2000 to 2100").format(year=year)
        )
    return _BLANK.format(year=year, file=file)
