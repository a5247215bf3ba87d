package dev.vigil.launch.replay;

import dev.vigil.agent.audio.PcmAudio;
import dev.vigil.agent.audio.WavFile;
import dev.vigil.agent.message.AudioFrame;
import dev.vigil.launch.live.TrackRecorder;

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

    /**
     * The recordings as the run goes, so that a run killed outright still leaves playable files up to
     * about a second before its end (the headers are patched every second). Frames are handed to a
     * writer thread per track and never wait for the disk. The finished run writes the files once
     * more from the room's tracks ({@link #write}), which also covers a frame the writers had to drop.
     */
    static final class Live implements AutoCloseable {
        private final TrackRecorder mic;
        private final TrackRecorder robot;
        private final TrackRecorder mix;

        private Live(TrackRecorder mic, TrackRecorder robot, TrackRecorder mix) {
            this.mic = mic;
            this.robot = robot;
            this.mix = mix;
        }

        /** Starts the three files in {@code dir} and records every frame {@code room} plays from now on. */
        static Live record(Path dir, SimulatedRoom room) throws IOException {
            Files.createDirectories(dir);
            TrackRecorder mic = new TrackRecorder(dir.resolve("mic.wav"), SimulatedRoom.RATE);
            TrackRecorder robot = new TrackRecorder(dir.resolve("robot.wav"), SimulatedRoom.RATE);
            TrackRecorder mix = new TrackRecorder(dir.resolve("mix.wav"), SimulatedRoom.RATE);
            Live live = new Live(mic, robot, mix);
            room.onFrame(k -> {
                long at = SimulatedRoom.frameNanos(k);
                mic.accept(new AudioFrame(at, SimulatedRoom.RATE, room.heardFrame(k)));
                robot.accept(new AudioFrame(at, SimulatedRoom.RATE, room.playedFrame(k)));
                mix.accept(new AudioFrame(at, SimulatedRoom.RATE, room.mixFrame(k)));
            });
            return live;
        }

        /** Completes the files; a write failure is left to the final {@link #write}, which reports it. */
        @Override
        public void close() {
            for (TrackRecorder track : new TrackRecorder[] {mic, robot, mix}) {
                try {
                    track.close();
                } catch (IOException e) {
                    // The final write tries again and says why if it fails too.
                }
            }
        }
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
