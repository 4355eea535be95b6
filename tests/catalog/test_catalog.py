"""The catalog lists, sorts and filters exactly like sorting and searching everything afresh,
whatever was added, changed or removed, and in whatever batches."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from flowtui.api import Flow, FlowStatus, ValidationError
from flowtui.catalog import SORT_KEYS, FlowCatalog, filter_words, search_text

NAMES = [
    "Order",
    "order",
    "Order 2",
    "order2",
    "Survey",
    "Book a table",
    "Ärger",
    "",
    "zeta",
    "Alpha 2",
]


@st.composite
def flows(draw) -> Flow:
    return Flow(
        id=str(draw(st.integers(min_value=1, max_value=40))),
        name=draw(st.sampled_from([*NAMES, None])),
        status=draw(st.sampled_from([*FlowStatus, None])),
        validation_errors=tuple(
            ValidationError("E", None, "m") for _ in range(draw(st.integers(0, 3)))
        ),
        json_version=draw(st.sampled_from(["7.3", "7.1", "7", "6.0", "2.1", None, "x"])),
        updated_at=draw(
            st.sampled_from(
                [None, datetime(2026, 1, 1, tzinfo=UTC), datetime(2025, 5, 1, tzinfo=UTC)]
            )
        ),
    )


steps = st.lists(
    st.one_of(
        st.tuples(st.just("put"), st.lists(flows(), max_size=6)),  # moved in place
        st.tuples(st.just("put"), st.lists(flows(), min_size=17, max_size=30)),  # a page
        st.tuples(st.just("remove"), st.integers(min_value=1, max_value=40)),
        st.tuples(st.just("read"), st.sampled_from(range(len(SORT_KEYS)))),
        st.tuples(st.just("filter"), st.sampled_from(["", "order", "draft 1", "a", "su"])),
    ),
    max_size=40,
)


def expected_rows(known: dict[str, Flow], sort_index: int) -> list[Flow]:
    by_name = sorted(known.values(), key=lambda f: ((f.name or "").casefold(), f.id))
    primary = SORT_KEYS[sort_index].primary
    return by_name if primary is None else sorted(by_name, key=primary)


@settings(max_examples=150)
@given(steps, st.sampled_from(["", "order", "draft 1", "a", "or su", "zz"]))
def test_the_catalog_agrees_with_sorting_and_searching_afresh(actions, needle) -> None:
    catalog, known, sort_index = FlowCatalog(), {}, 0
    for action, argument in actions:
        if action == "put":
            catalog.put(argument)
            known.update((flow.id, flow) for flow in argument)
        elif action == "remove":
            assert (catalog.remove(str(argument)) is None) == (str(argument) not in known)
            known.pop(str(argument), None)
        elif action == "read":
            sort_index = argument
            catalog.set_sort(SORT_KEYS[sort_index])
            assert catalog.rows() == expected_rows(known, sort_index)
        else:
            assert_filtered(catalog, argument)
    rows = catalog.rows()
    assert rows == expected_rows(known, sort_index)
    assert_filtered(catalog, needle)


def assert_filtered(catalog: FlowCatalog, needle: str) -> None:
    rows, words = catalog.rows(), filter_words(needle)
    found = [rows[at] for at in catalog.matching(words)]
    assert found == [f for f in rows if all(w in search_text(f) for w in words)]


def test_one_flow_changes_in_place_and_the_filter_sees_it() -> None:
    catalog = FlowCatalog()
    catalog.put(Flow(id=str(n), name=f"Flow {n}", status=FlowStatus.DRAFT) for n in range(30))
    rows = catalog.rows()
    shown = [rows[at].name for at in catalog.matching(["flow", "2"])]
    assert shown == sorted((f"Flow {n}" for n in range(30) if "2" in str(n)), key=str.casefold)
    catalog.put([Flow(id="12", name="Renamed", status=FlowStatus.PUBLISHED)])
    rows = catalog.rows()
    assert [rows[at].id for at in catalog.matching(["flow", "2"])] == [
        f.id for f in rows if f.name and "2" in f.name and f.name.startswith("Flow")
    ]
    assert rows[-1].name == "Renamed" and len(rows) == 30 and len(catalog) == 30


def test_a_full_load_is_remembered_with_its_time() -> None:
    now = [100.0]
    catalog = FlowCatalog(clock=lambda: now[0])
    assert catalog.age() is None
    catalog.mark_loaded()
    now[0] = 460.0
    assert catalog.age() == 360.0


@settings(max_examples=60)
@given(st.lists(flows(), max_size=30), st.sampled_from(range(len(SORT_KEYS))))
def test_every_flow_is_found_where_it_is_shown(batch, sort_index) -> None:
    catalog = FlowCatalog()
    catalog.put(batch)
    catalog.set_sort(SORT_KEYS[sort_index])
    rows = catalog.rows()
    for at, flow in enumerate(rows):
        assert catalog.position(flow.id) == at
    assert catalog.position("no such flow") is None


@settings(max_examples=40)
@given(st.lists(flows(), max_size=30), st.lists(flows(), max_size=5))
def test_orders_made_ahead_are_the_orders_shown_and_follow_changes(batch, changes) -> None:
    catalog, known = FlowCatalog(), {f.id: f for f in batch}
    catalog.put(batch)
    made = 0
    while catalog.prepare_next_order():
        made += 1
    assert made == len([s for s in SORT_KEYS if s.primary is not None]) - 1
    catalog.put(changes)  # a few changes: moved within every order made
    known.update((f.id, f) for f in changes)
    for index, sort in enumerate(SORT_KEYS):
        catalog.set_sort(sort)
        assert catalog.rows() == expected_rows(known, index)


def test_names_holding_control_characters_are_sorted_found_and_removed() -> None:
    names = ["a\x00b", "a\nb", "a b", "ab", "a", "A\x00"]
    catalog = FlowCatalog()
    catalog.put(Flow(id=str(n), name=name) for n, name in enumerate(names, start=1))
    rows = catalog.rows()
    # A NUL counts for nothing and a line break as a space (the filter sees one line).
    assert [f.name for f in rows] == ["a", "A\x00", "a\nb", "a b", "a\x00b", "ab"]
    assert [catalog.position(f.id) for f in rows] == list(range(6))
    assert [rows[at].name for at in catalog.matching(["b"])] == ["a\nb", "a b", "a\x00b", "ab"]
    for flow in list(rows):  # (rows changes in place)
        assert catalog.remove(flow.id) is flow
    assert catalog.rows() == []
