package dev.vigil.ros.bag;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** LZ4 frames as MCAP chunks hold them: linked blocks (rosbag2's), lz4-java's independent blocks, corrupt ones. */
class McapLz4FramesTest {

    /**
     * A frame of two linked blocks, made by hand: "0123456789" stored, then a block whose first match
     * copies those 10 bytes from the block before, then "abcde". The lz4 command-line tool (1.9.4)
     * decodes it to "01234567890123456789abcde".
     */
    private static final String LINKED = "04224d18" + "4040c0" + "0a000080" + "30313233343536373839"
            + "09000000" + "060a00" + "506162636465" + "00000000";

    @Test
    void aMatchMayReachIntoTheBlockBefore() throws IOException {
        byte[] out = Lz4Frames.decode(HexFormat.of().parseHex(LINKED), 25);
        assertThat(new String(out, StandardCharsets.US_ASCII)).isEqualTo("01234567890123456789abcde");
    }

    @Test
    void aMatchBeforeTheStartOfTheDataIsRefused() {
        byte[] frame = HexFormat.of().parseHex(LINKED.replace("060a00", "060b00"));
        assertThatThrownBy(() -> Lz4Frames.decode(frame, 25)).isInstanceOf(IOException.class)
                .hasMessage("lz4 chunk is corrupt: match offset 11 at +26 reaches before the start of the data");
    }

    @Test
    void aSizeOtherThanTheChunkSaysIsRefused() {
        byte[] frame = HexFormat.of().parseHex(LINKED);
        assertThatThrownBy(() -> Lz4Frames.decode(frame, 26)).hasMessage("lz4 chunk decompressed to 25 bytes, not the 26 it says");
        assertThatThrownBy(() -> Lz4Frames.decode(frame, 24)).hasMessage("lz4 chunk decompresses to more than the 24 bytes it says");
    }

    @Test
    void literalsPastTheirBlockAreRefused() {
        byte[] frame = HexFormat.of().parseHex(LINKED.replace("506162636465", "606162636465"));   // says 6 literals, has 5
        assertThatThrownBy(() -> Lz4Frames.decode(frame, 25))
                .hasMessage("lz4 chunk is corrupt: 6 literals run past their block at +29");
    }

    @Test
    void lz4JavasFramesComeBackWithTheirContentChecksumVerified() throws IOException {
        byte[] records = SampleBag.pcm(300_000, 5);   // more than four 64 KiB blocks
        byte[] frame = McapCompression.LZ4.compress(records);
        assertThat(Lz4Frames.decode(frame, records.length)).isEqualTo(records);

        byte[] wrong = frame.clone();
        wrong[wrong.length - 1] ^= 1;   // the content checksum
        assertThatThrownBy(() -> Lz4Frames.decode(wrong, records.length)).hasMessage("lz4 chunk is corrupt: content checksum mismatch");
    }
}
