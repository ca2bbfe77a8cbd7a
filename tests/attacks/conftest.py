"""Attack tests use the storage tests' vaults: real SQLCipher files with tiny KDF costs."""

from __future__ import annotations

from tests.storage.conftest import (  # noqa: F401 -- fixtures, found by name
    created,
    sleeps,
    template_vault,
    vault,
    vault_dir,
)
