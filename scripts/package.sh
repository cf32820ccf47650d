#!/usr/bin/env bash
# Builds what people install kbench from, with no Swift toolchain on their machine:
#   dist/kbench_<version>_<deb arch>.deb            /usr/bin/kbench, kbench(1), bash/zsh/fish
#                                                    completions, copyright and changelog
#   dist/kbench-<version>-linux-<machine>.tar.gz    the same under bin/ and share/, to unpack
#                                                    into /usr/local or ~/.local
# kbench is a release build with the Swift runtime and Foundation linked in statically
# (--static-swift-stdlib, in .build-package/swift): it loads only Debian's librdkafka1,
# libzstd1, liblz4-1, libsnappy1v5, zlib1g and libc (dpkg-shlibdeps writes the .deb's Depends
# with the versions it was built against). The version is the one `kbench --version` prints
# (KBenchVersion.current, its one place); dev.sh passes the commit in (KBENCH_GIT_COMMIT).
# The completions and the man page come from the command definitions at package time
# (swift-argument-parser's --generate-completion-script and its generate-manual tool, run on
# the static binary: the `swift package plugin generate-manual` wrapper around the same tool
# would build every product a second time, without --static-swift-stdlib).
# Usage: scripts/package.sh   (run by `dev.sh package`)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/swift-runtime.sh

scratch=.build-package/swift
stage=.build-package/stage
maintainer='kbench maintainers <maintainers@users.noreply.r-seed-75b1f8a6.example>'

scripts/setup.sh --no-python dpkg-dev
# The static Foundation's temporary-file code calls mktemp, which glibc's linker note flags
# at every link: not kbench's code, so the note is dropped.
for product in kbench generate-manual; do
    swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product "$product" 2>&1 |
        sed "/warning: the use of \`mktemp' is dangerous/d"
done
binary=$scratch/release/kbench

# The point of the static build: no Swift library is left to load at run time.
if ldd "$binary" | grep -E "$swift_runtime_libraries"; then
    echo "package: $binary still loads the Swift libraries above" >&2
    exit 1
fi

version=$("$binary" --version | sed -n '1s/^kbench //p')
commit=$("$binary" --version | sed -n '2s/^commit //p')
deb_arch=$(dpkg --print-architecture)
tar_name=kbench-$version-linux-$(uname -m)
# File dates, the man page's and the changelog's: the commit's time, so a rebuild of the same
# commit gives the same files.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
build_date=$(date -u -d "@$SOURCE_DATE_EPOCH" +%F)

rm -rf "$stage"
mkdir -p "$stage/generated" dist

# kbench(1), one page with a section per subcommand. generate-manual drops every non-ASCII
# character (the help's ÷, ×, →, …), so it reads the help through a wrapper that writes each
# as UNI{XXXX}, which then becomes groff's \[uXXXX]. The help texts' blank lines become
# paragraph breaks (.Pp): mdoc warns about empty input lines.
printf '#!/bin/sh\n"%s" "$@" | perl -CS -pe %s\n' "$PWD/$binary" \
    "'s/([^\\x00-\\x7F])/sprintf(\"UNI{%04X}\", ord(\$1))/ge'" > "$stage/generated/dump-help"
chmod +x "$stage/generated/dump-help"
"$scratch/release/generate-manual" "$stage/generated/dump-help" --date "$build_date" \
    --authors "${maintainer/ </<}" --output-directory - |
    sed -e 's/UNI{\([0-9A-F]\{4,6\}\)}/\\[u\1]/g' -e 's/^$/.Pp/' | gzip -9n > "$stage/generated/kbench.1.gz"
# The completion scripts; bash's is sourced, never run, so it loses its #! line.
for shell in bash zsh fish; do
    "$binary" --generate-completion-script "$shell" | sed '1{/^#!/d}' > "$stage/generated/completion.$shell"
done
# Debian's changelog for a native package: one entry for the version being packaged.
{
    printf 'kbench (%s) unstable; urgency=medium\n\n' "$version"
    printf '  * kbench %s, built from commit %s.\n\n' "$version" "$commit"
    printf ' -- %s  %s\n' "$maintainer" "$(date -u -R -d "@$SOURCE_DATE_EPOCH")"
} | gzip -9n > "$stage/generated/changelog.gz"

# Lays kbench out under a prefix (usr/ in the .deb, the tarball's top directory): bin/,
# share/man, the completions (zsh's directory differs: Debian's vendor-completions, or
# site-functions elsewhere) and share/doc/kbench.
install_tree() {
    local prefix=$1 zsh_directory=$2
    install -D -m 0755 "$binary" "$prefix/bin/kbench"
    # As dh_strip does for executables: symbols and notes only, the Swift metadata stays.
    strip --remove-section=.comment --remove-section=.note "$prefix/bin/kbench"
    install -D -m 0644 "$stage/generated/kbench.1.gz" "$prefix/share/man/man1/kbench.1.gz"
    install -D -m 0644 "$stage/generated/completion.bash" "$prefix/share/bash-completion/completions/kbench"
    install -D -m 0644 "$stage/generated/completion.zsh" "$prefix/share/$zsh_directory/_kbench"
    install -D -m 0644 "$stage/generated/completion.fish" "$prefix/share/fish/vendor_completions.d/kbench.fish"
    install -D -m 0644 packaging/copyright "$prefix/share/doc/kbench/copyright"
    install -D -m 0644 "$stage/generated/changelog.gz" "$prefix/share/doc/kbench/changelog.gz"
    find "$prefix" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
}

# The .deb: Depends from dpkg-shlibdeps (it runs in a source tree: a debian/control naming
# the package is all it reads), then the control file, md5sums and dpkg-deb.
deb_root=$stage/deb
install_tree "$deb_root/usr" zsh/vendor-completions
mkdir -p "$stage/shlibdeps/debian" "$deb_root/DEBIAN"
printf 'Source: kbench\n\nPackage: kbench\nArchitecture: any\n' > "$stage/shlibdeps/debian/control"
depends=$(cd "$stage/shlibdeps" && dpkg-shlibdeps -O "$OLDPWD/$deb_root/usr/bin/kbench" | sed -n 's/^shlibs:Depends=//p')
for library in librdkafka1 libzstd1 liblz4-1 libsnappy1v5 zlib1g libc6; do
    [[ ", $depends," == *", $library "* ]] ||
        { echo "package: dpkg-shlibdeps gave no $library in Depends: $depends" >&2; exit 1; }
done
cat > "$deb_root/DEBIAN/control" <<EOF
Package: kbench
Version: $version
Architecture: $deb_arch
Maintainer: $maintainer
Installed-Size: $(du -sk "$deb_root/usr" | cut -f1)
Depends: $depends
Section: net
Priority: optional
Description: Kafka producer toolkit: partitioners, batches, codecs, benchmarks
 kbench answers the questions people ask before and while they run Kafka
 producers, offline and byte-exact against the real clients: which partition a
 key lands on under every client's partitioner (Java, librdkafka, Sarama,
 franz-go, kafka-go, KafkaJS, kafka-python), how evenly keys spread, which codec
 suits a payload in Kafka's own framing, what is inside a RecordBatch or a log
 segment, and how fast a librdkafka producer goes against a cluster or
 librdkafka's embedded mock cluster.
EOF
(cd "$deb_root" && find usr -type f -print0 | sort -z | xargs -0 md5sum) > "$deb_root/DEBIAN/md5sums"
chmod 0644 "$deb_root/DEBIAN/control" "$deb_root/DEBIAN/md5sums"
deb=dist/kbench_${version}_$deb_arch.deb
dpkg-deb --root-owner-group -Zxz --build "$deb_root" "$deb" >/dev/null

# The tarball: the same files under kbench-<version>-linux-<machine>/.
install_tree "$stage/$tar_name" zsh/site-functions
tarball=dist/$tar_name.tar.gz
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
    -C "$stage" -cf - "$tar_name" | gzip -n > "$tarball"

echo "package: kbench $version (commit $commit)"
echo "package: Depends: $depends"
ls -l "$deb" "$tarball"
