"""`python -m agora.cli` (how `agora serve` starts the worker beside gunicorn)."""

import sys

from agora.cli import main

sys.exit(main())
