import Testing
@testable import KBenchReports

@Suite("CSVRenderer")
struct CSVRendererTests {
    @Test("one table: raw values in base units, units in headers, CRLF line ends")
    func singleTable() {
        let document = ReportDocument(id: "d", title: "D", sections: [
            ReportSection(id: "s", title: "S", tables: [Fixtures.codecTable()]),
        ])
        let expected = "codec,level,ratio (×),compress (B/s),batch size (bytes),share (fraction)\r\n"
            + "zstd,3,4.123,412500000,16384,0.5\r\n"
            + "lz4,1,2.5,1200000000,1048576,0.25\r\n"
            + "none,,1,3400000000,16384,0.25\r\n"
        #expect(CSVRenderer().render(document) == expected)
        #expect(ReportFormat.csv.renderWithoutThrowing(document) == expected)
    }

    @Test("RFC 4180 quoting of commas, quotes and line breaks")
    func quoting() {
        let expected = "key,count\r\n"
            + "\"a,b\",1\r\n"
            + "\"say \"\"hi\"\"\",22\r\n"
            + "\"line1\nline2\",333\r\n"
            + "pipe|cell,4444\r\n"
            + "<b>&amp;</b>,5\r\n"
        #expect(CSVRenderer().render(Fixtures.awkwardTable()) == expected)
        #expect(Escaping.csvField(" padded") == "\" padded\"")
        #expect(Escaping.csvField("plain") == "plain")
        #expect(Escaping.csvField("cr\r") == "cr\\x0d")
    }

    @Test("several tables and facts: titled blocks separated by an empty line")
    func document() {
        let expected = #"""
            # summary
            section,label,value
            parameters,seed,42
            parameters,batch size,16384
            Codecs,best for ratio,zstd -3
            Codecs,max÷mean,1.0061

            # Codecs on JSON events
            codec,level,ratio (×),compress (B/s),batch size (bytes),share (fraction)
            zstd,3,4.123,412500000,16384,0.5
            lz4,1,2.5,1200000000,1048576,0.25
            none,,1,3400000000,16384,0.25

            # Keys | odd
            key,count
            "a,b",1
            "say ""hi""",22
            "line1
            line2",333
            pipe|cell,4444
            <b>&amp;</b>,5

            """#
        #expect(CSVRenderer(lineEnding: "\n").render(Fixtures.document()) == expected)
    }
}

extension ReportFormat {
    /// Test helper: formats that cannot throw.
    func renderWithoutThrowing(_ document: ReportDocument) -> String? {
        try? render(document)
    }
}
