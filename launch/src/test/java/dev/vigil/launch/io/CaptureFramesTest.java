package dev.vigil.launch.io;

import dev.vigil.agent.message.AudioFrame;
import org.junit.jupiter.api.Test;

import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CaptureFramesTest {

    private static final long MS = 1_000_000;
    private final List<AudioFrame> frames = new ArrayList<>();
    private final List<long[]> lost = new ArrayList<>();
    private final CaptureFrames cutter = new CaptureFrames(1, 16_000, 320, frames::add,
            (from, duration) -> lost.add(new long[] {from, duration}));

    @Test
    void tenMillisecondStereoBuffersBecomeTwentyMillisecondFramesOfTheChosenChannel() {
        for (int b = 0; b < 4; b++) {
            cutter.add(1_000 * MS + b * 10 * MS, stereo(160, b), 2);
        }
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).captureNanos()).isEqualTo(1_000 * MS);
        assertThat(frames.get(1).captureNanos()).isEqualTo(1_020 * MS);
        assertThat(frames.get(0).samples()).hasSize(320).containsOnly((short) 100, (short) 101);
        assertThat(frames.get(1).samples()).containsOnly((short) 102, (short) 103);
    }

    @Test
    void aFrameStartingInsideABufferIsStampedWithItsOwnFirstSample() {
        cutter.add(0, stereo(480, 0), 2);   // 30 ms: one frame, and half of the next
        cutter.add(30 * MS, stereo(160, 1), 2);
        assertThat(frames).extracting(AudioFrame::captureNanos).containsExactly(0L, 20 * MS);
    }

    @Test
    void aGapInTheStreamSendsTheFrameInProgressShortAndStartsAgainAtTheNewTime() {
        cutter.add(0, stereo(160, 0), 2);
        cutter.add(500 * MS, stereo(320, 1), 2);   // the device was gone for 490 ms
        assertThat(frames).extracting(AudioFrame::captureNanos).containsExactly(0L, 500 * MS);
        assertThat(frames.get(0).samples()).hasSize(160);
        assertThat(frames.get(1).samples()).hasSize(320);
        assertThat(lost).containsExactly(new long[] {10 * MS, 490 * MS});
    }

    @Test
    void contiguousBuffersLoseNothing() {
        cutter.add(0, stereo(480, 0), 2);
        cutter.add(30 * MS + MS, stereo(160, 1), 2);   // within the tolerance of a device's clock
        assertThat(lost).isEmpty();
    }

    /** {@code n} instants of two channels: channel 0 holds -1, channel 1 holds 100 + tag. */
    private static ShortBuffer stereo(int n, int tag) {
        short[] s = new short[2 * n];
        for (int i = 0; i < n; i++) {
            s[2 * i] = -1;
            s[2 * i + 1] = (short) (100 + tag);
        }
        return ShortBuffer.wrap(s);
    }
}
