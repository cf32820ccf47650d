import KafkaRecords
import Testing

@Suite struct StorageFileTests {
    let entries = [
        ProducerSnapshotEntry(producerId: 3000, epoch: 1, lastSequence: 2, lastOffset: 29, offsetDelta: 1, timestamp: 1_700_000_001_060, coordinatorEpoch: 7, currentTxnFirstOffset: -1),
        ProducerSnapshotEntry(producerId: 5000, epoch: 2, lastSequence: 0, lastOffset: 39, offsetDelta: 0, timestamp: 1_700_000_002_030, coordinatorEpoch: -1, currentTxnFirstOffset: 39),
    ]

    @Test func snapshotRoundTripsWithItsCRC() throws {
        let bytes = ProducerStateSnapshot.encode(entries)
        #expect(bytes.count == 10 + 2 * ProducerSnapshotEntry.size)
        let snapshot = try ProducerStateSnapshot(decoding: bytes)
        #expect(snapshot.entries == entries)
        #expect(snapshot.entries[1].hasOpenTransaction)
        #expect(DumpStorageFormat.snapshotLine(entries[0]) == "producerId: 3000 producerEpoch: 1 coordinatorEpoch: 7 currentTxnFirstOffset: OptionalLong.empty lastTimestamp: 1700000001060 firstSequence: 1 lastSequence: 2 lastOffset: 29 offsetDelta: 1 timestamp: 1700000001060")
    }

    @Test func hostileSnapshotsGiveTypedErrors() {
        var flipped = ProducerStateSnapshot.encode(entries)
        flipped[20] ^= 1
        #expect(throws: StorageFileError.self) { try ProducerStateSnapshot(decoding: flipped) }
        do { _ = try ProducerStateSnapshot(decoding: flipped) } catch { #expect(error.field == "crc" && error.reason.code == .crcMismatch) }

        var lying = ProducerStateSnapshot.encode(entries)
        lying[9] = 200
        do { _ = try ProducerStateSnapshot(decoding: lying); Issue.record("a lying count decoded") } catch {
            #expect(error.field == "producerEntries" && error.offset == 6 && error.reason.code == .invalidLength)
        }
        let truncated = Array(ProducerStateSnapshot.encode(entries).prefix(5))
        do { _ = try ProducerStateSnapshot(decoding: truncated); Issue.record("a truncated snapshot decoded") } catch {
            #expect(error.field == "crc" && error.reason.code == .truncated)
        }
        do { _ = try ProducerStateSnapshot(decoding: [0, 2, 0, 0, 0, 0, 0, 0, 0, 0]); Issue.record("version 2 decoded") } catch {
            #expect(error.reason.code == .unsupportedVersion)
        }
    }

    @Test func leaderEpochCheckpointParsesAsKafkaReadsIt() throws {
        let checkpoint = try LeaderEpochCheckpoint(decoding: Array("0\n2\n0 0\n1  10\n".utf8))
        #expect(checkpoint.entries == [LeaderEpochEntry(epoch: 0, startOffset: 0), LeaderEpochEntry(epoch: 1, startOffset: 10)])
        #expect(try LeaderEpochCheckpoint(decoding: []).entries.isEmpty)
        do { _ = try LeaderEpochCheckpoint(decoding: Array("0\n3\n0 0\n".utf8)); Issue.record("a wrong count parsed") } catch {
            #expect(error.field == "line 2 (entry count)" && error.offset == 2)
        }
        do { _ = try LeaderEpochCheckpoint(decoding: Array("0\n1\n0 x\n".utf8)); Issue.record("a bad offset parsed") } catch {
            #expect(error.reason.code == .malformed && error.offset == 4)
        }
    }

    @Test func partitionMetadataDecodesTheTopicId() throws {
        let metadata = try PartitionMetadata(decoding: Array("version: 0\ntopic_id: b1ocLos9T3qeDBstPk9aaw".utf8))
        #expect(metadata.topicIdUUIDText == "6f5a1c2e-8b3d-4f7a-9e0c-1b2d3e4f5a6b")
        for hostile in ["version: 0\ntopic_id: AAAAAAAAAAAAAAAAAAAAAA", "version: 0\ntopic_id: short", "version: 0", "version:0\ntopic_id: b1ocLos9T3qeDBstPk9aaw"] {
            #expect(throws: StorageFileError.self) { try PartitionMetadata(decoding: Array(hostile.utf8)) }
        }
    }

    @Test func indexEntriesAndKafkasSanityCheck() {
        let bytes: [UInt8] = [0, 0, 0, 5, 0, 0, 1, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]
        bytes.withUnsafeBytes { buffer in
            #expect(OffsetIndexEntry.decode(buffer, slot: 0, baseOffset: 100) == OffsetIndexEntry(offset: 105, position: 256))
            #expect(OffsetIndexEntry.decode(buffer, slot: 2, baseOffset: 100) == nil)
            let last = OffsetIndexEntry.decode(buffer, slot: 1, baseOffset: 100)
            #expect(IndexSanityCheck.offsetIndex(length: 16, baseOffset: 100, last: last).count == 1)
            #expect(IndexSanityCheck.offsetIndex(length: 17, baseOffset: 100, last: nil).count == 1)
        }
        let time = TimeIndexEntry(timestamp: 10, offset: 3)
        #expect(IndexSanityCheck.timeIndex(length: 24, baseOffset: 0, first: time, last: TimeIndexEntry(timestamp: 9, offset: 4)).count == 1)
        #expect(IndexSanityCheck.timeIndex(length: 24, baseOffset: 0, first: time, last: time).isEmpty)
    }

    @Test func fileKindsByName() {
        #expect(StorageFileKind(fileName: "00000000000000000010.timeindex") == .timeIndex)
        #expect(StorageFileKind(fileName: "leader-epoch-checkpoint") == .leaderEpochCheckpoint)
        #expect(StorageFileKind(fileName: "meta.properties") == nil)
        #expect(StorageFileKind.offset(fromFileName: "00000000000000000033.snapshot") == 33)
        #expect(StorageFileKind.offset(fromFileName: "x.log") == nil)
        #expect(StorageFileKind.offsetIndex.fileName(offset: 42) == "00000000000000000042.index")
    }
}
