// Reads an MCAP file with @mcap/core 2.2.2, both ways, and prints what it read as JSON lines:
//   {"kind":"file", ...}      header, statistics, schemas, channels, chunk indexes, data section CRC
//   {"kind":"indexed", ...}   each message from McapIndexedReader.readMessages() (log-time order)
//   {"kind":"stream", ...}    each message from McapStreamReader, fed in 997-byte pieces (file order)
//   {"kind":"stream-end", "done": true|false}
// Exits 1 with the library's error on stderr if either reader refuses the file.
//
//   node read-bag.js FILE.mcap
"use strict";
const fs = require("node:fs/promises");
const { McapIndexedReader, McapStreamReader } = require("@mcap/core");
const { crc32 } = require("@foxglove/crc");
const { decompressHandlers, fileReadable, dataFields, emit, fail } = require("./common.js");

function message(kind, record, channels, schemas) {
  const channel = channels.get(record.channelId);
  const schema = channel && schemas.get(channel.schemaId);
  return {
    kind, topic: channel ? channel.topic : null, schema: schema ? schema.name : null,
    logTime: record.logTime, publishTime: record.publishTime, sequence: record.sequence, ...dataFields(record.data),
  };
}

async function indexed(path, handlers) {
  const readable = await fileReadable(path);
  try {
    const reader = await McapIndexedReader.Initialize({ readable, decompressHandlers: handlers });
    const bytes = await fs.readFile(path);
    const computed = crc32(bytes.subarray(0, Number(reader.dataEndOffset)));
    const text = new TextDecoder("utf-8", { fatal: true });
    emit({
      kind: "file",
      profile: reader.header.profile,
      library: reader.header.library,
      dataSectionCrc: reader.dataSectionCrc ?? 0,
      dataSectionCrcComputed: computed,
      statistics: reader.statistics && {
        messageCount: reader.statistics.messageCount,
        schemaCount: reader.statistics.schemaCount,
        channelCount: reader.statistics.channelCount,
        chunkCount: reader.statistics.chunkCount,
        messageStartTime: reader.statistics.messageStartTime,
        messageEndTime: reader.statistics.messageEndTime,
        channelMessageCounts: Object.fromEntries(reader.statistics.channelMessageCounts),
      },
      schemas: [...reader.schemasById.values()].map((s) => ({ id: s.id, name: s.name, encoding: s.encoding, data: text.decode(s.data) })),
      channels: [...reader.channelsById.values()].map((c) => ({
        id: c.id, topic: c.topic, schemaId: c.schemaId, messageEncoding: c.messageEncoding, metadata: Object.fromEntries(c.metadata),
      })),
      chunkIndexes: reader.chunkIndexes.map((c) => ({ compression: c.compression, messageIndexChannels: c.messageIndexOffsets.size })),
      summaryOffsetOpcodes: [...reader.summaryOffsetsByOpcode.keys()],
    });
    for await (const record of reader.readMessages()) {
      emit(message("indexed", record, reader.channelsById, reader.schemasById));
    }
  } finally {
    await readable.handle.close();
  }
}

async function stream(path, handlers) {
  const bytes = await fs.readFile(path);
  const reader = new McapStreamReader({ decompressHandlers: handlers });
  const channels = new Map();
  const schemas = new Map();
  for (let at = 0; at < bytes.length; at += 997) {
    reader.append(bytes.subarray(at, Math.min(at + 997, bytes.length)));
    for (let record; (record = reader.nextRecord()); ) {
      if (record.type === "Schema") schemas.set(record.id, record);
      if (record.type === "Channel") channels.set(record.id, record);
      if (record.type === "Message") emit(message("stream", record, channels, schemas));
    }
  }
  emit({ kind: "stream-end", done: reader.done() });
}

async function main() {
  const [path] = process.argv.slice(2);
  if (!path) throw new Error("usage: node read-bag.js FILE.mcap");
  const handlers = await decompressHandlers();
  await indexed(path, handlers);
  await stream(path, handlers);
}

main().catch(fail);
