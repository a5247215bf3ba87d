// Writes a rosbag2-style MCAP file with @mcap/core's McapWriter: std_msgs/msg/String on
// /robot_utterance and audio_common_msgs/msg/AudioDataStamped on /audio_stamped, CDR encoded by hand
// (cdr.js), ros2msg schemas, small chunks whose time ranges overlap (messages are added out of log-time
// order), and last one 5 MiB audio chunk (its own chunk: for lz4, a frame of two linked 4 MiB blocks
// whose matches cross from one into the other). Prints one JSON line per message written, in the order
// written.
//
//   node write-bag.js OUT.mcap none|zstd|lz4
"use strict";
const fs = require("node:fs/promises");
const { McapWriter } = require("@mcap/core");
const lz4js = require("lz4js");
const { CdrWriter } = require("./cdr.js");
const { emit, fail, dataFields, zstd, lz4, FileWritable, AUDIO_DEF } = require("./common.js");

// The complete definitions as rosbag2 stores them (dependencies after a rule and a MSG: line).
const STRING_DEF = "string data\n";
const QOS =
  "- history: 1\n  depth: 10\n  reliability: 1\n  durability: 2\n  deadline:\n    sec: 0\n    nsec: 0\n" +
  "  lifespan:\n    sec: 0\n    nsec: 0\n  liveliness: 1\n  liveliness_lease_duration:\n    sec: 0\n    nsec: 0\n" +
  "  avoid_ros_namespace_conventions: false";

function compressor(kind) {
  if (kind === "none") return undefined;
  if (kind === "zstd") return (data) => ({ compression: "zstd", compressedData: zstd.compress(data, 3) });
  if (kind === "lz4") {
    return (data) => {
      const compressedData = lz4js.compress(data);
      // lz4js is a pure-JS port: check its frame against the C library (wasm-lz4) before relying on it.
      const back = lz4(compressedData, data.length);
      if (Buffer.compare(Buffer.from(back), Buffer.from(data)) !== 0) throw new Error("lz4js frame does not round-trip");
      return { compression: "lz4", compressedData };
    };
  }
  throw new Error(`unknown compression ${kind}`);
}

async function main() {
  const [out, kind = "none"] = process.argv.slice(2);
  if (!out) throw new Error("usage: node write-bag.js OUT.mcap none|zstd|lz4");
  await zstd.isLoaded;
  await lz4.isLoaded;
  const handle = await fs.open(out, "w");
  const writer = new McapWriter({ writable: new FileWritable(handle), chunkSize: 300, compressChunk: compressor(kind) });
  await writer.start({ profile: "ros2", library: "mcap-crosscheck @mcap/core 2.2.2" });
  const text = new TextEncoder();
  const stringSchema = await writer.registerSchema({ name: "std_msgs/msg/String", encoding: "ros2msg", data: text.encode(STRING_DEF) });
  const audioSchema = await writer.registerSchema({ name: "audio_common_msgs/msg/AudioDataStamped", encoding: "ros2msg", data: text.encode(AUDIO_DEF) });
  const utterances = await writer.registerChannel({ topic: "/robot_utterance", schemaId: stringSchema, messageEncoding: "cdr", metadata: new Map([["offered_qos_profiles", QOS]]) });
  const audio = await writer.registerChannel({ topic: "/audio_stamped", schemaId: audioSchema, messageEncoding: "cdr", metadata: new Map([["offered_qos_profiles", QOS]]) });

  const base = 1764600000000000000n;
  // Milliseconds after base, in the order written: not sorted, and two equal times (7).
  const offsets = [5, 1, 3, 2, 9, 7, 4, 7, 6, 8];
  const texts = ["Moving forward ten meters.", "Turning left — étage 16, 你好", "", "stop", "¿Dónde está la cocina?"];
  let s = 0;
  let a = 0;
  for (let i = 0; i <= offsets.length; i++) {
    const big = i === offsets.length;
    const logTime = base + BigInt(big ? 0 : offsets[i]) * 1000000n + (big ? 500000n : 0n);
    const publishTime = logTime - 500000n;
    let channelId;
    let data;
    let value;
    if (i % 2 === 0 && !big) {
      const t = texts[s++];
      channelId = utterances;
      data = new CdrWriter().string(t).done();
      value = { data: t };
    } else {
      const pcm = new Uint8Array(big ? 5 * 1024 * 1024 + 3 : 320 + a);
      // The big one repeats 1,000 bytes of noise: matches 1,000 bytes back, across the 4 MiB block boundary.
      let seed = 12345;
      const noise = Uint8Array.from({ length: 1000 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
      for (let k = 0; k < pcm.length; k++) pcm[k] = big ? noise[k % 1000] : (k * 7 + a * 13) & 0xff;
      const stamp = { sec: 1764600000 + a, nanosec: a * 20000000 + 1, frameId: a === 1 ? "" : "mic" };
      channelId = audio;
      data = new CdrWriter().int32(stamp.sec).uint32(stamp.nanosec).string(stamp.frameId).bytes(pcm).done();
      value = { ...stamp, audio: dataFields(pcm) };
      a++;
    }
    await writer.addMessage({ channelId, sequence: i + 1, logTime, publishTime, data });
    emit({
      topic: channelId === utterances ? "/robot_utterance" : "/audio_stamped",
      schema: channelId === utterances ? "std_msgs/msg/String" : "audio_common_msgs/msg/AudioDataStamped",
      logTime, publishTime, sequence: i + 1, ...dataFields(data), value,
    });
  }
  await writer.end();
  await handle.close();
}

main().catch(fail);
