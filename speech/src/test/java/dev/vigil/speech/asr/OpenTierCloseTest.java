package dev.vigil.speech.asr;

import dev.vigil.agent.message.Transcript;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link OpenTier#close}: a segment's final waiting on a decode still queued when the open tier closes
 * (an agent stopping mid-segment) ends at once, not after the 30 s decode timeout. The recogniser is
 * a stand-in that holds its decode until released and ignores interrupts, as a native model run does:
 * a slow decode at the moment of closing is a fault the real model cannot be made to show on cue.
 */
class OpenTierCloseTest {

    /** Stand-in recogniser: every decode waits for {@code release}, interrupted or not. */
    private static final class HeldAsr implements Asr {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String language() {
            return "en";
        }

        @Override
        public AsrStream open(long startNanos, Consumer<Transcript> partials) {
            return new AsrStream() {
                @Override
                public void accept(short[] pcm16k) {
                }

                @Override
                public Transcript finish(long endNanos) {
                    started.countDown();
                    boolean released = false;
                    while (!released) {
                        try {
                            released = release.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            // A native run goes on when its thread is interrupted.
                        }
                    }
                    return new Transcript("held", true, 0.5f, startNanos, endNanos, "en", Transcript.Tier.OPEN);
                }

                @Override
                public void cancel() {
                }
            };
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aFinalWaitingOnAQueuedDecodeEndsAtOnceWhenTheTierCloses() throws Exception {
        HeldAsr asr = new HeldAsr();
        OpenTier tier = new OpenTier(asr);
        tier.begin(0);
        tier.accept(new short[16_000]);
        tier.paused(500_000_000L);                       // an early decode of the first half, held
        assertThat(asr.started.await(5, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        CompletableFuture<Transcript> heard = CompletableFuture.supplyAsync(() -> tier.heard(1_000_000_000L));
        Thread.sleep(200);                               // the whole segment's decode queued behind it
        tier.close();
        assertThatThrownBy(() -> heard.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("the open tier was closed");
        assertThat((System.nanoTime() - start) / 1e9).as("seconds until the final gave up").isLessThan(5);
        asr.release.countDown();
    }
}
