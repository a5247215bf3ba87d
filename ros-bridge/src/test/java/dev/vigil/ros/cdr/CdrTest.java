package dev.vigil.ros.cdr;

import dev.vigil.ros.msg.AudioDataStamped;
import dev.vigil.ros.msg.AudioInfo;
import dev.vigil.ros.msg.AudioStamped;
import dev.vigil.ros.msg.HriIntent;
import dev.vigil.ros.msg.RosHeader;
import dev.vigil.ros.msg.StdString;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CdrTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void aStringIsLaidOutAsRos2WritesIt() throws Exception {
        // std_msgs/String "hi": header 00 01 00 00, length 3 (NUL included), 'h' 'i' NUL.
        assertThat(HEX.formatHex(write(b -> StdString.TYPE.write(new StdString("hi"), new CdrWriter(b)))))
                .isEqualTo("00010000" + "03000000" + "686900");
    }

    @Test
    void primitivesAreAlignedFromTheEndOfTheHeader() throws Exception {
        // Four empty strings (length 1 and a NUL, each next length padded to 4), the uint8 at offset 29,
        // two bytes of padding, the float32 at 32.
        byte[] wire = write(b -> HriIntent.TYPE.write(new HriIntent("", "", "", "", 7, 1.0f), new CdrWriter(b)));
        assertThat(HEX.formatHex(wire)).isEqualTo("00010000"
                + "0100000000" + "000000" + "0100000000" + "000000" + "0100000000" + "000000" + "0100000000"
                + "07" + "0000" + "0000803f");
    }

    @Test
    void everyFieldComesBackAndTextStaysUtf8() throws Exception {
        HriIntent intent = new HriIntent("__intent_move_to__", "{\"goal\":\"café\"}", "__unknown_agent__", "__modality_speech__",
                128, 0.875f);
        assertThat(HriIntent.TYPE.read(new CdrReader(ByteBuffer.wrap(
                write(b -> HriIntent.TYPE.write(intent, new CdrWriter(b))))))).isEqualTo(intent);
        StdString text = new StdString("Étage 16 — 你好");
        assertThat(StdString.TYPE.read(new CdrReader(ByteBuffer.wrap(
                write(b -> StdString.TYPE.write(text, new CdrWriter(b))))))).isEqualTo(text);
    }

    @Test
    void audioAndItsFormatComeBack() throws Exception {
        AudioInfo info = new AudioInfo(2, 48_000, "S16LE", 0, "wave");
        assertThat(AudioInfo.TYPE.read(new CdrReader(ByteBuffer.wrap(write(b -> AudioInfo.TYPE.write(info, new CdrWriter(b)))))))
                .isEqualTo(info);
        AudioDataStamped chunk = new AudioDataStamped(new RosHeader(1_764_590_000, 999_999_999L, "mic"), new byte[] {1, 2, 3});
        AudioDataStamped back = AudioDataStamped.TYPE.read(new CdrReader(ByteBuffer.wrap(
                write(b -> AudioDataStamped.TYPE.write(chunk, new CdrWriter(b))))));
        assertThat(back.header()).isEqualTo(chunk.header());
        assertThat(back.data()).containsExactly(1, 2, 3);
    }

    @Test
    void anAudioChunkWhoseDataIsCutShortIsAnError() throws Exception {
        byte[] wire = write(b -> AudioDataStamped.TYPE.write(
                new AudioDataStamped(new RosHeader(1, 2, "mic"), new byte[640]), new CdrWriter(b)));
        byte[] cut = java.util.Arrays.copyOf(wire, wire.length - 100);
        assertThatThrownBy(() -> AudioDataStamped.TYPE.read(new CdrReader(ByteBuffer.wrap(cut))))
                .isInstanceOf(CdrException.class)
                .hasMessage("byte sequence of 640 at offset 16 runs past the sample's end (540 bytes left)");
    }

    @Test
    void typedSampleArraysComeBackAndACountPastTheEndIsAnErrorNotAnAllocation() throws Exception {
        AudioStamped audio = new AudioStamped(new RosHeader(5, 6, "mic"), new float[]{0.25f}, new int[]{7, 8},
                new short[]{-1, 2, 3}, new byte[]{-4}, new byte[]{(byte) 200}, AudioStamped.PA_INT16, 1, 16_000, 3);
        byte[] wire = write(b -> AudioStamped.TYPE.write(audio, new CdrWriter(b)));
        AudioStamped back = AudioStamped.TYPE.read(new CdrReader(ByteBuffer.wrap(wire)));
        assertThat(back.float32()).containsExactly(0.25f);
        assertThat(back.int32()).containsExactly(7, 8);
        assertThat(back.int16()).containsExactly(-1, 2, 3);
        assertThat(back.int8()).containsExactly(-4);
        assertThat(back.uint8()).containsExactly((byte) 200);
        assertThat(back.format()).isEqualTo(AudioStamped.PA_INT16);
        assertThat(back.chunk()).isEqualTo(3);
        // The float32 count says 100 million: refused before any array is made.
        byte[] lying = java.util.Arrays.copyOf(wire, wire.length);
        int countAt = 4 + 4 + 4 + 4 + "mic".length() + 1;
        ByteBuffer.wrap(lying).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(countAt, 100_000_000);
        assertThatThrownBy(() -> AudioStamped.TYPE.read(new CdrReader(ByteBuffer.wrap(lying))))
                .isInstanceOf(CdrException.class).hasMessageContaining("float32 sequence of 100000000");
    }

    @Test
    void aBigEndianSampleReadsToo() throws Exception {
        // Some DDS stacks on big-endian hosts write CDR_BE (00 00): "hi".
        assertThat(StdString.TYPE.read(new CdrReader(ByteBuffer.wrap(HEX.parseHex("00000000" + "00000003" + "686900")))))
                .isEqualTo(new StdString("hi"));
    }

    @Test
    void brokenSamplesAreOneLineErrors() {
        assertThatThrownBy(() -> read("0001"))
                .isInstanceOf(CdrException.class).hasMessage("a sample of 2 bytes has no CDR header");
        assertThatThrownBy(() -> read("00030000" + "03000000" + "686900"))
                .hasMessage("encapsulation 0x0003 is not plain CDR (XCDR1)");
        assertThatThrownBy(() -> read("00010000" + "ffffffff" + "686900"))
                .hasMessage("string of 4294967295 bytes at offset 0 runs past the sample's end (3 bytes left)");
        assertThatThrownBy(() -> read("00010000" + "03000000" + "686921"))
                .hasMessage("string at offset 0 is not NUL-terminated");
        assertThatThrownBy(() -> read("00010000" + "03000000" + "ff6800"))
                .hasMessage("string at offset 0 is not UTF-8");
        assertThatThrownBy(() -> read("00010000" + "0300"))
                .hasMessage("sample ends at offset 0 where a uint32 was due");
        assertThatThrownBy(() -> new CdrReader(ByteBuffer.wrap(HEX.parseHex("00010000" + "05000000" + "0102"))).bytes(100))
                .hasMessage("byte sequence of 5 at offset 0 runs past the sample's end (2 bytes left)");
        assertThatThrownBy(() -> new CdrReader(ByteBuffer.wrap(HEX.parseHex("00010000" + "02000000" + "0102"))).bytes(1))
                .hasMessage("byte sequence of 2 at offset 0 is over the 1 allowed");
    }

    @Test
    void aMessageTooBigForItsTypeIsAnErrorNotAnOverflow() {
        ByteBuffer small = ByteBuffer.allocate(16);
        assertThatThrownBy(() -> StdString.TYPE.write(new StdString("x".repeat(100)), new CdrWriter(small)))
                .isInstanceOf(CdrException.class).hasMessage("sample larger than the 16 bytes it may take");
    }

    private static StdString read(String hex) throws CdrException {
        return StdString.TYPE.read(new CdrReader(ByteBuffer.wrap(HEX.parseHex(hex))));
    }

    private interface Fill {
        void into(ByteBuffer b) throws CdrException;
    }

    private static byte[] write(Fill fill) throws CdrException {
        ByteBuffer b = ByteBuffer.allocate(1024);
        fill.into(b);
        b.flip();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
