"""The vendored web assets: present in the package, unchanged, and usable offline.

VERSIONS.md in the vendor folder is the manifest: every file there is listed with its
SHA-256, and the coverage of the world maps against the UN membership is recorded there
too. These tests need no network.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import pytest

from unvotes.countries import load_countries

VENDOR: Traversable = resources.files("unvotes") / "web" / "static" / "vendor"
ASSETS = ["vega.min.js", "vega-lite.min.js", "vega-embed.min.js", "world-110m.json",
          "world-50m.json"]
LICENCES = ["LICENSE-vega.txt", "LICENSE-vega-lite.txt", "LICENSE-vega-embed.txt",
            "LICENSE-world-atlas.txt"]
ROW = re.compile(r"^\| `(?P<file>[^`]+)` \|.*\| `(?P<sha>[0-9a-f]{64})` \|")
DAY = dt.date(2025, 2, 24)

# UN members with no shape in Natural Earth 1:110m (small island states and microstates).
MISSING_110M = {
    "AND", "ATG", "BHR", "BRB", "CPV", "COM", "DMA", "GRD", "KIR", "LIE", "MDV", "MLT",
    "MHL", "MUS", "FSM", "MCO", "NRU", "PLW", "KNA", "LCA", "VCT", "WSM", "SMR", "STP",
    "SYC", "SGP", "TON", "TUV",
}


def _manifest() -> dict[str, str]:
    text = (VENDOR / "VERSIONS.md").read_text(encoding="utf-8")
    return {m["file"]: m["sha"] for line in text.splitlines() if (m := ROW.match(line))}


def _topology(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((VENDOR / name).read_text(encoding="utf-8"))
    return data


def _shape_ids(name: str) -> set[str]:
    geometries = _topology(name)["objects"]["countries"]["geometries"]
    return {g["id"] for g in geometries if "id" in g}


def _members_without_shape(name: str) -> set[str]:
    table = load_countries()
    ids = _shape_ids(name)
    members = table.members_on(DAY)
    assert len(members) == 193
    missing = set()
    for iso3 in members:
        m49 = table.get(iso3).m49
        assert m49 is not None, iso3
        if f"{m49:03d}" not in ids:
            missing.add(iso3)
    return missing


@pytest.mark.parametrize("name", ASSETS + LICENCES + ["VERSIONS.md"])
def test_vendored_file_is_in_the_package(name: str) -> None:
    assert (VENDOR / name).is_file()
    assert len((VENDOR / name).read_bytes()) > 0


def test_manifest_lists_exactly_the_vendored_files() -> None:
    present = {p.name for p in VENDOR.iterdir() if p.is_file()} - {"VERSIONS.md"}
    assert set(_manifest()) == present == set(ASSETS + LICENCES)


@pytest.mark.parametrize("name", ASSETS + LICENCES)
def test_sha256_matches_manifest(name: str) -> None:
    digest = hashlib.sha256((VENDOR / name).read_bytes()).hexdigest()
    assert digest == _manifest()[name]


@pytest.mark.parametrize(("name", "umd_global"), [
    ("vega.min.js", ".vega={}"),
    ("vega-lite.min.js", ".vegaLite={},e.vega)"),
    ("vega-embed.min.js", ".vegaEmbed=t(e.vega,e.vegaLite)"),
])
def test_js_builds_are_umd_bundles_setting_browser_globals(name: str, umd_global: str) -> None:
    head = (VENDOR / name).read_text(encoding="utf-8")[:400]
    assert head.startswith("!function(")
    assert umd_global in head


@pytest.mark.parametrize("name", ["world-110m.json", "world-50m.json"])
def test_world_atlas_is_a_topojson_topology_with_country_ids(name: str) -> None:
    topo = _topology(name)
    assert topo["type"] == "Topology"
    assert set(topo["objects"]) == {"countries", "land"}
    assert topo["arcs"]
    countries = topo["objects"]["countries"]
    assert countries["type"] == "GeometryCollection"
    geometries = countries["geometries"]
    assert {g["type"] for g in geometries} <= {"Polygon", "MultiPolygon"}
    with_id = [g for g in geometries if "id" in g]
    assert all(re.fullmatch(r"\d{3}", g["id"]) for g in with_id)
    # Areas with no ISO 3166-1 numeric code carry no id.
    no_id = {g["properties"]["name"] for g in geometries if "id" not in g}
    extra = {"Indian Ocean Ter.", "Siachen Glacier"} if name == "world-50m.json" else set()
    assert no_id == {"N. Cyprus", "Somaliland", "Kosovo"} | extra
    assert len(with_id) == {"world-110m.json": 174, "world-50m.json": 236}[name]


def test_ids_are_iso_numeric_codes_matching_m49() -> None:
    geometries = _topology("world-110m.json")["objects"]["countries"]["geometries"]
    names = {g["id"]: g["properties"]["name"] for g in geometries if "id" in g}
    table = load_countries()
    assert names["840"] == "United States of America"
    assert table.get("USA").m49 == 840
    assert names["004"] == "Afghanistan"
    assert table.get("AFG").m49 == 4


def test_members_without_a_shape_at_110m_are_the_small_states() -> None:
    missing = _members_without_shape("world-110m.json")
    assert missing == MISSING_110M
    assert 193 - len(missing) == 165


def test_members_without_a_shape_at_50m_is_only_tuvalu() -> None:
    assert _members_without_shape("world-50m.json") == {"TUV"}


def test_shapes_that_are_not_members() -> None:
    table = load_countries()
    by_m49 = {f"{c.m49:03d}": c.iso3 for c in table.countries() if c.m49 is not None}
    members = table.members_on(DAY)
    geometries = _topology("world-110m.json")["objects"]["countries"]["geometries"]
    others = {g["properties"]["name"]: by_m49.get(g["id"]) for g in geometries
              if "id" in g and by_m49.get(g["id"]) not in members}
    assert others == {
        "Taiwan": "TWN", "Palestine": "PSE", "Antarctica": None, "Falkland Is.": None,
        "Fr. S. Antarctic Lands": None, "Greenland": None, "New Caledonia": None,
        "Puerto Rico": None, "W. Sahara": None,
    }
