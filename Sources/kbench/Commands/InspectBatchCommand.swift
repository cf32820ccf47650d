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
            """
    )

    @Argument(help: ArgumentHelp("Files of concatenated RecordBatch v2 bytes.", valueName: "FILE"))
    var files: [String]

    @OptionGroup var options: InspectDumpOptions

    func run() throws {
        try InspectDump.run(files: files, options: options, reportOffsetGaps: false)
    }
}
