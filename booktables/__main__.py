"""`python -m booktables [DATA_DIR]`: validate the data package (make validate)."""
import sys

from .data.validation import main

sys.exit(main())
