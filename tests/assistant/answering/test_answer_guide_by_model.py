"""With a model configured, a question whose words match no guide gets guides the model picks from the catalog."""

from assistant.answering.retrieve import match_guides_with_model
from assistant.answering.service import AnswerService
from tests.fakes.chat_model import FakeChatModel

QUESTION = "单位让我签了一份东西，说以后出了事自己负责，这样行吗？"


def picker(ids: str):
    def reply(messages):
        prompt = str(messages[-1].content)
        return ids if "<指南目录>" in prompt else "根据劳动合同法第二十六条，免除用人单位法定责任的约定无效。"
    return reply


def test_the_model_picks_known_guides_only():
    model = FakeChatModel(reply_fn=picker("labor_relation_confirmation, no_such_guide, work_injury"))
    matches = match_guides_with_model(QUESTION, model)
    assert [m.guide.id for m in matches] == ["labor_relation_confirmation", "work_injury"]
    prompt = str(model.calls[0][-1].content)
    assert "wage_arrears" in prompt and QUESTION in prompt


def test_a_failing_or_useless_model_means_no_guide():
    assert match_guides_with_model(QUESTION, FakeChatModel(fail_on_call=True)) == []
    assert match_guides_with_model(QUESTION, FakeChatModel(replies=["无"])) == []
    assert match_guides_with_model(QUESTION, None) == []


def test_the_answer_uses_the_guides_the_model_chose(assistant):
    service = AnswerService(assistant, chat_model=FakeChatModel(reply_fn=picker("work_injury")))
    answer = service.ask(QUESTION)
    assert answer.mode == "llm"
    assert answer.guides == ["work_injury"]


def test_words_that_match_a_guide_never_cost_a_model_call(assistant):
    model = FakeChatModel(reply_fn=picker("work_injury"))
    AnswerService(assistant, chat_model=model).ask("老板拖欠我三个月工资怎么办")
    assert not any("<指南目录>" in str(m.content) for call in model.calls for m in call)
