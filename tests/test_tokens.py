"""The search's raw tokens are found in two steps (CJK runs, then the tokens between them) so
that the CJK class is compiled once. They must be exactly what the one pattern they replace
found: the index written before the change is updated by the code after it, and the site's
search (docs/assets/javascripts/tipkb-search.js) still cuts text with that one pattern."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.search import textnorm

# The former pattern (textnorm.TOKEN_RE until 0.1.0), written out here as the reference.
_CJK = textnorm.CJK_CHARS
_W = rf"[^\W{_CJK}]"
ONE_PATTERN = re.compile(
    rf"(?P<cjk>[{_CJK}]+)"
    rf"|(?P<sym>[A-Za-z0-9](?:{_W}|\.)*(?:/(?:{_W}|[.()])*{_W}\)?)+)"
    rf"|(?P<word>{_W}+(?:['’.]{_W}+)*)"
)

# Characters where the two ways could part: both ends of each CJK range and just outside
# them, CJK punctuation, a CJK character outside the ranges (extension B), non-ASCII letters,
# digits of other scripts, and every character the pattern treats specially.
EDGES = list("aZz09_éß٣ .,/()'’-\n\t") + [
    "\u3400", "\u4dbf", "\u4dc0", "\u33ff", "\u4e00", "\u9fff", "\ua000", "\u4dff",
    "\uf900", "\ufaff", "\ufb00", "\uf8ff", "\u3000", "\u3001", "\uff0c", "\U00020000",
    "中", "文", "法",
]
TEXTS = st.text(alphabet=st.sampled_from(EDGES), max_size=40) | st.text(max_size=40)


@settings(max_examples=3000, deadline=None)
@given(TEXTS)
def test_token_groups_are_what_the_one_pattern_found(text):
    assert textnorm.token_groups(text) == ONE_PATTERN.findall(text)


@settings(max_examples=1000, deadline=None)
@given(TEXTS)
def test_token_spans_are_those_of_the_one_pattern(text):
    spans = [(kind, tok, start, end) for kind, tok, start, end in textnorm._raw_tokens(text)]
    assert spans == [(m.lastgroup, m.group(), m.start(), m.end())
                     for m in ONE_PATTERN.finditer(text)]


def test_mixed_text_cuts_at_every_run():
    text = "《联合国打击跨国有组织犯罪公约》(A/RES/55/25) e-mail U.S.中文C.29 and/or"
    groups = textnorm.token_groups(text)
    assert groups == ONE_PATTERN.findall(text)
    assert ("联合国打击跨国有组织犯罪公约", "", "") in groups
    assert ("", "A/RES/55/25)", "") in groups  # the closing bracket kept, as before
    assert ("中文", "", "") in groups and ("", "", "C.29") in groups  # cut at the run
    assert [t[1] for t in textnorm.tokens("and/or U.S. end.Next")] == \
        ["and", "or", "US", "end", "Next"]
