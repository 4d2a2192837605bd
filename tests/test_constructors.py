"""Constructors take a blob or a timestamp in every form boto3 takes, and hold what
a result holds: bytes and a datetime (``_runtime.as_bytes`` and ``as_datetime``)."""

from __future__ import annotations

import datetime
import io

import pytest

from generated import _runtime
from generated.rekognition import AuditImage

UTC = datetime.timezone.utc


@pytest.mark.parametrize(
    "given",
    [b"pixels", bytearray(b"pixels"), "pixels", io.BytesIO(b"pixels")],
    ids=["bytes", "bytearray", "str", "file"],
)
def test_a_blob_is_held_as_the_bytes_boto3_would_send(given: object) -> None:
    image = AuditImage(bytes=given)  # type: ignore[arg-type]  # bytearray: boto3's
    assert type(image.bytes) is bytes and image.bytes == b"pixels"
    assert image.to_dict() == {"Bytes": b"pixels"}
    image.validate()


def test_a_text_file_is_sent_as_utf8() -> None:
    text = io.StringIO("café")
    # A text file is read too, though a Blob is typed as a binary one.
    assert _runtime.as_bytes(text) == "café".encode()  # type: ignore[call-overload]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2030-01-02T03:04:05Z", datetime.datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)),
        ("2030-01-02", datetime.datetime(2030, 1, 2, tzinfo=UTC)),
        (
            "2030-01-02T03:04:05+02:00",
            datetime.datetime(2030, 1, 2, 1, 4, 5, tzinfo=UTC),
        ),
        # not ISO 8601: read by botocore, as boto3 would
        (
            "Wed, 02 Jan 2030 03:04:05 GMT",
            datetime.datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC),
        ),
        (1893553445, datetime.datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)),
        (1893553445.5, datetime.datetime(2030, 1, 2, 3, 4, 5, 500000, tzinfo=UTC)),
    ],
)
def test_a_timestamp_is_held_as_an_aware_datetime(
    given: _runtime.Timestamp, expected: datetime.datetime
) -> None:
    held = _runtime.as_datetime(given)
    assert held == expected and held.utcoffset() is not None


def test_a_datetime_and_none_are_kept_as_they_are() -> None:
    naive = datetime.datetime(2030, 1, 2)
    assert _runtime.as_datetime(naive) is naive
    assert _runtime.as_datetime(None) is None and _runtime.as_bytes(None) is None


def test_what_boto3_would_refuse_is_kept_for_validate_to_report() -> None:
    assert _runtime.as_datetime("not a time") == "not a time"
    image = AuditImage(bytes=42)  # type: ignore[arg-type]
    assert image.bytes == 42  # type: ignore[comparison-overlap]  # kept as given
    with pytest.raises(
        _runtime.ValidationError, match=r"AuditImage\.Bytes: expected bytes"
    ):
        image.validate()


def test_a_double_takes_a_decimal_and_an_int_as_boto3_does() -> None:
    import decimal

    from generated.rekognition import BoundingBox

    box = BoundingBox(width=decimal.Decimal("0.25"), height=1)
    assert type(box.width) is float and box.width == 0.25
    assert type(box.height) is int  # kept: an int is a float to mypy, and round-trips
    assert box.to_dict() == {"Width": 0.25, "Height": 1}


def test_lists_and_maps_of_blobs_and_timestamps_are_converted_item_by_item(
    tmp_path: object,
) -> None:
    from pathlib import Path

    from conftest import generate_package, import_generated

    package, _ = generate_package(
        Path(str(tmp_path)), ["dynamodb:AttributeValue", "autoscaling:LoadForecast"]
    )
    dynamodb = import_generated(package, "dynamodb")
    given = ["text", io.BytesIO(b"file"), b"bytes"]
    value = dynamodb.AttributeValue(bs=given)
    assert value.bs == [b"text", b"file", b"bytes"] and value.bs is not given
    assert value.to_dict() == {"BS": [b"text", b"file", b"bytes"]}
    autoscaling = import_generated(package, "autoscaling")
    forecast = autoscaling.LoadForecast(
        timestamps=["2030-01-02", 0],
        values=[1.5],
        metric_specification=autoscaling.PredictiveScalingMetricSpecification(
            target_value=50
        ),
    )
    assert forecast.timestamps == [
        datetime.datetime(2030, 1, 2, tzinfo=UTC),
        datetime.datetime(1970, 1, 1, tzinfo=UTC),
    ]


def test_lists_of_lists_are_converted_at_every_depth(tmp_path: object) -> None:
    import decimal
    from pathlib import Path

    from conftest import generate_package, import_generated

    package, _ = generate_package(
        Path(str(tmp_path)), ["sagemaker-geospatial:PolygonGeometryInput"]
    )
    geo = import_generated(package, "sagemaker_geospatial")
    ring = [[decimal.Decimal("1.5"), 2], [3.0, decimal.Decimal("4")]]
    polygon = geo.PolygonGeometryInput(coordinates=[ring])
    assert polygon.coordinates == [[[1.5, 2], [3.0, 4.0]]]
    assert type(polygon.coordinates[0][0][0]) is float
    assert polygon.to_dict() == {"Coordinates": [[[1.5, 2], [3.0, 4.0]]]}
