import Foundation
import Testing

/// A `--format json` report read back: its facts by label (optionally within one section).
struct ReportJSON {
    let sections: [[String: Any]]
    let parameters: [[String: Any]]

    init(_ text: String) throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON report: \(text.prefix(200))")
        sections = try #require(object["sections"] as? [[String: Any]])
        parameters = object["parameters"] as? [[String: Any]] ?? []
    }

    /// The value of the fact labelled `label` (in section `section` when given).
    func fact(_ label: String, in section: String? = nil) -> Any? {
        let facts = sections.filter { section == nil || $0["id"] as? String == section }.flatMap { $0["facts"] as? [[String: Any]] ?? [] }
        return facts.first { $0["label"] as? String == label }?["value"]
    }

    /// The value of the report parameter labelled `label`.
    func parameter(_ label: String) -> Any? {
        parameters.first { $0["label"] as? String == label }?["value"]
    }
}
