"""Every Flow JSON component as data: properties, types, enums, limits and the version they arrived.

Facts from section 14.6 of the Flows reference. Each property maps to one or more
:class:`Prop` variants ordered by ``since``; the rules use the newest variant whose ``since`` is
not after the document's version (:func:`in_force`), and a property with no such variant is
unknown for that version. A new Flow JSON version is an entry in ``versions.py`` plus, here, a
variant for each changed property and a row for each new component.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from flowtui.flowjson.json_types import python_types
from flowtui.flowjson.versions import at_least

BASE = "2.1"

STRING = ("string",)
BOOLEAN = ("boolean",)
INTEGER = ("integer",)
NUMBER = ("number",)
ARRAY = ("array",)
OBJECT = ("object",)
STRING_OR_ARRAY = ("string", "array")
STRING_OR_OBJECT = ("string", "object")
BOOLEAN_OR_OBJECT = ("boolean", "object")


@dataclass(frozen=True, slots=True)
class ActionChoice:
    """An action name a property accepts, from ``since``."""

    name: str
    since: str = BASE


@dataclass(frozen=True, slots=True)
class Prop:
    """What one property accepts (for the versions from ``since`` on).

    ``types`` are JSON types accepted as literal values; unless ``dynamic`` is False, a
    ``${...}`` reference (or a 6.0+ backtick expression) is accepted in their place. ``items``
    describes array items (an :class:`ObjectSpec` or a JSON type name), ``fields`` an object
    value. ``kind`` marks properties that other rules interpret: ``action`` (with
    ``actions``), ``components`` (an array of components), ``cases`` (Switch cases),
    ``expression`` (a string whose references may be of any type: If/Switch conditions).
    """

    types: tuple[str, ...]
    required: bool = False
    since: str = BASE
    enum: tuple[str, ...] = ()
    max_chars: int | None = None
    min_items: int | None = None
    max_items: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    items: ObjectSpec | str | None = None
    fields: ObjectSpec | None = None
    dynamic: bool = True
    kind: str = ""
    actions: tuple[ActionChoice, ...] = ()
    # The Python types of literal values ``types`` accepts (an int is also a number), so the
    # rules check a value's type with one set lookup.
    value_types: frozenset[type] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "value_types", python_types(self.types))


@dataclass(frozen=True, slots=True)
class ObjectSpec:
    """The properties an object (a component, a data-source item, ...) may have."""

    name: str
    properties: Mapping[str, tuple[Prop, ...]]


@dataclass(frozen=True, slots=True)
class ComponentSpec:
    """A component type: its properties and how it behaves in a screen.

    ``input`` components hold a form value under their ``name`` (``${form.name}`` refers to it)
    and before 4.0 must sit inside a ``Form``. ``in_branches`` says whether the component may
    appear in ``If``/``Switch`` branches, from which version.
    """

    type: str
    since: str
    spec: ObjectSpec
    input: bool = False
    in_branches: str | None = BASE
    per_screen: int | None = None
    per_screen_code: str = ""


def _props(**variants: Prop | tuple[Prop, ...]) -> dict[str, tuple[Prop, ...]]:
    """Keyword names use ``_`` for ``-``: ``min_date=`` declares ``min-date``."""
    result: dict[str, tuple[Prop, ...]] = {}
    for name, value in variants.items():
        result[name.replace("_", "-")] = value if isinstance(value, tuple) else (value,)
    return result


# Actions, by where they can be configured (section 14.5 and the component table).
NAVIGATE = ActionChoice("navigate")
COMPLETE = ActionChoice("complete")
DATA_EXCHANGE = ActionChoice("data_exchange")
UPDATE_DATA_6 = ActionChoice("update_data", "6.0")
OPEN_URL_6 = ActionChoice("open_url", "6.0")

ACTION_NAMES: tuple[str, ...] = ("navigate", "complete", "data_exchange", "update_data", "open_url")


def _action(*choices: ActionChoice, required: bool = False, since: str = BASE) -> Prop:
    return Prop(OBJECT, required=required, since=since, kind="action", actions=choices)


_VISIBLE = Prop(BOOLEAN)
_ENABLED = Prop(BOOLEAN)
_REQUIRED = Prop(BOOLEAN)
_NAME = Prop(STRING, required=True, dynamic=False)
_MEDIA_SIZE = Prop(STRING, since="5.0", enum=("regular", "large"))
_FONT_WEIGHT = Prop(STRING, enum=("bold", "italic", "bold_italic", "normal"))
_LABEL_VARIANT = Prop(STRING, since="7.0", enum=("large",))

_RANGE_STRINGS = ObjectSpec("date range", _props(start_date=Prop(STRING), end_date=Prop(STRING)))
_RANGE_BOOLEANS = ObjectSpec("date range", _props(start_date=Prop(BOOLEAN), end_date=Prop(BOOLEAN)))


def _data_source_item(title_chars: int) -> ObjectSpec:
    return ObjectSpec(
        "data-source item",
        _props(
            id=Prop(STRING, required=True),
            title=Prop(STRING, required=True, max_chars=title_chars),
            description=Prop(STRING, max_chars=300),
            metadata=Prop(STRING, max_chars=20),
            enabled=Prop(BOOLEAN),
            image=Prop(STRING, since="5.0"),
            alt_text=Prop(STRING, since="5.0"),
            color=Prop(STRING, since="5.0"),
            on_select_action=_action(UPDATE_DATA_6, since="6.0"),
            on_unselect_action=_action(UPDATE_DATA_6, since="6.0"),
        ),
    )


_CHOICE_ITEM = _data_source_item(30)
_CHIPS_ITEM = ObjectSpec(
    "data-source item",
    _props(
        id=Prop(STRING, required=True),
        title=Prop(STRING, required=True, max_chars=30),
        enabled=Prop(BOOLEAN),
        on_select_action=_action(ActionChoice("update_data", "7.1")),
        on_unselect_action=_action(ActionChoice("update_data", "7.1")),
    ),
)


def _text(max_chars: int, *, array_since: str | None = None, **extra: Prop | tuple[Prop, ...]):
    text: tuple[Prop, ...] = (Prop(STRING, required=True, max_chars=max_chars),)
    if array_since:
        text += (
            Prop(
                STRING_OR_ARRAY,
                required=True,
                since=array_since,
                max_chars=max_chars,
                items="string",
            ),
        )
    return _props(text=text, visible=_VISIBLE, **extra)


def _choice_group(*, min_max: bool) -> dict[str, tuple[Prop, ...]]:
    props = _props(
        name=_NAME,
        data_source=Prop(ARRAY, required=True, min_items=1, max_items=20, items=_CHOICE_ITEM),
        label=(Prop(STRING, max_chars=30), Prop(STRING, required=True, since="4.0", max_chars=30)),
        description=Prop(STRING, since="4.0", max_chars=300),
        required=_REQUIRED,
        enabled=_ENABLED,
        visible=_VISIBLE,
        on_select_action=(
            _action(DATA_EXCHANGE),
            _action(DATA_EXCHANGE, UPDATE_DATA_6, since="6.0"),
        ),
        on_unselect_action=_action(UPDATE_DATA_6, since="6.0"),
        error_message=Prop(STRING, since="4.0"),
        media_size=_MEDIA_SIZE,
    )
    if min_max:
        props.update(
            _props(
                min_selected_items=Prop(INTEGER, minimum=0),
                max_selected_items=Prop(INTEGER, minimum=1),
                init_value=Prop(ARRAY, since="4.0", items="string"),
            )
        )
    else:
        props.update(_props(init_value=Prop(STRING, since="4.0")))
    return props


_IMAGE_CAROUSEL_ITEM = ObjectSpec(
    "image", _props(src=Prop(STRING, required=True), alt_text=Prop(STRING, required=True))
)
_NAV_MAIN = ObjectSpec(
    "main-content",
    _props(
        title=Prop(STRING, required=True, max_chars=30),
        description=Prop(STRING, max_chars=20),
        metadata=Prop(STRING, max_chars=80),
    ),
)
_NAV_START = ObjectSpec("start", _props(image=Prop(STRING, required=True), alt_text=Prop(STRING)))
_NAV_END = ObjectSpec(
    "end",
    _props(
        title=Prop(STRING, max_chars=10),
        description=Prop(STRING, max_chars=10),
        metadata=Prop(STRING, max_chars=10),
    ),
)
_NAV_ITEM = ObjectSpec(
    "list item",
    _props(
        id=Prop(STRING, required=True),
        main_content=Prop(OBJECT, required=True, fields=_NAV_MAIN),
        start=Prop(OBJECT, fields=_NAV_START),
        end=Prop(OBJECT, fields=_NAV_END),
        badge=Prop(STRING, max_chars=15),
        tags=Prop(ARRAY, max_items=3, max_chars=15, items="string"),
        on_click_action=_action(DATA_EXCHANGE, NAVIGATE),
    ),
)
_MEDIA_LIMITS = {
    "max_file_size_kb": Prop(INTEGER, minimum=1, maximum=25600),
}

_COMPONENT_LIST: tuple[ComponentSpec, ...] = (
    ComponentSpec("TextHeading", BASE, ObjectSpec("TextHeading", _text(80))),
    ComponentSpec("TextSubheading", BASE, ObjectSpec("TextSubheading", _text(80))),
    ComponentSpec(
        "TextBody",
        BASE,
        ObjectSpec(
            "TextBody",
            _text(
                4096,
                array_since="5.1",
                font_weight=_FONT_WEIGHT,
                strikethrough=Prop(BOOLEAN),
                markdown=Prop(BOOLEAN, since="5.1"),
            ),
        ),
    ),
    # DISAGREE (section 14.6): Meta's components page says 409 characters, pywa 4096; section
    # 15.7 says to follow Meta.
    ComponentSpec(
        "TextCaption",
        BASE,
        ObjectSpec(
            "TextCaption",
            _text(
                409,
                array_since="5.1",
                font_weight=_FONT_WEIGHT,
                strikethrough=Prop(BOOLEAN),
                markdown=Prop(BOOLEAN, since="5.1"),
            ),
        ),
    ),
    ComponentSpec(
        "RichText",
        "5.1",
        ObjectSpec(
            "RichText",
            _props(text=Prop(STRING_OR_ARRAY, required=True, items="string"), visible=_VISIBLE),
        ),
        in_branches=None,
    ),
    ComponentSpec(
        "TextInput",
        BASE,
        ObjectSpec(
            "TextInput",
            _props(
                name=_NAME,
                label=Prop(STRING, required=True, max_chars=20),
                input_type=Prop(
                    STRING, enum=("text", "number", "email", "password", "passcode", "phone")
                ),
                pattern=Prop(STRING, since="6.2"),
                required=_REQUIRED,
                min_chars=Prop(INTEGER, minimum=0),
                max_chars=Prop(INTEGER, minimum=1),
                helper_text=Prop(STRING, max_chars=80),
                visible=_VISIBLE,
                enabled=_ENABLED,
                init_value=Prop(STRING, since="4.0"),
                error_message=Prop(STRING, since="4.0", max_chars=30),
                label_variant=_LABEL_VARIANT,
            ),
        ),
        input=True,
    ),
    ComponentSpec(
        "TextArea",
        BASE,
        ObjectSpec(
            "TextArea",
            _props(
                name=_NAME,
                label=Prop(STRING, required=True, max_chars=20),
                required=_REQUIRED,
                max_length=Prop(INTEGER, minimum=1),
                helper_text=Prop(STRING, max_chars=80),
                enabled=_ENABLED,
                visible=_VISIBLE,
                init_value=Prop(STRING, since="4.0"),
                error_message=Prop(STRING, since="4.0"),
                label_variant=_LABEL_VARIANT,
            ),
        ),
        input=True,
    ),
    ComponentSpec(
        "CheckboxGroup", BASE, ObjectSpec("CheckboxGroup", _choice_group(min_max=True)), input=True
    ),
    ComponentSpec(
        "RadioButtonsGroup",
        BASE,
        ObjectSpec("RadioButtonsGroup", _choice_group(min_max=False)),
        input=True,
    ),
    ComponentSpec(
        "Dropdown",
        BASE,
        ObjectSpec(
            "Dropdown",
            _props(
                name=_NAME,
                label=Prop(STRING, required=True, max_chars=20),
                data_source=Prop(
                    ARRAY, required=True, min_items=1, max_items=200, items=_CHOICE_ITEM
                ),
                required=_REQUIRED,
                enabled=_ENABLED,
                visible=_VISIBLE,
                on_select_action=(
                    _action(DATA_EXCHANGE),
                    _action(DATA_EXCHANGE, UPDATE_DATA_6, since="6.0"),
                ),
                on_unselect_action=_action(UPDATE_DATA_6, since="6.0"),
                init_value=Prop(STRING, since="4.0"),
                error_message=Prop(STRING, since="4.0"),
            ),
        ),
        input=True,
    ),
    ComponentSpec(
        "ChipsSelector",
        "6.3",
        ObjectSpec(
            "ChipsSelector",
            _props(
                name=_NAME,
                label=Prop(STRING, required=True, max_chars=80),
                data_source=Prop(
                    ARRAY, required=True, min_items=2, max_items=20, items=_CHIPS_ITEM
                ),
                min_selected_items=Prop(INTEGER, minimum=0),
                max_selected_items=Prop(INTEGER, minimum=1),
                description=Prop(STRING, max_chars=300),
                required=_REQUIRED,
                enabled=_ENABLED,
                visible=_VISIBLE,
                init_value=Prop(ARRAY, items="string"),
                error_message=Prop(STRING),
                on_select_action=(
                    _action(DATA_EXCHANGE),
                    _action(DATA_EXCHANGE, ActionChoice("update_data", "7.1"), since="7.1"),
                ),
                on_unselect_action=_action(ActionChoice("update_data", "7.1"), since="7.1"),
            ),
        ),
        input=True,
        in_branches="7.1",
    ),
    ComponentSpec(
        "DatePicker",
        BASE,
        ObjectSpec(
            "DatePicker",
            _props(
                name=_NAME,
                label=Prop(STRING, required=True, max_chars=40),
                min_date=Prop(STRING),
                max_date=Prop(STRING),
                unavailable_dates=Prop(ARRAY, items="string"),
                helper_text=Prop(STRING, max_chars=80),
                required=_REQUIRED,
                enabled=_ENABLED,
                visible=_VISIBLE,
                on_select_action=_action(DATA_EXCHANGE),
                init_value=Prop(STRING, since="4.0"),
                error_message=Prop(STRING, since="4.0", max_chars=80),
            ),
        ),
        input=True,
    ),
    ComponentSpec(
        "CalendarPicker",
        "6.1",
        ObjectSpec(
            "CalendarPicker",
            _props(
                name=_NAME,
                label=Prop(STRING_OR_OBJECT, required=True, max_chars=40, fields=_RANGE_STRINGS),
                mode=Prop(STRING, enum=("single", "range")),
                title=Prop(STRING, max_chars=80),
                description=Prop(STRING, max_chars=300),
                min_date=Prop(STRING),
                max_date=Prop(STRING),
                unavailable_dates=Prop(ARRAY, items="string"),
                include_days=Prop(
                    ARRAY,
                    items="string",
                    enum=("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
                ),
                min_days=Prop(INTEGER, minimum=1),
                max_days=Prop(INTEGER, minimum=1),
                helper_text=Prop(STRING_OR_OBJECT, max_chars=80, fields=_RANGE_STRINGS),
                required=Prop(BOOLEAN_OR_OBJECT, fields=_RANGE_BOOLEANS),
                enabled=_ENABLED,
                visible=_VISIBLE,
                on_select_action=_action(DATA_EXCHANGE),
                init_value=Prop(STRING_OR_OBJECT, fields=_RANGE_STRINGS),
                error_message=Prop(STRING_OR_OBJECT, max_chars=80, fields=_RANGE_STRINGS),
            ),
        ),
        input=True,
        in_branches=None,
    ),
    ComponentSpec(
        "OptIn",
        BASE,
        ObjectSpec(
            "OptIn",
            _props(
                name=_NAME,
                label=Prop(STRING, required=True, max_chars=120),
                required=_REQUIRED,
                on_click_action=_action(DATA_EXCHANGE, NAVIGATE, OPEN_URL_6),
                on_select_action=_action(UPDATE_DATA_6, since="6.0"),
                on_unselect_action=_action(UPDATE_DATA_6, since="6.0"),
                visible=_VISIBLE,
                init_value=Prop(BOOLEAN, since="4.0"),
            ),
        ),
        input=True,
        per_screen=5,
        per_screen_code="MAX_OPT_IN_PER_SCREEN",
    ),
    # DISAGREE (section 14.6): Meta's components page says 25 characters, pywa 35; section 15.7
    # says to follow Meta, and so does every version that can still be published (5.1+). Meta's
    # own 2.1 sign-in template has a 30-character link, so the frozen versions keep pywa's 35.
    ComponentSpec(
        "EmbeddedLink",
        BASE,
        ObjectSpec(
            "EmbeddedLink",
            _props(
                text=(
                    Prop(STRING, required=True, max_chars=35),
                    Prop(STRING, required=True, since="5.1", max_chars=25),
                ),
                on_click_action=_action(DATA_EXCHANGE, NAVIGATE, OPEN_URL_6, required=True),
                visible=_VISIBLE,
            ),
        ),
        per_screen=2,
        per_screen_code="MAX_EMBEDDED_LINK_PER_SCREEN",
    ),
    ComponentSpec(
        "Footer",
        BASE,
        ObjectSpec(
            "Footer",
            _props(
                label=Prop(STRING, required=True, max_chars=35),
                # Section 14.6 lists ``update_data`` only for selection actions (inputs'
                # on-select/on-unselect and data-source items), so a Footer has three actions.
                on_click_action=_action(COMPLETE, DATA_EXCHANGE, NAVIGATE, required=True),
                left_caption=Prop(STRING, max_chars=15),
                right_caption=Prop(STRING, max_chars=15),
                center_caption=Prop(STRING, max_chars=15),
                enabled=_ENABLED,
            ),
        ),
        per_screen=1,
        per_screen_code="MAX_FOOTER_PER_SCREEN",
    ),
    # UNCONFIRMED (section 14.6): the version Image arrived in; treated as part of the base set.
    ComponentSpec(
        "Image",
        BASE,
        ObjectSpec(
            "Image",
            _props(
                src=Prop(STRING, required=True),
                width=Prop(INTEGER, minimum=1),
                height=Prop(INTEGER, minimum=1),
                scale_type=Prop(STRING, enum=("cover", "contain")),
                aspect_ratio=Prop(NUMBER, minimum=0),
                alt_text=Prop(STRING),
                visible=_VISIBLE,
            ),
        ),
        per_screen=3,
        per_screen_code="MAX_IMAGE_PER_SCREEN",
    ),
    ComponentSpec(
        "ImageCarousel",
        "7.1",
        ObjectSpec(
            "ImageCarousel",
            _props(
                images=Prop(
                    ARRAY, required=True, min_items=1, max_items=3, items=_IMAGE_CAROUSEL_ITEM
                ),
                aspect_ratio=Prop(STRING, enum=("4:3", "16:9")),
                scale_type=Prop(STRING, enum=("cover", "contain")),
                visible=_VISIBLE,
            ),
        ),
        in_branches=None,
        per_screen=2,
        per_screen_code="MAX_IMAGE_CAROUSEL_PER_SCREEN",
    ),
    ComponentSpec(
        "If",
        "4.0",
        ObjectSpec(
            "If",
            _props(
                condition=Prop(STRING, required=True, kind="expression"),
                then=Prop(ARRAY, required=True, min_items=1, kind="components", dynamic=False),
                # ``else`` is a Python keyword, hence the dict merge.
                **{"else": Prop(ARRAY, kind="components", dynamic=False)},
            ),
        ),
    ),
    ComponentSpec(
        "Switch",
        "4.0",
        ObjectSpec(
            "Switch",
            _props(
                value=Prop(STRING, required=True, kind="expression"),
                cases=Prop(OBJECT, required=True, kind="cases", dynamic=False),
            ),
        ),
    ),
    ComponentSpec(
        "Form",
        BASE,
        ObjectSpec(
            "Form",
            _props(
                name=_NAME,
                children=Prop(ARRAY, required=True, kind="components", dynamic=False),
                init_values=Prop(OBJECT),
                error_messages=Prop(OBJECT),
            ),
        ),
        in_branches=None,
    ),
    ComponentSpec(
        "NavigationList",
        "6.2",
        ObjectSpec(
            "NavigationList",
            _props(
                name=_NAME,
                list_items=Prop(ARRAY, required=True, min_items=1, max_items=20, items=_NAV_ITEM),
                label=Prop(STRING, max_chars=80),
                description=Prop(STRING, max_chars=300),
                media_size=Prop(STRING, enum=("regular", "large")),
                on_click_action=_action(DATA_EXCHANGE, NAVIGATE),
            ),
        ),
        in_branches=None,
        per_screen=2,
        per_screen_code="MAX_NAVIGATION_LIST_PER_SCREEN",
    ),
    ComponentSpec(
        "PhotoPicker",
        "4.0",
        ObjectSpec(
            "PhotoPicker",
            _props(
                name=_NAME,
                label=Prop(STRING, required=True, max_chars=80),
                description=Prop(STRING, max_chars=300),
                photo_source=Prop(STRING, enum=("camera_gallery", "camera", "gallery")),
                min_uploaded_photos=Prop(INTEGER, minimum=0, maximum=30),
                max_uploaded_photos=Prop(INTEGER, minimum=1, maximum=30),
                enabled=_ENABLED,
                visible=_VISIBLE,
                error_message=Prop(STRING_OR_OBJECT),
                **_MEDIA_LIMITS,
            ),
        ),
        input=True,
        in_branches=None,
        per_screen=1,
        per_screen_code="MAX_PHOTO_PICKER_PER_SCREEN",
    ),
    ComponentSpec(
        "DocumentPicker",
        "4.0",
        ObjectSpec(
            "DocumentPicker",
            _props(
                name=_NAME,
                label=Prop(STRING, required=True, max_chars=80),
                description=Prop(STRING, max_chars=300),
                allowed_mime_types=Prop(ARRAY, items="string"),
                min_uploaded_documents=Prop(INTEGER, minimum=0, maximum=30),
                max_uploaded_documents=Prop(INTEGER, minimum=1, maximum=30),
                enabled=_ENABLED,
                visible=_VISIBLE,
                error_message=Prop(STRING_OR_OBJECT),
                **_MEDIA_LIMITS,
            ),
        ),
        input=True,
        in_branches=None,
        per_screen=1,
        per_screen_code="MAX_DOCUMENT_PICKER_PER_SCREEN",
    ),
)

COMPONENTS: Mapping[str, ComponentSpec] = {spec.type: spec for spec in _COMPONENT_LIST}

# Pairs whose first value may not exceed the second (section 14.8), per component.
MIN_MAX_PAIRS: tuple[tuple[str, str], ...] = (
    ("min-selected-items", "max-selected-items"),
    ("min-chars", "max-chars"),
    ("min-uploaded-photos", "max-uploaded-photos"),
    ("min-uploaded-documents", "max-uploaded-documents"),
    ("min-days", "max-days"),
    ("min-date", "max-date"),
)

# Per-screen limits that are not about one component type.
MAX_COMPONENTS_PER_SCREEN = 50
SCREEN_LAYOUT_TYPES: tuple[str, ...] = ("SingleColumnLayout",)


_IN_FORCE: dict[tuple[int, str], dict[str, Prop]] = {}


def in_force(props: Mapping[str, tuple[Prop, ...]], version: str) -> dict[str, Prop]:
    """Each property allowed at ``version`` with the variant that applies (cached per table)."""
    key = (id(props), version)
    table = _IN_FORCE.get(key)
    if table is None:
        table = {}
        for name, variants in props.items():
            for candidate in variants:
                if at_least(version, candidate.since):
                    table[name] = candidate
        _IN_FORCE[key] = table
    return table


def first_since(props: Mapping[str, tuple[Prop, ...]], name: str) -> str | None:
    variants = props.get(name)
    return variants[0].since if variants else None


# The screen and its layout, checked with the same machinery as components (section 14.3).
SCREEN = ObjectSpec(
    "screen",
    {
        "id": (Prop(STRING, required=True, dynamic=False),),
        "title": (Prop(STRING),),
        "terminal": (Prop(BOOLEAN, dynamic=False),),
        "success": (Prop(BOOLEAN, dynamic=False),),
        "refresh_on_back": (Prop(BOOLEAN, dynamic=False),),
        "sensitive": (Prop(ARRAY, since="5.1", items="string", dynamic=False),),
        "data": (Prop(OBJECT, kind="data", dynamic=False),),
        "layout": (Prop(OBJECT, required=True, kind="layout", dynamic=False),),
    },
)
LAYOUT = ObjectSpec(
    "layout",
    {
        "type": (Prop(STRING, required=True, enum=SCREEN_LAYOUT_TYPES, dynamic=False),),
        "children": (Prop(ARRAY, required=True, kind="components", dynamic=False),),
    },
)
# Types a screen ``data`` field may declare.
DATA_TYPES: tuple[str, ...] = ("string", "number", "integer", "boolean", "object", "array")
# Screen ids Meta reserves (compared case-insensitively: the error text says 'success').
RESERVED_SCREEN_IDS: frozenset[str] = frozenset({"success"})
# Meta's pattern error says screen names may only contain letters and underscores (section 14.3).
SCREEN_ID_PATTERN = r"[A-Za-z_]+"
# If/Switch: how deeply Ifs nest (section 14.6).
MAX_IF_NESTING = 3
