"""``python -m xinyu.cli``."""

import sys

from .main import main

sys.exit(main())
