import Testing
@testable import KBenchReports

@Suite("PlainTextRenderer")
struct PlainTextRendererTests {
    @Test("a table renders with display-width columns, right-aligned numbers and its note")
    func table() {
        let expected = """
            Codecs on JSON events
            codec  level  ratio (×)   compress  batch size  share
            ─────  ─────  ─────────  ─────────  ──────────  ─────
            zstd       3       4.12   413 MB/s      16 KiB  50.0%
            lz4        1       2.50  1.20 GB/s       1 MiB  25.0%
            none       —       1.00  3.40 GB/s      16 KiB  25.0%
            ratio includes batch framing

            """
        #expect(PlainTextRenderer().render(Fixtures.codecTable()) == expected)
    }

    @Test("the whole document: headings, facts aligned, tables, no trailing spaces")
    func document() {
        let expected = """
            Compression
            ═══════════

            Codecs compared on real batches.

            seed:       42
            batch size: 16 KiB

            Codecs
            ──────

            best for ratio: zstd -3
            max÷mean:       1.006 ×

            Codecs on JSON events
            codec  level  ratio (×)   compress  batch size  share
            ─────  ─────  ─────────  ─────────  ──────────  ─────
            zstd       3       4.12   413 MB/s      16 KiB  50.0%
            lz4        1       2.50  1.20 GB/s       1 MiB  25.0%
            none       —       1.00  3.40 GB/s      16 KiB  25.0%
            ratio includes batch framing

            Keys
            ────

            Keys | odd
            key             count
            ──────────────  ─────
            a,b                 1
            say "hi"           22
            line1\\x0aline2    333
            pipe|cell       4,444
            <b>&amp;</b>        5

            """
        let text = PlainTextRenderer().render(Fixtures.document())
        #expect(text == expected)
        #expect(!text.split(separator: "\n").contains { $0.hasSuffix(" ") })
    }

    @Test("wide characters keep columns aligned; long text is cut; empty tables say so")
    func unicodeAndTruncation() {
        var table = ReportTable(id: "t", title: "Unicode", columns: [
            ReportColumn("name"), ReportColumn("n", format: .integer),
        ])
        table.addRow(["日本語", 1])
        table.addRow(["ab", 22])
        table.addRow(["a very long strategy name indeed", 3])
        let expected = """
            Unicode
            name          n
            ───────────  ──
            日本語        1
            ab           22
            a very lon…   3

            """
        #expect(PlainTextRenderer(maximumTextWidth: 11).render(table) == expected)

        let empty = ReportTable(id: "e", title: "Empty", columns: [ReportColumn("x")])
        #expect(PlainTextRenderer().render(empty) == "Empty\nx\n─\n(no rows)\n")
    }
}
