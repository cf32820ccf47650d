#!/usr/bin/env bash
# Installs dist/'s .deb the way someone without a Swift toolchain would, on a fresh Debian,
# and runs kbench there:
#   1. debootstrap --variant=minbase of this machine's Debian release (/etc/os-release) into
#      .build-package/root; the packages it downloads are kept as a tarball in
#      .build-package/debootstrap/, so later runs fetch nothing for it;
#   2. `apt-get install ./kbench_….deb` inside it: apt resolves librdkafka1 and the codec
#      libraries from Debian's mirror (KBENCH_DEBIAN_MIRROR, default debootstrap's own);
#   3. inside it: `kbench --version` (the version and commit of the build dev.sh package
#      made, the librdkafka installed there), `kbench partitions --key 1202 --key-type int32
#      -n 12` (the same output as that build's on this machine), `kbench report --quick
#      --output-dir /tmp/r`, the bash completion loading, and `ldd`: no Swift library, nothing
#      missing;
#   4. lintian on the .deb: no errors (its warnings are printed).
# Needs root (debootstrap, chroot, mount): runs itself again through sudo otherwise.
# Usage: scripts/package-test.sh [kbench_….deb]   (run by `dev.sh package-test`)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/swift-runtime.sh
[ "$(id -u)" = 0 ] || exec sudo -E "$0" "$@"

scripts/setup.sh --no-python debootstrap lintian

host_binary=.build-package/swift/release/kbench
deb=${1:-dist/kbench_$("$host_binary" --version | sed -n '1s/^kbench //p')_$(dpkg --print-architecture).deb}
[ -f "$deb" ] || { echo "package-test: no $deb: run ./dev.sh package first" >&2; exit 1; }
root=$PWD/.build-package/root
suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
# No mirror argument means debootstrap's default mirror.
mirror=()
[[ -z ${KBENCH_DEBIAN_MIRROR:-} ]] || mirror=("$KBENCH_DEBIAN_MIRROR")
cache=$PWD/.build-package/debootstrap/$suite-minbase.tar.gz

step() { echo "package-test: [$SECONDS s] $*" >&2; }
fail() { echo "package-test: $*" >&2; exit 1; }
# Runs a command inside the root with a clean environment.
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
# Unmounts what was mounted inside the root, then removes it (never crossing into a mount).
remove_root() {
    local mount
    for mount in proc sys dev/pts; do
        ! mountpoint -q "$root/$mount" || umount -l "$root/$mount"
    done
    rm -rf --one-file-system "$root"
}
trap remove_root EXIT
remove_root

if [ ! -f "$cache" ]; then
    step "downloading $suite (minbase) into $cache"
    mkdir -p "$(dirname "$cache")"
    debootstrap --variant=minbase --make-tarball="$cache.part" "$suite" "$root" "${mirror[@]}" >/dev/null
    mv "$cache.part" "$cache"
    remove_root
fi
step "debootstrap $suite (minbase) into $root"
debootstrap --variant=minbase --unpack-tarball="$cache" "$suite" "$root" "${mirror[@]}" >/dev/null
mount -t proc proc "$root/proc"
# A private pseudo-terminal instance: dpkg logs through one (its own, not the host's ptys).
mount -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts"
cp /etc/resolv.conf "$root/etc/resolv.conf"

step "apt-get install ./$(basename "$deb")"
cp "$deb" "$root/tmp/"
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "/tmp/$(basename "$deb")" >/dev/null

step "kbench --version"
version_text=$(in_root kbench --version)
echo "$version_text"
expected_head=$("$host_binary" --version | head -2)
[ "$(echo "$version_text" | head -2)" = "$expected_head" ] ||
    fail "the installed kbench is not the one built ($expected_head)"
librdkafka=$(in_root dpkg-query -W -f '${Version}' librdkafka1)
[ "$(echo "$version_text" | sed -n 3p)" = "librdkafka ${librdkafka%%-*}" ] ||
    fail "--version does not name the installed librdkafka1 $librdkafka"

step "kbench partitions --key 1202 --key-type int32 -n 12"
partitions=(partitions --key 1202 --key-type int32 -n 12)
in_root kbench "${partitions[@]}"
[ "$(in_root kbench "${partitions[@]}")" = "$("$host_binary" "${partitions[@]}")" ] ||
    fail "kbench partitions prints something else than the same build outside the root"

step "kbench report --quick --output-dir /tmp/r"
in_root kbench report --quick --output-dir /tmp/r
for file in index.html README.md machine.json hash.json compress.json partitions.json produce.json; do
    [ -s "$root/tmp/r/$file" ] || fail "kbench report wrote no /tmp/r/$file"
done

step "ldd /usr/bin/kbench, the completions and the man page"
libraries=$(in_root ldd /usr/bin/kbench)
echo "$libraries"
! grep -E "$swift_runtime_libraries|not found" <<<"$libraries" ||
    fail "the installed kbench loads a Swift library or misses one"
for file in /usr/share/man/man1/kbench.1.gz /usr/share/bash-completion/completions/kbench \
    /usr/share/zsh/vendor-completions/_kbench /usr/share/fish/vendor_completions.d/kbench.fish \
    /usr/share/doc/kbench/copyright /usr/share/doc/kbench/changelog.gz; do
    [ -s "$root$file" ] || fail "the package installed no $file"
done
in_root bash -c '. /usr/share/bash-completion/completions/kbench && complete -p kbench' >/dev/null ||
    fail "the bash completion does not load"

step "lintian $deb"
lintian --fail-on error --info "$deb" || fail "lintian found errors in $deb"
step "passed"
