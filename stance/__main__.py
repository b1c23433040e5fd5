"""`python -m stance` is the `stance` command (what `torchrun -m stance train ...` runs)."""

from stance.cli import main

main()
