"""The routing model: existing screens, forward edges only, no loops, one entry, <= 10 branches.

Not checked: "all routes end at a terminal screen" (section 14.7), read strictly as "a screen
the model sends nowhere must be terminal". Published examples break that reading in a common
pattern: an OptIn's "Read more" navigates to a terms screen that only goes back (pywa's
book-a-table, with an endpoint and an explicit model; pywa's forward-refs, without). Until the
rule's real meaning is known, reporting it would refuse flows Meta accepts.
"""

from __future__ import annotations

from typing import Any

from flowtui.flowjson import codes
from flowtui.flowjson.context import Context, Path
from flowtui.flowjson.rules.actions import NavigateEdge
from flowtui.flowjson.rules.common import report_type
from flowtui.flowjson.rules.scope import ScreenScope

MAX_BRANCHES = 10


def check(context: Context, scopes: list[ScreenScope], edges: list[NavigateEdge]) -> None:
    ids = [scope.id for scope in scopes if scope.id is not None]
    model = context.root.get("routing_model")
    if model is None:
        # Without a routing model Meta derives one from the navigate actions.
        graph: dict[str, list[str]] = {screen_id: [] for screen_id in ids}
        where: dict[tuple[str, str], Path] = {}
        for edge in edges:
            if edge.target not in graph[edge.source]:
                graph[edge.source].append(edge.target)
                where[(edge.source, edge.target)] = edge.path
        _check_graph(context, graph, lambda a, b: where[(a, b)], explicit=False)
        return
    if not isinstance(model, dict):
        report_type(context, ("routing_model",), model, "object")
        return
    graph = _read_model(context, model, set(ids))
    for edge in edges:
        if edge.target not in graph.get(edge.source, ()):
            context.report(
                codes.INVALID_ROUTING_MODEL,
                f"Navigation from screen '{edge.source}' to '{edge.target}' is missing in the "
                "routing model.",
                edge.path,
            )
    mentioned = set(graph) | {target for targets in graph.values() for target in targets}
    if "data_api_version" in context.root and len(ids) > 1:
        absent = [screen_id for screen_id in ids if screen_id not in mentioned]
        if absent:
            context.report(
                codes.INVALID_ROUTING_MODEL,
                f"Screens missing from the routing model: {', '.join(absent)}.",
                ("routing_model",),
                key=True,
            )

    def position(source: str, target: str) -> Path:
        index = model[source].index(target) if isinstance(model.get(source), list) else None
        return ("routing_model", source) if index is None else ("routing_model", source, index)

    _check_graph(context, graph, position, explicit=True)


def _read_model(context: Context, model: dict[str, Any], ids: set[str]) -> dict[str, list[str]]:
    """Check the model's shape and ids; return its valid edges."""
    graph: dict[str, list[str]] = {}
    for source, targets in model.items():
        source_path: Path = ("routing_model", source)
        if source not in ids:
            context.report(
                codes.INVALID_ROUTING_MODEL,
                f"Screen '{source}' in the routing model does not exist.",
                source_path,
                key=True,
            )
            continue
        if not isinstance(targets, list):
            report_type(context, source_path, targets, "array")
            continue
        graph[source] = []
        for index, target in enumerate(targets):
            target_path = (*source_path, index)
            if not isinstance(target, str):
                report_type(context, target_path, target, "string")
            elif target not in ids:
                context.report(
                    codes.INVALID_ROUTING_MODEL,
                    f"Screen '{target}' in the routing model does not exist.",
                    target_path,
                )
            elif target == source:
                context.report(
                    codes.INVALID_ROUTING_MODEL,
                    f"Screen '{source}' cannot route to itself.",
                    target_path,
                )
            elif target not in graph[source]:
                graph[source].append(target)
    return graph


def _check_graph(
    context: Context,
    graph: dict[str, list[str]],
    position: Any,
    *,
    explicit: bool,
) -> None:
    for source, targets in graph.items():
        if len(targets) > MAX_BRANCHES:
            context.report(
                codes.INVALID_ROUTING_MODEL,
                codes.message("ROUTING_BRANCHES", max=MAX_BRANCHES, id=source),
                position(source, targets[MAX_BRANCHES]),
            )
    nodes = set(graph) | {target for targets in graph.values() for target in targets}
    if not nodes or not any(graph.values()):
        return
    for loop in _loops(graph):
        first = loop[0]
        successor = next(target for target in graph[first] if target in loop)
        context.report(
            codes.INVALID_ROUTING_MODEL,
            codes.message("ROUTING_LOOP", ids=", ".join(loop)),
            position(first, successor),
        )
    inbound = {target for targets in graph.values() for target in targets}
    entries = [node for node in graph if node not in inbound]
    if not entries:
        context.report(
            codes.INVALID_ROUTING_MODEL,
            codes.message("ROUTING_NO_ENTRY"),
            ("routing_model",) if explicit else ("screens",),
            key=explicit,
        )
    elif explicit and len(entries) > 1:
        context.report(
            codes.INVALID_ROUTING_MODEL,
            "Screens in the routing model must be connected, but several have no inbound "
            f"edge: {', '.join(entries)}.",
            ("routing_model",),
            key=True,
        )


def _loops(graph: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components with more than one screen (Tarjan's, iteratively)."""
    index_of: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    loops: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index_of:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, child_index = work.pop()
            if child_index == 0:
                index_of[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            children = graph.get(node, [])
            recursed = False
            for position in range(child_index, len(children)):
                child = children[position]
                if child not in index_of:
                    work.append((node, position + 1))
                    work.append((child, 0))
                    recursed = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index_of[child])
            if recursed:
                continue
            if low[node] == index_of[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    order = list(graph)
                    component.sort(key=lambda m: order.index(m) if m in order else len(order))
                    loops.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return loops
