import CKBenchBuildInfo
import KafkaLive

/// What `kbench --version` prints: the version, the commit built from and the librdkafka in use.
enum KBenchVersion {
    /// kbench's version: the one place it is written. Reports carry it, `dev.sh package` names
    /// the .deb and the tarball after it (read from the built binary's `--version`).
    static let current = "0.1.0"

    /// The git commit this binary was built from (`dev.sh` passes it in at build time), with
    /// `-dirty` when the work tree had uncommitted changes, or `unknown`.
    static var commit: String { String(cString: kbench_build_commit()) }

    /// `--version`'s three lines: `kbench <version>`, `commit <commit>` and
    /// `librdkafka <version>` of the library loaded at run time (`rd_kafka_version_str()`).
    static var versionText: String {
        """
        kbench \(current)
        commit \(commit)
        librdkafka \(LibrdkafkaVersion.current)
        """
    }
}
