"use strict";
const fs = require("node:fs/promises");
const { createHash } = require("node:crypto");
const zstd = require("@foxglove/wasm-zstd");
const lz4 = require("@foxglove/wasm-lz4");

/** Both WebAssembly codecs ready; the handlers @mcap/core's readers call for compressed chunks. */
async function decompressHandlers() {
  await zstd.isLoaded;
  await lz4.isLoaded;
  return {
    zstd: (buffer, size) => zstd.decompress(buffer, Number(size)),
    lz4: (buffer, size) => lz4(buffer, Number(size)),
  };
}

/** An IReadable over a file, for McapIndexedReader. */
async function fileReadable(path) {
  const handle = await fs.open(path, "r");
  const { size } = await handle.stat();
  return {
    handle,
    size: async () => BigInt(size),
    read: async (offset, length) => {
      const out = new Uint8Array(Number(length));
      const { bytesRead } = await handle.read(out, 0, out.length, Number(offset));
      if (bytesRead !== out.length) throw new Error(`short read at ${offset}`);
      return out;
    },
  };
}

const hex = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

/** A message's bytes for the Java side: always their SHA-256, the bytes themselves (hex) when small. */
const dataFields = (bytes) => (bytes.byteLength <= 4096 ? { dataSha256: sha256(bytes), dataHex: hex(bytes) } : { dataSha256: sha256(bytes) });

/** One JSON line, bigints as decimal strings. */
function emit(object) {
  process.stdout.write(JSON.stringify(object, (_k, v) => (typeof v === "bigint" ? v.toString() : v)) + "\n");
}

function fail(error) {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
}

// audio_common_msgs/msg/AudioDataStamped's complete definition as rosbag2 stores it (dependencies
// after a rule and a MSG: line).
const RULE = "=".repeat(80);
const AUDIO_DEF =
  "std_msgs/Header header\naudio_common_msgs/AudioData audio\n" +
  `\n${RULE}\nMSG: audio_common_msgs/AudioData\nuint8[] data\n` +
  `\n${RULE}\nMSG: std_msgs/Header\nbuiltin_interfaces/Time stamp\nstring frame_id\n` +
  `\n${RULE}\nMSG: builtin_interfaces/Time\nint32 sec\nuint32 nanosec\n`;

// An McapWriter's writable over an open file handle, counting its position.
class FileWritable {
  constructor(handle) {
    this.handle = handle;
    this.offset = 0n;
  }
  async write(buffer) {
    await this.handle.write(buffer);
    this.offset += BigInt(buffer.byteLength);
  }
  position() {
    return this.offset;
  }
}

module.exports = { FileWritable, AUDIO_DEF, decompressHandlers, fileReadable, hex, dataFields, emit, fail, zstd, lz4 };
