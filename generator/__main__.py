"""``python -m generator`` runs the ``hongling`` command."""

import sys

from .cli import main

sys.exit(main())
