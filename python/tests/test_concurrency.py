"""The GIL is released during calls, the module survives fork, and Ctrl-C cancels a call."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Callable, List, Tuple

import pytest

import flash_orm

from conftest import Project

# A query that keeps SQLite busy for a while (about 0.2 s per million rows).
SQLITE_BUSY = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < {n}) SELECT count(*) FROM c"


def count_ticks_during(call: Callable[[], object]) -> Tuple[int, float]:
    """How often a Python thread ran (every ~5 ms) while `call` ran, and how long it took."""
    stop = threading.Event()
    ticks = [0]

    def spin() -> None:
        while not stop.is_set():
            ticks[0] += 1
            time.sleep(0.005)

    t = threading.Thread(target=spin)
    t.start()
    time.sleep(0.05)
    before = ticks[0]
    start = time.monotonic()
    try:
        call()
    finally:
        elapsed = time.monotonic() - start
        during = ticks[0] - before
        stop.set()
        t.join()
    return during, elapsed


def assert_gil_released(during: int, elapsed: float) -> None:
    assert elapsed >= 0.3, f"the call was too quick to tell ({elapsed:.2f} s)"
    # With the GIL held the thread could not tick at all; free, it ticks every ~5 ms.
    expected = elapsed / 0.005
    assert during >= max(10, expected * 0.25), f"{during} ticks in {elapsed:.2f} s"


def test_gil_released_sqlite(sqlite_project: Project) -> None:
    during, elapsed = count_ticks_during(
        lambda: flash_orm.raw(SQLITE_BUSY.format(n=4_000_000), project_dir=sqlite_project.dir)
    )
    assert_gil_released(during, elapsed)


def test_gil_released_postgres(pg_project: Project) -> None:
    during, elapsed = count_ticks_during(
        lambda: flash_orm.raw("SELECT pg_sleep(0.5)", project_dir=pg_project.dir)
    )
    assert_gil_released(during, elapsed)


def applied_count(project_dir: str) -> int:
    return flash_orm.status(project_dir=project_dir).applied


def status_of(project_dir: str) -> int:
    return flash_orm.status(project_dir=project_dir).pending


def applied_project(p: Project) -> Project:
    flash_orm.migrate("init", project_dir=p.dir)
    flash_orm.apply(project_dir=p.dir)
    return p


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_fork(sqlite_project: Project) -> None:
    d = applied_project(sqlite_project).dir
    assert flash_orm.status(project_dir=d).applied == 1
    pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        code = 3
        try:
            code = 0 if flash_orm.status(project_dir=d).applied == 1 else 1
            flash_orm.raw("SELECT 1", project_dir=d)
        except BaseException:  # noqa: BLE001 - reported through the exit code
            code = 2
        finally:
            os._exit(code)
    assert flash_orm.status(project_dir=d).applied == 1
    deadline = time.monotonic() + 30
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            pytest.fail("the forked child hung")
        time.sleep(0.01)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    assert flash_orm.status(project_dir=d).applied == 1


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_multiprocessing_fork_pool(sqlite_project: Project, tmp_path: Path) -> None:
    d = str(applied_project(sqlite_project).dir)
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(2) as pool:
        assert pool.map(applied_count, [d] * 6, chunksize=1) == [1] * 6
        # An error in a worker comes back whole (FlashError pickles with its fields).
        with pytest.raises(flash_orm.ConfigError) as exc:
            pool.apply(status_of, (str(tmp_path / "nothing_here"),))
        assert exc.value.kind == "config" and exc.value.help
    assert flash_orm.status(project_dir=d).applied == 1


def default_sigint() -> None:
    # A child started from a shell job may inherit SIGINT ignored; Python then installs no
    # KeyboardInterrupt handler. Ctrl-C must reach the child as on a terminal.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def interrupt(argv: List[str], cwd: Path) -> Tuple[int, float, str, str]:
    """Starts `argv`, waits for it to print `ready` and to start its query, sends SIGINT;
    returns the exit code, seconds from SIGINT to exit, stdout and stderr."""
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env["NO_COLOR"] = "1"
    proc = subprocess.Popen(
        argv,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=default_sigint,
    )
    try:
        assert proc.stdout is not None and proc.stderr is not None
        if argv[0] == sys.executable and "-c" in argv:
            assert proc.stdout.readline() == b"ready\n"
        time.sleep(1.0)  # connected, the query running
        assert proc.poll() is None, "finished before the interrupt"
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=15)
        elapsed = time.monotonic() - sent
        return code, elapsed, proc.stdout.read().decode(), proc.stderr.read().decode()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


API_CHILD = textwrap.dedent(
    """
    import sys, flash_orm
    print("ready", flush=True)
    try:
        flash_orm.raw(sys.argv[1], project_dir=sys.argv[2])
    except KeyboardInterrupt:
        print("KeyboardInterrupt", flush=True)
        sys.exit(42)
    print("finished", flush=True)
    """
)


def long_query(p: Project) -> str:
    if p.provider == "postgresql":
        return "SELECT pg_sleep(30)"
    return SQLITE_BUSY.format(n=10_000_000_000)


@pytest.mark.parametrize("which", ["sqlite", "postgresql"])
def test_ctrl_c_cancels_an_api_call(which: str, request: pytest.FixtureRequest) -> None:
    p: Project = request.getfixturevalue(f"{'pg' if which == 'postgresql' else 'sqlite'}_project")
    code, elapsed, out, err = interrupt(
        [sys.executable, "-c", API_CHILD, long_query(p), str(p.dir)], p.dir
    )
    assert (code, out) == (42, "KeyboardInterrupt\n"), err
    assert elapsed < 1.5, f"took {elapsed:.2f} s to stop"


@pytest.mark.parametrize("which", ["sqlite", "postgresql"])
def test_ctrl_c_stops_the_console_command(
    which: str, request: pytest.FixtureRequest, flash_command: str
) -> None:
    p: Project = request.getfixturevalue(f"{'pg' if which == 'postgresql' else 'sqlite'}_project")
    code, elapsed, out, err = interrupt([flash_command, "raw", long_query(p)], p.dir)
    assert code == 130, err
    assert "interrupted" in err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert elapsed < 1.5, f"took {elapsed:.2f} s to stop"


def test_ctrl_c_stops_python_m(sqlite_project: Project) -> None:
    p = sqlite_project
    code, elapsed, _, err = interrupt([sys.executable, "-m", "flash_orm", "raw", long_query(p)], p.dir)
    assert code == 130, err
    assert "Traceback" not in err
    assert elapsed < 1.5


def test_lock_timeout(pg_project: Project) -> None:
    """lock_timeout gives up on the lock another apply holds, with LockTimeoutError."""
    pg_project.schema.write_text("CREATE TABLE t (id BIGINT PRIMARY KEY);\n")
    report = flash_orm.migrate("slow", project_dir=pg_project.dir)
    path = Path(report.path)
    path.write_text(path.read_text().replace("-- +migrate Up\n", "-- +migrate Up\nSELECT pg_sleep(2);\n", 1))
    errors: List[BaseException] = []

    def first() -> None:
        try:
            flash_orm.apply(project_dir=pg_project.dir)
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    t = threading.Thread(target=first)
    t.start()
    time.sleep(0.5)
    with pytest.raises(flash_orm.LockTimeoutError) as info:
        flash_orm.apply(project_dir=pg_project.dir, lock_timeout=0.3)
    assert info.value.kind == "lock_timeout"
    t.join()
    assert errors == []
    assert flash_orm.status(project_dir=pg_project.dir).applied == 1
