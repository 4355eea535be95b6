"""The Flows service layer: an async Graph API client, typed models and errors.

Nothing under ``flowtui.api`` imports Textual or Rich.
"""

from flowtui.api.client import DEFAULT_API_VERSION, DEFAULT_BASE_URL, FlowsClient
from flowtui.api.errors import (
    AuthError,
    FlowError,
    FlowsError,
    GraphError,
    InputError,
    NotFoundError,
    OutcomeUnknownError,
    PermissionDeniedError,
    RateLimitedError,
    TransportError,
)
from flowtui.api.models import (
    Asset,
    CreatedFlow,
    Flow,
    FlowCategory,
    FlowJsonUpload,
    FlowPage,
    FlowStatus,
    HealthStatus,
    MetricSeries,
    MigrationResult,
    Preview,
    ValidationError,
)
from flowtui.api.retry import RetryPolicy
from flowtui.api.secret import Token
from flowtui.api.usage import RateLimitUsage

__all__ = [
    "DEFAULT_API_VERSION",
    "DEFAULT_BASE_URL",
    "Asset",
    "AuthError",
    "CreatedFlow",
    "Flow",
    "FlowCategory",
    "FlowError",
    "FlowJsonUpload",
    "FlowPage",
    "FlowStatus",
    "FlowsClient",
    "FlowsError",
    "GraphError",
    "HealthStatus",
    "InputError",
    "MetricSeries",
    "MigrationResult",
    "NotFoundError",
    "OutcomeUnknownError",
    "PermissionDeniedError",
    "Preview",
    "RateLimitUsage",
    "RateLimitedError",
    "RetryPolicy",
    "Token",
    "TransportError",
    "ValidationError",
]
