"""``python -m perfeval_core``: the ``perfeval`` command."""

import sys

from ._cli import main

sys.exit(main())
