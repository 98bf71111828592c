"""Build hook: the wheel carries the demo portal (mkdocs.yml, content/, guides/) as ``xinyu/demo``,
so an installed ``xinyu init --demo`` can copy it and ``xinyu init`` can take the national lines,
the vocabulary and the 校历 template from it. All other metadata is in pyproject.toml."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithDemo(build_py):
    """build_py, then the demo portal copied into the built package (symlinks are not followed)."""

    def run(self) -> None:
        super().run()
        if not (ROOT / "content").is_dir():  # an sdist without the demo: `xinyu init --demo` says so
            return
        dest = Path(self.build_lib) / "xinyu" / "demo"
        shutil.rmtree(dest, ignore_errors=True)
        for name in ("content", "guides"):
            shutil.copytree(ROOT / name, dest / name, symlinks=True)
        shutil.copyfile(ROOT / "mkdocs.yml", dest / "mkdocs.yml")


setup(cmdclass={"build_py": BuildWithDemo})
