#!/usr/bin/env sh
# Makes sure the clone has full history and tags (CI checkouts are often shallow).
set -eu
git fetch --tags --unshallow 2>/dev/null || git fetch --tags
