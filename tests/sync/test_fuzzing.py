"""Hypothesis: whatever the manifest or an event line says, an import either merges a consistent
package or refuses it with a user error, and a refused import changes nothing."""

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from hazard_ledger.domain.errors import LedgerError
from hazard_ledger.services.integrity import check_ledger
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.sync.export import export_package
from hazard_ledger.sync.importer import import_package
from tests.conftest import Clock
from tests.sync.conftest import dump, open_station, record, rewrite

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**40), 2**40)
    | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
MANIFEST_KEYS = st.sampled_from(
    [
        "format",
        "format_version",
        "station",
        "sequence",
        "previous_package_sha256",
        "full",
        "created_at",
        "period",
        "events",
        "counts",
        "members",
        "unexpected",
    ]
)
EVENT_KEYS = st.sampled_from(
    [
        "uuid",
        "station_uuid",
        "seq",
        "record_type",
        "record_uuid",
        "kind",
        "occurred_at",
        "recorded_at",
        "actor",
        "payload",
        "prev_hash",
        "hash",
        "extra",
    ]
)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    station = open_station(root, "LY", Clock())
    try:
        record(station, "罗阳镇鑫源五金厂", "砂轮机无防护罩")
        record(station, "罗阳镇老街小吃店", "灭火器过期")
        return export_package(station, root / "sample.zip").file
    finally:
        station.close()


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Ledger:
    ledger = Ledger(tmp_path_factory.mktemp("county"), operator="县局", today=Clock()).open()
    from hazard_ledger.services.stations import init_station

    init_station(ledger, code="TSX", name="泰顺县应急管理局")
    return ledger


def attempt(county: Ledger, path: Path) -> None:
    """Import ``path``: refused with a user error and nothing changed, or merged consistently
    (a mutation may leave a package valid, e.g. another creation time)."""
    before = dump(county)
    try:
        import_package(county, path, accept_new_station=True)
    except LedgerError as error:
        event("refused")
        assert error.message  # a sentence for the user, not a traceback
        assert dump(county) == before
    else:
        event("merged")
        report = check_ledger(county)
        assert report.ok, report.problems


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(key=MANIFEST_KEYS, value=JSON, drop=st.booleans())
def test_a_mutated_manifest_is_refused_cleanly(
    sample: Path,
    county: Ledger,
    tmp_path_factory: pytest.TempPathFactory,
    key: str,
    value: object,
    drop: bool,
) -> None:
    def change(content: dict[str, bytes]) -> None:
        manifest = json.loads(content["manifest.json"])
        if drop and key in manifest:
            del manifest[key]
        else:
            if manifest.get(key) == value:
                manifest[key] = [value]
            else:
                manifest[key] = value
        content["manifest.json"] = json.dumps(manifest).encode()

    path = rewrite(
        sample, tmp_path_factory.mktemp("m") / "p.zip", change, fix_manifest=key != "members"
    )
    attempt(county, path)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(line=st.integers(0, 100), key=EVENT_KEYS, value=JSON, drop=st.booleans())
def test_a_mutated_event_line_is_refused_cleanly(
    sample: Path,
    county: Ledger,
    tmp_path_factory: pytest.TempPathFactory,
    line: int,
    key: str,
    value: object,
    drop: bool,
) -> None:
    def change(content: dict[str, bytes]) -> None:
        rows = [json.loads(text) for text in content["events.jsonl"].decode().splitlines()]
        row = rows[line % len(rows)]
        if drop and key in row:
            del row[key]
        elif row.get(key) == value or key == "extra":
            row[key] = [value]
            if key == "extra":
                row["actor"] = str(row["actor"]) + "!"  # an extra key alone is harmless
        else:
            row[key] = value
        content["events.jsonl"] = "".join(
            json.dumps(r, ensure_ascii=False) + "\n" for r in rows
        ).encode()

    attempt(county, rewrite(sample, tmp_path_factory.mktemp("e") / "p.zip", change))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(garbage=st.binary(min_size=0, max_size=200), line=st.integers(0, 100))
def test_a_garbled_event_line_is_refused_cleanly(
    sample: Path,
    county: Ledger,
    tmp_path_factory: pytest.TempPathFactory,
    garbage: bytes,
    line: int,
) -> None:
    def change(content: dict[str, bytes]) -> None:
        lines = content["events.jsonl"].split(b"\n")
        lines[line % (len(lines) - 1)] = garbage.replace(b"\n", b" ")
        content["events.jsonl"] = b"\n".join(lines)

    attempt(county, rewrite(sample, tmp_path_factory.mktemp("g") / "p.zip", change))
