package dev.vigil.launch.replay;

import java.util.Arrays;
import java.util.function.IntConsumer;
import dev.vigil.launch.scenario.RenderedScenario;
import dev.vigil.launch.video.FrameStream;
import dev.vigil.launch.video.VideoException;
import dev.vigil.speech.playback.Loudspeaker;

import java.util.function.Consumer;

/**
 * The acoustic room of a replay. The loudspeaker plays whatever the robot says (scripted lines at
 * their time, and the agent's own replies as they are synthesized); the microphone hears the user,
 * the noise bed, and the loudspeaker through the echo path ({@link EchoPath}: clipping, clock drift,
 * the direct sound and the room's reverberation). Frames are 20 ms at 16 kHz. Everything played and
 * heard is kept for the recordings. The camera films the scenario's video, if it has one.
 */
final class SimulatedRoom {

    static final int RATE = RenderedScenario.SAMPLE_RATE;
    static final int FRAME = RATE / 50;

    private final RenderedScenario scenario;
    private final Loudspeaker loudspeaker;
    /** Null when the loudspeaker is not heard at the microphone. */
    private final EchoPath echoPath;
    private final short[] played;
    private final short[] heard;
    private int nextLine;
    /** Told of each frame once both its sides are known (null: nobody). */
    private volatile IntConsumer frameListener;

    SimulatedRoom(RenderedScenario scenario, Loudspeaker loudspeaker) {
        this.scenario = scenario;
        this.loudspeaker = loudspeaker;
        var echo = scenario.scenario().echo();
        this.played = new short[frames() * FRAME];
        this.heard = new short[frames() * FRAME];
        this.echoPath = echo.audible() ? new EchoPath(echo, heard.length, RATE) : null;
    }

    int frames() {
        return (scenario.samples() + FRAME - 1) / FRAME;
    }

    static long frameNanos(int frame) {
        return frame * 20_000_000L;
    }

    /**
     * The camera's frames, from the first, each stamped with its scenario time; null when the scenario
     * has no video.
     *
     * @param rejected told of each frame that could not be used (one line)
     */
    FrameStream camera(Consumer<String> rejected) throws VideoException {
        return scenario.video().isEmpty() ? null : scenario.video().get().open(rejected);
    }

    /** What the loudspeaker plays during frame {@code k}; scripted lines due in it are queued first. */
    short[] speaker(int k) {
        var lines = scenario.robotLines();
        while (nextLine < lines.size() && lines.get(nextLine).at() < (k + 1) * 0.02) {
            var line = lines.get(nextLine++);
            // Leading silence puts the first sample exactly where the script says.
            int lead = (int) Math.max(0, Math.round(line.at() * RATE) - (long) k * FRAME);
            short[] pcm = new short[lead + line.samples().length];
            for (int i = 0; i < line.samples().length; i++) {
                pcm[lead + i] = pcm(line.samples()[i]);
            }
            loudspeaker.begin(line.id(), line.text());
            loudspeaker.enqueue(line.id(), line.text(), pcm, RATE);
            loudspeaker.complete(line.id());
        }
        short[] out = new short[FRAME];
        loudspeaker.pull(out, frameNanos(k));
        System.arraycopy(out, 0, played, k * FRAME, FRAME);
        return out;
    }

    /** What the microphone captures during frame {@code k}; call after {@link #speaker(int)}. */
    short[] microphone(int k) {
        short[] out = new short[FRAME];
        float[] user = scenario.user();
        float[] noise = scenario.noise();
        for (int i = 0; i < FRAME; i++) {
            int n = k * FRAME + i;
            if (n >= user.length) {
                break;
            }
            float echo = echoPath == null ? 0f : echoPath.at(n, played, (k + 1) * FRAME);
            out[i] = pcm(user[n] + noise[n] + echo);
        }
        System.arraycopy(out, 0, heard, k * FRAME, FRAME);
        IntConsumer listener = frameListener;
        if (listener != null) {
            listener.accept(k);
        }
        return out;
    }

    /** Calls {@code listener} with each frame's number once it was played and heard (on the caller's thread). */
    void onFrame(IntConsumer listener) {
        this.frameListener = listener;
    }

    /** Frame {@code k} of the tracks: played, heard, and the mix; valid once {@link #microphone(int)} made it. */
    short[] playedFrame(int k) {
        return Arrays.copyOfRange(played, k * FRAME, (k + 1) * FRAME);
    }

    short[] heardFrame(int k) {
        return Arrays.copyOfRange(heard, k * FRAME, (k + 1) * FRAME);
    }

    short[] mixFrame(int k) {
        float[] user = scenario.user();
        short[] out = new short[FRAME];
        for (int i = 0; i < FRAME; i++) {
            int n = k * FRAME + i;
            out[i] = pcm((n < user.length ? user[n] : 0f) + played[n] / 32768f);
        }
        return out;
    }

    /** The loudspeaker as it played. */
    short[] playedTrack() {
        return played;
    }

    /** The microphone as it heard (user, noise, echo). */
    short[] heardTrack() {
        return heard;
    }

    /** What a person in the room heard: the user and the robot, without the echo path. */
    float[] mixTrack() {
        float[] mix = new float[played.length];
        float[] user = scenario.user();
        for (int n = 0; n < mix.length; n++) {
            mix[n] = (n < user.length ? user[n] : 0f) + played[n] / 32768f;
        }
        return mix;
    }

    static short pcm(float v) {
        return (short) Math.max(-32768, Math.min(32767, Math.round(v * 32767f)));
    }
}
