"""``python -m osl_plan``."""

from osl_plan.cli import main

main()
