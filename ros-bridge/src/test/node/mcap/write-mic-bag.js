// Writes a rosbag2-style MCAP file with @mcap/core's McapWriter, as `ros2 bag record` would record
// audio_common's capture node: audio_common_msgs/msg/AudioInfo on /audio_info (once, first) and
// audio_common_msgs/msg/AudioDataStamped on /audio_stamped, 20 ms chunks (640 bytes: 16 kHz mono S16LE)
// read in turn from RAW, log and header times 20 ms apart from 1,700,000,000 s. Zstd chunks. Prints one
// JSON line: {"chunks": N}.
//
//   node write-mic-bag.js RAW OUT.mcap
"use strict";
const fs = require("node:fs/promises");
const { McapWriter } = require("@mcap/core");
const { CdrWriter } = require("./cdr.js");
const { emit, fail, zstd, FileWritable, AUDIO_DEF } = require("./common.js");

const INFO_DEF = "uint8 channels\nuint32 sample_rate\nstring sample_format\nuint32 bitrate\nstring coding_format\n";

async function main() {
  const [raw, out] = process.argv.slice(2);
  if (!raw || !out) fail("usage: node write-mic-bag.js RAW OUT.mcap");
  await zstd.isLoaded;
  const audio = await fs.readFile(raw);
  const handle = await fs.open(out, "w");
  const writer = new McapWriter({
    writable: new FileWritable(handle),
    compressChunk: (data) => ({ compression: "zstd", compressedData: zstd.compress(data, 3) }),
  });
  await writer.start({ profile: "ros2", library: "write-mic-bag.js" });
  const text = new TextEncoder();
  const infoSchema = await writer.registerSchema({ name: "audio_common_msgs/msg/AudioInfo", encoding: "ros2msg", data: text.encode(INFO_DEF) });
  const audioSchema = await writer.registerSchema({ name: "audio_common_msgs/msg/AudioDataStamped", encoding: "ros2msg", data: text.encode(AUDIO_DEF) });
  const info = await writer.registerChannel({ schemaId: infoSchema, topic: "/audio_info", messageEncoding: "cdr", metadata: new Map() });
  const mic = await writer.registerChannel({ schemaId: audioSchema, topic: "/audio_stamped", messageEncoding: "cdr", metadata: new Map() });
  const start = 1_700_000_000n * 1_000_000_000n;
  const infoData = new CdrWriter().uint8(1).uint32(16000).string("S16LE").uint32(0).string("wave").done();
  await writer.addMessage({ channelId: info, sequence: 1, logTime: start, publishTime: start, data: infoData });
  const chunks = Math.floor(audio.length / 640);
  for (let i = 0; i < chunks; i++) {
    const t = start + BigInt(i) * 20_000_000n;
    const data = new CdrWriter()
      .int32(Number(t / 1_000_000_000n)).uint32(Number(t % 1_000_000_000n)).string("mic")
      .bytes(audio.subarray(i * 640, (i + 1) * 640)).done();
    await writer.addMessage({ channelId: mic, sequence: i + 1, logTime: t, publishTime: t, data });
  }
  await writer.end();
  await handle.close();
  emit({ chunks });
}

main().catch((e) => fail(e.stack || String(e)));
