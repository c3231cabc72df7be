"""Writing outputs: nothing lost, nothing overwritten, nothing left half-written — names unique
within a run, atomic no-overwrite, no planted link followed, long and hostile names, stale
temporaries, killed and interrupted runs, concurrent runs into one folder."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from perfeval_core import Exporter, export, hookimpl, load_evaluation, score
from perfeval_core._cli import main
from perfeval_core.testing import register_plugin

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "rugao-2024" / "02-职业技能评价.toml"
NAME = 'name = "职业技能评价"'
_SCRIPT = Path(sys.executable).with_name("perfeval")
PERFEVAL = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "perfeval_core"]


def evaluation(folder: Path, file: str, project: str) -> Path:
    """A copy of the example under ``file`` whose project is called ``project``."""
    text = EXAMPLE.read_text("utf-8")
    assert NAME in text
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file
    path.write_text(text.replace(NAME, f"name = {json.dumps(project, ensure_ascii=False)}", 1))
    return path


def source_of(path: Path) -> str:
    """The evaluation file a json export was made from (the export names it)."""
    return json.loads(path.read_text("utf-8"))["scorecard"]["file"]


def outputs(folder: Path) -> dict[str, str]:
    """Every file in ``folder`` (hidden ones too) → the evaluation it was exported from."""
    return {p.name: source_of(p) if p.suffix == ".json" else "?" for p in folder.iterdir()}


# -- names -------------------------------------------------------------------------------------


@pytest.fixture
def three(tmp_path):
    """Projects 甲, 甲 and 甲-2 in a.toml, b.toml, c.toml."""
    folder = tmp_path / "in"
    return [
        evaluation(folder, "a.toml", "甲"),
        evaluation(folder, "b.toml", "甲"),
        evaluation(folder, "c.toml", "甲-2"),
    ]


def test_export_names_used_twice_never_collide(three, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["export", *map(str, three), "-f", "json", "-o", str(out)]) == 0
    printed = capsys.readouterr().out.split()
    assert len(set(printed)) == 3  # three different paths
    assert outputs(out) == {"甲.json": "a.toml", "甲-2.json": "b.toml", "甲-2-2.json": "c.toml"}


@pytest.mark.parametrize("force", [False, True])
def test_batch_names_used_twice_never_collide(three, tmp_path, capsys, force):
    out = tmp_path / "out"
    args = ["batch", str(three[0].parent), "--export", "json", "-o", str(out)]
    assert main(args + (["--force"] if force else [])) == 0
    captured = capsys.readouterr()
    assert "exported 3 files" in captured.out and captured.err == ""
    assert outputs(out) == {"甲.json": "a.toml", "甲-2.json": "b.toml", "甲-2-2.json": "c.toml"}


def test_names_differing_in_case_only_get_a_number(tmp_path):
    folder = tmp_path / "in"
    files = [evaluation(folder, "a.toml", "Ab"), evaluation(folder, "b.toml", "aB")]
    cards = [score(load_evaluation(f)) for f in files]
    paths = export(cards, "json", tmp_path / "out")
    assert [p.name for p in paths] == ["Ab.json", "aB-2.json"]  # one file each, even on macOS


def test_long_chinese_names_are_cut_at_255_bytes_and_stay_unique(tmp_path, capsys):
    folder = tmp_path / "in"
    long_a = "如皋市" + "职业技能评价专项资金" * 10 + "甲"  # 104 characters, 312 bytes
    long_b = "如皋市" + "职业技能评价专项资金" * 10 + "乙"
    files = [
        evaluation(folder, "a.toml", long_a),
        evaluation(folder, "b.toml", long_b),
        evaluation(folder, "c.toml", "短名"),
    ]
    out = tmp_path / "out"
    assert main(["export", *map(str, files), "-f", "json", "-o", str(out)]) == 0
    names = outputs(out)
    assert sorted(names.values()) == ["a.toml", "b.toml", "c.toml"]
    for name in names:
        assert len(name.encode("utf-8")) <= 255
        name.encode("utf-8").decode("utf-8")  # cut on a character boundary
    long_names = [n for n in names if n != "短名.json"]
    assert all(n.startswith("如皋市职业技能评价专项资金") for n in long_names)


@pytest.mark.parametrize(
    "project, expected",
    [
        ("甲\u202e乙", "甲乙.json"),  # a right-to-left override would show the name reversed
        ("甲\u200b乙\ufeff", "甲乙.json"),  # zero widths
        ("CON", "_CON.json"),  # Windows device names, whatever the case or suffix
        ("nul.txt", "_nul.txt.json"),
        ("com1", "_com1.json"),
        ("a/b\\c:d", "a_b_c_d.json"),
        ("..", "evaluation.json"),
        (".hidden", "hidden.json"),  # never a dot file (hidden, like perfeval's temporaries)
        ("\u202e\u200b", "evaluation.json"),
        ("行1\n行2", "行1_行2.json"),
    ],
)
def test_hostile_names_are_made_safe(tmp_path, project, expected):
    card = score(load_evaluation(evaluation(tmp_path / "in", "x.toml", project)))
    assert card.evaluation.project.name == project
    [written] = export([card], "json", tmp_path / "out")
    assert written.name == expected
    assert [p.name for p in (tmp_path / "out").iterdir()] == [expected]


# -- no overwrite, no link followed ------------------------------------------------------------


def test_a_planted_symlink_is_never_written_through(tmp_path):
    """Links planted at the temporary names a run would once use, and at the output itself."""
    path = evaluation(tmp_path / "in", "a.toml", "甲")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    for pid in {os.getpid(), os.getppid()}:
        (out / f".甲.json.{pid}.tmp").symlink_to(victim)
    assert main(["export", str(path), "-f", "json", "-o", str(out)]) == 0
    assert victim.read_text("utf-8") == "keep"
    assert not (out / "甲.json").is_symlink() and source_of(out / "甲.json") == "a.toml"

    # a link at the output's own name: refused without --force, replaced (not followed) with it
    (out / "甲.json").unlink()
    (out / "甲.json").symlink_to(victim)
    assert main(["export", str(path), "-f", "json", "-o", str(out)]) == 2
    assert (out / "甲.json").is_symlink()
    assert main(["export", str(path), "-f", "json", "-o", str(out), "--force"]) == 0
    assert not (out / "甲.json").is_symlink() and source_of(out / "甲.json") == "a.toml"
    assert victim.read_text("utf-8") == "keep"


class _Racing:
    """An exporter that, while it renders, lets "another process" write the output first."""

    def __init__(self, out: Path) -> None:
        self.out = out

    @hookimpl
    def perfeval_register_exporters(self, register):
        def write(card, stream):
            (self.out / f"{card.evaluation.project.name}.race").write_text("other", "utf-8")
            stream.write(b"mine")

        register(Exporter("race", ".race", write))


def test_no_overwrite_holds_against_a_file_appearing_meanwhile(tmp_path, capsys):
    path = evaluation(tmp_path / "in", "a.toml", "甲")
    out = tmp_path / "out"
    out.mkdir()
    with register_plugin(_Racing(out), "racing"):
        code = main(["export", str(path), "-f", "race", "-o", str(out)])
    assert code == 2 and "exists" in capsys.readouterr().err
    assert (out / "甲.race").read_text("utf-8") == "other"
    assert [p.name for p in out.iterdir()] == ["甲.race"]  # no temporary left behind


def test_a_file_system_without_hard_links_still_never_overwrites(tmp_path, monkeypatch):
    from perfeval_core._io import files

    def no_links(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(files.os, "link", no_links)
    target = tmp_path / "a.txt"
    files.write_atomic(target, b"first", overwrite=False)
    with pytest.raises(files.FileExists):
        files.write_atomic(target, b"second", overwrite=False)
    assert target.read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


# -- one file that cannot be written ----------------------------------------------------------


def test_batch_goes_on_past_an_output_it_cannot_write(three, tmp_path, capsys):
    out = tmp_path / "out"
    (out / "甲.json").mkdir(parents=True)  # a folder in the way of the first output
    summary = tmp_path / "summary.json"
    args = ["batch", str(three[0].parent), "--export", "json", "-o", str(out), "--force"]
    assert main([*args, "--summary", str(summary)]) == 2
    captured = capsys.readouterr()
    assert captured.err.count("perfeval: error:") == 1 and "甲.json" in captured.err
    assert "3 files: 3 scored, 1 failed" in captured.out and "exported 2 files" in captured.out
    assert source_of(out / "甲-2.json") == "b.toml" and source_of(out / "甲-2-2.json") == "c.toml"
    data = json.loads(summary.read_text("utf-8"))
    assert [Path(f["file"]).name for f in data["failures"]] == ["a.toml"]


def test_export_goes_on_past_an_output_it_cannot_write(three, tmp_path, capsys):
    out = tmp_path / "out"
    (out / "甲-2.json").mkdir(parents=True)
    assert main(["export", *map(str, three), "-f", "json", "-o", str(out), "--force"]) == 2
    captured = capsys.readouterr()
    assert captured.err.count("perfeval: error:") == 1 and "甲-2.json" in captured.err
    assert source_of(out / "甲.json") == "a.toml" and source_of(out / "甲-2-2.json") == "c.toml"
    assert captured.out.split() == [str(out / "甲.json"), str(out / "甲-2-2.json")]


# -- temporaries and killed runs ---------------------------------------------------------------


def _dead_pid() -> int:
    """The id of a process that has exited."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_run_killed_between_write_and_rename_is_cleaned_up_by_the_next(tmp_path):
    path = evaluation(tmp_path / "in", "a.toml", "甲")
    out = tmp_path / "out"
    killer = (
        "import os, signal, sys\n"
        "def die(*a, **k): os.kill(os.getpid(), signal.SIGKILL)\n"
        "os.link = os.replace = os.rename = die\n"
        "from perfeval_core._cli import main\n"
        "main(sys.argv[1:])\n"
    )
    args = ["export", str(path), "-f", "json", "-o", str(out)]
    killed = subprocess.run([sys.executable, "-c", killer, *args], check=False)
    assert killed.returncode == -signal.SIGKILL
    [left] = list(out.iterdir())  # the temporary, hidden
    assert left.name.startswith(".")
    assert not list(out.glob("甲*"))  # no partial output
    long_ago = time.time() - 3600
    os.utime(left, (long_ago, long_ago))
    fresh = out / f".perfeval-{os.getpid()}-inflight.tmp"  # a live process's, being written
    fresh.write_bytes(b"")
    other = out / f".perfeval-{_dead_pid()}-recent.tmp"  # too recent to be sure
    other.write_bytes(b"")
    assert main(args) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted([fresh.name, other.name, "甲.json"])


def _corpus(folder: Path, n: int) -> Path:
    text = EXAMPLE.read_text("utf-8")
    folder.mkdir()
    for i in range(n):
        (folder / f"{i:04d}.toml").write_text(text.replace(NAME, f'name = "项目{i}"', 1), "utf-8")
    return folder


def _running(group: int) -> list[int]:
    """The processes of a process group still running (zombies waiting to be reaped are not)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


@pytest.fixture
def batch_running(tmp_path):
    """``perfeval batch --jobs 2`` exporting 1,500 files, its workers busy; killed at the end
    whatever the test found."""
    corpus = _corpus(tmp_path / "in", 1500)
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [*PERFEVAL, "batch", str(corpus), "--jobs", "2", "--export", "json", "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the workers are found by it
        # Ctrl-C reaches a process whose SIGINT is not ignored (a background job's is)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        deadline = time.monotonic() + 60
        while not (out.is_dir() and len(os.listdir(out)) > 20):
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.05)
        assert len(_running(proc.pid)) == 3  # the batch and its two workers
        yield proc, out
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.stderr.close()
        proc.wait()


def _stopped_within(proc: subprocess.Popen[bytes], seconds: float) -> str:
    """Wait until the batch and all its workers are gone; its stderr."""
    start = time.monotonic()
    proc.wait(timeout=seconds)
    while _running(proc.pid):
        assert time.monotonic() - start < seconds, "workers still running"
        time.sleep(0.02)
    return proc.stderr.read().decode("utf-8")


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")


@pytest.mark.slow
@needs_proc
def test_sigterm_stops_a_batch_and_its_workers_at_once(batch_running):
    proc, out = batch_running
    proc.send_signal(signal.SIGTERM)
    assert _stopped_within(proc, 2) == "perfeval: terminated\n"
    assert proc.returncode == 143
    assert not [p for p in os.listdir(out) if p.startswith(".")]  # no temporary left


@pytest.mark.slow
@needs_proc
def test_workers_of_a_batch_killed_with_sigkill_exit_by_themselves(batch_running):
    proc, _ = batch_running
    proc.send_signal(signal.SIGKILL)
    _stopped_within(proc, 3)  # the workers notice within half a second


@pytest.mark.slow
@needs_proc
def test_ctrl_c_stops_a_batch_at_once_with_one_clean_line(batch_running):
    proc, out = batch_running
    os.killpg(proc.pid, signal.SIGINT)  # what the terminal sends to the foreground group
    assert _stopped_within(proc, 2) == "perfeval: interrupted\n"
    assert proc.returncode == 130
    assert not [p for p in os.listdir(out) if p.startswith(".")]


#: The result pipe of the pool in test_stopping_a_pool_…, inherited by its forked worker.
_RESULT_PIPE = None


def _write_half_a_result(written: str) -> None:
    """In a worker: what a worker killed in the middle of sending its result leaves."""
    import struct

    assert _RESULT_PIPE is not None
    os.write(_RESULT_PIPE.fileno(), struct.pack("!i", 1000) + b"x" * 10)  # 10 of 1,000 bytes
    Path(written).touch()
    time.sleep(60)


@needs_proc
def test_stopping_a_pool_whose_worker_died_mid_result_does_not_hang(tmp_path):
    """The race behind a batch that hung on Ctrl-C about once in 50 runs: the pool's manager
    thread waits for the rest of a result that will never come."""
    import multiprocessing
    import threading
    from concurrent.futures import ProcessPoolExecutor

    from perfeval_core._batch.batch import _stop

    global _RESULT_PIPE
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    _RESULT_PIPE = pool._result_queue._writer
    written = tmp_path / "written"
    pool.submit(_write_half_a_result, str(written))
    deadline = time.monotonic() + 30
    while not written.exists():
        assert time.monotonic() < deadline, "the worker did not start"
        time.sleep(0.01)
    stopper = threading.Thread(target=_stop, args=(pool,), daemon=True)
    stopper.start()
    stopper.join(timeout=20)
    if stopper.is_alive():
        _RESULT_PIPE.close()  # let the pool go, or the interpreter waits for it at exit
        pytest.fail("stopping the pool hangs")


@pytest.mark.slow
@needs_proc
def test_a_worker_killed_under_a_batch_is_one_error_not_a_hang(batch_running):
    proc, out = batch_running
    [worker, *_] = [pid for pid in _running(proc.pid) if pid != proc.pid]
    os.kill(worker, signal.SIGKILL)  # the out-of-memory killer's way
    err = _stopped_within(proc, 5)
    assert proc.returncode == 2
    assert err.startswith("perfeval: error: a worker process stopped (killed, or out of memory): ")
    assert "files after it were not scored" in err
    assert "Traceback" not in err
    assert not [p for p in os.listdir(out) if p.startswith(".")]


# -- concurrent runs into one folder ------------------------------------------------------------


@pytest.mark.slow
def test_two_exports_and_two_batches_into_one_folder_lose_nothing(tmp_path):
    """Four runs at once, each with the same project names from files of its own: every
    output a run says it wrote holds that run's document, every other file of that run is
    reported as failed, and nothing is replaced or left half-written."""
    names = [f"项目{i}" for i in range(200)] + ["甲"] * 5
    # each batch first writes 300 names the exports do not have, racing the other batch file by
    # file (they stream); meanwhile the exports find none of theirs taken and race each other
    own = [f"批次{i}" for i in range(300)]
    inputs = {"p": names, "q": names, "r": own + names, "s": own + names}
    for run, run_names in inputs.items():
        for i, name in enumerate(run_names):
            evaluation(tmp_path / run, f"{run}{i:03d}.toml", name)
    out = tmp_path / "out"
    commands = {
        "p": ["export", str(tmp_path / "p"), "-f", "json", "-o", str(out)],
        "q": ["export", str(tmp_path / "q"), "-f", "json", "-o", str(out)],
        "r": ["batch", str(tmp_path / "r"), "--summary", str(tmp_path / "r.json")],
        "s": ["batch", str(tmp_path / "s"), "--summary", str(tmp_path / "s.json"), "-j", "2"],
    }
    for run in "rs":
        commands[run] += ["--export", "json", "-o", str(out)]
    procs = {
        run: subprocess.Popen(
            [*PERFEVAL, *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for run, args in commands.items()
    }
    results = {run: proc.communicate(timeout=300) for run, proc in procs.items()}
    found = outputs(out)
    assert not [n for n in found if n.startswith(".")]  # nothing half-written
    assert len(found) == len(own) + len(names)  # 甲 and 甲-2 … 甲-5 too: each written once
    claimed: dict[str, str] = {}
    for run, (stdout, stderr) in results.items():
        assert "Traceback" not in stderr
        refused = stderr.count(" exists\n")
        if run in "rs":
            projects = json.loads((tmp_path / f"{run}.json").read_text("utf-8"))["projects"]
            written = {Path(p["export"]).name for p in projects if p["export"]}
        else:
            written = {Path(line).name for line in stdout.split()}
        # every file written or refused; an export refuses all at once when it sees one exists
        total = len(inputs[run])
        assert len(written) + refused == total or (not written and refused == 1), stderr
        for name in written:
            assert found[name].startswith(run), (run, name, found[name])
            assert name not in claimed
            claimed[name] = run
    assert set(claimed) == set(found)


@pytest.mark.parametrize("project", ["\x001.5", "\x00..", "\x00-2"])
def test_a_name_built_in_python_never_passes_for_a_number_in_json(tmp_path, project):
    """Text that looks like how the JSON writer marks a Decimal stays text (a file cannot hold
    a NUL; a spec built in Python can)."""
    import attrs

    card = score(load_evaluation(EXAMPLE))
    spec = card.evaluation.spec
    spec = attrs.evolve(spec, project=attrs.evolve(spec.project, name=project))
    card = attrs.evolve(card, evaluation=attrs.evolve(card.evaluation, spec=spec))
    [path] = export([card], "json", tmp_path)
    assert json.loads(path.read_text("utf-8"))["evaluation"]["project"]["name"] == project
