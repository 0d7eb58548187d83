"""Tools for maintaining osl-plan itself (documentation generators); never imported by the CLI."""
