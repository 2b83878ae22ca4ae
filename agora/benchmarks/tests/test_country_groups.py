"""LDC, LLDC and SIDS memberships (UN M49 facts in agora/interop/vocabularies/m49.py) agree
with the M49 table as mirrored in the shared test data, and LDC membership is dated."""

from __future__ import annotations

import csv

import pytest

from agora.interop.vocabularies.m49 import (
    LDC_MEMBERS,
    LLDC_MEMBERS,
    SIDS_MEMBERS,
    UN_MEMBER_STATES,
    group_members,
    ldc_members,
)


@pytest.fixture(scope="module")
def m49(shared_data):  # type: ignore[no-untyped-def]
    path = (
        shared_data / "tabular" / "core-datasets" / "country-codes" / "data" / "country-codes.csv"
    )
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _marked(rows, column):  # type: ignore[no-untyped-def]
    return {r["ISO3166-1-Alpha-3"] for r in rows if r[column].strip()}


def test_ldc_list_between_the_graduations_of_bhutan_and_sao_tome_matches_m49(m49):
    assert ldc_members("2024-06-01") == _marked(m49, "Least Developed Countries (LDC)")
    assert len(LDC_MEMBERS) == 44


def test_lldc_and_sids_match_m49(m49):
    assert _marked(m49, "Land Locked Developing Countries (LLDC)") == LLDC_MEMBERS
    assert _marked(m49, "Small Island Developing States (SIDS)") == SIDS_MEMBERS


def test_ldc_membership_follows_graduations_and_admissions():
    assert "BTN" in ldc_members("2023-06-01")
    assert "BTN" not in ldc_members("2024-01-01")
    assert "VUT" in ldc_members("2020-07-01")
    assert "VUT" not in ldc_members("2022-07-01")
    assert "SSD" not in ldc_members("2012-07-01")
    assert "SSD" in ldc_members("2014-07-01")
    assert len(ldc_members("2003-07-01")) == 49
    assert "CPV" not in group_members("ldc", "2008-07-01")


def test_every_ldc_and_lldc_is_a_member_state():
    assert LDC_MEMBERS <= UN_MEMBER_STATES
    assert LLDC_MEMBERS <= UN_MEMBER_STATES
    with pytest.raises(KeyError):
        group_members("g7")
