#!/usr/bin/env bash
# build.sh -- configures and builds Helicase into $HELICASE_BUILD_DIR (default build/).
#
# CUDA: HELICASE_CUDA=AUTO|ON|OFF (default AUTO: on when nvcc is found), for the
# architectures in CUDA_ARCHS (default 90, one architecture to keep builds short; the
# CMake default without this script is "80;90").
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${HELICASE_BUILD_DIR:-build}
CUDA=${HELICASE_CUDA:-AUTO}
ARCHS=${CUDA_ARCHS:-90}
if [ "$CUDA" != OFF ] && ! command -v nvcc >/dev/null && [ -x /usr/local/cuda/bin/nvcc ]; then
  export PATH=/usr/local/cuda/bin:$PATH
fi
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DHELICASE_CUDA="$CUDA" -DCMAKE_CUDA_ARCHITECTURES="$ARCHS" >/dev/null
cmake --build "$BUILD_DIR" -j "$(nproc)"
echo "build: $BUILD_DIR/bin: $(ls "$BUILD_DIR/bin" | tr '\n' ' ')"
