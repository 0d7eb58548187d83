"""osl-plan: the plan organizowania społeczności lokalnej as structured YAML."""

__version__ = "0.1.0"
