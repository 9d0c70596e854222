"""`python -m serge_reader` runs the same program as the `serge-reader` command."""

import sys

from serge_reader.cli import main

sys.exit(main())
