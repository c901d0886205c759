"""The search benchmark's query set, drawn from the corpus itself (run inside Django).

- the 25 commonest words and the 25 commonest pairs of adjacent words, by the number of
  articles that hold them;
- 20 rare words: held by one to three articles;
- 10 document numbers cited in articles (``125/KH-TV01``);
- 20 of the above typed without diacritics, as many readers type on a phone.

Printed as JSON: a list of [kind, query].
"""

import json
import random
import re
from collections import Counter

from django.db import connection

from govcms.text import transliterate

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
NUMBER = re.compile(r"\b\d+/[A-ZĐ]+-[A-Z0-9Đ]+\b")
SAMPLE = 20_000


def draw(seed=15):
    rng = random.Random(seed)
    words, pairs, numbers = Counter(), Counter(), []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT title_text || ' ' || body_text FROM wagtailsearch_indexentry"
            " ORDER BY md5(id::text) LIMIT %s",
            [SAMPLE],
        )
        for (text,) in cursor.fetchall():
            tokens = [token.lower() for token in WORD.findall(text)]
            words.update(set(tokens))
            pairs.update({f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)})
            numbers.extend(NUMBER.findall(text))
    common_words = [word for word, _n in words.most_common(25)]
    common_pairs = [pair for pair, _n in pairs.most_common(25)]
    rare = sorted(word for word, n in words.items() if n <= 3 and len(word) > 3)
    rare = rng.sample(rare, min(20, len(rare)))
    numbers = rng.sample(sorted(set(numbers)), min(10, len(set(numbers))))
    marked = [
        query for query in common_words + common_pairs + rare if transliterate(query) != query
    ]
    folded = [transliterate(query) for query in rng.sample(marked, min(20, len(marked)))]
    return (
        [["common word", q] for q in common_words]
        + [["common pair", q] for q in common_pairs]
        + [["rare word", q] for q in rare]
        + [["document number", q] for q in numbers]
        + [["without diacritics", q] for q in folded]
    )


print(json.dumps(draw(), ensure_ascii=False))  # read by bench/run.py
