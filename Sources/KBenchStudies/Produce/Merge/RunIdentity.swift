import Foundation

/// The identity `kbench merge` tells runs apart by.
///
/// Two runs started together on one machine (`kbench merge <(kbench produce …) <(kbench
/// produce …)`) can share host, millisecond window and counts — a paced run's counts are set by
/// its rate and duration — so each run draws a random identifier when it is recorded, and only
/// files written before that fall back to comparing host, window and counts.
enum RunIdentity {
    /// A new run's identifier (a random UUID, lowercase).
    static func draw() -> String { UUID().uuidString.lowercased() }

    /// Whether two parts are the same run: by identifier when both carry one, else by `fields`.
    static func same(_ id: String?, _ otherID: String?, fields: () -> Bool) -> Bool {
        if let id, let otherID { return id == otherID }
        return fields()
    }
}
