package dev.vigil.launch.replay;

import dev.vigil.agent.audio.PcmAudio;
import dev.vigil.agent.audio.WavFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The room's recordings: what the microphone heard, what the loudspeaker played, what a person heard. */
final class Recordings {

    private Recordings() {
    }

    static void write(Path dir, SimulatedRoom room) throws IOException {
        Files.createDirectories(dir);
        WavFile.write(dir.resolve("mic.wav"), PcmAudio.ofPcm16(room.heardTrack(), SimulatedRoom.RATE));
        WavFile.write(dir.resolve("robot.wav"), PcmAudio.ofPcm16(room.playedTrack(), SimulatedRoom.RATE));
        WavFile.write(dir.resolve("mix.wav"), new PcmAudio(SimulatedRoom.RATE, 1, room.mixTrack()));
    }
}
