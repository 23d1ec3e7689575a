"""The relationship map: one box per contact, one line per reporting line, clicks select."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from ui.relationship_map import BOX_HEIGHT, BOX_WIDTH, RelationshipMap, box_size, layout_tree


def people():
    return [
        {
            "id": "ceo",
            "name": "Dana",
            "title": "CEO",
            "role": "economic_buyer",
            "stance": "supporter",
            "reports_to_id": None,
        },
        {
            "id": "cfo",
            "name": "Priya",
            "title": "CFO",
            "role": "decision_maker",
            "stance": "neutral",
            "reports_to_id": "ceo",
        },
        {
            "id": "vp",
            "name": "Marc",
            "title": "VP Ops",
            "role": "champion",
            "stance": "supporter",
            "reports_to_id": "ceo",
        },
        {
            "id": "buyer",
            "name": "Lena",
            "title": "Procurement",
            "role": "blocker",
            "stance": "detractor",
            "reports_to_id": "cfo",
        },
        {
            "id": "analyst",
            "name": "Tom",
            "title": "Analyst",
            "role": None,
            "stance": None,
            "reports_to_id": "vp",
        },
        # reports to someone at another account: drawn, as a root of its own
        {
            "id": "consultant",
            "name": "Ola",
            "title": "Consultant",
            "role": "influencer",
            "stance": None,
            "reports_to_id": "someone-elsewhere",
        },
    ]


def make_map(qtbot, contacts):
    view = RelationshipMap()
    qtbot.addWidget(view)
    view.resize(1000, 500)
    view.show()
    view.set_contacts(contacts)
    return view


def test_one_box_per_contact_and_one_line_per_reporting_line(qtbot):
    view = make_map(qtbot, people())
    assert set(view.boxes) == {"ceo", "cfo", "vp", "buyer", "analyst", "consultant"}
    assert sorted((ln.manager_id, ln.report_id) for ln in view.lines) == [
        ("ceo", "cfo"),
        ("ceo", "vp"),
        ("cfo", "buyer"),
        ("vp", "analyst"),
    ]


def test_managers_sit_above_their_reports_and_boxes_do_not_overlap(qtbot):
    positions = layout_tree(people())
    for report, manager in (("cfo", "ceo"), ("vp", "ceo"), ("buyer", "cfo"), ("analyst", "vp")):
        assert positions[report].y() > positions[manager].y()
    boxes = list(positions.values())
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap_x = abs(a.x() - b.x()) < BOX_WIDTH
            overlap_y = abs(a.y() - b.y()) < BOX_HEIGHT
            assert not (overlap_x and overlap_y)


def test_a_reporting_loop_still_draws_everyone_once(qtbot):
    loop = [
        {"id": "a", "name": "A", "reports_to_id": "b"},
        {"id": "b", "name": "B", "reports_to_id": "a"},
    ]
    view = make_map(qtbot, loop)
    assert set(view.boxes) == {"a", "b"}
    assert len(view.lines) == 2


def test_clicking_a_box_selects_the_contact_and_double_click_opens_it(qtbot):
    view = make_map(qtbot, people())
    box = view.boxes["cfo"]
    center = view.mapFromScene(box.sceneBoundingRect().center())
    with qtbot.waitSignal(view.contact_selected) as selected:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert selected.args == ["cfo"]
    assert view.selected_contact_id() == "cfo"
    with qtbot.waitSignal(view.contact_activated) as activated:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert activated.args == ["cfo"]


def test_redraw_keeps_the_selection_and_empty_map_has_no_items(qtbot):
    view = make_map(qtbot, people())
    view.select_contact("vp")
    view.set_contacts(people())
    assert view.selected_contact_id() == "vp"
    view.set_contacts([])
    assert view.boxes == {} and view.lines == []
    assert view.scene().items() == []
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert view.selected_contact_id() is None


def test_boxes_grow_with_the_font(qtbot):
    from PySide6.QtGui import QFont

    small, large = QFont(), QFont()
    small.setPointSizeF(9)
    large.setPointSizeF(20)
    assert box_size(large).height() > box_size(small).height()
    assert box_size(large).width() > box_size(small).width()
    view = make_map(qtbot, [])
    view.setFont(large)
    view.set_contacts(people())
    positions = {cid: box.pos() for cid, box in view.boxes.items()}
    assert positions["cfo"].y() - positions["ceo"].y() >= box_size(large).height()
