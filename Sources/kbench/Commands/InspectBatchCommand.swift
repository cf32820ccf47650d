import ArgumentParser

/// `kbench inspect batch`: kafka-dump-log's view of files holding RecordBatch v2 bytes.
struct InspectBatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Print every record batch in a file, in kafka-dump-log's layout.",
        discussion: """
            FILE holds one or more RecordBatch v2 batches back to back (what a producer \
            sends, what kafka-python's DefaultRecordBatchBuilder.build() returns, or a \
            segment's .log file). Each batch gets kafka-dump-log's line — offsets, producer \
            id/epoch/sequence, leader epoch, transactional/control flags, position, max \
            timestamp, size, codec and whether the CRC-32C is valid. --deep-iteration adds a \
            line per record; --print-data-log adds its key and payload.

            On malformed data (truncated, wrong magic, lengths or varints out of range, \
            record count or lengths that do not add up) everything decoded so far is \
            printed, then kbench exits 1 with one line naming the byte position. A batch \
            whose CRC does not match is printed with isvalid: false and the exit status is 1.

            Example:
              $ kbench inspect batch results/samples/kafka-python-batches.bin \\
                  --print-data-log
              Dumping results/samples/kafka-python-batches.bin
              baseOffset: 0 lastOffset: 2 count: 3 ... crc: 756034229 isvalid: true
              | offset: 0 CreateTime: 1700000000000 ... key: user-42 payload: {"total":12}
              ...

            Keys, payloads and header keys come from whoever wrote the data, so they are \
            shown escaped: control characters as \\x1b, \\x0a, …, C1 controls as \\u009b, \
            invalid UTF-8 as U+FFFD — an escape sequence in a key cannot retitle or clear \
            your terminal. --raw-payload writes them byte-exact instead, for a file or a \
            pipe (refused when stdout is a terminal):
              $ kbench inspect batch results/samples/kafka-python-batches.bin \\
                  --print-data-log --raw-payload > dump.txt
            """
    )

    @Argument(help: ArgumentHelp("Files of concatenated RecordBatch v2 bytes.", valueName: "FILE"))
    var files: [String]

    @OptionGroup var options: InspectDumpOptions

    func run() throws {
        try InspectDump.run(files: files, options: options, reportOffsetGaps: false)
    }
}
