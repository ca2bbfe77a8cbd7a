"""The interview scripts installed in a folder, loaded once and looked up by id."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from interview_app.domain.forms import load_form, script_paths
from interview_app.domain.model import Form
from interview_app.errors import FormError, Problem


@dataclass(frozen=True)
class ScriptShelf:
    """Valid scripts by id, in file-name order, and the problems of the files that are not."""

    forms: tuple[Form, ...]
    problems: tuple[Problem, ...] = ()

    @classmethod
    def load(cls, directory: Path) -> ScriptShelf:
        """Every ``*.yaml`` in ``directory``; a broken file is reported, never fatal."""
        if not directory.is_dir():
            return cls(())
        forms: list[Form] = []
        problems: list[Problem] = []
        seen: set[str] = set()
        for path in script_paths([directory]):
            try:
                form = load_form(path)
            except FormError as error:
                problems.extend(error.problems)
                continue
            if form.id in seen:
                problems.append(Problem(str(path), 1, f"a second script with the id {form.id}"))
                continue
            seen.add(form.id)
            forms.append(form)
        return cls(tuple(forms), tuple(problems))

    def get(self, form_id: str) -> Form | None:
        return next((form for form in self.forms if form.id == form_id), None)
