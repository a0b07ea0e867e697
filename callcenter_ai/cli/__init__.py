"""Command line over the core: ``python -m callcenter_ai COMMAND``."""
