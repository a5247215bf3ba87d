package dev.vigil.launch.gst;

import dev.vigil.agent.audio.PcmAudio;
import dev.vigil.agent.audio.WavFile;
import dev.vigil.agent.clock.WallClock;
import dev.vigil.agent.message.AudioFrame;
import dev.vigil.agent.message.UtterancePlayed;
import dev.vigil.launch.io.AudioDeviceProvider;
import dev.vigil.launch.io.DeviceException;
import dev.vigil.launch.io.DeviceListener;
import dev.vigil.launch.io.MicrophoneSource;
import dev.vigil.launch.io.SpeakerSink;
import dev.vigil.launch.testing.PulseAudio;
import dev.vigil.speech.playback.Loudspeaker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The GStreamer microphone and loudspeaker on real devices: null sinks of a private PulseAudio daemon
 * ({@code mic}: what the user says, captured from {@code mic.monitor}; {@code speaker}: what the robot
 * plays, recorded from {@code speaker.monitor}). Levels and durations are measured on what came out.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GstAudioDevicesTest {

    private static final int RATE = 16_000;
    private static final int FRAME = 320;
    private static PulseAudio pulse;
    private final WallClock clock = new WallClock();
    private final Events events = new Events();

    @TempDir
    Path dir;

    @BeforeAll
    static void startPulseAudio() {
        pulse = PulseAudio.start();
    }

    @AfterAll
    static void stopPulseAudio() {
        if (pulse != null) {
            pulse.close();
        }
    }

    @Test
    void theProviderIsFoundByItsKind() throws DeviceException {
        assertThat(AudioDeviceProvider.of("gst")).isInstanceOf(GstAudioDevices.class);
    }

    @Test
    void microphoneHearsWhatIsPlayedIntoMicWithItsDurationAndLevel() throws Exception {
        double amplitude = 0.3;
        Path wav = dir.resolve("user.wav");
        // 22.05 kHz stereo: the device path converts the rate and mixes the channels down.
        WavFile.write(wav, stereo(concat(silence(0.3, 22_050), tone(440, amplitude, 1.0, 22_050), silence(0.3, 22_050)),
                22_050));
        List<AudioFrame> frames = new CopyOnWriteArrayList<>();
        try (MicrophoneSource mic = microphone("device=mic.monitor", -1)) {
            mic.start(clock, frames::add, events);
            assertThat(pulse.play(wav, "mic").waitFor(10, TimeUnit.SECONDS)).isTrue();
            TimeUnit.MILLISECONDS.sleep(200);
        }
        short[] heard = samples(frames);
        int[] burst = burst(heard, amplitude * 32768 * 0.3);
        double seconds = (burst[1] - burst[0]) / (double) RATE;
        double levelDb = rmsDb(heard, burst[0] + RATE / 10, burst[1] - RATE / 10);
        System.out.printf(Locale.ROOT, "microphone: %d frames, tone %.3f s at %.2f dBFS (played %.2f dBFS)%n",
                frames.size(), seconds, levelDb, db(amplitude / Math.sqrt(2)));
        assertThat(seconds).isCloseTo(1.0, within(0.03));
        assertThat(levelDb).isCloseTo(db(amplitude / Math.sqrt(2)), within(1.0));
        assertContiguous(frames);
        assertThat(events.errors).isEmpty();
    }

    @Test
    void speakerPlaysTheLoudspeakerQueueIntoTheDevice() throws Exception {
        double amplitude = 0.3;
        Loudspeaker loudspeaker = new Loudspeaker(RATE, events);
        List<AudioFrame> played = new CopyOnWriteArrayList<>();
        Path recorded = dir.resolve("speaker.wav");
        PulseAudio.Recording recording = pulse.record("speaker.monitor", recorded);
        long latency;
        try (SpeakerSink speaker = speaker("device=speaker")) {
            speaker.start(clock, loudspeaker, played::add, events);
            latency = speaker.latencyNanos();
            say(loudspeaker, "u1", tone(440, amplitude, 1.0, RATE));
            await(() -> events.ended.isDone(), 5_000);
            TimeUnit.NANOSECONDS.sleep(latency + TimeUnit.MILLISECONDS.toNanos(200));
        }
        short[] heard = new PcmAudio(RATE, 1, WavFile.read(recording.stop()).samples()).toPcm16();
        int[] burst = burst(heard, amplitude * 32768 * 0.3);
        double seconds = (burst[1] - burst[0]) / (double) RATE;
        double levelDb = rmsDb(heard, burst[0] + RATE / 10, burst[1] - RATE / 10);
        UtterancePlayed said = events.ended.get();
        System.out.printf(Locale.ROOT, "speaker: latency %.1f ms, recorded tone %.3f s at %.2f dBFS, "
                + "utterance %d ms%n", latency / 1e6, seconds, levelDb, said.playedMillis());
        assertThat(latency).as("measured pulsesink latency").isPositive();
        assertThat(seconds).isCloseTo(1.0, within(0.03));
        assertThat(levelDb).isCloseTo(db(amplitude / Math.sqrt(2)), within(1.0));
        assertThat(said.truncated()).isFalse();
        assertThat(said.playedMillis()).isEqualTo(1000);
        assertContiguous(played);
        int[] reference = burst(samples(played), amplitude * 32768 * 0.3);
        assertThat(reference[1] - reference[0]).isCloseTo(RATE, within(20));
    }

    /**
     * The echo canceller's reference (played frames, stamped with when they leave the device) against
     * the microphone, through a room of known delay: the lag that remains after the speaker's latency
     * compensation should be the room's, not the device buffers'. A second capture of what reached
     * {@code speaker.monitor} splits the residual into the stamps' own error and the room's delay as
     * the captures see it.
     *
     * <p>A wrong compensation is systematic and shows in every play; a PulseAudio underrun on a loaded
     * machine (CI once saw a stamp error of 45 ms, one render block over) is a one-off. So a play that
     * misses is played once more, and the second must meet every bound.
     */
    @Test
    void playedReferenceLinesUpWithTheEchoToTheRoomDelay() throws Exception {
        int roomMillis = 40;
        for (int play = 1; ; play++) {
            Alignment a = alignment(roomMillis, new Events());
            System.out.printf(Locale.ROOT, "alignment, play %d: speaker latency %.1f ms (measured), loopback %d ms "
                            + "asked; residual lag reference→microphone %.1f ms (correlation %.2f) = stamp error "
                            + "reference→speaker.monitor %.1f ms + room speaker.monitor→microphone %.1f ms%n", play,
                    a.latencyNanos / 1e6, roomMillis, millis(a.residual), a.residual.correlation,
                    millis(a.stampError), millis(a.room));
            try {
                // Twelve runs on 2 busy cores: residual 50–69 ms, stamp error 10–28 ms, room 30–49 ms. Pulse
                // renders in 10 ms blocks at each null sink and both ends are stamped by the devices, hence the spread.
                assertThat(a.residual.correlation).isGreaterThan(0.5);
                assertThat(millis(a.room)).as("room delay as the captures see it").isBetween(roomMillis - 20.0, roomMillis + 20.0);
                assertThat(millis(a.stampError)).as("audio leaves the device when stamped").isBetween(-10.0, 40.0);
                assertThat(millis(a.residual)).as("lag left after latency compensation").isBetween(roomMillis - 20.0, roomMillis + 50.0);
                return;
            } catch (AssertionError missed) {
                if (play == 2) {
                    throw missed;
                }
                System.out.println("alignment, play 1 missed, played again: " + missed.getMessage().strip());
            }
        }
    }

    private record Alignment(long latencyNanos, Lag residual, Lag stampError, Lag room) {
    }

    /** One play of 1.5 s of noise through a loopback of {@code roomMillis} from the speaker to the microphone. */
    private Alignment alignment(int roomMillis, Events events) throws Exception {
        int loopback = pulse.loopback("speaker.monitor", "mic", roomMillis, -6.0);
        Loudspeaker loudspeaker = new Loudspeaker(RATE, events);
        List<AudioFrame> played = new CopyOnWriteArrayList<>();
        List<AudioFrame> captured = new CopyOnWriteArrayList<>();
        List<AudioFrame> leftSpeaker = new CopyOnWriteArrayList<>();
        long latency;
        try (MicrophoneSource mic = microphone("device=mic.monitor", -1);
             MicrophoneSource speakerOutput = microphone("device=speaker.monitor", -1);
             SpeakerSink speaker = speaker("device=speaker")) {
            mic.start(clock, captured::add, events);
            speakerOutput.start(clock, leftSpeaker::add, events);
            speaker.start(clock, loudspeaker, played::add, events);
            latency = speaker.latencyNanos();
            TimeUnit.MILLISECONDS.sleep(300);
            say(loudspeaker, "noise", noise(0.2, 1.5, 7));
            await(() -> events.ended.isDone(), 5_000);
            TimeUnit.MILLISECONDS.sleep(500);
        } finally {
            pulse.unload(loopback);
        }
        long origin = played.get(0).captureNanos();
        float[] reference = onGrid(played, origin);
        return new Alignment(latency,
                strongestLag(reference, onGrid(captured, origin), -RATE / 10, RATE * 3 / 10),
                strongestLag(reference, onGrid(leftSpeaker, origin), -RATE / 10, RATE / 10),
                strongestLag(onGrid(leftSpeaker, origin), onGrid(captured, origin), -RATE / 10, RATE * 3 / 10));
    }

    private static double millis(Lag lag) {
        return lag.samples * 1000.0 / RATE;
    }

    @Test
    void badDescriptionsAndMissingDevicesSayWhatIsWrongInOneLine() {
        AudioDeviceProvider gst = new GstAudioDevices();
        assertThatThrownBy(() -> gst.microphone("pulsesrc devic=x", -1)).isInstanceOf(DeviceException.class)
                .hasMessage("microphone pipeline \"pulsesrc devic=x\": no property \"devic\" in element \"pulsesrc\"");
        assertThatThrownBy(() -> gst.microphone("nosuchsrc", -1)).isInstanceOf(DeviceException.class)
                .hasMessageContaining("no element \"nosuchsrc\"");
        assertThatThrownBy(() -> gst.speaker("pulsesink ! !")).isInstanceOf(DeviceException.class)
                .hasMessageStartingWith("speaker pipeline \"pulsesink ! !\": ");
        assertThatThrownBy(() -> gst.microphone("audiotestsrc", -2)).isInstanceOf(DeviceException.class);

        long before = System.nanoTime();
        assertThatThrownBy(() -> microphone("device=nope", -1).start(clock, f -> { }, events))
                .isInstanceOf(DeviceException.class).hasMessageContaining("nope").hasMessageContaining("No such entity");
        assertThatThrownBy(() -> speaker("device=nope").start(clock, new Loudspeaker(RATE, events), f -> { }, events))
                .isInstanceOf(DeviceException.class).hasMessageContaining("nope");
        assertThat(System.nanoTime() - before).isLessThan(TimeUnit.SECONDS.toNanos(6));
        for (Throwable t : List.of(
                catchDeviceException(() -> gst.microphone("pulsesrc devic=x", -1)),
                catchDeviceException(() -> microphone("device=nope", -1).start(clock, f -> { }, events)),
                catchDeviceException(() -> speaker("device=nope").start(clock, new Loudspeaker(RATE, events),
                        f -> { }, events)))) {
            System.out.println("device error: " + t.getMessage());
            assertThat(t.getMessage()).doesNotContain("\n");
        }
    }

    @Test
    void aMicrophoneThatDisappearsIsReportedAndComesBack() throws Exception {
        List<AudioFrame> frames = new CopyOnWriteArrayList<>();
        try (MicrophoneSource mic = microphone("device=mic.monitor", -1)) {
            mic.start(clock, frames::add, events);
            await(() -> frames.size() > 10, 2_000);
            long unplugged = clock.nanos();
            pulse.unload(pulse.nullSinkModule("mic"));
            await(() -> !events.errors.isEmpty(), 3_000);
            int before = frames.size();
            pulse.loadNullSink("mic");
            await(() -> !events.recoveries.isEmpty(), 5_000);
            await(() -> frames.size() > before + 10, 2_000);
            AudioFrame after = frames.get(before);
            System.out.printf(Locale.ROOT, "dropout: error \"%s\", recovery \"%s\", gap %.0f ms%n",
                    events.errors.get(0), events.recoveries.get(0),
                    (after.captureNanos() - frames.get(before - 1).endNanos()) / 1e6);
            assertThat(events.errors).hasSize(1);
            assertThat(events.errors.get(0)).contains("mic.monitor").doesNotContain("\n");
            assertThat(after.captureNanos()).as("the timeline continues past the gap").isGreaterThan(unplugged);
            List<AudioFrame> all = List.copyOf(frames);   // a snapshot: the microphone still captures
            assertContiguous(all.subList(before, all.size()));
        } finally {
            if (!pulse.pactl("list", "short", "sinks").contains("mic\t")) {
                pulse.loadNullSink("mic");
            }
        }
    }

    @Test
    void aLoudspeakerThatDisappearsIsReportedAndComesBack() throws Exception {
        Loudspeaker loudspeaker = new Loudspeaker(RATE, events);
        List<AudioFrame> played = new CopyOnWriteArrayList<>();
        try (SpeakerSink speaker = speaker("device=speaker")) {
            speaker.start(clock, loudspeaker, played::add, events);
            await(() -> played.size() > 10, 2_000);
            pulse.unload(pulse.nullSinkModule("speaker"));
            await(() -> !events.errors.isEmpty(), 3_000);
            int before = played.size();
            pulse.loadNullSink("speaker");
            await(() -> !events.recoveries.isEmpty(), 5_000);
            await(() -> played.size() > before + 10, 2_000);
            System.out.printf(Locale.ROOT, "speaker dropout: error \"%s\", recovery \"%s\"%n",
                    events.errors.get(0), events.recoveries.get(0));
            assertThat(events.errors).hasSize(1);
            assertThat(events.errors.get(0)).contains("speaker").doesNotContain("\n");
            List<AudioFrame> all = List.copyOf(played);   // a snapshot: the speaker still plays
            assertContiguous(all.subList(before + 1, all.size()));
        } finally {
            if (!pulse.pactl("list", "short", "sinks").contains("speaker\t")) {
                pulse.loadNullSink("speaker");
            }
        }
    }

    @Test
    void aChosenChannelIsKeptAndTheOthersDropped() throws Exception {
        // Four live channels at distinct levels (0.1, 0.2, 0.4, 0.8 full scale): the level says which one came.
        String quad = "audiotestsrc is-live=true volume=0.1 ! i.sink_0 audiotestsrc is-live=true volume=0.2 ! i.sink_1 "
                + "audiotestsrc is-live=true volume=0.4 ! i.sink_2 audiotestsrc is-live=true volume=0.8 ! i.sink_3 "
                + "interleave name=i";
        List<AudioFrame> frames = new CopyOnWriteArrayList<>();
        try (MicrophoneSource mic = new GstAudioDevices().microphone(quad, 2)) {
            mic.start(clock, frames::add, events);
            await(() -> frames.size() >= 20, 2_000);
        }
        short[] heard = samples(frames.subList(5, 20));
        assertThat(rmsDb(heard, 0, heard.length)).isCloseTo(db(0.4 / Math.sqrt(2)), within(0.5));
        assertThatThrownBy(() -> new GstAudioDevices().microphone(quad, 4).start(clock, f -> { }, events))
                .isInstanceOf(DeviceException.class).hasMessageContaining("the device has 4");
    }

    @Test
    void aWavFileCanStandInForAMicrophone() throws Exception {
        Path wav = dir.resolve("file.wav");
        WavFile.write(wav, new PcmAudio(22_050, 1, tone(440, 0.3, 0.5, 22_050)));
        List<AudioFrame> frames = new CopyOnWriteArrayList<>();
        // clocksync paces the file in real time; without it the frames come as fast as the file reads.
        try (MicrophoneSource mic = new GstAudioDevices().microphone(
                "filesrc location=" + wav + " ! wavparse ! clocksync", -1)) {
            mic.start(clock, frames::add, events);
            await(() -> frames.stream().mapToInt(f -> f.samples().length).sum() >= RATE / 2 - FRAME, 2_000);
        }
        short[] heard = samples(frames);
        int[] burst = burst(heard, 0.3 * 32768 * 0.3);
        assertThat((burst[1] - burst[0]) / (double) RATE).isCloseTo(0.5, within(0.03));
        assertThat(frames.get(frames.size() - 1).endNanos() - frames.get(0).captureNanos())
                .isCloseTo(TimeUnit.MILLISECONDS.toNanos(500), within(TimeUnit.MILLISECONDS.toNanos(30)));
    }

    @Test
    void aMutedMicrophoneDeliversSilenceOfTheSameLength() throws Exception {
        List<AudioFrame> frames = new CopyOnWriteArrayList<>();
        try (MicrophoneSource mic = new GstAudioDevices().microphone("audiotestsrc is-live=true volume=0.5", -1)) {
            mic.start(clock, frames::add, events);
            await(() -> frames.size() >= 5, 2_000);
            mic.setMuted(true);
            int muted = frames.size() + 1;   // the frame in flight may be either
            await(() -> frames.size() >= muted + 10, 2_000);
            mic.setMuted(false);
            int unmuted = frames.size() + 1;
            await(() -> frames.size() >= unmuted + 5, 2_000);
            assertThat(peak(samples(frames.subList(0, 5)))).isGreaterThan(10_000);
            assertThat(peak(samples(frames.subList(muted, muted + 10)))).isZero();
            assertThat(peak(samples(frames.subList(unmuted, unmuted + 5)))).isGreaterThan(10_000);
            assertContiguous(frames);
        }
    }

    @Test
    void closeStopsEveryThreadAndCanBeRepeated() throws Exception {
        MicrophoneSource mic = microphone("device=mic.monitor", -1);
        SpeakerSink speaker = speaker("device=speaker");
        mic.start(clock, f -> { }, events);
        speaker.start(clock, new Loudspeaker(RATE, events), f -> { }, events);
        assertThat(vigilThreads()).containsExactlyInAnyOrder("vigil-microphone", "vigil-speaker");
        mic.close();
        speaker.close();
        mic.close();
        speaker.close();
        assertThat(vigilThreads()).isEmpty();
    }

    // ---- devices on the test daemon ----

    private static MicrophoneSource microphone(String properties, int channel) throws DeviceException {
        return new GstAudioDevices().microphone("pulsesrc server=" + pulse.server() + " " + properties, channel);
    }

    private static SpeakerSink speaker(String properties) throws DeviceException {
        return new GstAudioDevices().speaker("pulsesink server=" + pulse.server() + " " + properties + " " + System.getProperty("vigil.test.sink", ""));
    }

    private static void say(Loudspeaker loudspeaker, String id, float[] audio) {
        loudspeaker.begin(id, id);
        loudspeaker.enqueue(id, id, new PcmAudio(RATE, 1, audio).toPcm16(), RATE);
        loudspeaker.complete(id);
    }

    /** Records what the devices and the loudspeaker report. */
    private static final class Events implements DeviceListener, Loudspeaker.Listener {
        final List<String> errors = new CopyOnWriteArrayList<>();
        final List<String> recoveries = new CopyOnWriteArrayList<>();
        final CompletableFuture<UtterancePlayed> ended = new CompletableFuture<>();

        @Override
        public void error(String message) {
            errors.add(message);
        }

        @Override
        public void recovered(String message) {
            recoveries.add(message);
        }

        @Override
        public void started(String utteranceId, String text, long atNanos) {
        }

        @Override
        public void ended(UtterancePlayed played) {
            ended.complete(played);
        }
    }

    // ---- measures ----

    private record Lag(int samples, double correlation) {
    }

    /** The lag of {@code signal} behind {@code reference} with the highest normalised correlation. */
    private static Lag strongestLag(float[] reference, float[] signal, int minLag, int maxLag) {
        Lag best = new Lag(0, -1);
        for (int lag = minLag; lag <= maxLag; lag++) {
            double dot = 0;
            double rr = 0;
            double ss = 0;
            for (int i = Math.max(0, -lag); i < reference.length && i + lag < signal.length; i++) {
                dot += reference[i] * signal[i + lag];
                rr += reference[i] * reference[i];
                ss += signal[i + lag] * signal[i + lag];
            }
            double c = rr == 0 || ss == 0 ? 0 : dot / Math.sqrt(rr * ss);
            if (c > best.correlation) {
                best = new Lag(lag, c);
            }
        }
        return best;
    }

    /** Frames laid out by their timestamps on one 16 kHz grid starting at {@code origin}. */
    private static float[] onGrid(List<AudioFrame> frames, long origin) {
        AudioFrame last = frames.get(frames.size() - 1);
        float[] grid = new float[(int) ((last.endNanos() - origin) * RATE / 1_000_000_000L) + 1];
        for (AudioFrame f : frames) {
            long start = Math.round((f.captureNanos() - origin) * RATE / 1e9);
            for (int i = 0; i < f.samples().length; i++) {
                if (start + i >= 0 && start + i < grid.length) {
                    grid[(int) (start + i)] = f.samples()[i] / 32768f;
                }
            }
        }
        return grid;
    }

    private static void assertContiguous(List<AudioFrame> frames) {
        for (int i = 1; i < frames.size(); i++) {
            long gap = frames.get(i).captureNanos() - frames.get(i - 1).endNanos();
            assertThat(Math.abs(gap)).as("gap before frame %d", i).isLessThan(1_000_000L);
            assertThat(frames.get(i).samples()).hasSize(320);
        }
    }

    /** First and last sample index above {@code threshold}. */
    private static int[] burst(short[] s, double threshold) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < s.length; i++) {
            if (Math.abs(s[i]) > threshold) {
                last = i;
                if (first < 0) {
                    first = i;
                }
            }
        }
        assertThat(first).as("nothing above %.0f", threshold).isNotNegative();
        return new int[] {first, last};
    }

    private static double rmsDb(short[] s, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (s[i] / 32768.0) * (s[i] / 32768.0);
        }
        return db(Math.sqrt(sum / (to - from)));
    }

    private static double db(double linear) {
        return 20 * Math.log10(linear);
    }

    private static int peak(short[] s) {
        int peak = 0;
        for (short v : s) {
            peak = Math.max(peak, Math.abs(v));
        }
        return peak;
    }

    private static short[] samples(List<AudioFrame> frames) {
        short[] all = new short[frames.stream().mapToInt(f -> f.samples().length).sum()];
        int at = 0;
        for (AudioFrame f : frames) {
            System.arraycopy(f.samples(), 0, all, at, f.samples().length);
            at += f.samples().length;
        }
        return all;
    }

    // ---- signals ----

    private static float[] tone(double hz, double amplitude, double seconds, int rate) {
        float[] out = new float[(int) (seconds * rate)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return out;
    }

    private static float[] noise(double amplitude, double seconds, long seed) {
        Random random = new Random(seed);
        float[] out = new float[(int) (seconds * RATE)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (amplitude * (2 * random.nextDouble() - 1));
        }
        return out;
    }

    private static float[] silence(double seconds, int rate) {
        return new float[(int) (seconds * rate)];
    }

    private static float[] concat(float[]... parts) {
        List<Float> all = new ArrayList<>();
        for (float[] p : parts) {
            for (float v : p) {
                all.add(v);
            }
        }
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }

    private static PcmAudio stereo(float[] mono, int rate) {
        float[] out = new float[mono.length * 2];
        for (int i = 0; i < mono.length; i++) {
            out[2 * i] = mono[i];
            out[2 * i + 1] = mono[i];
        }
        return new PcmAudio(rate, 2, out);
    }

    // ---- waiting ----

    private static void await(BooleanSupplier condition, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("waited %d ms", timeoutMillis).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    private static List<String> vigilThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("vigil-")).toList();
    }

    private static Throwable catchDeviceException(ThrowingRunnable r) {
        try {
            r.run();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("no exception");
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
