/// One answer a report gives, stated before its details: "16 KiB batches (librdkafka):
/// zstd 3 for ratio, lz4 for speed". Computed by the report from its results, never written
/// by hand; it names the section holding the evidence, so pages can link to it.
package struct ReportFinding: Sendable, Hashable, Codable {
    /// What the finding is about: `"codec picks, 16 KiB batches"`.
    package var topic: String
    /// The answer, one sentence of plain text.
    package var text: String
    /// The ``ReportSection/id`` of the section with the details.
    package var section: String

    /// A finding about `topic` whose details are in section `section`.
    package init(topic: String, text: String, section: String) {
        self.topic = topic
        self.text = text
        self.section = section
    }
}
