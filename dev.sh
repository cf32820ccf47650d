#!/usr/bin/env bash
# kbench's entry point on a fresh Debian machine. Each command installs what is missing first.
#   ./dev.sh report   build (release) and run the main job: `kbench report` on embedded defaults
#   ./dev.sh test     run every test (Swift Testing suites, Python interop included)
#   ./dev.sh build    build the release binary only (.build/release/kbench)
set -euo pipefail
cd "$(dirname "$0")"

command -v swift >/dev/null || { echo "dev.sh: swift not found on PATH (Swift 6.1 or later is needed)" >&2; exit 1; }

case "${1:-}" in
report)
    shift
    scripts/setup.sh --no-python
    swift build -c release --product kbench
    exec .build/release/kbench report "$@"
    ;;
test)
    shift
    scripts/setup.sh
    swift build --build-tests
    exec swift test --skip-build "$@"
    ;;
build)
    scripts/setup.sh --no-python
    exec swift build -c release --product kbench
    ;;
*)
    sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
