"""Which Flow fields to ask for, and Graph's dotted field modifiers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from flowtui.api.models import MetricGranularity, MetricName

# What the flow list shows. ``updated_at`` is not in Meta's field table but is answered by the
# live API (pywa requests and tests it); see the reference, section 3.
LIST_FIELDS: tuple[str, ...] = (
    "id",
    "name",
    "status",
    "categories",
    "validation_errors",
    "json_version",
    "data_api_version",
    "endpoint_uri",
    "updated_at",
)

# Everything the detail screen shows. ``data_channel_uri`` is left out: deprecated since v19.0.
DETAIL_FIELDS: tuple[str, ...] = (
    *LIST_FIELDS,
    "preview",
    "application",
    "whatsapp_business_account",
    "health_status",
)


def _bool(value: bool) -> str:
    return "true" if value else "false"


def preview_field(invalidate: bool) -> str:
    return f"preview.invalidate({_bool(invalidate)})"


def health_field(phone_number_id: str | None) -> str:
    return f"health_status.phone_number({phone_number_id})" if phone_number_id else "health_status"


def metric_field(
    name: MetricName, granularity: MetricGranularity, since: date | None, until: date | None
) -> str:
    text = f"metric.name({name.value}).granularity({granularity.value})"
    if since is not None:
        text += f".since({since.isoformat()})"
    if until is not None:
        text += f".until({until.isoformat()})"
    return text


def flow_fields(
    fields: Iterable[str],
    *,
    invalidate_preview: bool | None = None,
    phone_number_id: str | None = None,
) -> str:
    """The ``fields`` parameter, with modifiers applied.

    A bare ``preview`` always becomes ``preview.invalidate(false)`` unless rotation is asked for,
    so reading a flow never rotates its preview link by accident.
    """
    names = [f.strip() for f in fields if f.strip()]
    if invalidate_preview is not None and not any(_base(n) == "preview" for n in names):
        names.append("preview")
    out: list[str] = []
    for name in names:
        base = _base(name)
        if base == "preview" and (name == "preview" or invalidate_preview is not None):
            name = preview_field(bool(invalidate_preview))
        elif base == "health_status" and phone_number_id:
            name = health_field(phone_number_id)
        if name not in out:
            out.append(name)
    return ",".join(out)


def _base(field_name: str) -> str:
    return field_name.split(".", 1)[0].split("{", 1)[0]
