"""Every case desk route, and each role that must be refused on it: no key (401), a public key (403), staff of
another organisation (the same 404 as no case at all), a reviewer on a staff step and staff on a reviewer's step
(403). A refusal leaves the case's trace as it was."""

from __future__ import annotations

import pytest

from assistant.api.routers.cases import router
from tests.assistant.api.case_fixtures import key, open_chat_case

STAFF_STEPS = {"anonymous": 401, "app": 403, "desk_b": 404, "rev_a": 403}  # what only the case's staff may do
READS = {"anonymous": 401, "app": 403, "desk_b": 404}  # what staff and reviewers of the case's organisation may read
REVIEW = {"anonymous": 401, "app": 403, "desk_a": 403, "rev_b": 404}  # the reviewer's decision
DESK_LISTS = {"anonymous": 401, "app": 403}  # lists: every desk key gets its own organisation's
EVIDENCE_FILE = {"file": ("工资条.txt", "2024年6月工资 8000 元，未发。".encode(), "text/plain")}  # a multipart upload

# (method, path, body, who must be refused and how)
ROUTES = [
    ("GET", "/v1/cases", None, DESK_LISTS),
    ("GET", "/v1/cases/due", None, DESK_LISTS),
    ("GET", "/v1/cases/reviews/stats", None, DESK_LISTS),
    ("GET", "/v1/cases/{code}", None, READS),
    ("GET", "/v1/cases/{code}/events", None, READS),
    ("GET", "/v1/cases/{code}/deadlines", None, READS),
    ("GET", "/v1/cases/{code}/documents", None, READS),
    ("GET", "/v1/cases/{code}/documents/{doc_id}", None, READS),
    ("POST", "/v1/cases/{code}/notes", {"text": "备注"}, {"anonymous": 401, "app": 403, "desk_b": 404}),
    ("POST", "/v1/cases/{code}/answers", {"question": "问", "answer": "答"}, {"anonymous": 401, "app": 403,
                                                                            "desk_b": 404}),
    ("POST", "/v1/cases/{code}/reviews", {"answer_id": 1}, {"anonymous": 401, "app": 403, "desk_b": 404}),
    ("POST", "/v1/cases/{code}/assign", {"assignee": "李干事"}, STAFF_STEPS),
    ("POST", "/v1/cases/{code}/status", {"status": "处理中"}, STAFF_STEPS),
    ("PATCH", "/v1/cases/{code}/facts", {"changes": {"pay.monthly_wage": "9000"}}, STAFF_STEPS),
    ("POST", "/v1/cases/{code}/evidence", {"items": [{"name": "工资条"}]}, STAFF_STEPS),
    ("POST", "/v1/cases/{code}/attachments", EVIDENCE_FILE, STAFF_STEPS),
    ("GET", "/v1/cases/{code}/attachments", None, READS),
    ("GET", "/v1/cases/{code}/attachments/{attachment_id}", None, READS),
    ("POST", "/v1/cases/{code}/documents/{doc_type}", {}, STAFF_STEPS),
    ("POST", "/v1/cases/{code}/referrals", {"target": "mediation"}, STAFF_STEPS),
    ("PATCH", "/v1/cases/{code}/referrals/{referral_id}", {"status": "sent"}, STAFF_STEPS),
    ("GET", "/v1/cases/{code}/bundle", None, STAFF_STEPS),
    ("POST", "/v1/cases/{code}/reviews/{review_id}", {}, REVIEW),
]
# The worker's door is the code and secret, not a key: refused with the one 404 (test_api_cases.py), and a
# desk key does not open it either.
WORKER_DOOR = ["/v1/cases/progress", "/v1/cases/progress/reviews", "/v1/cases/progress/attachments",
               "/v1/cases/progress/erase"]


def test_every_route_of_the_desk_is_in_this_table():
    table = {(m, p) for m, p, _, _ in ROUTES} | {("POST", p) for p in WORKER_DOOR} | {("POST", "/v1/cases")}
    served = {(m, r.path_format) for r in router.routes for m in r.methods}
    assert served == table


@pytest.mark.parametrize(("method", "path", "body", "refused"), ROUTES, ids=[f"{m} {p}" for m, p, _, _ in ROUTES])
def test_each_role_that_must_be_refused_is_refused_and_nothing_changes(desk_client, method, path, body, refused):
    code = open_chat_case(desk_client)["code"]
    url = path.format(code=code, doc_id=1, doc_type="arbitration_application", referral_id=1, review_id=1,
                      attachment_id=1)
    trace = desk_client.get(f"/v1/cases/{code}/events", headers=key("admin")).json()
    for who, status in refused.items():
        headers = {} if who == "anonymous" else key(who)
        sent = {"files": body} if body is EVIDENCE_FILE else {"json": body}
        r = desk_client.request(method, url, headers=headers, **sent)
        assert r.status_code == status, (who, r.text)
        assert r.json()["error"]["message"]  # a sentence in Chinese, never an empty refusal
    after = desk_client.get(f"/v1/cases/{code}/events", headers=key("admin")).json()
    assert [e["hash"] for e in after] == [e["hash"] for e in trace]


@pytest.mark.parametrize("path", WORKER_DOOR)
def test_a_desk_key_is_no_substitute_for_the_workers_secret(desk_client, path):
    opened = open_chat_case(desk_client)
    body = {"code": opened["code"], "secret": "WRONG234"} | ({"answer_id": 1} if path.endswith("reviews") else {})
    if path.endswith("attachments"):  # a form with the file beside the code and secret
        r = desk_client.post(path, data=body, files={"file": ("欠条.txt", "欠条：欠张三工资".encode())}, headers=key("admin"))
    else:
        r = desk_client.post(path, json=body, headers=key("admin"))
    assert r.status_code == 404 and r.json()["error"]["code"] == "case_not_found"
