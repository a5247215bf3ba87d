package dev.vigil.launch.replay;

import dev.vigil.agent.audio.PcmAudio;
import dev.vigil.agent.audio.WavFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The room's recordings: what the microphone heard, what the loudspeaker played, what a person heard. */
public final class Recordings {

    private Recordings() {
    }

    /**
     * Writes mic.wav, robot.wav and mix.wav (16 kHz mono) into {@code dir}.
     *
     * @param frames the 20 ms frames played: the whole scenario, or up to an interruption
     */
    static void write(Path dir, SimulatedRoom room, int frames) throws IOException {
        Files.createDirectories(dir);
        int samples = frames * SimulatedRoom.FRAME;
        WavFile.write(dir.resolve("mic.wav"),
                PcmAudio.ofPcm16(Arrays.copyOf(room.heardTrack(), samples), SimulatedRoom.RATE));
        WavFile.write(dir.resolve("robot.wav"),
                PcmAudio.ofPcm16(Arrays.copyOf(room.playedTrack(), samples), SimulatedRoom.RATE));
        WavFile.write(dir.resolve("mix.wav"),
                new PcmAudio(SimulatedRoom.RATE, 1, Arrays.copyOf(room.mixTrack(), samples)));
    }

    /** The recordings could not be written (a full disk); the run's report is still here. */
    public static final class WriteFailed extends IOException {
        private final transient Report report;

        WriteFailed(Path dir, IOException cause, Report report) {
            super(dir + ": cannot write the recordings (" + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")", cause);
            this.report = report;
        }

        /** The run's report, complete but for the recordings. */
        public Report report() {
            return report;
        }
    }

    /** Bytes the three recordings of {@code seconds} of audio take: 16-bit samples, 44-byte headers. */
    public static long expectedBytes(double seconds) {
        return 3 * (44 + (long) Math.ceil(seconds * SimulatedRoom.RATE) * 2);
    }
}
