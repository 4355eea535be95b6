"""HTTP to Graph: the bearer token, timeouts, retries, error envelopes and usage headers.

Exceptions raised here never chain the underlying httpx exception (they are raised outside
the ``except`` block): a crash report that prints the frames and locals of a chained exception
could otherwise reach the request headers inside httpx. The message is a sentence about the
flow ("Could not publish the flow: the server could not be reached."); the technical cause
goes to the ``flowtui.graph`` log with every request's method, path, status, duration and
fbtrace_id (never a header).
"""

from __future__ import annotations

import json
import logging
import ssl
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote, urlsplit

import httpx

from flowtui import __version__
from flowtui.api import errors as e
from flowtui.api.error_codes import build_error, parse_error_detail
from flowtui.api.inputs import check_api_version, check_base_url
from flowtui.api.retry import RetryMode, RetryPolicy, parse_retry_after
from flowtui.api.secret import Token, redact_every_token
from flowtui.api.usage import RateLimitUsage, parse_usage

Json = dict[str, Any]
log = logging.getLogger("flowtui.graph")


class _PoolPerScheme(httpx.AsyncBaseTransport):
    """httpx's connection pools, one for plain HTTP and one for TLS, each made on first use.

    httpx builds its TLS context (loading a CA bundle: 25-55 ms here) when a client is made,
    which was a tenth of ``flowtui --sandbox``'s start-up; the sandbox speaks plain HTTP on
    loopback and never needs it. ``http://`` requests go to a pool that has no use for
    certificates (hence ``verify=False``: no TLS ever happens on it); ``https://`` requests go
    to a pool with httpx's default verification, made when the first one is sent.
    """

    def __init__(self) -> None:
        self._pools: dict[str, httpx.AsyncHTTPTransport] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        scheme = request.url.scheme
        pool = self._pools.get(scheme)
        if pool is None:
            plain = scheme == "http"
            pool = httpx.AsyncHTTPTransport(verify=False) if plain else httpx.AsyncHTTPTransport()
            self._pools[scheme] = pool
        return await pool.handle_async_request(request)

    async def aclose(self) -> None:
        for pool in self._pools.values():
            await pool.aclose()


class GraphTransport:
    """One ``httpx.AsyncClient`` speaking to one Graph base URL and API version."""

    def __init__(
        self,
        token: Token,
        *,
        base_url: str,
        api_version: str,
        timeout: float,
        retry: RetryPolicy,
        http_transport: httpx.AsyncBaseTransport | None = None,
        allow_insecure_http: bool = False,
    ) -> None:
        # Checked here, before any request: a URL httpx cannot use would otherwise fail on the
        # first request with httpx's own exception, and a port out of range with anyio's.
        base = check_base_url(base_url, allow_insecure_http=allow_insecure_http)
        self.root = f"{base}/{check_api_version(api_version)}"
        try:
            httpx.URL(self.root)
        except httpx.InvalidURL:
            raise e.InvalidBaseUrlError(
                f"The base URL {base_url!r} is not a URL a request can be sent to: check the "
                "host name for characters a host name cannot hold.",
                reason="its host name holds characters a host name cannot hold",
            ) from None
        parts = urlsplit(base)
        assert parts.hostname  # check_base_url saw to it
        self._token = token
        self._host = parts.hostname
        self._retry = retry
        self.usage: RateLimitUsage | None = None
        # Graph calls go straight to the pools (see _send); the client builds every request
        # (timeouts, headers, query, body) and sends asset downloads, which follow redirects.
        self._pools = http_transport if http_transport is not None else _PoolPerScheme()
        self._http = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout),
            headers={"User-Agent": f"flowtui/{__version__}"},
            transport=self._pools,
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    def __repr__(self) -> str:
        return f"GraphTransport(root={self.root!r})"

    # --- requests ------------------------------------------------------------------------------

    async def request(
        self,
        method: str,
        path: str,
        *,
        operation: str,
        mode: RetryMode,
        how_to_check: str = "",
        params: Mapping[str, str] | None = None,
        json_body: Json | None = None,
        form: Mapping[str, str] | None = None,
        files: Mapping[str, tuple[str, bytes, str]] | None = None,
    ) -> Json:
        """Send one Graph call, retrying as ``mode`` allows; the decoded JSON object.

        ``operation`` says what the call does as a verb phrase ("publish the flow"): error
        messages are built from it.
        """
        url = f"{self.root}/{path.lstrip('/')}"
        started = self._retry.clock()
        retries = 0
        while True:
            try:
                request = self._http.build_request(
                    method, url, params=params, json=json_body, data=form, files=files
                )
            except Exception as error:  # httpx.InvalidURL, an unencodable body: nothing sent
                log.warning("%s %s -> not sent (%s)", method, path, type(error).__name__)
                raise _not_sent(operation) from None
            failure, wait_hint = await self._attempt(request, operation, mode, how_to_check)
            if isinstance(failure, dict):
                return failure
            retryable = _retryable(failure, mode)
            if not retryable or retries >= self._retry.max_retries:
                raise self._final(failure, operation, mode, how_to_check)
            retries += 1
            delay = wait_hint if wait_hint is not None else self._retry.backoff(retries)
            elapsed = self._retry.clock() - started
            if elapsed + delay > self._retry.max_total_delay:
                raise self._final(failure, operation, mode, how_to_check)
            await self._retry.sleep(delay)

    async def download(self, url: str) -> bytes:
        """GET a URL on another host (asset downloads), never with the token."""
        started = self._retry.clock()
        retries = 0
        while True:
            try:
                request = self._http.build_request("GET", url)
            except Exception as error:
                log.warning("GET (asset download) -> not sent (%s)", type(error).__name__)
                raise _not_sent("download the asset") from None
            shown = f"{request.url.host}{request.url.path}"  # not the signed query
            started_at = time.perf_counter()
            try:
                response = await self._http.send(request, follow_redirects=True)
            except Exception as error:
                _log_failure("GET", shown, started_at, error, self._token)
                failure: e.FlowsError = _transport_error(error, "download the asset")
            else:
                _log_answer("GET", shown, started_at, response)
                if response.is_success:
                    return response.content
                failure = self._graph_error(response)
            if not _retryable(failure, RetryMode.IDEMPOTENT) or retries >= self._retry.max_retries:
                raise failure
            retries += 1
            delay = self._retry.backoff(retries)
            if self._retry.clock() - started + delay > self._retry.max_total_delay:
                raise failure
            await self._retry.sleep(delay)

    async def _attempt(
        self, request: httpx.Request, operation: str, mode: RetryMode, how_to_check: str
    ) -> tuple[Json | e.FlowsError, float | None]:
        """One try: the JSON answer, or the error and how long Graph asked us to wait."""
        shown = unquote(request.url.raw_path.decode("ascii", "replace"))
        started_at = time.perf_counter()
        try:
            response = await self._send(request)
        except Exception as error:  # httpx's, or whatever a library below it lets through
            _log_failure(request.method, shown, started_at, error, self._token)
            return _transport_error(error, operation), None
        _log_answer(request.method, shown, started_at, response)
        usage = parse_usage(response.headers)
        if usage is not None:
            self.usage = usage
        if response.is_success:
            body = _json_object(response.content)
            if body is None:
                return _malformed(response, operation, mode, how_to_check), None
            return body, None
        refusal = self._graph_error(response)
        wait = refusal.retry_after if isinstance(refusal, e.RateLimitedError) else None
        return refusal, wait

    async def _send(self, request: httpx.Request) -> httpx.Response:
        """A Graph request, with the token, to the connection pools and read to the end.

        Not through ``AsyncClient.send``: a Graph call needs none of its redirects, hooks or
        cookies (Graph sets none the API uses; the client's jar parsed every answer for them,
        a twentieth of the app's work while 1,000 pages of flows arrived). The token goes to
        the Graph host alone.
        """
        if request.url.host == self._host:
            request.headers["Authorization"] = "Bearer " + self._token.reveal()
        response = await self._pools.handle_async_request(request)
        response.request = request
        try:
            await response.aread()
        finally:
            await response.aclose()
        return response

    def _graph_error(self, response: httpx.Response) -> e.GraphError:
        body = self._token.redact(response.content.decode("utf-8", "replace"))
        detail = parse_error_detail(response.status_code, body)
        if detail is None:
            detail = e.GraphErrorDetail(
                message=f"HTTP {response.status_code} {response.reason_phrase} without a Graph "
                "error body",
                http_status=response.status_code,
            )
        return build_error(detail, retry_after=self._retry_after(response))

    def _retry_after(self, response: httpx.Response) -> float | None:
        header = parse_retry_after(response.headers.get("retry-after"))
        if header is not None:
            return header
        regain = self.usage.regain_access_seconds if self.usage else 0
        return regain or None

    def _final(
        self, failure: e.FlowsError, operation: str, mode: RetryMode, how_to_check: str
    ) -> e.FlowsError:
        """The error to raise when giving up: ambiguous failures of ONCE calls say so."""
        if mode is RetryMode.ONCE and _may_have_taken_effect(failure):
            outcome = e.OutcomeUnknownError(
                f"The request to {operation} may or may not have taken effect "
                f"({_cause_of(failure)}); it was not repeated, because repeating it is not safe.",
                operation=operation,
                how_to_check=how_to_check or "Reload the flow to see its current state.",
            )
            outcome.__cause__ = failure
            return outcome
        return failure


# --- classification ----------------------------------------------------------------------------


class _AmbiguousTransportError(e.TransportError):
    """The connection failed after the request may have been sent."""


class _AmbiguousTimeoutError(e.RequestTimeoutError, _AmbiguousTransportError):
    pass


class _DroppedConnectionError(e.ConnectionFailedError, _AmbiguousTransportError):
    pass


def _not_sent(operation: str) -> e.RequestNotSentError:
    return e.RequestNotSentError(
        f"Could not {operation}: the request could not be built (the access token or the URL "
        "holds a character HTTP does not allow), so it was not sent."
    )


def _transport_error(error: Exception, operation: str) -> e.FlowsError:
    """The sentence for a request that got no answer; httpx's class and text go to the log,
    never into the sentence (httpx quotes what it was sending: a header, the token)."""
    failed = f"Could not {operation}:"
    if isinstance(error, httpx.LocalProtocolError | httpx.UnsupportedProtocol):
        # Refused by httpx or h11 while writing the request: it never left this machine.
        return _not_sent(operation)
    if isinstance(error, httpx.ConnectError) and _is_tls(error):
        return e.TLSError(f"{failed} the secure connection was refused (TLS handshake failed).")
    if isinstance(error, httpx.ConnectTimeout | httpx.PoolTimeout):
        return e.RequestTimeoutError(f"{failed} connecting to the server timed out.")
    if isinstance(error, httpx.ConnectError):
        return e.ConnectionFailedError(f"{failed} the server could not be reached.")
    if isinstance(error, httpx.TimeoutException):
        return _AmbiguousTimeoutError(f"{failed} the server did not answer in time.")
    if isinstance(error, httpx.TransportError):
        return _DroppedConnectionError(
            f"{failed} the connection was lost before the answer arrived."
        )
    if not isinstance(error, httpx.HTTPError):  # from below httpx: it may have been sent
        return _AmbiguousTransportError(f"{failed} the request failed on its way to the server.")
    return e.TransportError(f"{failed} the request failed on its way to the server.")


def _cause_of(failure: e.FlowsError) -> str:
    """A failure's sentence as a clause: "the server did not answer in time"."""
    text = str(failure).rstrip(".")
    return text.split(": ", 1)[1] if text.startswith("Could not ") and ": " in text else text


def _log_answer(method: str, path: str, started_at: float, response: httpx.Response) -> None:
    elapsed = (time.perf_counter() - started_at) * 1000
    trace = response.headers.get("x-fb-trace-id")
    level = logging.INFO if response.is_success else logging.WARNING
    log.log(
        level,
        "%s %s -> %s in %.0f ms%s",
        method,
        path,
        response.status_code,
        elapsed,
        f" fbtrace_id={trace}" if trace else "",
    )


def _log_failure(method: str, path: str, started_at: float, error: Exception, token: Token) -> None:
    elapsed = (time.perf_counter() - started_at) * 1000
    name = type(error).__name__
    if isinstance(error, httpx.LocalProtocolError) or not isinstance(error, httpx.HTTPError):
        # A refused request quotes the header it refused (the token's, as a bytes repr);
        # an exception from outside httpx may quote anything.
        cause = name
    else:
        cause = f"{name}: {error}" if str(error) else name
    cause = redact_every_token(token.redact(cause))
    log.warning("%s %s -> no answer after %.0f ms (%s)", method, path, elapsed, cause)


def _is_tls(error: BaseException) -> bool:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, ssl.SSLError) or "CERTIFICATE_VERIFY_FAILED" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _retryable(failure: e.FlowsError, mode: RetryMode) -> bool:
    if isinstance(failure, e.RateLimitedError):
        return True  # a refusal: it did not take effect
    if isinstance(failure, e.TLSError | e.OutcomeUnknownError | e.RequestNotSentError):
        return False  # the same request would fail the same way
    if isinstance(failure, e.TransportError):
        return mode is RetryMode.IDEMPOTENT or not isinstance(failure, _AmbiguousTransportError)
    if isinstance(failure, e.MalformedResponseError):
        return mode is RetryMode.IDEMPOTENT
    if isinstance(failure, e.ServiceUnavailableError) or (
        isinstance(failure, e.GraphError) and failure.is_transient
    ):
        return mode is RetryMode.IDEMPOTENT
    return False


def _may_have_taken_effect(failure: e.FlowsError) -> bool:
    if isinstance(failure, _AmbiguousTransportError):
        return True
    return isinstance(failure, e.ServiceUnavailableError) or (
        isinstance(failure, e.GraphError)
        and not isinstance(failure, e.RateLimitedError)
        and failure.is_transient
    )


def _malformed(
    response: httpx.Response, operation: str, mode: RetryMode, how_to_check: str
) -> e.FlowsError:
    answer = (
        f"HTTP {response.status_code} with something that is not Graph's JSON "
        f"({len(response.content)} bytes of "
        f"{response.headers.get('content-type', 'no stated type')})"
    )
    if mode is RetryMode.ONCE:
        return e.OutcomeUnknownError(
            f"The request to {operation} got {answer}: it may have taken effect, so it was "
            "not repeated.",
            operation=operation,
            how_to_check=how_to_check or "Reload the flow to see its current state.",
        )
    return e.MalformedResponseError(f"Could not {operation}: the server answered {answer}.")


def _json_object(content: bytes) -> Json | None:
    try:
        value = json.loads(content)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None
