import Testing
@testable import KBenchReports

@Suite("MarkdownRenderer")
struct MarkdownRendererTests {
    @Test("pipe table with alignment row and padded cells")
    func table() {
        let expected = """
            | codec | level | ratio (×) |  compress | batch size | share |
            | :---- | ----: | --------: | --------: | ---------: | ----: |
            | zstd  |     3 |      4.12 |  413 MB/s |     16 KiB | 50.0% |
            | lz4   |     1 |      2.50 | 1.20 GB/s |      1 MiB | 25.0% |
            | none  |     — |      1.00 | 3.40 GB/s |     16 KiB | 25.0% |
            """
        #expect(MarkdownRenderer().render(Fixtures.codecTable()) == expected)
    }

    @Test("pipes, markup and line breaks are escaped so every row stays one row")
    func escaping() {
        let expected = """
            | key                          | count |
            | :--------------------------- | ----: |
            | a,b                          |     1 |
            | say "hi"                     |    22 |
            | line1<br>line2               |   333 |
            | pipe\\|cell                   | 4,444 |
            | &lt;b&gt;&amp;amp;&lt;/b&gt; |     5 |
            """
        let text = MarkdownRenderer().render(Fixtures.awkwardTable())
        #expect(text == expected)
        // Every body line has exactly as many unescaped pipes as the header line.
        let pipeCounts = text.split(separator: "\n").map { line in
            zip(line, line.dropFirst()).filter { $0.1 == "|" && $0.0 != "\\" }.count + (line.first == "|" ? 1 : 0)
        }
        #expect(Set(pipeCounts).count == 1)
        #expect(Escaping.markdown("*bold* _it_ `code` [link]") == "\\*bold\\* \\_it\\_ \\`code\\` \\[link\\]")
    }

    @Test("the whole document with chart images")
    func document() {
        let expected = """
            # Compression

            Codecs compared on real batches.

            - seed: 42
            - batch size: 16 KiB

            ## Codecs

            - best for ratio: zstd -3
            - max÷mean: 1.006 ×

            ### Codecs on JSON events

            | codec | level | ratio (×) |  compress | batch size | share |
            | :---- | ----: | --------: | --------: | ---------: | ----: |
            | zstd  |     3 |      4.12 |  413 MB/s |     16 KiB | 50.0% |
            | lz4   |     1 |      2.50 | 1.20 GB/s |      1 MiB | 25.0% |
            | none  |     — |      1.00 | 3.40 GB/s |     16 KiB | 25.0% |

            ratio includes batch framing

            ![Ratio vs throughput &lt;codecs &amp; levels&gt;](compress-ratio-vs-speed.svg)

            ## Keys

            ### Keys \\| odd

            | key                          | count |
            | :--------------------------- | ----: |
            | a,b                          |     1 |
            | say "hi"                     |    22 |
            | line1<br>line2               |   333 |
            | pipe\\|cell                   | 4,444 |
            | &lt;b&gt;&amp;amp;&lt;/b&gt; |     5 |

            ![Keys per partition](compress-partitions.svg)

            ![Throughput vs key size](compress-throughput.svg)

            """
        let renderer = MarkdownRenderer { ResultsLayout.chartFileName(report: "compress", chart: $0.id) }
        #expect(renderer.render(Fixtures.document()) == expected)
        #expect(!MarkdownRenderer().render(Fixtures.document()).contains("!["))
        let chartsOnly = ReportDocument(id: "c", title: "C", sections: [
            ReportSection(id: "s", title: "Only charts", charts: [.xy(Fixtures.lineChart())]),
        ])
        #expect(MarkdownRenderer().render(chartsOnly) == "# C\n")
        #expect(PlainTextRenderer().render(chartsOnly) == "C\n═\n")
        #expect(renderer.render(chartsOnly) == "# C\n\n## Only charts\n\n![Throughput vs key size](compress-throughput.svg)\n")
    }
}
