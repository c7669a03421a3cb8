"""The Porter stemmer of every English term, in the CLI's index and in the site's (Whoosh's
regex version, ported; tests/test_search.py checks it against Whoosh's on every word of the
corpus).

The site's search stems query words in the reader's browser, so the algorithm also exists in
docs/assets/javascripts/tipkb-search.js; tests/test_site_search.py checks that both give the
same terms for every word of the corpus. Whoosh's quirks are kept on purpose (two of its
patterns are anchored at both ends, so "-at"/"-bl"/"-iz" and doubled consonants are only
handled for two-letter stems).
"""

from __future__ import annotations

import re
from functools import lru_cache

_STEP2 = {
    "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize",
    "bli": "ble", "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize",
    "ation": "ate", "ator": "ate", "alism": "al", "iveness": "ive", "fulness": "ful",
    "ousness": "ous", "aliti": "al", "iviti": "ive", "biliti": "ble", "logi": "log",
}
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "",
          "ness": ""}

_C = "[^aeiouy]+"
_V = "[aeiou]+"
_MGR0 = re.compile(f"^({_C})?{_V}{_C}")
_MEQ1 = re.compile(f"^({_C})?{_V}{_C}({_V})?$")
_MGR1 = re.compile(f"^({_C})?{_V}{_C}{_V}{_C}")
_S_V = re.compile(f"^({_C})?[aeiouy]")
_C_V = re.compile(f"^{_C}[aeiouy][^aeiouwxy]$")
_ED_ING = re.compile("^(.*)(ed|ing)$")
_AT_BL_IZ = re.compile("^(at|bl|iz)$")
_DOUBLE = re.compile("^([^aeiouylsz])\\1$")
_S2 = re.compile("^(.+?)(" + "|".join(_STEP2) + ")$")
_S3 = re.compile("^(.+?)(" + "|".join(_STEP3) + ")$")
_S4 = re.compile("^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous"
                 "|ive|ize)$")
_S4_ION = re.compile("^(.+?)(s|t)(ion)$")
_S5 = re.compile("^(.+?)e$")


@lru_cache(maxsize=100_000)
def stem(w: str) -> str:
    """'fundamentally' -> 'fundament'; words under three letters are left alone."""
    if len(w) < 3:
        return w
    first_y = w[0] == "y"
    if first_y:
        w = "Y" + w[1:]
    if w.endswith("s"):  # step 1a
        if w.endswith(("sses", "ies")):
            w = w[:-2]
        elif w[-2] != "s":
            w = w[:-1]
    if w.endswith("eed"):  # step 1b
        if _MGR0.match(w[:-3]):
            w = w[:-1]
    elif m := _ED_ING.match(w):
        base = m.group(1)
        if _S_V.match(base):
            w = base
            if _AT_BL_IZ.match(w):
                w += "e"
            elif _DOUBLE.match(w):
                w = w[:-1]
            elif _C_V.match(w):
                w += "e"
    if w.endswith("y") and _S_V.match(w[:-1]):  # step 1c
        w = w[:-1] + "i"
    if (m := _S2.match(w)) and _MGR0.match(m.group(1)):
        w = m.group(1) + _STEP2[m.group(2)]
    if (m := _S3.match(w)) and _MGR0.match(m.group(1)):
        w = m.group(1) + _STEP3[m.group(2)]
    if m := _S4.match(w):
        if _MGR1.match(m.group(1)):
            w = m.group(1)
    elif (m := _S4_ION.match(w)) and _MGR1.match(m.group(1) + m.group(2)):
        w = m.group(1) + m.group(2)
    if m := _S5.match(w):
        base = m.group(1)
        if _MGR1.match(base) or (_MEQ1.match(base) and not _C_V.match(base)):
            w = base
    if w.endswith("ll") and _MGR1.match(w):
        w = w[:-1]
    if first_y:
        w = "y" + w[1:]
    return w
