"""The batch on a real Dask cluster (a LocalCluster with a worker process)."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

import test_batch_support
from newsextract.batch import convert, extract_record
from test_batch_support import fake_extract, sorted_lines, write_fake

distributed = pytest.importorskip("distributed")
cloudpickle = pytest.importorskip("cloudpickle")


@pytest.fixture(scope="module")
def client():  # type: ignore[no-untyped-def]
    # The fakes live in the tests folder, which the cluster's workers cannot import:
    # ship the module by value.
    cloudpickle.register_pickle_by_value(test_batch_support)
    cluster = distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=2,
        processes=True,
        dashboard_address=":0",
    )
    dask_client = distributed.Client(cluster)
    try:
        yield dask_client
    finally:
        dask_client.close()
        cluster.close()
        cloudpickle.unregister_pickle_by_value(test_batch_support)


def test_convert_runs_unchanged_on_a_dask_cluster(client, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for i in range(8):
        write_fake(tmp_path / "in" / f"{i}.pdf", tag=str(i))
    write_fake(tmp_path / "in" / "bad.pdf", "corrupt")
    executor = client.get_executor()
    report = convert(
        [tmp_path / "in"],
        tmp_path / "dask" / "issues.jsonl",
        executor=executor,
        jobs=4,
        extract=fake_extract,
    )
    assert (report.succeeded, report.failed, report.exit_code) == (8, 1, 1)

    # Same output as the local process pool.
    local = convert([tmp_path / "in"], tmp_path / "local" / "issues.jsonl", extract=fake_extract)
    assert local.succeeded == 8
    assert sorted_lines(tmp_path / "dask" / "issues.jsonl") == sorted_lines(
        tmp_path / "local" / "issues.jsonl"
    )
    assert sorted_lines(tmp_path / "dask" / "errors.jsonl") == sorted_lines(
        tmp_path / "local" / "errors.jsonl"
    )


def test_task_function_runs_on_a_worker_process(client) -> None:  # type: ignore[no-untyped-def]
    import os

    task = functools.partial(extract_record, extract=fake_extract)
    data = test_batch_support.fake_pdf(tag="remote")
    outcome = client.submit(task, "remote.pdf", data).result(timeout=30)
    assert outcome.ok and outcome.pages == 3
    worker_pids = client.run(os.getpid)
    assert os.getpid() not in worker_pids.values()


def test_cli_dask_scheduler_option(client, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`convert --dask-scheduler` sends the real extractor's tasks to the cluster."""
    import json

    from newsextract.cli import main
    from test_batch_support import text_pdf

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "not-a-newsletter.pdf").write_bytes(text_pdf("Hello"))
    (tmp_path / "in" / "not-a-pdf.pdf").write_bytes(b"plain text")
    out = tmp_path / "o" / "issues.jsonl"
    status = main(
        [
            "convert",
            str(tmp_path / "in"),
            "-o",
            str(out),
            "-q",
            "--dask-scheduler",
            client.scheduler.address,
        ]
    )
    assert status == 1
    records = [json.loads(x) for x in (tmp_path / "o" / "errors.jsonl").read_text().splitlines()]
    assert len(records) == 2
    assert all(r["code"] != "worker_crashed" for r in records), records
