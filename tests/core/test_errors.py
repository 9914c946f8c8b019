from __future__ import annotations

import pickle

import grpc
import grpc.aio
import pytest

from xai_sdk import errors


@pytest.mark.parametrize("code", [code for code in grpc.StatusCode if code is not grpc.StatusCode.OK])
def test_every_status_has_a_typed_error_that_grpc_handlers_still_catch(code: grpc.StatusCode) -> None:
    error = errors.error_from_status(code, "details", method="/xai_api.Models/GetLanguageModel")
    assert isinstance(error, errors.RpcError)
    assert isinstance(error, grpc.RpcError)
    assert isinstance(error, grpc.aio.AioRpcError)
    assert error.code() is code
    assert error.details() == "details"


@pytest.mark.parametrize(
    ("code", "error_type"),
    [
        (grpc.StatusCode.UNAUTHENTICATED, errors.AuthenticationError),
        (grpc.StatusCode.PERMISSION_DENIED, errors.PermissionDeniedError),
        (grpc.StatusCode.NOT_FOUND, errors.NotFoundError),
        (grpc.StatusCode.INVALID_ARGUMENT, errors.InvalidArgumentError),
        (grpc.StatusCode.RESOURCE_EXHAUSTED, errors.RateLimitError),
        (grpc.StatusCode.DEADLINE_EXCEEDED, errors.DeadlineExceededError),
        (grpc.StatusCode.UNAVAILABLE, errors.UnavailableError),
        (grpc.StatusCode.INTERNAL, errors.InternalServerError),
        (grpc.StatusCode.CANCELLED, errors.RequestCancelledError),
    ],
)
def test_status_codes_map_to_their_error_class(code: grpc.StatusCode, error_type: type) -> None:
    assert type(errors.error_from_status(code, None)) is error_type


def test_deadline_exceeded_is_also_a_timeout_error() -> None:
    assert isinstance(errors.error_from_status(grpc.StatusCode.DEADLINE_EXCEEDED, "late"), TimeoutError)


def test_the_message_names_status_details_method_and_request_id() -> None:
    error = errors.error_from_status(
        grpc.StatusCode.NOT_FOUND,
        "no such model",
        method="/xai_api.Models/GetLanguageModel",
        trailing_metadata=(("x-request-id", "req-42"),),
    )
    assert error.request_id == "req-42"
    assert str(error) == "NOT_FOUND: no such model (/xai_api.Models/GetLanguageModel, request id req-42)"


def test_the_request_id_is_read_from_initial_metadata_too() -> None:
    error = errors.error_from_status(
        grpc.StatusCode.INTERNAL, "boom", initial_metadata=(("request-id", "r1"),)
    )
    assert error.request_id == "r1"
    assert errors.error_from_status(grpc.StatusCode.INTERNAL, "boom").request_id is None


def test_typed_errors_survive_pickling() -> None:
    error = errors.error_from_status(
        grpc.StatusCode.RESOURCE_EXHAUSTED,
        "slow down",
        method="/m",
        trailing_metadata=(("x-request-id", "a"),),
    )
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is errors.RateLimitError
    assert (copy.code(), copy.details(), copy.method, copy.request_id) == (
        grpc.StatusCode.RESOURCE_EXHAUSTED,
        "slow down",
        "/m",
        "a",
    )


class _FakeSyncError(grpc.RpcError):
    def code(self) -> grpc.StatusCode:
        return grpc.StatusCode.UNAVAILABLE

    def details(self) -> str:
        return "connection refused"

    def trailing_metadata(self) -> tuple[tuple[str, str], ...]:
        return (("x-request-id", "t-1"),)

    def initial_metadata(self) -> tuple[tuple[str, str], ...]:
        raise RuntimeError("never started")


def test_a_grpc_error_is_translated_even_when_parts_are_missing() -> None:
    error = errors.from_grpc_error(_FakeSyncError(), "/xai_api.Auth/get_api_key_info")
    assert type(error) is errors.UnavailableError
    assert (error.details(), error.request_id, error.method) == (
        "connection refused",
        "t-1",
        "/xai_api.Auth/get_api_key_info",
    )


def test_a_missing_service_is_an_attribute_error() -> None:
    assert issubclass(errors.ServiceNotInstalledError, AttributeError)
    assert issubclass(errors.ServiceNotInstalledError, errors.XaiError)


@pytest.mark.parametrize(
    ("metadata", "expected"),
    [
        ((), None),
        (None, None),
        ((("content-type", "x"),), None),
        ((("x-xai-request-id", "c"), ("request-id", "b"), ("x-request-id", "a")), "a"),
        ((("x-xai-request-id", "c"), ("request-id", "b")), "b"),
        ((("x-request-id", ""), ("x-xai-request-id", "c")), "c"),
        ((("request-id", "first"), ("request-id", "second")), "second"),
    ],
)
def test_the_request_id_is_read_from_the_most_specific_key(metadata: object, expected: str | None) -> None:
    assert errors.request_id_from(metadata) == expected
