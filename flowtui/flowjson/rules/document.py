"""Top-level rules: the root object, its keys, ``version``, ``data_api_version``, ``screens``."""

from __future__ import annotations

import re

from flowtui.flowjson import codes, versions
from flowtui.flowjson.context import Context
from flowtui.flowjson.rules.common import (
    report_missing,
    report_type,
    report_unknown_key,
    report_value,
)

TOP_LEVEL_KEYS = frozenset(
    {"version", "screens", "routing_model", "data_api_version", "data_channel_uri"}
)
MAX_SCREENS = 100
# ``data_channel_uri`` (the endpoint URL) lived in the JSON before 3.0; from 3.0 it is set via the
# API (``endpoint_uri``). Section 14.9 notes Meta's error table names ``data_api_version`` here by
# mistake; the property actually removed is ``data_channel_uri``.
DATA_CHANNEL_URI_UNTIL = "3.0"
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S+")


def check(context: Context) -> bool:
    """Check the top level; False when the document is too broken for the other rules."""
    root = context.root
    if not isinstance(root, dict):
        report_type(context, (), root, "object")
        return False
    for key in root:
        if key not in TOP_LEVEL_KEYS:
            report_unknown_key(context, (key,))
    _check_version(context)
    _check_endpoint_keys(context)
    return _check_screens(context)


def _check_version(context: Context) -> None:
    root = context.root
    if "version" not in root:
        context.report(
            codes.MISSING_FLOW_JSON_VERSION,
            'Flow JSON version is missing. Add "version" (e.g. '
            f'"{versions.LATEST_VERSION}") at the top level.',
            (),
        )
        return
    version = root["version"]
    if not isinstance(version, str):
        report_type(context, ("version",), version, "string")
        return
    if not versions.is_well_formed(version):
        context.report(
            codes.INVALID_FLOW_JSON_VERSION,
            f"Invalid Flow JSON version '{version}': expected \"major.minor\", "
            f'e.g. "{versions.LATEST_VERSION}".',
            ("version",),
        )
        return
    if not versions.is_known(version):
        context.report(
            codes.UNSUPPORTED_FLOW_JSON_VERSION,
            f"Flow JSON version '{version}' is not supported. Supported versions: "
            f"{', '.join(versions.KNOWN_VERSIONS)}.",
            ("version",),
        )
        return
    context.version = version
    if context.for_publishing and versions.is_frozen(version):
        # The version exists (so not INVALID_/UNSUPPORTED_) but is no longer available for the
        # operation asked for; section 14.8 words the check as "available", hence UNAVAILABLE_.
        context.report(
            codes.UNAVAILABLE_FLOW_JSON_VERSION,
            f"Flow JSON version '{version}' is frozen: flows using it can still be sent but no "
            f"longer published. Use {versions.PUBLISHABLE_VERSIONS[0]} or newer "
            f"({versions.LATEST_VERSION} is recommended).",
            ("version",),
        )


def _check_endpoint_keys(context: Context) -> None:
    root = context.root
    if "data_api_version" in root:
        data_api = root["data_api_version"]
        if not isinstance(data_api, str):
            report_type(context, ("data_api_version",), data_api, "string")
        elif data_api not in versions.DATA_API_VERSIONS:
            context.report(
                codes.NO_SUPPORTED_DATA_API_VERSION,
                f"Data API version '{data_api}' is not supported. Supported versions: "
                f"{', '.join(versions.DATA_API_VERSIONS)}.",
                ("data_api_version",),
            )
        if "routing_model" not in root:
            report_missing(context, (), "routing_model")
    if "data_channel_uri" in root:
        uri = root["data_channel_uri"]
        if context.at_least(DATA_CHANNEL_URI_UNTIL):
            context.report(
                codes.INVALID_PROPERTY_KEY,
                "Property 'data_channel_uri' is no longer supported in Flow JSON as of version "
                "'3.0'. Please configure your endpoint URI using Flows API.",
                ("data_channel_uri",),
                key=True,
            )
        elif not isinstance(uri, str):
            report_type(context, ("data_channel_uri",), uri, "string")
        elif not _URI.fullmatch(uri):
            report_value(
                context,
                ("data_channel_uri",),
                "Expected a URI.",
                code=codes.INVALID_PROPERTY_VALUE_FORMAT,
            )


def _check_screens(context: Context) -> bool:
    root = context.root
    if "screens" not in root:
        report_missing(context, (), "screens")
        return False
    screens = root["screens"]
    if not isinstance(screens, list):
        report_type(context, ("screens",), screens, "array")
        return False
    if not screens:
        context.report(
            codes.MIN_ITEMS_REQUIRED,
            "Property 'screens' must have at least 1 item(s), but found 0.",
            ("screens",),
        )
        return False
    if len(screens) > MAX_SCREENS:
        # The check ends here: a document of 100,000 screens would otherwise be walked screen
        # by screen (seconds) to list problems Meta never gets to, as it refuses the count.
        # The issue points at the first screen too many, as the per-screen limits do: pointing
        # at the whole array would scan all of it again only to find where it ends.
        context.report(
            codes.MAX_SCREENS_NUMBER,
            codes.message(codes.MAX_SCREENS_NUMBER, max=MAX_SCREENS, count=len(screens)),
            ("screens", MAX_SCREENS),
        )
        return False
    return True
