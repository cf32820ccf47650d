import Foundation
import KBenchReports

/// What a file `kbench merge` reads holds: one run, or a study's runs row by row.
package enum MergeableContent: Sendable, Hashable {
    /// A single run (`kbench produce --format json`).
    case run(ProduceRun)
    /// A rate-step study or a settings sweep (`kbench produce --throughput 10k,max --format json`, `--sweep`).
    case study(ProduceStudyRecord)
    /// A consumer run (`kbench consume --format json`), or consumer runs merged.
    case consume(ConsumeRun)

    /// `a single run`, `a rate-step study`, `a settings sweep`: for refusing to mix them.
    package var kindDescription: String {
        switch self {
        case .run: "a single run"
        case .study(let study): study.kind.recordDescription
        case .consume: "a consume run"
        }
    }
}

/// Reads the ``ProduceRun`` (or the ``ProduceStudyRecord``, or the ``ConsumeRun``) out of a
/// file written by `kbench produce --format json`, `kbench consume --format json` or `kbench
/// merge --format json`.
package enum ProduceRunFile {
    /// The JSON object around the run: only the members ``ProduceRun/jsonKey``,
    /// ``ProduceStudyRecord/jsonKey``, ``ConsumeRun/jsonKey`` and ``ConsumeRun/resultKey`` are read.
    private struct Envelope: Decodable {
        var run: ProduceRun?
        var study: ProduceStudyRecord?
        var consume: ConsumeRun?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: JSONMemberKey.self)
            for (key, current) in [
                (ProduceRun.jsonKey, ProduceRun.currentVersion), (ProduceStudyRecord.jsonKey, ProduceStudyRecord.currentVersion),
                (ConsumeRun.jsonKey, ConsumeRun.currentVersion),
            ] {
                if let version = try? container.nestedContainer(keyedBy: JSONMemberKey.self, forKey: JSONMemberKey(key))
                    .decode(Int.self, forKey: JSONMemberKey("version")), version > current {
                    throw ProduceRunFileError.Reason.newerVersion(version)
                }
            }
            run = try container.decodeIfPresent(ProduceRun.self, forKey: JSONMemberKey(ProduceRun.jsonKey))
            study = try container.decodeIfPresent(ProduceStudyRecord.self, forKey: JSONMemberKey(ProduceStudyRecord.jsonKey))
            consume = try container.decodeIfPresent(ConsumeRun.self, forKey: JSONMemberKey(ConsumeRun.jsonKey))
                ?? container.decodeIfPresent(ConsumeResult.self, forKey: JSONMemberKey(ConsumeRun.resultKey)).map(ConsumeRun.init)
        }
    }

    /// The run or study in the file at `path` (`-`: standard input).
    /// - Throws: ``ProduceRunFileError``: unreadable, not JSON (truncated files included),
    ///   no run or study in it, or a field that is not valid (named with its path).
    package static func load(_ path: String) throws(ProduceRunFileError) -> MergeableContent {
        let data: Data
        do {
            // Read through a handle, not Data(contentsOf:): pipes such as `<(kbench produce …)` too.
            let handle = path == "-" ? FileHandle.standardInput : try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            data = try handle.readToEnd() ?? Data()
        } catch {
            throw ProduceRunFileError(file: path, reason: .unreadable(fileErrorReason(error)))
        }
        return try decodeContent(data, file: path)
    }

    /// The single run in `data`, read from `file` (for errors).
    package static func decode(_ data: Data, file: String) throws(ProduceRunFileError) -> ProduceRun {
        guard case .run(let run) = try decodeContent(data, file: file) else { throw ProduceRunFileError(file: file, reason: .noRun) }
        return run
    }

    /// The run or study in `data`, read from `file` (for errors).
    package static func decodeContent(_ data: Data, file: String) throws(ProduceRunFileError) -> MergeableContent {
        let envelope: Envelope
        do {
            envelope = try JSONReportRenderer.makeDecoder().decode(Envelope.self, from: data)
        } catch let reason as ProduceRunFileError.Reason {
            throw ProduceRunFileError(file: file, reason: reason)
        } catch let error as DecodingError {
            throw ProduceRunFileError(file: file, reason: reason(for: error))
        } catch {
            throw ProduceRunFileError(file: file, reason: .notJSON)
        }
        if let run = envelope.run {
            guard !run.parts.isEmpty else { throw ProduceRunFileError(file: file, reason: .invalid(path: "\(ProduceRun.jsonKey).parts", problem: "no parts")) }
            return .run(run)
        }
        if let consume = envelope.consume {
            guard !consume.parts.isEmpty else { throw ProduceRunFileError(file: file, reason: .invalid(path: "\(ConsumeRun.jsonKey).parts", problem: "no parts")) }
            return .consume(consume)
        }
        guard let study = envelope.study else { throw ProduceRunFileError(file: file, reason: .noRun) }
        if let problem = study.structuralProblem { throw ProduceRunFileError(file: file, reason: .invalid(path: problem.path, problem: problem.problem)) }
        return .study(study)
    }

    /// What a decoding error says about the file.
    private static func reason(for error: DecodingError) -> ProduceRunFileError.Reason {
        let (path, problem): ([any CodingKey], String) = switch error {
        case .dataCorrupted(let context): (context.codingPath, context.debugDescription)
        case .keyNotFound(let key, let context): (context.codingPath + [key], "missing")
        case .typeMismatch(let type, let context): (context.codingPath, "expected \(type)")
        case .valueNotFound(let type, let context): (context.codingPath, "expected \(type), found null")
        @unknown default: ([], "\(error)")
        }
        if path.isEmpty {
            if case .dataCorrupted = error { return .notJSON }
            return .noRun
        }
        let text = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop { $0 == "." }
        return .invalid(path: String(text), problem: problem)
    }
}

/// Why a file holds no run `kbench merge` can read, in one line naming the file.
package struct ProduceRunFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    package enum Reason: Error, Sendable, Hashable {
        /// The file could not be read (the system's reason).
        case unreadable(String)
        /// Not JSON, or JSON cut short.
        case notJSON
        /// JSON without a run, a study or a consume run (not written by `kbench produce` or
        /// `kbench consume` with `--format json`).
        case noRun
        /// A field of the run is missing or not valid.
        case invalid(path: String, problem: String)
        /// Written by a newer kbench.
        case newerVersion(Int)
    }

    /// The file, as given.
    package var file: String
    /// What is wrong.
    package var reason: Reason

    /// An error from its parts.
    package init(file: String, reason: Reason) {
        self.file = file
        self.reason = reason
    }

    /// One line.
    package var description: String {
        switch reason {
        case .unreadable(let why): "cannot read \(file): \(why)"
        case .notJSON: "\(file): not JSON, or cut short (expected the output of kbench produce --format json)"
        case .noRun: "\(file): not a kbench produce or consume result (no \"\(ProduceRun.jsonKey)\", \"\(ProduceStudyRecord.jsonKey)\" "
            + "or \"\(ConsumeRun.resultKey)\" member: write it with kbench produce --format json or kbench consume --format json)"
        case .invalid(let path, let problem): "\(file): \(path): \(problem)"
        case .newerVersion(let version): "\(file): run version \(version) is newer than this kbench reads (\(ProduceRun.currentVersion))"
        }
    }
}
