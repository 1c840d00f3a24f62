#!/usr/bin/env bash
# test.sh -- sets up, builds and runs every test (ctest): unit, cli and gpu (gpu tests are
# reported as skipped on a machine without a usable GPU). Tests labelled `pending` measure
# requirements of open issues that are not met yet (tests/cli/hc_compat.cmake says which):
# they are left out here and run with `ctest -L pending`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
BUILD_DIR=${HELICASE_BUILD_DIR:-build}
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)" --timeout 1500 -LE pending
