#!/usr/bin/env bash
# Installs what kbench needs on a Debian machine, only what is missing:
#   apt: the C libraries (librdkafka, zstd, lz4, snappy, zlib), pkg-config, valgrind (its
#        callgrind.h is compiled in and `kbench hash --instructions` / `kbench report` count
#        instructions per key under it where the CPU's counter is hidden), Python's venv and
#        Chromium (the tests render results/index.html in it headless), and any further apt
#        packages named among the options (dev.sh package's dpkg-dev, …);
#   .venv/: the Python test helpers (kafka-python with its zstd/lz4/snappy backends).
# Works as root or through sudo; never prompts (CI has no standard input).
# Usage: scripts/setup.sh [--no-python] [--browser] [apt-package…]
#   --no-python  no venv, no Python test helpers, no Chromium (building and running kbench)
#   --browser    Chromium and python3 even with --no-python (./dev.sh screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."

want_python=1
want_browser=1
extra_packages=()
for option in "$@"; do
    case "$option" in
    --no-python) want_python=0; [ "${browser_option:-0}" = 1 ] || want_browser=0 ;;
    --browser) browser_option=1; want_browser=1 ;;
    *) extra_packages+=("$option") ;;
    esac
done

apt_packages=(librdkafka-dev libzstd-dev liblz4-dev libsnappy-dev zlib1g-dev pkg-config valgrind
    "${extra_packages[@]+"${extra_packages[@]}"}")
[ "$want_python" = 1 ] && apt_packages+=(python3 python3-venv)
[ "$want_browser" = 1 ] && apt_packages+=(chromium python3)

missing=()
for pkg in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# A python3 outside dpkg (pyenv, /usr/local) with a working venv module is good enough.
if [ "$want_python" = 1 ] && command -v python3 >/dev/null && python3 -c 'import venv, ensurepip' 2>/dev/null; then
    filtered=()
    for pkg in "${missing[@]}"; do
        case "$pkg" in python3|python3-venv) ;; *) filtered+=("$pkg") ;; esac
    done
    missing=("${filtered[@]+"${filtered[@]}"}")
fi

if [ "${#missing[@]}" -gt 0 ]; then
    echo "setup: installing ${missing[*]}" >&2
    # Root installs directly; otherwise sudo, which may ask for a password on a terminal
    # and must not wait for one without it (CI has no standard input).
    if [ "$(id -u)" = 0 ]; then sudo=()
    elif [ -t 0 ]; then sudo=(sudo)
    else sudo=(sudo -n)
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "$want_python" = 1 ]; then
    python_requirements=scripts/python-requirements.txt
    stamp=.venv/.kbench-requirements
    if [ ! -x .venv/bin/python3 ] || ! cmp -s "$python_requirements" "$stamp"; then
        echo "setup: creating .venv with $(tr '\n' ' ' < "$python_requirements")" >&2
        python3 -m venv .venv
        .venv/bin/python3 -m pip install --quiet --disable-pip-version-check -r "$python_requirements"
        cp "$python_requirements" "$stamp"
    fi
fi
