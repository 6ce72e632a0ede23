"""Linked editing: regenerating the matrix keeps every SKU whose combination survives."""

from __future__ import annotations

import pytest

from core.catalog.matrix import combinations, plan_matrix, validate_specs
from core.errors import InvalidInput

COLOUR_SIZE = [{"name": "颜色", "values": ["红", "蓝"]}, {"name": "尺码", "values": ["S", "M"]}]
EXISTING = [(1, ["红", "S"]), (2, ["红", "M"]), (3, ["蓝", "S"]), (4, ["蓝", "M"])]


def test_combinations_follow_display_order():
    assert combinations(COLOUR_SIZE) == [["红", "S"], ["红", "M"], ["蓝", "S"], ["蓝", "M"]]
    assert combinations([]) == [[]]


def test_adding_a_value_keeps_every_sku_and_adds_the_new_row():
    new = [{"name": "颜色", "values": ["红", "蓝", "绿"]}, COLOUR_SIZE[1]]
    plan = plan_matrix(COLOUR_SIZE, new, EXISTING)
    assert plan.keep == {1: ["红", "S"], 2: ["红", "M"], 3: ["蓝", "S"], 4: ["蓝", "M"]}
    assert plan.create == [["绿", "S"], ["绿", "M"]] and plan.delete == []


def test_removing_a_value_deletes_only_its_row():
    new = [{"name": "颜色", "values": ["蓝"]}, COLOUR_SIZE[1]]
    plan = plan_matrix(COLOUR_SIZE, new, EXISTING)
    assert sorted(plan.keep) == [3, 4] and sorted(plan.delete) == [1, 2] and plan.create == []


def test_renaming_a_value_keeps_its_skus():
    new = [{"name": "颜色", "values": ["深红", "蓝"]}, COLOUR_SIZE[1]]
    plan = plan_matrix(COLOUR_SIZE, new, EXISTING, renames={"颜色": {"红": "深红"}})
    assert plan.keep[1] == ["深红", "S"] and plan.keep[2] == ["深红", "M"] and plan.create == []


def test_renaming_a_dimension_keeps_everything():
    new = [{"name": "色彩", "values": ["红", "蓝"]}, COLOUR_SIZE[1]]
    plan = plan_matrix(COLOUR_SIZE, new, EXISTING)
    assert len(plan.keep) == 4 and not plan.create and not plan.delete


def test_adding_and_dropping_dimensions():
    added = COLOUR_SIZE + [{"name": "版本", "values": ["标准", "高配"]}]
    plan = plan_matrix(COLOUR_SIZE, added, EXISTING)
    assert plan.keep[1] == ["红", "S", "标准"] and len(plan.create) == 4
    dropped = [COLOUR_SIZE[0]]
    plan = plan_matrix(COLOUR_SIZE, dropped, EXISTING)
    assert plan.keep == {1: ["红"], 3: ["蓝"]} and sorted(plan.delete) == [2, 4]


@pytest.mark.parametrize(
    ("specs", "field"),
    [
        ([{"name": "颜色", "values": ["红", "红"]}], "specs[0].values"),
        ([{"name": "", "values": ["红"]}], "specs[0].name"),
        ([{"name": "a", "values": [str(i) for i in range(25)]}, {"name": "b", "values": [str(i) for i in range(25)]}], "specs"),
    ],
)
def test_bad_specs_name_the_field(specs, field):
    with pytest.raises(InvalidInput) as caught:
        validate_specs(specs)
    assert caught.value.field == field
