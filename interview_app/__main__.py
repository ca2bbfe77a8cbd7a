"""`python -m interview_app`: the same entry point as the `interview-app` command."""

import sys

from interview_app.cli import main

sys.exit(main())
