"""``python -m tipline.cli``: the same as the ``tipline`` console script."""

from tipline.cli import main

main()
