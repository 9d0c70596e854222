"""A note's `[[links]]` stand for what the look-up finds: a surname or alias when it is
clear, a choice when several entries share the name."""

import json

from serge_reader import names, notes, pages


def test_a_surname_or_alias_links_as_the_look_up_finds_it(lib):
    n = notes.add_note(lib, "[[Trotsky]] wrote to [[Bukharin]]; [[Sedova]] kept it; [[Kirov]].")
    assert notes.linked_entries(lib, n) == [
        "leon-trotsky",
        "natalia-sedova",
        "nikolai-bukharin",
        "sergei-kirov",
    ]
    html = pages.note_page(lib, n)
    assert 'class="unresolved"' not in html
    assert "serge:leon-trotsky" in html and "serge:natalia-sedova" in html


def test_a_name_several_entries_share_offers_the_choice(lib):
    assert names.link_candidates(lib, "Xenia") == ["xenia", "xenia-popova"]
    assert set(names.link_candidates(lib, "Tulayev")) == {
        "comrade-tulayev",
        "the-case-of-comrade-tulayev",
    }
    n = notes.add_note(lib, "[[Xenia]] and [[Tulayev]]")
    html = pages.note_page(lib, n)
    assert 'class="unresolved"' not in html
    assert f"serge:{names.choice_id('Xenia')}" in html
    choice = pages.choice_page(lib, "Xenia")
    assert "serge:xenia-popova" in choice and "serge:xenia'" in choice
    # the note is found on each entry it may stand for
    assert n in [x.id for x in notes.list_notes(lib, about="xenia-popova")]
    assert n in [x.id for x in notes.list_notes(lib, about="xenia")]
    # a slug, or a title alone, is never a choice
    assert names.link_candidates(lib, "xenia") == ["xenia"]
    assert names.link_candidates(lib, "Xenia Popova") == ["xenia-popova"]
    assert names.link_candidates(lib, "No Such Person") == []


def test_the_completer_offers_each_entry_of_a_shared_name(lib):
    offered = dict(names.completions(lib))
    shared = [shown for shown, inserted in offered.items() if inserted.endswith("|Xenia")]
    assert len(shared) == 2
    assert {offered[s] for s in shared} == {"xenia|Xenia", "xenia-popova|Xenia"}
    assert offered["Okhrana"] == "Okhrana"


def test_show_lists_the_notes_linking_and_note_show_the_links(lib, cli):
    n = notes.add_note(lib, "[[Bukharin]] and the [[Okhrana]]")
    lib.close()
    entry = json.loads(cli("show", "nikolai-bukharin", "--json").stdout)
    assert entry["notes"] == [n]
    shown = json.loads(cli("note", "show", str(n), "--json").stdout)
    assert shown["links"] == ["nikolai-bukharin", "okhrana"]


def test_pages_show_titles_and_local_dates_never_slugs_or_stamps(lib):
    import re
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self):
            super().__init__()
            self.parts = []

        def handle_data(self, data):
            self.parts.append(data)

    n = notes.add_note(lib, "On [[Okhrana]]", work="memoirs-of-a-revolutionary")
    for html in (pages.note_page(lib, n), pages.entry_page(lib, "okhrana")):
        reader = Text()
        reader.feed(html.split("</style>", 1)[1])
        text = " ".join(reader.parts)
        assert "memoirs-of-a-revolutionary" not in text
        assert "Memoirs of a Revolutionary" in text
        assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:", text)
