"""The list kinds and their column schemas."""

import pytest

from gongkai.datalists.kinds import KINDS, ColumnType, Rule, UnknownKindError, get_kind, lookup_kinds


def test_the_five_kinds_exist_with_their_columns():
    assert set(KINDS) == {"school_district", "school_list", "aid_recipients", "fee_schedule", "school_lunch"}
    assert [c.label for c in KINDS["school_district"].columns] == [
        "街道/镇",
        "道路或小区",
        "门牌号范围",
        "对口小学",
        "对口初中",
        "备注",
    ]
    assert KINDS["school_district"].column("numbers").type == ColumnType.ADDRESS_RANGE


def test_aid_list_masks_names_and_ids_and_withholds_contact_and_bank_data():
    aid = get_kind("aid_recipients")
    assert aid.column("name").rule == Rule.MASK
    assert aid.column("id_number").rule == Rule.MASK
    assert not aid.column("id_number").required
    assert {c.label for c in aid.columns if c.rule == Rule.WITHHOLD} == {"联系电话", "家庭住址", "银行卡号"}
    assert all(c.rule != Rule.WITHHOLD for c in aid.stored_columns)
    assert aid.column("amount").type == ColumnType.MONEY
    assert not aid.indexed


def test_school_list_publishes_the_office_phone():
    assert get_kind("school_list").column("phone").rule == Rule.SHOW


def test_every_kind_has_a_key_whose_columns_exist_and_unique_names():
    for kind in KINDS.values():
        keys = {c.key for c in kind.columns}
        assert set(kind.key) <= keys, kind.code
        names = [n for c in kind.columns for n in c.names]
        assert len(names) == len(set(names)), kind.code


def test_lookups_are_school_district_and_school_lunch_among_others():
    codes = {k.code for k in lookup_kinds()}
    assert {"school_district", "school_lunch"} <= codes
    assert "aid_recipients" not in codes


def test_unknown_kind():
    with pytest.raises(UnknownKindError):
        get_kind("nope")
