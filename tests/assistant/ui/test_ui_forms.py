"""Forms drawn from calculator input models and document field lists, and what they send back."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from assistant.ui import forms


class Inputs(BaseModel):
    monthly_wage: Decimal = Field(title="月工资")
    start_date: date | None = Field(None, title="入职日期")
    months: int | None = Field(None, title="工作月数")
    difficult_birth: bool = Field(False, title="难产")
    reason: Literal["layoff", "unlawful"] | None = Field(None, title="原因", description="可选：layoff=经济性裁员；unlawful=违法解除")


def test_calculator_fields_follow_the_input_model():
    fields = {f.name: f for f in forms.calculator_fields(Inputs)}
    assert fields["monthly_wage"].kind == forms.NUMBER and fields["monthly_wage"].required
    assert fields["start_date"].kind == forms.DATE and not fields["start_date"].required
    assert fields["difficult_birth"].kind == forms.BOOL
    assert fields["reason"].choices == [("经济性裁员", "layoff"), ("违法解除", "unlawful")]


def test_blank_inputs_are_left_out_so_a_missing_local_figure_is_not_zero():
    fields = forms.calculator_fields(Inputs)
    values = ["8000", "", "  ", False, ""]
    assert forms.calculator_inputs(fields, values) == {"monthly_wage": "8000"}
    values = ["8000", "2020-03-01", "43", True, "layoff"]
    assert forms.calculator_inputs(fields, values) == {"monthly_wage": "8000", "start_date": "2020-03-01",
                                                       "months": "43", "difficult_birth": True, "reason": "layoff"}


DOC = {"fields": [{"path": "worker.name", "label": "申请人姓名", "required": True},
                  {"path": "employer.name", "label": "被申请人名称", "required": True},
                  {"path": "hire_date", "label": "入职日期"},
                  {"path": "claims", "label": "仲裁请求", "required": True},
                  {"path": "violations", "label": "违法情形"},
                  {"path": "facts", "label": "事实经过"}]}


def test_document_form_builds_the_nested_case():
    fields = forms.document_fields(DOC)
    kinds = {f.name: f.kind for f in fields}
    assert kinds["claims"] == forms.LINES and kinds["hire_date"] == forms.DATE
    values = ["张三", "某某公司", "2021-05-10", "支付工资 | 9000 | 劳动合同法第三十条\n支付经济补偿｜32000",
              "拖欠工资\n未缴社保\n", "  "]
    case = forms.case_from_form(fields, values)
    assert case == {"worker": {"name": "张三"}, "employer": {"name": "某某公司"}, "hire_date": "2021-05-10",
                    "claims": [{"item": "支付工资", "amount": "9000", "basis": "劳动合同法第三十条"},
                               {"item": "支付经济补偿", "amount": "32000"}],
                    "violations": ["拖欠工资", "未缴社保"]}


def test_prefilling_the_form_from_a_case_round_trips():
    fields = forms.document_fields(DOC)
    case = {"worker": {"name": "张三"}, "claims": [{"item": "支付工资", "amount": "9000", "basis": "第三十条"}],
            "violations": ["拖欠工资"]}
    values = forms.form_values_from_case(fields, case)
    assert values[0] == "张三" and values[1] == "" and values[3] == "支付工资 | 9000 | 第三十条"
    assert forms.case_from_form(fields, values) == case
