#!/usr/bin/env bash
# setup.sh -- installs what Helicase needs to build, test and benchmark, from Debian only.
#
# The one package list of the project. Idempotent: installs only what is missing (apt-get).
# Needs root (or sudo) only when something is missing. CUDA is optional and not from Debian:
# when nvcc is on PATH or in /usr/local/cuda the build adds the GPU backend.
set -euo pipefail

PACKAGES=(
  # build
  cmake g++ make pkg-config git libhts-dev libdeflate-dev zlib1g-dev libcli11-dev libgtest-dev libdivsufsort-dev
  # tests and benchmarks: the peers and their data
  bwa samtools bcftools tabix picard-tools vt-examples seqtk dwgsim freebayes time
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then missing+=("$p"); fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  SUDO=(sudo)
else
  echo "setup: these Debian packages are missing and installing them needs root:" >&2
  echo "  apt-get install -y --no-install-recommends ${missing[*]}" >&2
  echo "run that as root (or this script with sudo), then run this script again." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "setup: done"
