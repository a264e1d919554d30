import pytest

from hazard_ledger.domain.errors import DuplicateError, NotFoundError, ValidationError
from hazard_ledger.services.integrity import check_ledger
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.units import UnitInput, add_unit, edit_unit, list_units


def test_units_are_listed_by_name_with_their_details(ledger: Ledger) -> None:
    units = list_units(ledger)
    assert [u.name for u in units] == ["老街小吃店", "鑫源五金厂"]
    assert units[1].credit_code == "91330329MA2C000016" and units[1].village == "城东社区"


def test_a_duplicate_credit_code_or_name_is_refused(ledger: Ledger) -> None:
    with pytest.raises(DuplicateError, match="已登记为“鑫源五金厂”"):
        add_unit(ledger, UnitInput(name="鑫源五金加工厂", credit_code="91330329ma2c000016"))
    with pytest.raises(DuplicateError, match="已经登记过"):
        add_unit(ledger, UnitInput(name="老街小吃店"))
    assert len(list_units(ledger)) == 2


def test_a_bad_credit_code_is_refused(ledger: Ledger) -> None:
    with pytest.raises(ValidationError, match="校验位"):
        add_unit(ledger, UnitInput(name="新厂", credit_code="91330329MA2C000017"))
    with pytest.raises(ValidationError, match="单位名称"):
        add_unit(ledger, UnitInput(name=" "))


def test_edit_and_search(ledger: Ledger) -> None:
    edit_unit(ledger, "91330329MA2C000016", UnitInput(name="鑫源五金加工厂", phone="0577-1234"))
    assert [u.name for u in list_units(ledger, "五金")] == ["鑫源五金加工厂"]
    assert list_units(ledger, "城东")[0].phone == "0577-1234"
    with pytest.raises(DuplicateError):
        edit_unit(ledger, "鑫源五金加工厂", UnitInput(name="老街小吃店"))
    with pytest.raises(NotFoundError):
        edit_unit(ledger, "无此单位", UnitInput(phone="1"))
    assert check_ledger(ledger).ok
