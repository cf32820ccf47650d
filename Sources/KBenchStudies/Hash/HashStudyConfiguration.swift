import Foundation
import KafkaPartitioning
import KBenchReports
import KBenchWorkloads

/// How keys are handed to the partitioner in a hash measurement.
package enum HashMode: String, Sendable, Hashable, CaseIterable, Codable {
    /// One call per key: kbench's inlinable `KeyHashing.partition` against librdkafka's
    /// `rd_kafka_msg_partitioner_*` called through its function pointer, over a small,
    /// cache-resident set of keys.
    case single
    /// Many keys per call: ``BatchHasher`` over up to a million contiguous keys, against one
    /// librdkafka call per key over the same keys into the same output array.
    case batch
}

/// What `kbench hash` measures and for how long.
package struct HashStudyConfiguration: Sendable, Hashable, Codable {
    /// The hash functions with a librdkafka partitioner to compare with, in table order.
    package static let supportedFunctions: [HashFunction] = [.murmur2, .crc32, .fnv1a]
    /// Key sizes measured by default, in bytes.
    package static let defaultSizes = [8, 16, 32, 64, 256, 1024, 4096, 65536]
    /// Largest key size accepted: 1 MiB.
    package static let maximumKeySize = 1 << 20
    /// Default minimum measuring time per operation and cell: 0.1 s.
    package static let defaultMinimumTime = 0.1
    /// Minimum time per operation and cell of ``quick``: 50 ms. A cell's samples are taken one
    /// after the other, so a burst of load on the machine longer than the cell moves all of
    /// them and `kbench report --baseline` sees a cell whose spread no longer overlaps its
    /// baseline's. At 10 ms a cell lasted about 25 ms and a same-build comparison on a busy
    /// machine once flagged two cells at +179 % and +240 %; at 50 ms (five samples of 10 ms
    /// per side, sides alternating) a cell lasts over 0.1 s, and a shorter burst leaves some
    /// of its samples untouched, so its spreads overlap.
    package static let quickMinimumTime = 0.05
    /// Default seed of the key bytes.
    package static let defaultSeed: UInt64 = 42
    /// Default partition count of the timed calls.
    package static let defaultPartitionCount = 12

    /// Hash functions, in table order (a subset of ``supportedFunctions``).
    package var functions: [HashFunction]
    /// Modes, in table order.
    package var modes: [HashMode]
    /// Key sizes in bytes, in table order.
    package var sizes: [Int]
    /// Each operation of a cell is timed for at least this many seconds (0 = one timed run).
    package var minimumTime: Double
    /// Whether librdkafka's partitioners are timed too (they are always used to verify).
    package var compareLibrdkafka: Bool
    /// Partitions of the timed calls.
    package var partitionCount: Int
    /// Seed of the key bytes.
    package var seed: UInt64
    /// Key bytes per batch-mode pass, at most (the key count shrinks as keys grow).
    package var batchBytes: Int
    /// Keys per batch-mode pass, at most.
    package var maximumBatchKeys: Int
    /// Key bytes of the single-key set, at most (kept small so it stays in cache).
    package var singleKeyBytes: Int
    /// Keys in the single-key set, at most.
    package var maximumSingleKeys: Int
    /// Whether and how instructions per key are counted (besides the timing).
    package var instructions: InstructionCountRequest

    /// A configuration; every parameter has the `kbench hash` default.
    package init(
        functions: [HashFunction] = supportedFunctions,
        modes: [HashMode] = HashMode.allCases,
        sizes: [Int] = defaultSizes,
        minimumTime: Double = defaultMinimumTime,
        compareLibrdkafka: Bool = true,
        partitionCount: Int = defaultPartitionCount,
        seed: UInt64 = defaultSeed,
        batchBytes: Int = 16 << 20,
        maximumBatchKeys: Int = 1_000_000,
        singleKeyBytes: Int = 256 << 10,
        maximumSingleKeys: Int = 16384,
        instructions: InstructionCountRequest = .none
    ) {
        self.functions = functions
        self.modes = modes
        self.sizes = sizes
        self.minimumTime = minimumTime
        self.compareLibrdkafka = compareLibrdkafka
        self.partitionCount = partitionCount
        self.seed = seed
        self.batchBytes = batchBytes
        self.maximumBatchKeys = maximumBatchKeys
        self.singleKeyBytes = singleKeyBytes
        self.maximumSingleKeys = maximumSingleKeys
        self.instructions = instructions
    }

    /// The key sets counted under callgrind (which runs code some 50 times slower): at most
    /// 1,024 keys or 256 KiB per batch pass and 256 keys or 64 KiB per one-key pass — the
    /// first keys of the timed sets. Instructions per key do not depend on the key count.
    var callgrindCounted: HashStudyConfiguration {
        var counted = self
        counted.batchBytes = Swift.min(batchBytes, 256 << 10)
        counted.maximumBatchKeys = Swift.min(maximumBatchKeys, 1024)
        counted.singleKeyBytes = Swift.min(singleKeyBytes, 64 << 10)
        counted.maximumSingleKeys = Swift.min(maximumSingleKeys, 256)
        counted.instructions = .none
        return counted
    }

    /// A fast variant for tests and `kbench report --quick`: three sizes, small key sets,
    /// ``quickMinimumTime`` per operation.
    package static var quick: HashStudyConfiguration {
        HashStudyConfiguration(sizes: [8, 64, 1024], minimumTime: quickMinimumTime, batchBytes: 1 << 20,
                               maximumBatchKeys: 65536, singleKeyBytes: 64 << 10, maximumSingleKeys: 256)
    }

    /// Keys per batch-mode pass at `size`: ``batchBytes`` worth, between 16 and
    /// ``maximumBatchKeys``.
    package func batchKeyCount(size: Int) -> Int {
        Swift.max(16, Swift.min(maximumBatchKeys, batchBytes / Swift.max(size, 1)))
    }

    /// Keys in the single-key set at `size`: ``singleKeyBytes`` worth, between 4 and
    /// ``maximumSingleKeys``.
    package func singleKeyCount(size: Int) -> Int {
        Swift.max(4, Swift.min(maximumSingleKeys, singleKeyBytes / Swift.max(size, 1)))
    }

    /// Keys generated at `size`: enough for every mode measured.
    func keyCount(size: Int) -> Int {
        var count = 0
        if modes.contains(.single) { count = Swift.max(count, singleKeyCount(size: size)) }
        if modes.contains(.batch) { count = Swift.max(count, batchKeyCount(size: size)) }
        return count
    }

    /// Cells measured: functions × modes × sizes.
    package var cellCount: Int { functions.count * modes.count * sizes.count }

    /// Checks every value; throws a one-line error naming the bad one.
    package func validate() throws(HashStudyError) {
        guard !functions.isEmpty else { throw .invalidConfiguration("no hash function to measure") }
        for function in functions where !Self.supportedFunctions.contains(function) {
            throw .invalidConfiguration(HashSelection.unknownFunctionMessage(function.rawValue))
        }
        guard !modes.isEmpty else { throw .invalidConfiguration("no mode to measure") }
        guard !sizes.isEmpty else { throw .invalidConfiguration("no key size to measure") }
        for size in sizes where size < 1 || size > Self.maximumKeySize {
            throw .invalidConfiguration("key size \(size) is out of range (1 byte...\(ByteSize.format(Self.maximumKeySize)))")
        }
        guard minimumTime >= 0, minimumTime.isFinite, minimumTime <= 60 else {
            throw .invalidConfiguration("minimum time \(minimumTime) s is out of range (0...60 s)")
        }
        guard partitionCount >= 1, partitionCount <= Int(Int32.max) else {
            throw .invalidConfiguration("partition count \(partitionCount) is out of range (1...\(Int32.max))")
        }
        guard batchBytes > 0, maximumBatchKeys > 0, singleKeyBytes > 0, maximumSingleKeys > 0 else {
            throw .invalidConfiguration("key set sizes must be positive")
        }
    }
}

/// Parses the `kbench hash` selections (functions, modes, sizes) with one-line errors.
package enum HashSelection {
    /// `murmur2,crc32` → the functions, in the order given, duplicates dropped.
    package static func functions(parsing text: String) throws(HashStudyError) -> [HashFunction] {
        var functions: [HashFunction] = []
        for name in items(text) {
            guard let function = HashFunction(rawValue: name.lowercased()),
                  HashStudyConfiguration.supportedFunctions.contains(function) else {
                throw .invalidConfiguration(unknownFunctionMessage(name))
            }
            if !functions.contains(function) { functions.append(function) }
        }
        guard !functions.isEmpty else { throw .invalidConfiguration("no hash function given") }
        return functions
    }

    /// `single,batch` → the modes, in the order given, duplicates dropped.
    package static func modes(parsing text: String) throws(HashStudyError) -> [HashMode] {
        var modes: [HashMode] = []
        for name in items(text) {
            guard let mode = HashMode(rawValue: name.lowercased()) else {
                let accepted = HashMode.allCases.map(\.rawValue).joined(separator: ", ")
                throw .invalidConfiguration("unknown mode '\(Escaping.singleLine(name))' (expected one of: \(accepted))")
            }
            if !modes.contains(mode) { modes.append(mode) }
        }
        guard !modes.isEmpty else { throw .invalidConfiguration("no mode given") }
        return modes
    }

    /// `8,64,1KiB` → key sizes in bytes, duplicates dropped; each 1 byte ... 1 MiB.
    package static func sizes(parsing text: String) throws(HashStudyError) -> [Int] {
        var sizes: [Int] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = item.trimmingCharacters(in: .whitespaces)
            let size: Int
            do { size = try ByteSize.parse(trimmed) } catch { throw .invalidConfiguration(error.description) }
            guard size >= 1 else { throw .invalidConfiguration("a key size must be positive, got '\(trimmed)'") }
            guard size <= HashStudyConfiguration.maximumKeySize else {
                throw .invalidConfiguration("\(ByteSize.format(size)) is above the maximum key size of \(ByteSize.format(HashStudyConfiguration.maximumKeySize))")
            }
            if !sizes.contains(size) { sizes.append(size) }
        }
        return sizes
    }

    static func unknownFunctionMessage(_ name: String) -> String {
        let accepted = HashStudyConfiguration.supportedFunctions.map(\.rawValue).joined(separator: ", ")
        return "unknown hash function '\(Escaping.singleLine(name))' (expected one of: \(accepted))"
    }

    private static func items(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
