"""The writer never loses a file: ownership, crash safety at every step, mounts, signals.

Crash safety is tested deterministically: :data:`codegen.output.writer.fault_hook` is
called before every step of a write, so a forked child can die (``os._exit``)
exactly at step k, for every k, and the test then inspects what it left.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, service_model, write_model

from codegen.build import pipeline, signals
from codegen.cli import main as cli
from codegen.config import Target
from codegen.errors import CodegenError
from codegen.output import writer

Tree = dict[str, bytes]
FOREIGN = {"NOTES.txt": b"mine\n"}


def snapshot(directory: Path) -> Tree:
    """Every file, hidden ones included (a leftover journal or staged file shows)."""
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def _structure(*members: str) -> dict[str, Any]:
    return {
        "type": "structure",
        "members": {m: {"shape": "Text"} for m in members},
    }


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("models")
    text = {"Text": {"type": "string"}}
    write_model(
        directory,
        "alpha",
        service_model(
            {"A": _structure("Name"), "B": _structure("Size", "Id"), **text},
            name="alpha",
        ),
    )
    for name in ("beta", "gamma"):
        write_model(
            directory,
            name,
            service_model({"Thing": _structure("Value"), **text}, name=name),
        )
    return directory


OLD_TARGETS = ["alpha:A", "beta"]
NEW_TARGETS = ["alpha:A,B", "gamma"]


def build(models: Path, targets: list[str]) -> dict[str, str]:
    output = pipeline.build([Target.parse(t) for t in targets], model_dirs=[models])
    return dict(output.all_files())


@pytest.fixture(scope="module")
def old_files(models: Path) -> dict[str, str]:
    return build(models, OLD_TARGETS)


@pytest.fixture(scope="module")
def new_files(models: Path) -> dict[str, str]:
    return build(models, NEW_TARGETS)


def encoded(files: dict[str, str]) -> Tree:
    return {name: text.encode("utf-8") for name, text in files.items()}


def regenerate(out: Path, files: dict[str, str], *, overwrite: bool = False) -> None:
    """What a normal run does once the files are built."""
    planned = writer.plan(out, files, writer.read_manifest(out))
    writer.write(out, files, planned, overwrite=overwrite)


def install(out: Path, files: dict[str, str]) -> None:
    """A clean tree as a finished run leaves it, plus a file of the user's own."""
    if out.exists():
        for path in sorted(out.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
    regenerate(out, files)
    for name, data in FOREIGN.items():
        (out / name).write_bytes(data)


@pytest.fixture
def hook() -> Iterator[Callable[[Callable[[str], None] | None], None]]:
    def set_hook(function: Callable[[str], None] | None) -> None:
        writer.fault_hook = function

    yield set_hook
    writer.fault_hook = None


def steps_of(out: Path, files: dict[str, str]) -> list[str]:
    """The steps a write of ``files`` over ``out`` takes; the tree is rebuilt after."""
    seen: list[str] = []
    writer.fault_hook = seen.append
    try:
        regenerate(out, files)
    finally:
        writer.fault_hook = None
    return seen


def at_step(step: int, act: Callable[[], None]) -> Callable[[str], None]:
    """A fault hook that does ``act`` at the ``step``-th step of a write."""
    count = iter(range(10**6))

    def fault(label: str) -> None:
        if next(count) == step:
            act()

    return fault


def disk_full() -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def die_at(step: int, out: Path, files: dict[str, str]) -> int:
    """Run a write in a child that dies (no cleanup at all) before step ``step``."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns
        writer.fault_hook = at_step(step, lambda: os._exit(70))
        try:
            regenerate(out, files)
        except BaseException:
            os._exit(1)
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def assert_each_file_old_or_new(tree: Tree, old: Tree, new: Tree) -> None:
    for name in sorted(set(old) | set(new) | set(tree)):
        if name in FOREIGN:
            assert tree.get(name) == FOREIGN[name], name
        elif name.startswith("."):
            continue  # the journal and staged files, checked by the repair
        else:
            assert tree.get(name) in (old.get(name), new.get(name)), name


# ---------------------------------------------------------------- crash safety


def test_the_write_under_test_creates_updates_deletes_and_keeps(
    tmp_path: Path, old_files: dict[str, str], new_files: dict[str, str]
) -> None:
    """The scenario below exercises every kind of change."""
    out = tmp_path / "out"
    install(out, old_files)
    planned = writer.plan(out, new_files, writer.read_manifest(out))
    actions = {c.name: c.action for c in planned.changes}
    assert actions == {
        "__init__.py": "update",
        "alpha.py": "update",
        "alpha.pyi": "update",
        "beta.py": "delete",
        "beta.pyi": "delete",
        "codegen-manifest.json": "update",
        "gamma.py": "create",
        "gamma.pyi": "create",
    }
    assert sorted(planned.unchanged) == ["_runtime.py", "py.typed"]
    assert planned.conflicts == [] and not planned.interrupted


@pytest.mark.parametrize("next_run", ["same targets", "the old targets again"])
def test_a_run_killed_at_any_step_leaves_old_or_new_files_and_is_repaired(
    tmp_path: Path,
    old_files: dict[str, str],
    new_files: dict[str, str],
    next_run: str,
) -> None:
    out = tmp_path / "out"
    install(out, old_files)
    steps = steps_of(out, new_files)
    assert len(steps) >= 15, steps
    old, new = encoded(old_files), encoded(new_files)
    repair_with = new_files if next_run == "same targets" else old_files
    outcomes = set()
    for step in range(len(steps)):
        install(out, old_files)
        inode = out.stat().st_ino
        assert die_at(step, out, new_files) == 70, steps[step]
        left = snapshot(out)
        assert_each_file_old_or_new(left, old, new)
        outcomes.add(
            "old" if left == {**old, **FOREIGN} else "mixed or new or journal only"
        )
        # --check with the same targets sees it: an interrupted run, or stale files
        check = writer.plan(out, new_files, writer.read_manifest(out))
        assert check.changes or check.interrupted, steps[step]
        planned = writer.plan(out, repair_with, writer.read_manifest(out))
        # ... never as the user's own files: the next run needs no --overwrite
        assert planned.conflicts == [], (steps[step], planned.conflicts)
        writer.write(out, repair_with, planned)
        assert snapshot(out) == {**encoded(repair_with), **FOREIGN}, steps[step]
        assert out.stat().st_ino == inode
        again = writer.plan(out, repair_with, writer.read_manifest(out))
        assert again.changes == [] and not again.interrupted
    assert outcomes == {"old", "mixed or new or journal only"}


def test_a_stopped_run_leaves_no_directory_it_made_for_staged_files(
    tmp_path: Path,
    old_files: dict[str, str],
    new_files: dict[str, str],
    hook: Callable[[Callable[[str], None] | None], None],
) -> None:
    """A split module's parts live in directories of their own: a run killed or
    stopped before its commit must not leave them behind, empty."""
    out = tmp_path / "out"
    parted = {**new_files, "_parts/gamma/part_00.py": "# a part\n"}
    install(out, old_files)
    steps = steps_of(out, parted)
    staging = steps.index("fsync directory")  # every file staged, none committed
    install(out, old_files)
    assert die_at(staging, out, parted) == 70
    assert (out / "_parts" / "gamma").is_dir()  # the killed run's leftover
    regenerate(out, old_files)  # the next run, with the old targets
    assert not (out / "_parts").exists()

    hook(at_step(staging, lambda: os.kill(os.getpid(), signal.SIGINT)))
    with pytest.raises(signals.Interrupted), signals.handled():
        regenerate(out, parted)
    hook(None)
    assert not (out / "_parts").exists()
    assert snapshot(out) == {**encoded(old_files), **FOREIGN}

    # the part's directory made, its file not
    hook(at_step(steps.index("stage _parts/gamma/part_00.py: open"), disk_full))
    with pytest.raises(OSError, match="No space left"):
        regenerate(out, parted)
    hook(None)
    assert not (out / "_parts").exists()


def test_every_failure_before_the_commit_leaves_the_tree_exactly_as_it_was(
    tmp_path: Path,
    old_files: dict[str, str],
    new_files: dict[str, str],
    hook: Callable[[Callable[[str], None] | None], None],
) -> None:
    out = tmp_path / "out"
    install(out, old_files)
    steps = steps_of(out, new_files)
    first_commit = steps.index("fsync directory") + 1  # staged files all durable
    for step in range(first_commit):
        install(out, old_files)
        before = snapshot(out)
        hook(at_step(step, disk_full))
        with pytest.raises(OSError, match="No space left"):
            regenerate(out, new_files)
        hook(None)
        assert snapshot(out) == before, steps[step]


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_stop_request_at_any_step_leaves_the_old_tree_or_completes(
    tmp_path: Path,
    old_files: dict[str, str],
    new_files: dict[str, str],
    hook: Callable[[Callable[[str], None] | None], None],
    signum: int,
) -> None:
    """A real signal during the write is acted on where the tree is whole: old or new."""
    out = tmp_path / "out"
    install(out, old_files)
    steps = steps_of(out, new_files)
    results = []
    for step in range(len(steps)):
        install(out, old_files)
        hook(at_step(step, lambda: os.kill(os.getpid(), signum)))
        with pytest.raises(signals.Interrupted) as stop, signals.handled():
            regenerate(out, new_files)
        hook(None)
        assert stop.value.exit_code == 128 + signum
        expected = new_files if stop.value.completed else old_files
        assert snapshot(out) == {**encoded(expected), **FOREIGN}, steps[step]
        results.append(stop.value.completed)
    first_commit = steps.index("fsync directory") + 1  # staged files all durable
    assert results == [i >= first_commit for i in range(len(steps))], list(
        zip(steps, results)
    )


def test_a_save_made_during_the_run_stops_it_with_nothing_written(
    tmp_path: Path,
    old_files: dict[str, str],
    new_files: dict[str, str],
    hook: Callable[[Callable[[str], None] | None], None],
) -> None:
    out = tmp_path / "out"
    install(out, old_files)
    planned = writer.plan(out, new_files, writer.read_manifest(out))

    def save(label: str) -> None:
        if label == "fsync directory":
            (out / "alpha.py").write_text("# my edit\n")

    hook(save)
    with pytest.raises(CodegenError, match="alpha.py: changed while codegen ran"):
        writer.write(out, new_files, planned)
    hook(None)
    assert snapshot(out) == {
        **encoded(old_files),
        **FOREIGN,
        "alpha.py": b"# my edit\n",
    }


# ------------------------------------------------------------------- ownership


def run_cli(
    *args: str, cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> tuple[int, str]:
    monkeypatch.chdir(cwd)
    code = cli.main(list(args))
    return code, capsys.readouterr().err


@pytest.fixture
def generated(tmp_path: Path, models: Path, old_files: dict[str, str]) -> Path:
    out = tmp_path / "out"
    install(out, old_files)
    return out


def test_a_users_own_file_at_a_new_target_path_stops_the_run(
    generated: Path,
    models: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (generated / "gamma.py").write_text("# my own gamma\n")
    before = snapshot(generated)
    args = [*NEW_TARGETS, "--out", str(generated), "--model-dir", str(models)]
    code, err = run_cli(
        *args, cwd=generated.parent, monkeypatch=monkeypatch, capsys=capsys
    )
    assert code == 2
    assert err == (
        "codegen: error: out/gamma.py was not written by codegen: move it away, "
        "or run with --overwrite to overwrite it\n"
    )
    assert snapshot(generated) == before
    # --force only ignores the cache: the file is refused all the same.
    code, err = run_cli(
        *args, "--force", cwd=generated.parent, monkeypatch=monkeypatch, capsys=capsys
    )
    assert code == 2 and "--overwrite to overwrite it" in err
    assert snapshot(generated) == before
    code, err = run_cli(
        *args,
        "--overwrite",
        cwd=generated.parent,
        monkeypatch=monkeypatch,
        capsys=capsys,
    )
    assert code == 0, err
    assert "overwrote hand-written out/gamma.py" in err.splitlines()
    rest = err.replace("overwrote hand-written out/gamma.py\n", "")
    assert "gamma.py\n" not in rest and "created out/gamma.pyi" in rest
    assert (generated / "gamma.py").read_text().startswith("# Generated by codegen")


@pytest.mark.parametrize(
    ("edited", "reason", "replaced"),
    [
        (
            "alpha.py",
            "was edited since codegen wrote it: move it away",
            "overwrote hand-edited out/alpha.py",
        ),
        (
            "beta.py",
            "was edited since codegen wrote it and its target is gone",
            "deleted hand-edited out/beta.py",
        ),
    ],
)
def test_a_hand_edited_generated_file_is_never_overwritten_or_deleted(
    generated: Path,
    models: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    edited: str,
    reason: str,
    replaced: str,
) -> None:
    with (generated / edited).open("a") as handle:
        handle.write("# my edit\n")
    before = snapshot(generated)
    args = [*NEW_TARGETS, "--out", str(generated), "--model-dir", str(models)]
    code, err = run_cli(
        *args, cwd=generated.parent, monkeypatch=monkeypatch, capsys=capsys
    )
    assert code == 2 and len(err.splitlines()) == 1
    assert err.startswith(f"codegen: error: out/{edited} {reason}")
    assert snapshot(generated) == before
    # --force only ignores the cache: the edit survives it.
    code, err = run_cli(
        *args, "--force", cwd=generated.parent, monkeypatch=monkeypatch, capsys=capsys
    )
    assert code == 2 and err.startswith(f"codegen: error: out/{edited} {reason}")
    assert "--overwrite to" in err
    assert snapshot(generated) == before
    code, err = run_cli(
        *args,
        "--check",
        "--overwrite",
        cwd=generated.parent,
        monkeypatch=monkeypatch,
        capsys=capsys,
    )
    would = replaced.replace("overwrote", "would overwrite")
    assert code == 1 and would.replace("deleted", "would delete") in err.splitlines()
    code, err = run_cli(
        *args,
        "--overwrite",
        cwd=generated.parent,
        monkeypatch=monkeypatch,
        capsys=capsys,
    )
    assert code == 0, err
    lines = err.splitlines()
    assert replaced in lines  # never a plain "updated" or "deleted" line for it
    assert not any(
        line.endswith(f" out/{edited}") for line in lines if line != replaced
    )
    # each module's stub too: alpha.pyi updated, gamma.pyi created, beta.pyi deleted
    assert err.endswith("codegen: 4 updated, 2 created, 2 deleted, 2 unchanged\n")


def test_an_unreadable_manifest_is_named_by_check_and_run_alike(
    generated: Path,
    models: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A merge conflict in the manifest: every changed file then looks foreign,
    so the message names the manifest, and --check says what the run refuses."""
    manifest = generated / "codegen-manifest.json"
    manifest.write_text("<<<<<<< HEAD\n{\n", encoding="utf-8")
    before = snapshot(generated)
    args = [*NEW_TARGETS, "--out", str(generated), "--model-dir", str(models)]
    code, err = run_cli(
        *args, cwd=generated.parent, monkeypatch=monkeypatch, capsys=capsys
    )
    reason = "is not a manifest codegen can read (not JSON: a merge conflict?)"
    assert code == 2 and err.startswith(
        f"codegen: error: out/codegen-manifest.json {reason}: restore it, or run "
        "with --overwrite to rewrite the tree (and "
    )
    assert snapshot(generated) == before
    code, err = run_cli(
        *args, "--check", cwd=generated.parent, monkeypatch=monkeypatch, capsys=capsys
    )
    assert code == 1 and f"would update out/codegen-manifest.json ({reason})" in err
    assert "would update out/alpha.py (was not written by codegen)" in err


def test_unchanged_files_need_no_ownership_and_a_rerun_is_silent(
    generated: Path,
    models: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = [*OLD_TARGETS, "--out", str(generated), "--model-dir", str(models)]
    assert run_cli(
        *args, cwd=generated.parent, monkeypatch=monkeypatch, capsys=capsys
    ) == (0, "")


@pytest.mark.parametrize("marker", [".git", "pyproject.toml"])
def test_a_directory_holding_a_project_is_refused(
    tmp_path: Path,
    models: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    marker: str,
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (
        (project / marker).mkdir()
        if marker == ".git"
        else (project / marker).write_text("")
    )
    (project / "app.py").write_text("print('mine')\n")
    before = snapshot(project)
    for extra in ([], ["--force"], ["--overwrite"]):
        code, err = run_cli(
            "gamma",
            "--out",
            ".",
            "--model-dir",
            str(models),
            *extra,
            cwd=project,
            monkeypatch=monkeypatch,
            capsys=capsys,
        )
        assert code == 2
        assert err == (
            f"codegen: error: .: holds a project ({marker}); generated files go in a "
            "directory of their own: set `out` to a subdirectory\n"
        )
    assert snapshot(project) == before


def test_the_output_directory_stays_the_same_directory(
    generated: Path, new_files: dict[str, str]
) -> None:
    """A shell or editor inside it keeps working; foreign files keep their inode."""
    inode = generated.stat().st_ino
    notes = (generated / "NOTES.txt").stat().st_ino
    runtime = (generated / "_runtime.py").stat().st_ino  # unchanged: not rewritten
    descriptor = os.open(generated, os.O_RDONLY)
    try:
        regenerate(generated, new_files)
        assert os.stat(descriptor).st_ino == inode and os.stat(descriptor).st_nlink > 0
        assert (generated / "gamma.py").exists()
        assert os.listdir(descriptor) == os.listdir(generated)
    finally:
        os.close(descriptor)
    assert generated.stat().st_ino == inode
    assert (generated / "NOTES.txt").stat().st_ino == notes
    assert (generated / "_runtime.py").stat().st_ino == runtime


def test_check_reports_an_interrupted_run_and_a_normal_run_completes_it(
    generated: Path,
    models: Path,
    old_files: dict[str, str],
    new_files: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    steps = steps_of(generated, new_files)
    install(generated, old_files)  # then killed after the manifest: every file is new
    assert die_at(steps.index(f"delete {writer.JOURNAL}"), generated, new_files) == 70
    install_state = snapshot(generated)
    args = [*NEW_TARGETS, "--out", str(generated), "--model-dir", str(models)]
    code, err = run_cli(
        *args, "--check", cwd=generated.parent, monkeypatch=monkeypatch, capsys=capsys
    )
    assert code == 1
    assert err == (
        "out: a codegen run was interrupted here and left it partly written: "
        "run codegen to complete it\n"
    )
    assert snapshot(generated) == install_state
    code, err = run_cli(
        *args, cwd=generated.parent, monkeypatch=monkeypatch, capsys=capsys
    )
    assert code == 0
    assert err == "codegen: 8 unchanged, an interrupted run completed\n"
    assert snapshot(generated) == {**encoded(new_files), **FOREIGN}


def test_diff_headers_are_relative_to_the_project_root(
    generated: Path,
    models: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(generated.parent)
    code = cli.main(
        [
            *NEW_TARGETS,
            "--out",
            str(generated.absolute()),
            "--model-dir",
            str(models),
            "--diff",
        ]
    )
    out = capsys.readouterr().out
    assert code == 1  # --diff is --check too
    # No pyproject.toml above: the project root is the current directory.
    assert "--- a/out/alpha.py\n+++ b/out/alpha.py\n" in out
    assert "--- /dev/null\n+++ b/out/gamma.py\n" in out  # created
    assert "--- a/out/beta.py\n+++ /dev/null\n" in out  # deleted
    assert "a//" not in out and str(generated.parent) not in out


# ------------------------------------------------------ mounts, read-only parent


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True, text=True)


def is_mount_point(path: Path) -> bool:
    """From the kernel's mount table: ``os.path.ismount`` misses same-device binds."""
    table = Path("/proc/self/mountinfo").read_text().splitlines()
    return str(path.resolve()) in {line.split()[4] for line in table}


def _can_mount(tmp_path: Path) -> str | None:
    """None when bind mounts work here, else why not."""
    if os.geteuid() != 0:
        return "bind mounts need root"
    probe, target = tmp_path / "probe", tmp_path / "probe-target"
    probe.mkdir()
    target.mkdir()
    try:
        _mount("--bind", str(probe), str(target))
    except (OSError, subprocess.CalledProcessError) as exc:
        return f"mount --bind failed: {getattr(exc, 'stderr', exc)}"
    subprocess.run(["umount", str(target)], check=True)
    return None


def test_a_bind_mounted_output_inside_a_read_only_parent(
    tmp_path: Path,
    models: Path,
    new_files: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The Docker volume case: ``out`` is a mount point and its parent is read-only."""
    why = _can_mount(tmp_path)
    if why is not None:
        pytest.skip(
            why + "; test_a_mount_point_and_a_read_only_parent_simulated covers it"
        )
    parent, volume = tmp_path / "image-root", tmp_path / "volume"
    (parent / "out").mkdir(parents=True)
    volume.mkdir()
    out = parent / "out"
    mounted: list[Path] = []
    try:
        _mount("--bind", str(parent), str(parent))
        mounted.append(parent)
        _mount("-o", "remount,bind,ro", str(parent))
        _mount("--bind", str(volume), str(out))
        mounted.append(out)
        assert is_mount_point(out)
        with pytest.raises(OSError) as denied:
            (parent / "probe").write_text("")
        assert denied.value.errno == errno.EROFS
        inode = out.stat().st_ino
        for targets, summary in [
            (OLD_TARGETS, "codegen: 8 created\n"),
            (NEW_TARGETS, "codegen: 4 updated, 2 created, 2 deleted, 2 unchanged\n"),
        ]:
            code, err = run_cli(
                *targets,
                "--out",
                str(out),
                "--model-dir",
                str(models),
                cwd=tmp_path,
                monkeypatch=monkeypatch,
                capsys=capsys,
            )
            assert code == 0 and err.endswith(summary), err
        assert snapshot(out) == encoded(new_files)
        assert out.stat().st_ino == inode and is_mount_point(out)
        assert snapshot(volume) == encoded(new_files)
    finally:
        for path in reversed(mounted):
            subprocess.run(["umount", str(path)], check=False)
    assert not is_mount_point(out)


def test_a_mount_point_and_a_read_only_parent_simulated(
    tmp_path: Path,
    old_files: dict[str, str],
    new_files: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Renaming the directory itself gives EBUSY, across it EXDEV, into its parent EROFS."""
    out = tmp_path / "parent" / "out"
    out.mkdir(parents=True)
    parent = out.parent

    def mount_rules(operation: Callable[..., Any]) -> Callable[..., Any]:
        def guarded(src: Any, dst: Any, *args: Any, **kwargs: Any) -> Any:
            source, target = Path(os.fsdecode(src)), Path(os.fsdecode(dst))
            if out in (source, target):
                raise OSError(errno.EBUSY, "Device or resource busy", str(out))
            if (source.parent == out) != (target.parent == out):
                raise OSError(errno.EXDEV, "Invalid cross-device link", str(target))
            if parent in (source.parent, target.parent):
                raise OSError(errno.EROFS, "Read-only file system", str(target))
            return operation(src, dst, *args, **kwargs)

        return guarded

    real_open = os.open

    def read_only_parent(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & os.O_CREAT and Path(os.fsdecode(path)).parent == parent:
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "rename", mount_rules(os.rename))
    monkeypatch.setattr(os, "replace", mount_rules(os.replace))
    monkeypatch.setattr(os, "link", mount_rules(os.link))
    monkeypatch.setattr(os, "open", read_only_parent)
    regenerate(out, old_files)
    regenerate(out, new_files)
    assert snapshot(out) == encoded(new_files)
    assert sorted(p.name for p in parent.iterdir()) == ["out"]


# --------------------------------------------------------------------- signals


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state in ("Z", "X")


def interrupt_an_all_run(
    tmp_path: Path, old_files: dict[str, str], act: Callable[[int, list[int]], None]
) -> tuple[int, str, float, list[int]]:
    """Start ``--all -j 2`` over a tree, ``act`` once both workers are busy.

    Returns the exit status, stderr, the seconds from ``act`` to the exit, and
    the worker pids; asserts the tree is exactly as it was.
    """
    out = tmp_path / "out"
    install(out, old_files)
    before = snapshot(out)
    process = subprocess.Popen(
        [sys.executable, "-m", "codegen", "--all", "-j", "2", "--out", str(out)],
        cwd=tmp_path,
        env={
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "CODEGEN_CACHE_DIR": str(tmp_path / "cache"),  # empty: real work to do
        },
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while len(_children(process.pid)) < 2 and process.poll() is None:
            assert time.monotonic() < deadline, "the worker pool never started"
            time.sleep(0.05)
        time.sleep(0.5)  # both workers are busy generating services now
        workers = _children(process.pid)
        acted = time.monotonic()
        act(process.pid, workers)
        _, err = process.communicate(timeout=10)  # a hang guard, not a speed target
        latency = time.monotonic() - acted
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert len(workers) == 2
    deadline = time.monotonic() + 5
    while not all(_gone(pid) for pid in workers):
        assert time.monotonic() < deadline, "a worker outlived the run"
        time.sleep(0.05)
    assert snapshot(out) == before
    return process.returncode, err, latency, workers


needs_proc = pytest.mark.skipif(
    not Path("/proc/self/task").is_dir(), reason="needs /proc to see the workers"
)


@needs_proc
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_to_the_main_process_stops_an_all_run_and_its_workers(
    tmp_path: Path, old_files: dict[str, str], signum: int
) -> None:
    code, err, latency, _ = interrupt_an_all_run(
        tmp_path, old_files, lambda main, workers: os.kill(main, signum)
    )
    name = signal.Signals(signum).name
    print(f"\n{name}: --all -j 2 stopped in {latency:.2f} s")
    assert code == 128 + signum, err
    assert err.strip().splitlines()[-1] == (
        f"codegen: stopped by {name}; nothing was written"
    )


@needs_proc
def test_a_worker_that_dies_is_one_line_and_exit_2_not_a_hang(
    tmp_path: Path, old_files: dict[str, str]
) -> None:
    code, err, _, _ = interrupt_an_all_run(
        tmp_path, old_files, lambda main, workers: os.kill(workers[0], signal.SIGKILL)
    )
    assert code == 2, err
    assert err.strip().splitlines() == [
        "codegen: error: a worker process died (out of memory, or killed): run "
        "again, with fewer --jobs if memory is short"
    ]
