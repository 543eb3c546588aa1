"""How large a document the importer reads: a policy is a few megabytes at most, and a file much
larger is more likely a mistake (or a trap) than a policy."""

from __future__ import annotations

MAX_IMPORT_BYTES = 50 * 1024 * 1024
