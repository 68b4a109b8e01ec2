"""Drafting reads and writes a case's fields by dotted path the same way everywhere."""

from assistant.drafting.case import Case
from assistant.drafting.paths import put_at, value_at


def test_a_path_reads_plain_data_and_the_case_model_alike():
    data = {"worker": {"name": "张三"}, "facts": "入职三年"}
    assert value_at(data, "worker.name") == "张三"
    assert value_at(data, "worker.phone") is None
    assert value_at(data, "facts.title") is None  # a text where a group was expected: nowhere, not str.title
    case = Case.model_validate({"worker": {"name": "张三"}})
    assert value_at(case, "worker.name") == "张三"
    assert value_at(case, "worker.model_dump") is None  # a model's method is no field


def test_writing_a_path_makes_its_groups_and_never_writes_through_a_text():
    data: dict = {"employer": None, "facts": "入职三年"}
    put_at(data, "employer.name", "某某公司")
    put_at(data, "worker.name", "张三")
    put_at(data, "facts.when", "2024")
    assert data == {"employer": {"name": "某某公司"}, "worker": {"name": "张三"}, "facts": "入职三年"}
