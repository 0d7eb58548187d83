"""The plan as GitHub-flavoured Markdown (the task table is a pipe table), from a Jinja template."""

from __future__ import annotations

from osl_plan.model import Plan
from osl_plan.render.markdown_escape import md_cell, md_escape, md_finalize, md_runs
from osl_plan.render.options import RenderOptions
from osl_plan.render.template_context import plan_context
from osl_plan.render.templating import make_environment, render_template

TEMPLATE = "plan.md.j2"


def render_markdown(plan: Plan, options: RenderOptions) -> str:
    """The plan as Markdown text. Raises TemplateFailed, UnreadableFile."""
    env = make_environment(
        options.template_dir,
        autoescape=False,
        filters={"md": md_escape, "md_cell": md_cell, "md_runs": md_runs},
        finalize=md_finalize,
    )
    return render_template(env, TEMPLATE, plan_context(plan, options, embed_image=False))
