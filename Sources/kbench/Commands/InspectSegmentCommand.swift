import ArgumentParser

/// `kbench inspect segment`: kafka-dump-log for a partition's `.log` segment files.
struct InspectSegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Dump log segments and a partition's index, snapshot and checkpoint files like kafka-dump-log --files.",
        discussion: """
            A segment file (<data dir>/<topic>-<partition>/<base offset>.log) is a \
            concatenation of record batches exactly as the broker stored them. kbench prints \
            `Dumping FILE`, `Log starting offset: N` (from the file name), then a line per \
            batch with its byte position in the file, as kafka-dump-log.sh does; with \
            --deep-iteration a line per record, with --print-data-log its key and payload. \
            Offsets that do not follow each other are listed on stderr ("Non-consecutive \
            offsets"), as Kafka's tool does.

            Decoding stops at the first malformed batch (a torn write at the end of a \
            segment, for instance): what came before is printed and kbench exits 1 naming \
            the byte position. CRC mismatches are printed (isvalid: false) and exit 1.

            Segments written in message format v0/v1 (before Kafka 0.11, or before a topic's \
            upgrade) read too, mixed with v2 batches: a legacy entry prints `offset: N \
            position: P CreateTime: T size: S magic: 1 compresscodec: gzip crc: C isvalid: B` \
            and, with --deep-iteration, the inner messages of compressed wrappers (CRC-32 \
            checked each). Control batches show their transaction markers (`endTxnMarker: \
            COMMIT coordinatorEpoch: N`). --offsets-decoder prints __consumer_offsets keys \
            and values as JSON, --transaction-log-decoder __transaction_state records, as \
            kafka-dump-log's flags of the same name.

            Keys, payloads and header keys are shown escaped (ESC as \\x1b, …), as in \
            `kbench inspect batch`; --raw-payload writes them byte-exact to a file or a pipe.

            The partition's other files are recognised by name, as kafka-dump-log does: \
            .index (`offset: O position: P`) and .timeindex (`timestamp: T offset: O`), each \
            checked against the .log beside it (mismatches listed on stderr, exit 1), \
            .snapshot (producer state, CRC-32C checked), .txnindex (aborted transactions), and in the same style \
            leader-epoch-checkpoint and partition.metadata. --index-sanity-check runs the \
            broker's startup check only; --verify-index-only checks without printing entries.

            Example:
              kbench inspect segment /var/lib/kafka/orders-0/00000000000000000000.log --deep-iteration
              kbench inspect segment results/samples/00000000000000000000.log --print-data-log
              kbench inspect segment results/samples/legacy/mixed.log --deep-iteration
              kbench inspect segment results/samples/kafka-logs/orders-0/00000000000000000010.index
              kbench inspect segment results/samples/kafka-logs/orders-0/00000000000000000033.snapshot
              kbench inspect segment results/samples/kafka-logs/orders-0/00000000000000000010.timeindex --verify-index-only
            """
    )

    @Argument(help: ArgumentHelp("Segment files (<base offset>.log) and the partition's other files (.index, .timeindex, .snapshot, .txnindex, leader-epoch-checkpoint, partition.metadata).", valueName: "FILE"))
    var files: [String]

    @OptionGroup var options: InspectDumpOptions

    @OptionGroup var indexOptions: InspectIndexOptions

    func run() throws {
        try InspectDump.run(files: files, options: options, reportOffsetGaps: true, indexOptions: indexOptions)
    }
}
