package dev.vigil.agent.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only WAV assembler for the encodings and header quirks that {@link WavWriter} never
 * produces: every field can be set, including wrong ones.
 */
final class TestWav {

    int formatTag = 1;
    int channels = 1;
    long sampleRate = 16_000;
    int bitsPerSample = 16;
    Integer blockAlign;          // null: derived from channels and bits
    boolean extensible;
    int validBits;               // extensible only; 0: same as bitsPerSample
    boolean rf64;
    Long riffSize;               // null: computed
    Long dataSize;               // null: actual data length
    boolean fmtAfterData;
    final List<byte[]> chunksBeforeData = new ArrayList<>();
    final List<byte[]> chunksAfterData = new ArrayList<>();
    byte[] data = new byte[0];

    /** Samples quantised the way each encoding stores them; the exact values a reader must return. */
    static float[] quantise(float[] samples, int bits, boolean isFloat) {
        float[] q = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            if (isFloat) {
                q[i] = samples[i];
            } else {
                double scale = Math.pow(2, bits - 1);
                long v = Math.max(-(long) scale, Math.min((long) scale - 1, Math.round(samples[i] * scale)));
                q[i] = (float) (v / scale);
            }
        }
        return q;
    }

    /** Encodes samples (already quantised) in the little-endian layout of the given encoding. */
    static byte[] encode(float[] samples, int containerBits, boolean isFloat) {
        int bytes = containerBits / 8;
        ByteBuffer b = ByteBuffer.allocate(samples.length * bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : samples) {
            if (isFloat && bytes == 4) {
                b.putFloat(s);
            } else if (isFloat) {
                b.putDouble(s);
            } else {
                long v = Math.round(s * Math.pow(2, containerBits - 1));
                v = Math.max(-(1L << (containerBits - 1)), Math.min((1L << (containerBits - 1)) - 1, v));
                if (bytes == 1) {
                    b.put((byte) (v + 128));
                } else {
                    for (int k = 0; k < bytes; k++) {
                        b.put((byte) (v >> (8 * k)));
                    }
                }
            }
        }
        return b.array();
    }

    static byte[] chunk(String id, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length + (body.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(body.length).put(body);
        return b.array();
    }

    /** A chunk whose odd size is not followed by the pad byte, as some writers get it wrong. */
    static byte[] unpaddedChunk(String id, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(body.length).put(body);
        return b.array();
    }

    byte[] build() {
        int align = blockAlign != null ? blockAlign : channels * ((bitsPerSample + 7) / 8);
        ByteBuffer fmt = ByteBuffer.allocate(extensible ? 40 : 16).order(ByteOrder.LITTLE_ENDIAN);
        fmt.putShort((short) (extensible ? 0xFFFE : formatTag))
                .putShort((short) channels)
                .putInt((int) sampleRate)
                .putInt((int) (sampleRate * align))
                .putShort((short) align)
                .putShort((short) bitsPerSample);
        if (extensible) {
            fmt.putShort((short) 22)
                    .putShort((short) (validBits == 0 ? bitsPerSample : validBits))
                    .putInt(channels == 2 ? 0x3 : 0)
                    .putShort((short) formatTag)
                    .put(new byte[] {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00,
                        0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71});
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
        if (rf64) {
            ByteBuffer ds64 = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
            ds64.putLong(0).putLong(data.length).putLong(data.length / align).putInt(0);
            body.writeBytes(chunk("ds64", ds64.array()));
        }
        byte[] fmtChunk = chunk("fmt ", fmt.array());
        if (!fmtAfterData) {
            body.writeBytes(fmtChunk);
        }
        chunksBeforeData.forEach(body::writeBytes);
        ByteBuffer dataHeader = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        long declared = rf64 ? 0xFFFF_FFFFL : dataSize != null ? dataSize : data.length;
        dataHeader.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) declared);
        body.writeBytes(dataHeader.array());
        body.writeBytes(data);
        if (data.length % 2 == 1 && (!chunksAfterData.isEmpty() || fmtAfterData)) {
            body.write(0);
        }
        if (fmtAfterData) {
            body.writeBytes(fmtChunk);
        }
        chunksAfterData.forEach(body::writeBytes);
        byte[] b = body.toByteArray();
        ByteBuffer out = ByteBuffer.allocate(8 + b.length).order(ByteOrder.LITTLE_ENDIAN);
        long riff = rf64 ? 0xFFFF_FFFFL : riffSize != null ? riffSize : b.length;
        out.put((rf64 ? "RF64" : "RIFF").getBytes(StandardCharsets.US_ASCII)).putInt((int) riff).put(b);
        return out.array();
    }
}
