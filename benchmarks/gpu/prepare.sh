#!/usr/bin/env bash
# benchmarks/gpu/prepare.sh -- builds build-gpu here (CUDA on, sm_90 for H100/H200 unless
# CUDA_ARCHS says otherwise) so that a GPU machine without HTSlib's headers can run it:
# copies the shared libraries the executables need (except the C/C++ runtime) into
# build-gpu/lib and marks the folder prebuilt. Then carry build-gpu to the GPU machine and run
#   bash benchmarks/gpu/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=build-gpu
ARCHS=${CUDA_ARCHS:-90}
export PATH=/usr/local/cuda/bin:$PATH
cmake -S . -B "$BUILD" -DHELICASE_CUDA=ON -DCMAKE_CUDA_ARCHITECTURES="$ARCHS" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" -j "$(nproc)"
mkdir -p "$BUILD/lib"
for exe in "$BUILD"/bin/* "$BUILD"/tests/gpu/helicase_gpu_tests; do
  [ -x "$exe" ] || continue
  ldd "$exe" | awk '$3 ~ /^\// { print $3 }'
done | sort -u | grep -v -E '/(libc|libm|libpthread|libdl|librt|libstdc\+\+|libgcc_s|ld-linux[^/]*)\.so' |
  while read -r lib; do cp -L "$lib" "$BUILD/lib/"; done
touch "$BUILD/.prebuilt"
du -sh "$BUILD" "$BUILD/lib"
ls "$BUILD/lib"
