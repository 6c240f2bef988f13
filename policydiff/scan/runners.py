"""Where the pairs run: in this process, in a pool of local processes, or on a Dask cluster.

No scheduler of our own: each runner hands every pair to `work.run_pair` through the executor it
wraps (concurrent.futures' process pool, or dask.distributed's Client) and yields the results as they
finish, keeping at most IN_FLIGHT pairs per worker submitted at a time so that an archive of a
hundred thousand pairs is not queued all at once. The team's Rules go to each worker as a value: an
argument of every pair for the pool, scattered once to every worker for Dask.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, Any, Protocol

from policydiff.errors import PolicydiffError
from policydiff.scan.archive import PairTask
from policydiff.scan.work import PairResult, ScanSettings, run_pair

if TYPE_CHECKING:
    from concurrent.futures import Future

    from policydiff.classify.rules import Rules

IN_FLIGHT = 4
"""Pairs submitted ahead per worker: enough that no worker waits, few enough to stop soon on Ctrl-C."""


class Runner(Protocol):
    def results(self, tasks: Sequence[PairTask], rules: Rules, settings: ScanSettings) -> Iterator[PairResult]:
        """Every task's result, in the order they finish."""
        ...


class LocalRunner:
    """`--jobs N`: N worker processes (or, for 1, this process itself)."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs

    def results(self, tasks: Sequence[PairTask], rules: Rules, settings: ScanSettings) -> Iterator[PairResult]:
        if self.jobs <= 1 or len(tasks) <= 1:
            for task in tasks:
                yield run_pair(task, rules, settings)
            return
        from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
        from concurrent.futures.process import BrokenProcessPool

        pending: set[Future[PairResult]] = set()
        queue = iter(tasks)
        with ProcessPoolExecutor(max_workers=min(self.jobs, len(tasks))) as pool:
            try:
                while True:
                    for task in queue:
                        pending.add(pool.submit(run_pair, task, rules, settings))
                        if len(pending) >= self.jobs * IN_FLIGHT:
                            break
                    if not pending:
                        return
                    finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for future in finished:
                        yield future.result()
            except BrokenProcessPool:
                raise PolicydiffError("a worker process died (out of memory, or killed): the pairs it had not "
                                      "finished are not in OUT; run the same scan again to do them") from None
            finally:
                for future in pending:
                    future.cancel()


class DaskRunner:
    """`--dask SCHEDULER`: the pairs run on an existing dask.distributed cluster."""

    def __init__(self, scheduler: str) -> None:
        self.scheduler = scheduler

    def results(self, tasks: Sequence[PairTask], rules: Rules, settings: ScanSettings) -> Iterator[PairResult]:
        client = self._connect()
        try:
            workers = max(1, sum(client.nthreads().values()))
            shared = client.scatter(rules, broadcast=True)
            queue = iter(tasks)
            first = [client.submit(run_pair, task, shared, settings, pure=False)
                     for task in islice(queue, workers * IN_FLIGHT)]
            running = _distributed().as_completed(first, loop=client.loop)
            for future in running:
                result: PairResult = future.result()
                future.release()
                for task in queue:
                    running.add(client.submit(run_pair, task, shared, settings, pure=False))
                    break
                yield result
        finally:
            client.close()

    def _connect(self) -> Any:
        from pathlib import Path

        Client = _distributed().Client
        try:
            if Path(self.scheduler).is_file():
                return Client(scheduler_file=self.scheduler, set_as_default=False, timeout="10s")
            return Client(self.scheduler, set_as_default=False, timeout="10s")
        except (OSError, TimeoutError, ValueError) as error:
            raise PolicydiffError(f"--dask {self.scheduler}: cannot reach the Dask scheduler: "
                                  f"{' '.join(str(error).split())}") from None


def _distributed() -> Any:
    """dask.distributed, typed loosely: its own annotations are partial."""
    import distributed

    return distributed


def require_dask() -> None:
    """Fail at once, in one line, when the extra is missing."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise PolicydiffError("--dask needs the 'dask' extra: pip install 'policydiff[dask]'") from None
