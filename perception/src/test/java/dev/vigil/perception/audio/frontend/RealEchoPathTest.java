package dev.vigil.perception.audio.frontend;

import dev.vigil.agent.audio.WavFile;
import dev.vigil.agent.message.ComponentError;
import dev.vigil.agent.message.EchoRejected;
import dev.vigil.agent.message.VoiceStarted;
import dev.vigil.agent.message.VoiceStopped;
import dev.vigil.perception.audio.aec.SpeexEchoCanceller;
import dev.vigil.perception.testing.Speech;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The front end on audio recorded from real devices: Vigil live on a private PulseAudio daemon whose
 * loudspeaker's monitor is looped back into the microphone (module-loopback, 40 ms, −6 dB), during
 * its long answer to "what can you do" (LiveAcceptanceTest). {@code mic.wav} is what the microphone
 * delivered, {@code robot.wav} what the loudspeaker played, stamped with the time it left the device:
 * the echo canceller's reference. 7.1 s from 17.2 s into that session: the robot talking; the user
 * saying "stop" over it at 2.56 s; the robot cut there and restarted at 3.8 s.
 * <p>
 * The echo arrives 65.3 ms after its reference here, and 0.09 ms later with every second: the
 * microphone's and the loudspeaker's clocks differ. Before the front end followed that drift, Speex
 * cancelled the robot's vowels but not its consonants, and the live agent interrupted itself every
 * 2–4 s of the answer (replayed, this stretch: a voice onset at 6.85 s with only the robot talking).
 */
class RealEchoPathTest {

    private static final int RATE = 16_000;
    private static final int STEP = 320;
    /** Where the user's "stop" is in the recording (its first audible 10 ms) and when the robot restarted. */
    private static final double STOP_AT = 2.56;
    private static final double STOP_END = 2.86;
    private static final double ROBOT_RESTARTED = 3.80;

    private static final List<VoiceStarted> started = new ArrayList<>();
    private static double echoDelayMillis;
    private static double cancelledDb;

    @BeforeAll
    static void replayTheRecording() throws Exception {
        short[] mic = read("pulseaudio-loopback-mic.wav");
        short[] robot = read("pulseaudio-loopback-robot.wav");
        short[] cleaned = new short[mic.length];
        AudioFrontEnd.Listener listener = new AudioFrontEnd.Listener() {
            public void voiceStarted(VoiceStarted e) {
                started.add(e);
            }

            public void voiceStopped(VoiceStopped e) {
            }

            public void echoRejected(EchoRejected e) {
            }

            public void error(ComponentError e) {
                throw new AssertionError(e.toString());
            }
        };
        FrontEndSettings settings = FrontEndSettings.defaults();
        try (AudioFrontEnd frontEnd = new AudioFrontEnd(settings,
                new SpeexEchoCanceller(RATE, AudioFrontEnd.FRAME, settings.aec()), Speech::silero, listener)) {
            for (int at = 0; at + STEP <= mic.length; at += STEP) {
                frontEnd.speaker(at, Arrays.copyOfRange(robot, at, at + STEP));
                frontEnd.microphone(at, Arrays.copyOfRange(mic, at, at + STEP));
                var out = frontEnd.takeCleaned();
                if (out != null) {
                    int from = (int) AudioFrontEnd.sampleIndex(out.captureNanos());
                    System.arraycopy(out.samples(), 0, cleaned, from, out.samples().length);
                }
            }
            frontEnd.finish();
            echoDelayMillis = frontEnd.echoDelayMillis();
        }
        // Echo return loss enhancement once the robot has talked again for half a second.
        int from = (int) ((ROBOT_RESTARTED + 0.5) * RATE);
        cancelledDb = energyDb(mic, from) - energyDb(cleaned, from);
        System.out.printf("real echo path: delay %.1f ms, cancellation %.1f dB, voice onsets %s%n", echoDelayMillis,
                cancelledDb, started.stream().map(s -> String.format("%.3f", s.onsetNanos() / 1e9)).toList());
    }

    private static short[] read(String name) throws Exception {
        return WavFile.read(Path.of(RealEchoPathTest.class.getResource("/echo/" + name).toURI())).toPcm16();
    }

    private static double energyDb(short[] samples, int from) {
        double e = 0;
        for (int i = from; i < samples.length; i++) {
            e += (double) samples[i] * samples[i];
        }
        return 10 * Math.log10(e + 1);
    }

    private static boolean duringTheStop(VoiceStarted s) {
        double onset = s.onsetNanos() / 1e9;
        return onset < STOP_END && s.detectedNanos() / 1e9 > STOP_AT;
    }

    @Test
    void theRobotNeverTakesItsOwnVoiceForTheUser() {
        assertThat(started).filteredOn(s -> !duringTheStop(s))
                .as("voice onsets with only the robot talking (self-interruptions)").isEmpty();
    }

    @Test
    void theUsersStopOverTheRobotIsHeardPromptly() {
        assertThat(started).filteredOn(RealEchoPathTest::duringTheStop).singleElement().satisfies(s -> {
            assertThat(s.duringRobotSpeech()).isTrue();
            assertThat(s.detectedNanos() / 1e9 - STOP_AT).as("detection delay (s)").isBetween(0.0, 0.25);
        });
    }

    @Test
    void theDriftingEchoIsFollowedAndCancelled() {
        assertThat(echoDelayMillis).as("measured echo delay (ms)").isBetween(64.0, 67.0);
        assertThat(cancelledDb).as("echo return loss enhancement, robot talking (dB)").isGreaterThan(30.0);
    }
}
