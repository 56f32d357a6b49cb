"""The scratch Go module: the runner's sources (runner/), every variant's generated package
under gen/<variant>/, and variants.go registering each package's New. Then gofmt, go vet and
go build.

Modules and builds use Go's own caches (GOMODCACHE, GOCACHE: ~/go/pkg/mod, ~/.cache/go-build
unless set), shared with the codegen crate's Go tests; runner/go.sum pins every module, so a
cold cache downloads exactly those from the module proxy.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from variants import Variant

HERE = Path(__file__).resolve().parent
MODULE = "flashrunner"


def go_env() -> dict[str, str]:
    """The environment of every go command: this Go, no workspace file, go.sum as committed."""
    return dict(os.environ, GOTOOLCHAIN="local", GOWORK="off",
                GOFLAGS="-mod=readonly -buildvcs=false")


def write(root: Path, variants: list[Variant]) -> None:
    """Writes the module to root (emptied first)."""
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    for f in (HERE / "runner").iterdir():
        if f.suffix == ".go" or f.name in ("go.mod", "go.sum"):
            shutil.copy(f, root / f.name)
    imports, registers = [], []
    for v in variants:
        shutil.copytree(v.out, root / "gen" / v.package_dir)
        alias = v.package_dir
        imports.append(f'\t{alias} "{MODULE}/gen/{v.package_dir}"\n')
        registers.append(
            f'\tregister("{v.name}", func(c any) any {{ return {alias}.New(c.({alias}.DBTX)) }})\n')
    (root / "variants.go").write_text(
        "// Written by run: the generated packages of this corpus.\n\n"
        "package main\n\nimport (\n" + "".join(imports) + ")\n\n"
        "func init() {\n" + "".join(registers) + "}\n")
    config = [{"name": v.name, "driver": v.driver, "nulls": v.nulls, "url": v.url}
              for v in variants]
    (root / "variants.json").write_text(json.dumps(config, indent=2) + "\n")


def check_and_build(root: Path) -> list[str]:
    """gofmt -l over the generated code (must list nothing), go vet over the whole module,
    then go build; the problems, one per line."""
    r = run(["gofmt", "-l", "gen"], root)
    if r.returncode != 0 or r.stdout.strip():
        diff = run(["gofmt", "-d", "gen"], root).stdout
        return [f"gofmt: {line}" for line in (r.stdout + r.stderr).splitlines()] + [diff[:4000]]
    for cmd in (["go", "vet", "./..."], ["go", "build", "-o", "flashrunner", "."]):
        r = run(cmd, root)
        if r.returncode != 0:
            return [f"{' '.join(cmd)}: {line}" for line in (r.stdout + r.stderr).splitlines()]
    return []


def run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=go_env(), capture_output=True, text=True)
