"""What readers type into the look-up field, and the entry they mean.

Each row: the query, the entry that must be found, and how high it must rank (1 = first).
Varied on purpose: people, places, events, concepts, French and Russian forms, Cyrillic,
partial words, and typos.
"""

import pytest

from serge_reader.search import search

QUERIES = [
    # signature terms
    ("okhrana", "okhrana", 1),
    ("POUM", "poum", 1),
    ("nep", "nep", 1),
    ("New Economic Policy", "nep", 1),
    ("left opp", "left-opposition", 1),
    ("Partido Obrero", "poum", 1),
    # typos and near misses
    ("Okrana", "okhrana", 1),
    ("Okrhana", "okhrana", 1),
    ("Lubianka", "lubyanka", 1),
    ("Trotksy", "leon-trotsky", 1),
    ("Zinovief", "grigory-zinoviev", 1),
    ("Tulaev", "the-case-of-comrade-tulayev", 2),  # after the character Comrade Tulayev
    # accents and case
    ("sejourne", "laurette-sejourne", 1),
    ("Precigne", "precigne", 1),
    ("precigné camp", "precigne-camp", 1),
    ("BRUSSELS", "brussels", 1),
    # other languages and spellings
    ("Toulaev", "the-case-of-comrade-tulayev", 2),
    ("L'Affaire Toulaev", "the-case-of-comrade-tulayev", 1),
    ("Minuit dans le siècle", "midnight-in-the-century", 1),
    ("Les Années sans pardon", "unforgiving-years", 1),
    ("Ville conquise", "conquered-city", 1),
    ("Mémoires d'un révolutionnaire", "memoirs-of-a-revolutionary", 1),
    ("carnets", "notebooks-1936-1947", 1),
    ("Bruxelles", "brussels", 1),
    ("Leningrad", "petrograd", 1),
    ("St Petersburg", "petrograd", 1),
    ("Ленинград", "petrograd", 1),
    ("Троцкий", "leon-trotsky", 1),
    ("Кибальчич", "victor-serge", 1),
    ("Kibaltchitch", "victor-serge", 1),
    ("Tcheka", "cheka", 1),
    ("OGPU", "gpu", 1),
    ("Third International", "comintern", 1),
    ("bande à Bonnot", "bonnot-gang-affair", 1),
    # people
    ("Serge", "victor-serge", 1),
    ("trotsky", "leon-trotsky", 1),
    ("Vlady", "vlady", 1),
    ("Liuba", "liuba-russakova", 1),
    ("Rirette", "rirette-maitrejean", 1),
    ("Nin", "andreu-nin", 1),
    ("Orwell", "george-orwell", 1),
    ("Gide", "andre-gide", 1),
    ("Varian Fry", "varian-fry", 1),
    # places and periods
    ("Orenburg", "orenburg", 1),
    ("Air-Bel", "villa-air-bel", 1),
    ("Barcelona", "barcelona", 1),
    ("Barcelona", "barcelona-1917", 3),
    ("Mexico", "mexico-city", 3),
    ("Marseille", "marseille-and-flight", 3),
    # events and concepts, partial words
    ("Kronstadt", "kronstadt-rebellion", 3),
    ("moscow trial", "moscow-trials", 1),
    ("famine", "soviet-famine-1932-1933", 1),
    ("Kirov", "kirov-assassination", 2),  # after Sergei Kirov himself
    ("socialism in one", "socialism-in-one-country", 1),
    ("illegal", "illegalism", 1),
    ("totalitar", "totalitarianism", 1),
    ("Thermidor", "thermidor", 1),
    ("Spanish Civil War", "spanish-civil-war", 1),
    # works and characters, by the reader's words
    ("year one", "year-one-of-the-russian-revolution", 1),
    ("Ryzhik", "ryzhik", 1),  # the character of Midnight in the Century
    ("Rizhik", "ryzhik", 2),
    ("Russia Twenty Years After", "destiny-of-a-revolution", 1),
]


@pytest.mark.parametrize(("query", "expected", "rank"), QUERIES)
def test_reader_query_finds_the_entry_they_mean(lib, query, expected, rank):
    found = [r.id for r in search(lib, query, limit=10)]
    assert expected in found[:rank], f"{query!r}: {found[:5]}"
