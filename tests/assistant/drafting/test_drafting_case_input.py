"""Case input the API receives: a bare string in a list is that item's name; an unknown key or a value of the wrong
shape is a typed error naming the field in Chinese (the API answers 422), never a silently blanked case."""

import pytest
from fastapi.testclient import TestClient

from assistant.api import create_app
from assistant.drafting import DraftInputError, document_types, draft
from assistant.drafting.case import label_of
from tests.assistant.api.conftest import api_settings
from tests.assistant.drafting.conftest import FULL_CASES, TODAY, docx_text


def test_a_plain_string_in_a_list_of_objects_is_its_main_field():
    case = FULL_CASES["arbitration_application"] | {"evidence": ["工资欠条"], "claims": ["确认双方存在劳动关系"]}
    d = draft("arbitration_application", case, today=TODAY)
    assert d.fields["evidence"][0]["name"] == "工资欠条"
    assert d.fields["claims"][0]["item"] == "确认双方存在劳动关系"
    assert d.fields["worker"]["name"] == "张三"  # the rest of the case is kept
    assert not any("无法读取" in w for w in d.warnings)
    assert "工资欠条" in docx_text(d.docx)


def test_grounds_given_as_numbers_are_their_items():
    case = FULL_CASES["resignation_notice"] | {"grounds": [2, "3"]}
    d = draft("resignation_notice", case, today=TODAY)
    assert [g["item"] for g in d.fields["grounds"]] == [2, 3]


def test_an_unknown_nested_key_names_the_field():
    case = FULL_CASES["arbitration_application"] | {"evidence": [{"name": "工资条", "sourse": "本人保存"}]}
    with pytest.raises(DraftInputError) as e:
        draft("arbitration_application", case, today=TODAY)
    assert e.value.path == "evidence.0.sourse"
    assert "证据第1项" in e.value.message and "sourse" in e.value.message


@pytest.mark.parametrize("case,label", [
    ({"worker": "张三"}, "劳动者（申请人）"),
    ({"position": {"name": "厨师"}}, "工作岗位"),
    ({"claims": [[1, 2]]}, "请求事项第1项"),
])
def test_a_value_of_the_wrong_shape_names_the_field(case, label):
    with pytest.raises(DraftInputError) as e:
        draft("arbitration_application", case, today=TODAY)
    assert e.value.field == label and label in e.value.message


def test_the_api_answers_422_naming_the_field(assistant, tmp_path):
    client = TestClient(create_app(assistant, api_settings=api_settings(tmp_path)))
    r = client.post("/v1/documents/arbitration_application",
                    json={"case": {"employer": {"name": "某公司", "fax": "010-1"}}})
    assert r.status_code == 422, r.text
    err = r.json()["error"]
    assert err["field"] == "用人单位fax" or "fax" in err["field"]
    assert "用人单位" in err["message"] and "fax" in err["message"]
    ok = client.post("/v1/documents/arbitration_application", json={"case": {"evidence": ["工资欠条"]}})
    assert ok.status_code == 200 and ok.json()["fields"]["evidence"][0]["name"] == "工资欠条"


def test_nested_labels_read_once():
    assert label_of(("employer", "phone")) == "用人单位联系电话"
    assert label_of(("union", "phone")) == "工会联系电话"
    assert label_of(("worker", "age")) == "劳动者年龄"
    labels = [f.label for t in document_types() for f in t.fields]
    assert not any("·" in label and label.split("·")[0] in label.split("·")[1] for label in labels)
    assert not any(label.startswith("用人单位用人单位") for label in labels)


def test_sex_is_a_choice():
    spec = next(f for f in document_types()[0].fields if f.path == "worker.sex")
    assert spec.choices == ["男", "女"]
    d = draft("arbitration_application", {"worker": {"sex": "女性"}}, today=TODAY)
    assert d.fields["worker"]["sex"] == "女"
    d = draft("arbitration_application", {"worker": {"sex": "未知"}}, today=TODAY)
    assert d.fields["worker"]["sex"] is None and any("性别" in w and "男或女" in w for w in d.warnings)
