"""Letter-by-letter writing across the words of a phrase: spaces, dots, dashes and zero-width characters."""

import pytest

CHARTER = {"confidential_terms": ["internal only", "projet Zéphyr", "ne pas diffuser"],
           "banned_terms": ["plan social"], "review_terms": ["due diligence"]}

CASES = [
    # (text, rule, excerpt)
    ("i n t e r n a l   o n l y", "confidential", "i n t e r n a l   o n l y"),
    ("doc: i n t e r n a l  o n l y, thanks", "confidential", "i n t e r n a l  o n l y"),
    ("I N T E R N A L   O N L Y", "confidential", "I N T E R N A L   O N L Y"),
    ("i.n.t.e.r.n.a.l o.n.l.y", "confidential", "i.n.t.e.r.n.a.l o.n.l.y"),
    ("i-n-t-e-r-n-a-l o-n-l-y", "confidential", "i-n-t-e-r-n-a-l o-n-l-y"),
    ("i\u200bn\u200bt\u200be\u200br\u200bn\u200ba\u200bl o\u200bn\u200bl\u200by", "confidential",
     "i\u200bn\u200bt\u200be\u200br\u200bn\u200ba\u200bl o\u200bn\u200bl\u200by"),
    ("i n t e r n a l / o n l y", "confidential", "i n t e r n a l / o n l y"),
    ("p r o j e t   z é p h y r", "confidential", "p r o j e t   z é p h y r"),
    ("le p.r.o.j.e.t z.e.p.h.y.r avance", "confidential", "p.r.o.j.e.t z.e.p.h.y.r"),
    ("n e   p a s   d i f f u s e r", "confidential", "n e   p a s   d i f f u s e r"),
    ("un p l a n   s o c i a l", "banned_term", "p l a n   s o c i a l"),
    ("d u e   d i l i g e n c e", "review_term", "d u e   d i l i g e n c e"),
    ("c'est de la m e r d e", "profanity", "m e r d e"),
    ("f u c k   y o u", "profanity", "f u c k"),
]


@pytest.mark.parametrize(("text", "rule", "excerpt"), CASES)
def test_a_phrase_spelled_letter_by_letter_is_the_phrase(check, found, text, rule, excerpt):
    assert excerpt in found(check(text, CHARTER), rule)


CLEAN = [
    "A B C D : les quatre options",
    "les lettres a b c puis d e f",
    "Plan A, plan B et plan C",
    "i n t e r n e   o n l y",        # a different word spelled out
    "1 2 3 soleil",
    "s o c i a l   p l a n",         # the words in another order
]


@pytest.mark.parametrize("text", CLEAN)
def test_spelled_letters_that_make_no_listed_phrase_are_clean(check, text):
    assert [f.rule for f in check(text, CHARTER).findings] == []
