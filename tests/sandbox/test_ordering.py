"""The sandbox's listing order pages like a plain newest-first list, whatever was deleted."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from flowtui.sandbox.ordering import FlowOrder

# Each step: create the next flow, or delete the flow at some index of those still listed.
steps = st.lists(
    st.one_of(st.just("create"), st.integers(min_value=0, max_value=500)), max_size=300
)


def build(actions: list[object]) -> tuple[FlowOrder, list[str]]:
    order, model, made = FlowOrder(), [], 0
    for action in actions:
        if action == "create":
            made += 1
            order.append(str(made))
            model.append(str(made))
        elif model:
            gone = model.pop(int(action) % len(model))  # type: ignore[call-overload]
            order.remove(gone)
    return order, model[::-1]  # the model newest first


@given(steps, st.integers(min_value=1, max_value=7))
def test_paging_forward_lists_every_flow_once_newest_first(actions, limit) -> None:
    order, newest_first = build(actions)
    page = order.first_page(limit)
    seen = list(page.ids)
    assert not page.has_previous
    while page.has_next:
        after = order.page_after(seen[-1], limit)
        assert after is not None and after.has_previous and after.ids
        page = after
        seen += page.ids
    assert seen == newest_first
    assert len(order) == len(newest_first)


@given(steps, st.integers(min_value=1, max_value=7), st.data())
def test_paging_back_from_any_flow_gives_the_newer_ones(actions, limit, data) -> None:
    order, newest_first = build(actions)
    if not newest_first:
        return
    index = data.draw(st.integers(min_value=0, max_value=len(newest_first) - 1))
    page = order.page_before(newest_first[index], limit)
    assert page is not None
    assert page.ids == newest_first[max(index - limit, 0) : index]
    assert page.has_previous == (index - limit > 0)


def test_a_cursor_of_a_deleted_flow_is_no_page() -> None:
    order = FlowOrder()
    for item in "abc":
        order.append(item)
    order.remove("b")
    assert order.page_after("b", 10) is None and order.page_before("b", 10) is None
    assert order.page_after("c", 10).ids == ["a"]  # type: ignore[union-attr]
