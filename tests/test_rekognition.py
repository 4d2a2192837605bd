"""The committed bindings for the Face Liveness results, against real botocore."""

from __future__ import annotations

import logging
import typing
from typing import Any

import botocore.session
import pytest
from botocore.stub import Stubber
from conftest import ROOT

from codegen.build import pipeline
from codegen.config import load_config
from generated import rekognition
from generated.rekognition import (
    AuditImage,
    BoundingBox,
    Challenge,
    GetFaceLivenessSessionResultsResponse,
    S3Object,
)

SECRET = b"\x89PNG-very-secret-face-bytes"


def realistic_response() -> dict[str, object]:
    box = {"Width": 0.25, "Height": 0.5, "Left": 0.125, "Top": 0.0625}
    return {
        "SessionId": "0123abcd-0123-4567-89ab-0123456789ab",
        "Status": "SUCCEEDED",
        "Confidence": 98.75,
        "ReferenceImage": {
            "Bytes": SECRET,
            "S3Object": {
                "Bucket": "liveness-bucket",
                "Name": "ref.jpg",
                "Version": "v1",
            },
            "BoundingBox": box,
        },
        "AuditImages": [
            {"Bytes": SECRET + b"-1", "BoundingBox": box},
            {
                "S3Object": {"Bucket": "liveness-bucket", "Name": "audit-2.jpg"},
                "BoundingBox": box,
            },
            {
                "Bytes": SECRET + b"-3",
                "S3Object": {"Bucket": "audit-bucket", "Name": "n"},
            },
        ],
        "Challenge": {"Type": "FaceMovementAndLightChallenge", "Version": "1.0.0"},
    }


def test_module_holds_the_closure() -> None:
    for name in (
        "GetFaceLivenessSessionResultsResponse",
        "AuditImage",
        "S3Object",
        "BoundingBox",
        "Challenge",
    ):
        assert isinstance(getattr(rekognition, name), type)
    assert typing.get_args(rekognition.LivenessSessionStatus) == (
        "CREATED",
        "IN_PROGRESS",
        "SUCCEEDED",
        "FAILED",
        "EXPIRED",
    )
    assert "FaceMovementAndLightChallenge" in typing.get_args(rekognition.ChallengeType)


def test_sensitive_lists() -> None:
    assert AuditImage.SENSITIVE == ("bytes",)
    for cls in (
        GetFaceLivenessSessionResultsResponse,
        S3Object,
        BoundingBox,
        Challenge,
    ):
        assert cls.SENSITIVE == ()


def test_regeneration_is_byte_identical() -> None:
    config = load_config(ROOT)
    output = pipeline.build(
        config.targets, line_length=config.line_length, clients=config.clients
    )
    for name, text in output.all_files().items():
        assert (ROOT / "generated" / name).read_text(encoding="utf-8") == text, name


def test_round_trip_of_a_realistic_response() -> None:
    data = realistic_response()
    metadata = {"RequestId": "r-1", "HTTPStatusCode": 200}
    response = GetFaceLivenessSessionResultsResponse.from_dict(
        {**data, "ResponseMetadata": metadata}
    )
    # The operation's result keeps botocore's response metadata, typed.
    assert response.response_metadata is not None
    assert response.response_metadata.request_id == "r-1"
    assert response.response_metadata.http_status_code == 200
    assert response.reference_image is not None
    assert response.reference_image.bounding_box == BoundingBox(
        width=0.25, height=0.5, left=0.125, top=0.0625
    )
    assert response.audit_images is not None and len(response.audit_images) == 3
    assert response.audit_images[1].s3_object == S3Object(
        bucket="liveness-bucket", name="audit-2.jpg"
    )
    assert response.challenge == Challenge(
        type="FaceMovementAndLightChallenge", version="1.0.0"
    )
    assert response.to_dict() == {**data, "ResponseMetadata": metadata}
    assert (
        GetFaceLivenessSessionResultsResponse.from_dict(response.to_dict()) == response
    )


def test_stubber_accepts_to_dict_as_the_operation_response() -> None:
    client = botocore.session.get_session().create_client(
        "rekognition",
        region_name="us-east-1",
        aws_access_key_id="x",
        aws_secret_access_key="y",
    )
    expected = GetFaceLivenessSessionResultsResponse.from_dict(realistic_response())
    with Stubber(client) as stubber:
        stubber.add_response(
            "get_face_liveness_session_results",
            expected.to_dict(),
            {"SessionId": "0123abcd-0123-4567-89ab-0123456789ab"},
        )
        raw = client.get_face_liveness_session_results(
            SessionId="0123abcd-0123-4567-89ab-0123456789ab"
        )
    assert GetFaceLivenessSessionResultsResponse.from_dict(raw) == expected


def test_repr_str_and_logging_never_show_sensitive_bytes(
    caplog: pytest.LogCaptureFixture,
) -> None:
    response = GetFaceLivenessSessionResultsResponse.from_dict(realistic_response())
    with caplog.at_level(logging.INFO):
        logging.getLogger("app").info("got %s / %r", response, response)
    for text in (repr(response), str(response), f"{response}", caplog.text):
        assert "secret" not in text and "PNG" not in text and "\\x89" not in text
        assert "bytes=<sensitive>" in text
        assert "liveness-bucket" in text  # everything else is still shown
    assert response.to_dict()["ReferenceImage"]["Bytes"] == SECRET


def test_missing_required_member_is_corrected_and_reported_by_validate() -> None:
    data: dict[str, Any] = realistic_response()
    del data["Status"]
    del data["Challenge"]["Version"]
    response = GetFaceLivenessSessionResultsResponse.from_dict(data)
    # A missing required member is filled with a value outside its enum.
    assert response.status == ""  # type: ignore[comparison-overlap]
    assert response.challenge is not None
    assert response.challenge.version == ""
    assert response.to_dict() == data  # filled members are left out
    with pytest.raises(ValueError) as raised:
        response.validate()
    assert str(raised.value) == (
        "2 problems:\n"
        "  GetFaceLivenessSessionResultsResponse.Status: required member is missing\n"
        "  GetFaceLivenessSessionResultsResponse.Challenge.Version: "
        "required member is missing"
    )


def test_construction_is_keyword_only_and_compares_by_value() -> None:
    with pytest.raises(TypeError):
        S3Object("bucket")  # type: ignore[call-arg]
    assert S3Object(bucket="b") == S3Object(bucket="b")
    assert S3Object(bucket="b") != S3Object(bucket="c")
    assert S3Object(bucket="b") != BoundingBox()
    with pytest.raises(TypeError):
        hash(S3Object(bucket="b"))
    with pytest.raises(AttributeError):
        S3Object().colour = "red"  # type: ignore[attr-defined]


def test_unknown_enum_value_from_a_newer_api_still_loads() -> None:
    data = {**realistic_response(), "Status": "SOME_FUTURE_STATUS"}
    assert (
        GetFaceLivenessSessionResultsResponse.from_dict(data).status
        == "SOME_FUTURE_STATUS"  # type: ignore[comparison-overlap]  # not in the enum
    )


def test_documentation_is_carried_over() -> None:
    source = (ROOT / "generated" / "rekognition.py").read_text(encoding="utf-8")
    assert (
        "https://docs.aws.amazon.com/goto/WebAPI/rekognition-2016-06-27/AuditImage"
        in source
    )
    assert (
        '    session_id: str\n    """The sessionId for which this request was called."""'
        in source
    )
    assert "<p>" not in source and "</" not in source
    assert AuditImage.__doc__ and "Base64-encoded bytes" in AuditImage.__doc__


def test_generated_code_imports_nothing_from_the_generator() -> None:
    for path in (ROOT / "generated").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert (
            "codegen." not in text.replace("codegen-manifest", "")
            and "import codegen" not in text
        ), path


def test_wrong_shapes_of_data_are_named() -> None:
    data = realistic_response()
    data["ReferenceImage"] = ["not", "a", "dict"]
    with pytest.raises(ValueError) as raised:
        GetFaceLivenessSessionResultsResponse.from_dict(data)
    assert str(raised.value) == (
        "GetFaceLivenessSessionResultsResponse.ReferenceImage: "
        "expected a mapping, got list"
    )
    data = realistic_response()
    data["AuditImages"][1]["BoundingBox"] = "a string"  # type: ignore[index]
    with pytest.raises(ValueError) as raised:
        GetFaceLivenessSessionResultsResponse.from_dict(data)
    assert str(raised.value) == (
        "GetFaceLivenessSessionResultsResponse.AuditImages[1].BoundingBox: "
        "expected a mapping, got str"
    )


def test_instances_pickle_and_copy() -> None:
    import copy
    import pickle

    response = GetFaceLivenessSessionResultsResponse.from_dict(realistic_response())
    assert pickle.loads(pickle.dumps(response)) == response
    clone = copy.deepcopy(response)
    assert clone == response and clone.audit_images is not response.audit_images
