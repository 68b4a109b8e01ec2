"""``labor bench schema``: schemathesis against the app, every phase (examples, coverage, fuzzing, stateful), with a
staff key and a public key, rate limit off. Counts the requests made, the server errors (5xx) and the schema
mismatches (a status code, content type, header or body the OpenAPI document does not describe, a bad request
accepted); the command exits non-zero on any. ``POST /v1/ingest`` writes to the index, so it gets a run of its own
over an empty one. tests/assistant/api/test_api_schemathesis.py is the bounded version run with the suite.
"""

from __future__ import annotations

import logging
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from evals.datasets import REPO_DIR

SHARED_LAWS = REPO_DIR.parent / "shared" / "corpus" / "laws"
STAFF_KEY, PUBLIC_KEY = "bench-staff-key", "bench-public-key"
KEYS = {"staff": {"Authorization": f"Bearer {STAFF_KEY}"}, "public": {"X-API-Key": PUBLIC_KEY}}
PHASES = ("examples", "coverage", "fuzzing", "stateful")
# Refusing an invalid request with any of these is a refusal, not a mismatch (413: a body over the cap).
REFUSALS = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429"]
SERVER_ERROR_CHECK = "not_a_server_error"
MAX_LISTED = 20
# A multipart part is bytes whatever the schema says of it: a "number" or an "object" sent as a file part arrives as
# a file holding "0" or "{}", which no server can tell from a file holding those bytes. Such type mutations of a
# file field are counted apart (unobservable), never as accepted bad data; every other mutation of the form counts.
_TYPE_MUTATION = re.compile(r"violates `type` at /properties/(\w+)")


def schema_config(headers: dict[str, str], *, max_examples: int, max_time: float, seed: int | None):
    """All phases and checks, as the suite's bounded run has them: ``positive_data_acceptance`` is off because
    some rules span fields the schema cannot express (the last chat message is the user's, feedback carries at least
    one of rating, comment or review), so data valid by the schema may rightly get 422."""
    from schemathesis.config import SchemathesisConfig

    return SchemathesisConfig.from_dict({
        "headers": headers,
        "max-time": max_time,
        "continue-on-failure": True,
        **({"seed": seed} if seed is not None else {}),
        "suppress-health-check": ["all"],
        "generation": {"max-examples": max_examples, "mode": "all"},
        "phases": {name: {"enabled": True} for name in PHASES},
        "checks": {"positive_data_acceptance": {"enabled": False},
                   "negative_data_rejection": {"expected-statuses": REFUSALS}},
    })


def file_fields(spec: dict) -> set[str]:
    """The form fields the document gives as files (``contentMediaType: application/octet-stream``, or binary)."""
    def is_file(schema: dict) -> bool:
        return schema.get("contentMediaType") == "application/octet-stream" or schema.get("format") == "binary"

    return {name for body in (spec.get("components") or {}).get("schemas", {}).values()
            for name, prop in (body.get("properties") or {}).items()
            if isinstance(prop, dict) and (is_file(prop) or is_file(prop.get("items") or {}))}


def unobservable(check_name: str, message: str, files: set[str]) -> bool:
    found = _TYPE_MUTATION.search(message or "")
    return check_name == "negative_data_rejection" and found is not None and found.group(1) in files


def run_engine(schema) -> dict:
    """One engine run over ``schema``: requests, server errors, mismatches and the first few failures."""
    from schemathesis import engine
    from schemathesis.engine import events

    files = file_fields(schema.raw_schema)
    unseen = 0
    requests = server_errors = 0
    mismatches: dict[str, int] = {}
    listed: list[str] = []
    seen: set = set()
    operations: set[str] = set()
    phases: dict[str, str] = {}
    stop_reason, fatal = "", ""
    for event in engine.from_schema(schema).execute():
        if isinstance(event, events.PhaseFinished):
            phases[event.phase.name.value] = event.status.value
        elif isinstance(event, events.ScenarioFinished | events.FuzzScenarioFinished):
            recorder = event.recorder
            for interaction in recorder.interactions.values():
                requests += 1
                if interaction.response is not None and interaction.response.status_code >= 500:
                    server_errors += 1
            for case_id, checks in recorder.checks.items():
                node = recorder.cases.get(case_id)
                if node is not None:
                    operations.add(node.value.operation.label)
                for check in checks:
                    if check.failure_info is None:
                        continue
                    failure = check.failure_info.failure
                    if failure in seen:
                        continue
                    seen.add(failure)
                    if unobservable(check.name, failure.message, files):
                        unseen += 1
                        continue
                    if check.name != SERVER_ERROR_CHECK:
                        mismatches[check.name] = mismatches.get(check.name, 0) + 1
                    if len(listed) < MAX_LISTED:
                        where = node.value.operation.label if node is not None else "?"
                        message = " ".join((failure.message or "").split())[:240]
                        sample = check.failure_info.code_sample if check.name == SERVER_ERROR_CHECK else ""
                        listed.append(f"{where}: {check.name}: {failure.title}: {message}"
                                      + (f"\n      {sample[:400]}" if sample else ""))
        elif isinstance(event, events.NonFatalError):
            listed.append(f"{event.label}: error: {type(event.value).__name__}: {str(event.value)[:200]}")
        elif isinstance(event, events.FatalError):
            fatal = f"{type(event.exception).__name__}: {event.exception}"
        elif isinstance(event, events.EngineFinished):
            stop_reason = event.stop_reason.value
    return {"requests": requests, "server_errors": server_errors, "mismatches": sum(mismatches.values()),
            "mismatches_by_check": mismatches, "unobservable": unseen, "operations": len(operations), "phases": phases,
            "stop_reason": stop_reason, "fatal": fatal, "failures": listed}


def bench_schema(corpus: list[Path] | None = None, *, data_dir: Path | None = None, max_examples: int = 100,
                 max_time: float = 120.0, seed: int | None = None,
                 echo: Callable[[str], None] = lambda _: None) -> dict:
    """Each key's run over an index of ``corpus`` (default the shared laws) or the index in ``data_dir``, then the
    upload run over an empty index; ``max_time`` bounds each run."""
    import schemathesis

    from assistant import Assistant
    from assistant.api import ApiSettings, create_app

    # The form parser warns once per malformed part; thousands of fuzzed forms would bury the figures.
    logging.getLogger("python_multipart").setLevel(logging.ERROR)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="labor-bench-schema-") as tmp:
        work = Path(tmp)
        api = ApiSettings(_env_file=None, api_keys=f"{STAFF_KEY}:staff,{PUBLIC_KEY}:public", allow_anonymous=True,
                          rate_limit_per_minute=0, max_body_bytes=64 * 1024, max_upload_bytes=64 * 1024)
        served = Assistant(make_settings(data_dir or work / "data", work / "cases.sqlite3"))
        if data_dir is None:
            echo("building the index …")
            served.ingest(corpus or [SHARED_LAWS])
        runs = {}
        for role, headers in KEYS.items():
            echo(f"schemathesis, {role} key …")
            config = schema_config(headers, max_examples=max_examples, max_time=max_time, seed=seed)
            schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(served, api_settings=api),
                                                    config=config).exclude(path="/v1/ingest")
            runs[role] = run_engine(schema)
        echo("schemathesis, uploads (staff key, an empty index) …")
        empty = Assistant(make_settings(work / "uploads-data", work / "uploads.sqlite3"))
        config = schema_config(KEYS["staff"], max_examples=max_examples, max_time=max_time, seed=seed)
        schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(empty, api_settings=api),
                                                config=config).include(path="/v1/ingest")
        runs["ingest"] = run_engine(schema)
    totals = {key: sum(r[key] for r in runs.values()) for key in ("requests", "server_errors", "mismatches")}
    return {**totals, "runs": runs, "phases": list(PHASES), "max_examples": max_examples, "max_time_s": max_time,
            "seconds": round(time.perf_counter() - started, 1)}


def make_settings(data_dir: Path, database: Path):
    """Offline settings (no .env, no language model, lexical retrieval) over a data folder and database of the run's
    own: the fuzzer's cases and feedback never reach the configured ones."""
    from assistant.config import Settings

    return Settings(_env_file=None, data_dir=data_dir, retrieval_mode="lexical", corpus_dirs=[], llm_base_url=None,
                    llm_model=None, llm_api_key=None, database_url=f"sqlite:///{database}")


def failed(result: dict) -> bool:
    return bool(result["server_errors"] or result["mismatches"]
                or any(r["fatal"] for r in result["runs"].values()))


def summary_lines(result: dict) -> list[str]:
    lines = [f"  schemathesis, phases {', '.join(result['phases'])}; up to {result['max_examples']} examples per "
             f"operation, {result['max_time_s']:g} s per run; {result['seconds']} s in all",
             f"  requests {result['requests']}, server errors {result['server_errors']}, "
             f"schema mismatches {result['mismatches']}"]
    for name, run in result["runs"].items():
        lines.append(f"  {name}: {run['requests']} requests over {run['operations']} operations, "
                     f"{run['server_errors']} server errors, {run['mismatches']} mismatches"
                     f"{' ' + str(run['mismatches_by_check']) if run['mismatches'] else ''}"
                     f"{'; ' + str(run['unobservable']) + ' type mutations of a file part (bytes on the wire)' if run.get('unobservable') else ''}; "
                     f"stopped: {run['stop_reason'] or '?'}{'; fatal: ' + run['fatal'] if run['fatal'] else ''}")
        lines += [f"    {line}" for line in run["failures"]]
    return lines
