#!/usr/bin/env bash
# The training part of `npm run bench` on a Linux machine with an NVIDIA GPU: headless Chromium with
# WebGPU and WebGL on Vulkan, every backend, the same table as the bench, in under five minutes.
# Needs a checkout with node_modules (npm ci) and a Chromium (Debian's /usr/bin/chromium,
# Playwright's, or CHROMIUM_PATH); installs nothing.
#
#   scripts/gpu-bench.sh [extra options of scripts/bench-training-suite.mjs]
set -euo pipefail
cd "$(dirname "$0")/.."

node=node_modules/.bin/node # Node 22 from the `node` package; the system one may be older
if [ ! -x "$node" ]; then
  echo "gpu-bench: node_modules is missing; run 'npm ci' first." >&2
  exit 1
fi

if ! chromium=$("$node" -e "import('./scripts/find-chromium.mjs').then((m) => console.log(m.findChromium({ install: false })))" 2>/dev/null); then
  echo "gpu-bench: no Chromium found. Install one (apt-get install chromium) or set CHROMIUM_PATH, then run again." >&2
  exit 1
fi
export CHROMIUM_PATH="$chromium"
echo "gpu-bench: $("$chromium" --version 2>/dev/null || echo "$chromium")" >&2
if command -v nvidia-smi >/dev/null 2>&1; then
  echo "gpu-bench: $(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | head -n 1)" >&2
else
  echo "gpu-bench: nvidia-smi not found; running anyway (the backend list says what Chromium found)." >&2
fi

# GPU backends first; each model gets at most 60 s per backend and the whole run 270 s, so the
# slow CPU-side cells give way before the five minutes are up.
exec timeout 295 "$node" scripts/bench-training-suite.mjs --gpu --cell-budget=60 --deadline=270 "$@"
