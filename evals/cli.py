"""``labor eval`` and ``labor bench``: the commands anyone can rerun to check this project's figures.

Mounted at the top level of the ``labor`` CLI. Import stays light: suites and benchmarks load inside commands.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(no_args_is_help=True, add_completion=False)
bench_app = typer.Typer(
    help="速度基准：检索延迟、导入耗时、冷启动、全国法规规模（中位数与离散度，记录机器配置）。", no_args_is_help=True
)
app.add_typer(bench_app, name="bench")


class Suite(StrEnum):
    retrieval = "retrieval"
    answers = "answers"
    calculators = "calculators"
    drafting = "drafting"
    facts = "facts"
    calc_ask = "calc_ask"
    answer_shape = "answer_shape"
    all = "all"


@app.command("eval")
def eval_command(
    suite: Annotated[list[Suite] | None, typer.Option("--suite", "-s", help="评测套件，可重复；all 为全部")] = None,
    config: Annotated[
        list[str] | None,
        typer.Option("--config", "-c", help="命名配置，可重复（lexical、thesaurus、dense、rerank、offline、llm）"),
    ] = None,
    compare: Annotated[tuple[str, str] | None, typer.Option("--compare", help="比较两次运行：RUN_A RUN_B")] = None,
    check_baseline: Annotated[
        bool, typer.Option("--check-baseline", help="低于 evals/baseline.json 超过容差时以非零状态退出")
    ] = False,
    write_baseline: Annotated[
        bool, typer.Option("--write-baseline", help="用本次结果更新 evals/baseline.json（需经评审提交）")
    ] = False,
    corpus: Annotated[
        list[Path] | None, typer.Option("--corpus", help="先把这些目录导入临时索引再评测（不动已有索引）")
    ] = None,
    shared_dir: Annotated[Path | None, typer.Option("--data", help="外部评测集目录（默认 ../shared/evals）")] = None,
    dataset: Annotated[
        list[str] | None, typer.Option("--dataset", help="只评测这些检索数据集（文件名去掉 _dev）")
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="每个数据集最多评测多少条（快速检查）")] = None,
    judge: Annotated[bool, typer.Option("--judge", help="用已配置的大模型给回答打分（准确、完整、清晰，1–5）")] = False,
    no_write: Annotated[bool, typer.Option("--no-write", help="不写运行目录")] = False,
) -> None:
    """运行评测套件，多个配置并排对比，结果写入 evals/runs/<时间>-<提交>/（JSON、Markdown 报告、图表）。"""
    from evals import compare as compare_mod
    from evals.compare import baseline_from_results, compare_runs, format_comparison, load_baseline
    from evals.compare import check_baseline as check
    from evals.runs import RunNotFoundError, load_results

    if compare:
        try:
            a, b = load_results(compare[0]), load_results(compare[1])
        except RunNotFoundError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(2) from None
        typer.echo(format_comparison(compare_runs(a, b)))
        return

    from assistant.config import get_settings
    from evals.configs import DEFAULT_CONFIGS, UnknownConfigError, get_config
    from evals.datasets import SHARED_EVALS
    from evals.report import side_by_side, text_table
    from evals.runner import SUITES, EvalOptions, run_eval

    if write_baseline and (limit or dataset):
        typer.echo("--write-baseline 需要完整运行，不能与 --limit 或 --dataset 同用", err=True)
        raise typer.Exit(2)
    suites = SUITES if not suite or Suite.all in suite else list(dict.fromkeys(s.value for s in suite))
    configs = list(dict.fromkeys(config or DEFAULT_CONFIGS))
    try:
        for name in configs:
            get_config(name)
    except UnknownConfigError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    options = EvalOptions(
        suites=suites,
        configs=configs,
        shared_dir=shared_dir or SHARED_EVALS,
        corpus=list(corpus or []),
        limit=limit,
        datasets=list(dataset or []) or None,
        judge=judge,
        write=not no_write,
    )
    from assistant.errors import IndexNotFoundError

    try:
        run_dir, results = run_eval(get_settings(), options, echo=lambda m: typer.echo(m, err=True))
    except IndexNotFoundError as exc:
        typer.echo(f"{exc}\n也可以用 --corpus 目录 先建立一个临时索引再评测。", err=True)
        raise typer.Exit(2) from None
    for name in suites:
        typer.echo(f"\n== {name} ==")
        typer.echo(text_table(side_by_side(results, name)))
    if run_dir:
        typer.echo(f"\nrun folder: {run_dir}")
    baseline_file = compare_mod.BASELINE_FILE  # read at call time, so tests can point it elsewhere
    if write_baseline:
        baseline_file.write_text(_dump(baseline_from_results(results, load_baseline(baseline_file))), encoding="utf-8")
        typer.echo(f"baseline written to {baseline_file}; commit it as a reviewed change")
    if check_baseline:
        failures = check(results, load_baseline(baseline_file))
        if failures:
            typer.echo("\n低于基线：\n" + "\n".join(f"  {f}" for f in failures), err=True)
            raise typer.Exit(1)
        typer.echo("baseline check passed")


def _dump(data: dict) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# ---- labor bench


def _bench_out(name: str, result: dict) -> None:
    """Print the figures and keep them in a run folder stamped with commit and machine."""
    import json

    from evals.runs import git_commit, machine_info, new_run_dir

    stamp = git_commit()
    record = {"run": {**stamp, "machine": machine_info()}, "bench": {name: result}}
    from evals.bench.summary import summary_lines

    run_dir = new_run_dir(stamp=stamp, suffix=f"bench-{name}")
    record["run"]["name"] = run_dir.name
    (run_dir / "bench.json").write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
    m = record["run"]["machine"]
    head = (
        f"commit {stamp['commit']}{' (dirty)' if stamp.get('dirty') else ''} · {m.get('cpu')} · "
        f"{m.get('cores')} cores · {m.get('ram_gb')} GB RAM"
    )
    lines = [head, *summary_lines(name, result)]
    (run_dir / "report.md").write_text(
        "# Benchmark " + run_dir.name + "\n\n```\n" + "\n".join(lines) + "\n```\n", encoding="utf-8"
    )
    typer.echo("\n".join(lines))
    typer.echo(f"\nsaved: {run_dir / 'bench.json'}")


@bench_app.command("search")
def bench_search_command(
    rounds: Annotated[int, typer.Option(help="计时轮数（每轮跑全部评测问题）")] = 5,
    corpus: Annotated[list[Path] | None, typer.Option("--corpus", help="语料目录（默认 ../shared/corpus）")] = None,
) -> None:
    """词法检索热查询延迟（p50/p95，目标 p95 ≤ 15 ms）。"""
    from evals.bench.labor import bench_search

    _bench_out("search", bench_search(list(corpus or []) or None, rounds=rounds))


@bench_app.command("ingest")
def bench_ingest_command(
    repeats: Annotated[int, typer.Option(help="重复次数（每次新进程、新目录）")] = 3,
    corpus: Annotated[list[Path] | None, typer.Option("--corpus", help="语料目录（默认 ../shared/corpus）")] = None,
) -> None:
    """词法导入耗时（目标 ≤ 20 s）。"""
    from evals.bench.labor import bench_ingest

    _bench_out("ingest", bench_ingest(list(corpus or []) or None, repeats=repeats))


@bench_app.command("coldstart")
def bench_coldstart_command(repeats: Annotated[int, typer.Option(help="重复次数")] = 5) -> None:
    """`labor search` 冷启动墙钟时间（目标 ≤ 3 s）。"""
    from evals.bench.labor import bench_coldstart

    _bench_out("coldstart", bench_coldstart(repeats=repeats))


@bench_app.command("answer")
def bench_answer_command(
    rounds: Annotated[int, typer.Option(help="计时轮数（每轮跑全部项目问题）")] = 3,
    http_questions: Annotated[int, typer.Option(help="经 HTTP 流式接口计时的问题数（0 为不测）")] = 40,
    corpus: Annotated[
        list[Path] | None, typer.Option("--corpus", help="语料目录（默认 ../shared/corpus 的 laws、cases、extra、local）")
    ] = None,
    data_dir: Annotated[Path | None, typer.Option(help="复用已建好的索引目录（跳过导入）")] = None,
) -> None:
    """离线回答首字节时间：进程内与经 HTTP 流式接口（目标 p95 ≤ 100 ms）。"""
    from evals.bench.answer_stream import bench_answer_stream

    _bench_out("answer", bench_answer_stream(list(corpus or []) or None, rounds=rounds,
                                             http_questions=http_questions, data_dir=data_dir))


@bench_app.command("scale")
def bench_scale_command(
    ingest_repeats: Annotated[int, typer.Option(help="全国语料导入重复次数（每次约数分钟）")] = 1,
    rounds: Annotated[int, typer.Option(help="检索计时轮数")] = 3,
    langchain_queries: Annotated[int, typer.Option(help="LangChain BM25Retriever 对比的查询数（它很慢）")] = 40,
    tarball: Annotated[Path | None, typer.Option(help="全国法规压缩包")] = None,
    data_dir: Annotated[Path | None, typer.Option(help="已建好的全国法规索引的数据目录（跳过解压与导入）")] = None,
    exclude: Annotated[
        list[str] | None, typer.Option("--exclude", help="导入前删除的文件（相对解压目录的通配符），结果中记录")
    ] = None,
) -> None:
    """全国法规（约 14.7 万条）：导入、检索延迟、内存，以及与 LangChain BM25Retriever 的对比。"""
    from evals.bench.scale import NATIONAL_TARBALL, bench_scale

    _bench_out(
        "scale",
        bench_scale(
            tarball or NATIONAL_TARBALL,
            ingest_repeats=ingest_repeats,
            search_rounds=rounds,
            langchain_queries=langchain_queries,
            data_dir=data_dir,
            exclude=list(exclude or []),
            echo=lambda m: typer.echo(m, err=True),
        ),
    )


@bench_app.command("schema")
def bench_schema_command(
    max_examples: Annotated[int, typer.Option(help="每个接口每个阶段最多生成的用例数")] = 100,
    max_time: Annotated[float, typer.Option(help="每轮（公开密钥、工作人员密钥、上传）最长秒数")] = 120.0,
    seed: Annotated[int | None, typer.Option(help="随机种子（复现一次运行）")] = None,
    corpus: Annotated[list[Path] | None, typer.Option("--corpus", help="语料目录（默认 ../shared/corpus/laws）")] = None,
    data_dir: Annotated[Path | None, typer.Option(help="复用已建好的索引目录（跳过导入）")] = None,
) -> None:
    """接口模式测试（schemathesis，全部阶段，两种密钥，不限速）：请求数、服务器错误、与文档不符之处；有则非零退出。"""
    from evals.bench.schema_fuzz import bench_schema, failed

    result = bench_schema(list(corpus or []) or None, data_dir=data_dir, max_examples=max_examples,
                          max_time=max_time, seed=seed, echo=lambda m: typer.echo(m, err=True))
    _bench_out("schema", result)
    if failed(result):
        raise typer.Exit(1)


@bench_app.command("api", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def bench_api_command(ctx: typer.Context) -> None:
    """HTTP 接口基准（evals/bench_api.py）；其余参数原样传入，如 --only search --runs 3。"""
    import importlib.util

    from evals.datasets import EVALS_DIR

    if not (EVALS_DIR / "bench_api.py").exists() or importlib.util.find_spec("evals.bench_api") is None:
        typer.echo("evals/bench_api.py 尚不存在", err=True)
        raise typer.Exit(2)
    import sys

    from evals.datasets import REPO_DIR

    if str(REPO_DIR) not in sys.path:  # bench_api reuses the loopback fake model in tests/fakes
        sys.path.insert(0, str(REPO_DIR))
    from evals import bench_api

    raise typer.Exit(bench_api.main(list(ctx.args)) or 0)
