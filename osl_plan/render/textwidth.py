"""How wide text is set in the table's font, to choose column widths that fit their words.

Advance widths in thousandths of an em, taken from DejaVu Sans: the widest of the fonts the
documents end up in (Arial, or Liberation Sans / DejaVu Sans where LibreOffice substitutes it), so a
word that fits here fits everywhere. Characters not in the table count as the widest letter.
"""

from __future__ import annotations

_CHARS = (
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
    "abcdefghijklmnopqrstuvwxyz{|}~ąćęłńóśźżĄĆĘŁŃÓŚŹŻ„”“–—…’"
)
_REGULAR = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770,
    632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989,
    685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278,
    579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636,
    838, 613, 550, 615, 284, 634, 612, 521, 525, 525, 684, 698, 632, 562, 748, 787, 635, 685, 685,
    518, 518, 518, 500, 1000, 1000, 318,
)  # fmt: skip
_BOLD = (
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734,
    830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774,
    1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712,
    343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582,
    712, 365, 712, 838, 675, 593, 678, 371, 712, 687, 595, 582, 582, 774, 734, 683, 642, 837, 850,
    720, 725, 725, 657, 657, 657, 500, 1000, 1000, 380,
)  # fmt: skip
_WIDTHS = {
    False: dict(zip(_CHARS, _REGULAR, strict=True)),
    True: dict(zip(_CHARS, _BOLD, strict=True)),
}
_WIDTHS[False]["\u00a0"] = _WIDTHS[False][" "]
_WIDTHS[True]["\u00a0"] = _WIDTHS[True][" "]
_UNKNOWN = 1000


def text_points(text: str, size: float, *, bold: bool = False) -> float:
    """The width of ``text`` on one line, in points, at ``size`` points."""
    table = _WIDTHS[bold]
    return sum(table.get(c, _UNKNOWN) for c in text) * size / 1000
