"""Teachers: who writes the answer of a trio (:mod:`.template` offline, :mod:`.openai_client` over HTTP)."""
from __future__ import annotations

from typing import Any

from .base import (DEFAULT_SYSTEM, DEFAULT_TEMPLATE, NO_CALL_TEMPLATE, Teacher, TeacherReply, TeacherTask,
                   build_messages, prompt_hash)
from .template import TemplateTeacher


def make_teacher(cfg: Any, api_key: str | None = None) -> Teacher:
    """The teacher a :class:`~sprint_solver.trios.config.TeacherConfig` describes."""
    if cfg.kind == "template":
        return TemplateTeacher(style_seed=cfg.style_seed)
    if cfg.kind == "openai":
        from .openai_client import OpenAITeacher

        return OpenAITeacher.from_config(cfg, api_key)
    raise ValueError(f"unknown teacher {cfg.kind!r}; use template or openai")


__all__ = ["Teacher", "TeacherTask", "TeacherReply", "TemplateTeacher", "make_teacher", "build_messages",
           "prompt_hash", "DEFAULT_SYSTEM", "DEFAULT_TEMPLATE", "NO_CALL_TEMPLATE"]
