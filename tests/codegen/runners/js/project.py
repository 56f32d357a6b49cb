"""The scratch TypeScript project: the runner's sources (src/) and every variant's generated
code (gen/<variant>/), type-checked together by `tsc` with every strictness flag a project
may turn on, and compiled to dist/.

The generated `.ts` files are compiled like the runner's; a JavaScript variant's `.js` files
are checked through their `.d.ts` (and its declarations themselves, no skipLibCheck) and
copied to dist/ as they are, with a package.json marking CommonJS output as such.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from variants import Variant

HERE = Path(__file__).resolve().parent

COMPILER_OPTIONS = {
    "strict": True,
    "target": "es2022",
    "lib": ["es2022"],
    "module": "nodenext",
    "moduleResolution": "nodenext",
    "types": ["node"],
    "rootDir": ".",
    "outDir": "dist",
    "noUnusedLocals": True,
    "noUnusedParameters": True,
    "noImplicitReturns": True,
    "noImplicitOverride": True,
    "noFallthroughCasesInSwitch": True,
    "noUncheckedIndexedAccess": True,
    "exactOptionalPropertyTypes": True,
    "noPropertyAccessFromIndexSignature": True,
    "verbatimModuleSyntax": True,
    "isolatedModules": True,
    "forceConsistentCasingInFileNames": True,
    "skipLibCheck": False,
}


def write(root: Path, node_modules: Path, variants: list[Variant]) -> None:
    """Writes the project to root (emptied first)."""
    shutil.rmtree(root, ignore_errors=True)
    (root / "src").mkdir(parents=True)
    (root / "node_modules").symlink_to(node_modules, target_is_directory=True)
    (root / "package.json").write_text('{"type": "module", "private": true}\n')
    for f in (HERE / "src").glob("*.ts"):
        shutil.copy(f, root / "src" / f.name)
    for v in variants:
        shutil.copytree(v.out, root / "gen" / v.name)
        if v.options.get("module") == "cjs":
            (root / "gen" / v.name / "package.json").write_text('{"type": "commonjs"}\n')
    config = {"compilerOptions": COMPILER_OPTIONS, "include": ["src/**/*.ts", "gen/**/*"]}
    (root / "tsconfig.json").write_text(json.dumps(config, indent=2) + "\n")


def compile_all(root: Path, variants: list[Variant]) -> list[str]:
    """tsc over the project, then the JavaScript variants copied beside the compiled code;
    the problems, one per line."""
    tsc = root / "node_modules" / "typescript" / "bin" / "tsc"
    r = subprocess.run(["node", str(tsc), "-p", "tsconfig.json"], cwd=root,
                       capture_output=True, text=True)
    if r.returncode != 0:
        lines = [line for line in (r.stdout + r.stderr).splitlines() if line.strip()]
        return [f"tsc: {line}" for line in lines] or [f"tsc exited {r.returncode}"]
    for v in variants:
        if v.emits_js:
            dest = root / "dist" / "gen" / v.name
            dest.mkdir(parents=True, exist_ok=True)
            for f in (root / "gen" / v.name).iterdir():
                if f.suffix == ".js" or f.name == "package.json":
                    shutil.copy(f, dest / f.name)
    return []


def module_path(root: Path, v: Variant) -> Path:
    """The variant's compiled `index.js`."""
    return root / "dist" / "gen" / v.name / "index.js"
