"""The page behind a Flow's ``preview_url``: every screen of the Flow JSON, drawn as HTML.

A static rendering (no endpoint calls): each screen is a phone-sized card, components become
their closest HTML controls, ``${data.x}`` shows the screen's ``__example__`` value, and
``navigate`` actions link to the target screen's card.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from flowtui.sandbox.model import Flow
from flowtui.sandbox.outbox import SentFlow

_DATA_REF = re.compile(r"\$\{data\.([A-Za-z0-9_]+)\}")
_ANY_REF = re.compile(r"\$\{[^}]+\}")

PAGE_STYLE = """
body{font-family:system-ui,sans-serif;background:#eae6df;margin:0;padding:24px}
h1{font-size:20px;margin:0 0 4px}.meta{color:#555;margin-bottom:20px}
.screens{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
.screen{width:360px;background:#fff;border-radius:16px;box-shadow:0 2px 8px #0002;overflow:hidden}
.screen>header{background:#075e54;color:#fff;padding:12px 16px;font-weight:600}
.screen>header small{display:block;font-weight:400;opacity:.8}
.body{padding:16px;display:flex;flex-direction:column;gap:12px}
label{display:flex;flex-direction:column;gap:4px;font-size:14px}
input,select,textarea{font:inherit;padding:6px;border:1px solid #bbb;border-radius:6px}
fieldset{border:1px solid #ddd;border-radius:8px}.caption{color:#666;font-size:12px}
.footer{display:block;text-align:center;background:#25d366;color:#fff;padding:10px;
border-radius:20px;text-decoration:none;font-weight:600}.branch{border-left:3px solid #ccc;
padding-left:8px}.unknown{color:#a00}.notice{background:#fff;padding:16px;border-radius:8px}
img{max-width:100%}pre{white-space:pre-wrap;margin:0}
"""


def render_preview_page(flow: Flow, sent: Sequence[SentFlow] = ()) -> str:
    """The flow's screens, and the test sends of it the sandbox's outbox holds."""
    screens = _screens(flow.flow_json)
    if screens is None:
        content = '<p class="notice">This Flow has no readable Flow JSON to preview yet.</p>'
    else:
        content = '<div class="screens">' + "".join(_screen(s) for s in screens) + "</div>"
    version = escape(flow.json_version or "unknown")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(flow.name)} - Flow preview</title><style>{PAGE_STYLE}</style></head>"
        f'<body><h1>{escape(flow.name)}</h1><div class="meta">Flow {escape(flow.id)} - '
        f"{escape(flow.status.value)} - Flow JSON {version}</div>{content}"
        f"{_outbox(sent)}</body></html>\n"
    )


def _outbox(sent: Sequence[SentFlow]) -> str:
    if not sent:
        return ""
    rows = "".join(
        f"<li>{escape(m.id)} to {escape(m.to)} ({escape(m.mode)}, button "
        f"&ldquo;{escape(m.cta)}&rdquo;, flow_token {escape(m.flow_token)})</li>"
        for m in sent
    )
    return f'<h2>Sent to test phones</h2><ul class="outbox">{rows}</ul>'


def render_invalid_link_page() -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Preview '
        f'unavailable</title><style>{PAGE_STYLE}</style></head><body><p class="notice">'
        "This preview link has expired or was invalidated. Ask for a new preview URL.</p>"
        "</body></html>\n"
    )


def _screens(text: str | None) -> list[dict[str, Any]] | None:
    if text is None:
        return None
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return None
    screens = document.get("screens") if isinstance(document, dict) else None
    if not isinstance(screens, list):
        return None
    return [screen for screen in screens if isinstance(screen, dict)]


class _Screen:
    """Rendering state for one screen: its example data for ``${data.x}``."""

    def __init__(self, screen: dict[str, Any]) -> None:
        declared = screen.get("data")
        self.examples: dict[str, Any] = {}
        if isinstance(declared, dict):
            for key, spec in declared.items():
                if isinstance(spec, dict) and "__example__" in spec:
                    self.examples[key] = spec["__example__"]

    def value(self, raw: Any) -> Any:
        """A property with ``${data.x}`` replaced by its example, other references kept."""
        if isinstance(raw, str):
            whole = _DATA_REF.fullmatch(raw)
            if whole and whole.group(1) in self.examples:
                return self.examples[whole.group(1)]
        return raw

    def text(self, raw: Any) -> str:
        value = self.value(raw)
        if isinstance(value, list):
            value = "\n".join(str(item) for item in value)
        if not isinstance(value, str):
            return "" if value is None else escape(json.dumps(value))

        def substitute(match: re.Match[str]) -> str:
            example = self.examples.get(match.group(1))
            return match.group(0) if example is None else str(example)

        return escape(_DATA_REF.sub(substitute, value))


def _screen(screen: dict[str, Any]) -> str:
    state = _Screen(screen)
    screen_id = str(screen.get("id", ""))
    layout = screen.get("layout")
    children = layout.get("children", []) if isinstance(layout, dict) else []
    body = _components(children, state)
    return (
        f'<section class="screen" id="screen-{escape(screen_id)}"><header>'
        f"{state.text(screen.get('title', screen_id))}<small>{escape(screen_id)}"
        f"{' - terminal' if screen.get('terminal') else ''}</small></header>"
        f'<div class="body">{body}</div></section>'
    )


def _components(children: Any, state: _Screen) -> str:
    if not isinstance(children, list):
        return ""
    return "".join(_component(child, state) for child in children if isinstance(child, dict))


def _options(component: dict[str, Any], state: _Screen) -> list[tuple[str, str]]:
    source = state.value(component.get("data-source"))
    if not isinstance(source, list):
        return []
    return [
        (escape(str(item.get("id", ""))), state.text(item.get("title", item.get("id", ""))))
        for item in source
        if isinstance(item, dict)
    ]


def _choice_group(component: dict[str, Any], state: _Screen, kind: str) -> str:
    name = escape(str(component.get("name", "")))
    items = "".join(
        f'<label><span><input type="{kind}" name="{name}" value="{value}"> {title}</span></label>'
        for value, title in _options(component, state)
    )
    return f"<fieldset><legend>{state.text(component.get('label', ''))}</legend>{items}</fieldset>"


def _navigate_target(action: Any) -> str | None:
    if isinstance(action, dict) and action.get("name") == "navigate":
        target = action.get("next")
        if isinstance(target, dict) and target.get("name"):
            return str(target["name"])
    return None


def _footer(component: dict[str, Any], state: _Screen) -> str:
    target = _navigate_target(component.get("on-click-action"))
    href = f"#screen-{escape(target)}" if target else "#"
    captions = " ".join(
        state.text(component[key])
        for key in ("left-caption", "center-caption", "right-caption")
        if key in component
    )
    caption_html = f'<div class="caption">{captions}</div>' if captions else ""
    label = state.text(component.get("label", ""))
    return f'{caption_html}<a class="footer" href="{href}">{label}</a>'


def _text_input(component: dict[str, Any], state: _Screen) -> str:
    kind = {"number": "number", "email": "email", "password": "password", "phone": "tel"}.get(
        str(component.get("input-type", "text")), "text"
    )
    helper = component.get("helper-text")
    helper_html = f'<span class="caption">{state.text(helper)}</span>' if helper else ""
    return (
        f"<label>{state.text(component.get('label', ''))}"
        f'<input type="{kind}" name="{escape(str(component.get("name", "")))}">'
        f"{helper_html}</label>"
    )


def _image(component: dict[str, Any], state: _Screen) -> str:
    source = state.value(component.get("src", ""))
    alt = state.text(component.get("alt-text", ""))
    if isinstance(source, str) and source and not _ANY_REF.search(source):
        return f'<img alt="{alt}" src="data:image/png;base64,{escape(source)}">'
    return f'<div class="caption">[image {alt}]</div>'


_SIMPLE_TAGS: dict[str, str] = {
    "TextHeading": "h2",
    "TextSubheading": "h3",
    "TextBody": "p",
    "TextCaption": 'p class="caption"',
}


def _component(component: dict[str, Any], state: _Screen) -> str:
    kind = str(component.get("type", ""))
    if kind in _SIMPLE_TAGS:
        tag = _SIMPLE_TAGS[kind]
        return f"<{tag}>{state.text(component.get('text', ''))}</{tag.split()[0]}>"
    renderer = _RENDERERS.get(kind)
    if renderer is not None:
        try:
            return renderer(component, state)
        except (AttributeError, TypeError, ValueError):
            pass  # a malformed component: show it as unknown rather than fail the page
    return f'<div class="unknown">[{escape(kind) or "component"}]</div>'


_RENDERERS: dict[str, Callable[[dict[str, Any], _Screen], str]] = {
    "RichText": lambda c, s: f"<pre>{s.text(c.get('text', ''))}</pre>",
    "Form": lambda c, s: _components(c.get("children"), s),
    "TextInput": _text_input,
    "TextArea": lambda c, s: f"<label>{s.text(c.get('label', ''))}<textarea></textarea></label>",
    "Dropdown": lambda c, s: (
        f"<label>{s.text(c.get('label', ''))}<select>"
        + "".join(f'<option value="{v}">{t}</option>' for v, t in _options(c, s))
        + "</select></label>"
    ),
    "RadioButtonsGroup": lambda c, s: _choice_group(c, s, "radio"),
    "CheckboxGroup": lambda c, s: _choice_group(c, s, "checkbox"),
    "ChipsSelector": lambda c, s: _choice_group(c, s, "checkbox"),
    "DatePicker": lambda c, s: f'<label>{s.text(c.get("label", ""))}<input type="date"></label>',
    "CalendarPicker": lambda c, s: (
        f'<label>{s.text(c.get("label", ""))}<input type="date"></label>'
    ),
    "OptIn": lambda c, s: (
        f'<label><span><input type="checkbox"> {s.text(c.get("label", ""))}</span></label>'
    ),
    "EmbeddedLink": lambda c, s: f'<a href="#">{s.text(c.get("text", ""))}</a>',
    "Footer": _footer,
    "Image": _image,
    "ImageCarousel": lambda c, s: "".join(
        _image(image, s) for image in c.get("images", []) if isinstance(image, dict)
    ),
    "PhotoPicker": lambda c, s: (
        f'<label>{s.text(c.get("label", ""))}<input type="file" accept="image/*"></label>'
    ),
    "DocumentPicker": lambda c, s: (
        f'<label>{s.text(c.get("label", ""))}<input type="file"></label>'
    ),
    "NavigationList": lambda c, s: (
        "<ul>"
        + "".join(
            f"<li>{s.text((item.get('main-content') or {}).get('title', ''))}</li>"
            for item in (s.value(c.get("list-items")) or [])
            if isinstance(item, dict)
        )
        + "</ul>"
    ),
    "If": lambda c, s: (
        f'<div class="branch"><div class="caption">if {escape(str(c.get("condition", "")))}'
        f"</div>{_components(c.get('then'), s)}"
        + (f'<div class="caption">else</div>{_components(c["else"], s)}' if "else" in c else "")
        + "</div>"
    ),
    "Switch": lambda c, s: (
        '<div class="branch">'
        + "".join(
            f'<div class="caption">case {escape(str(key))}</div>{_components(branch, s)}'
            for key, branch in (c.get("cases") or {}).items()
        )
        + "</div>"
    ),
}
