"""The queue's sort menu speaks Bulgarian, spelled right."""

import re


def _sort_options(page):
    menu = re.search(r'<select name="sort"[^>]*>(.*?)</select>', page, re.S)
    assert menu, "the queue has no sort menu"
    return dict(re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', menu.group(1)))


def test_sort_menu_has_bulgarian_labels_in_both_directions(client, expert, submitted):
    client.force_login(expert)

    page = client.get("/review/").content.decode()

    options = _sort_options(page)
    assert options["submitted"] == "Дата на подаване"
    assert options["-submitted"] == "Дата на подаване (низходящо)"
    assert options["license"] == "Лицензия"
    assert options["center"] == "Център"
    assert options["-flags"] == "Сигнали (низходящо)"
    labels = " ".join(options.values())
    assert "намалавящ" not in labels
    assert not re.search(r"[A-Za-z]", labels), labels


def test_sort_menu_orders_the_queue(client, expert, submitted):
    client.force_login(expert)

    assert client.get("/review/", {"sort": "-submitted"}).status_code == 200
    assert client.get("/review/", {"sort": "license"}).status_code == 200
