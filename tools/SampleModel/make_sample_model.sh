#!/usr/bin/env bash
# Regenerates the sample model and its parity fixtures: bash tools/SampleModel/make_sample_model.sh
# Needs the .NET 10 SDK and Debian's python3-torch (apt-get install -y python3-torch). About 7 minutes of training on 2 idle cores (16 epochs of ~26 s); far longer on a loaded machine.
set -euo pipefail
cd "$(dirname "$0")/../.."

faces=artifacts/sample-model/faces
rm -rf "$faces"
# 600 people x 7 photos, seed 7 (the demo hidden set is seed 2026), at the model's 64x64 input size.
dotnet run --project tools/SampleModel/FaceDump -c Release -- "$faces" 600 7 64
/usr/bin/python3 tools/SampleModel/train_sample_model.py --data "$faces" "$@"
