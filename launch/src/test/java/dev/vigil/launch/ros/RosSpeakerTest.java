package dev.vigil.launch.ros;

import dev.vigil.agent.clock.WallClock;
import dev.vigil.agent.message.AudioFrame;
import dev.vigil.agent.message.UtterancePlayed;
import dev.vigil.launch.io.DeviceListener;
import dev.vigil.ros.testing.CyclonePeer;
import dev.vigil.ros.testing.RosGraph;
import dev.vigil.speech.playback.Loudspeaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loudspeaker as ROS topics, heard by a real peer (Cyclone DDS, in C) subscribed as a player node
 * would be: the format once (transient local, so a late joiner gets it), then the robot's voice in
 * 20 ms chunks, sample for sample, and nothing while the robot is quiet.
 */
class RosSpeakerTest {

    @RegisterExtension
    static final RosGraph ROS = new RosGraph("vigil_speaker_test");

    @TempDir
    Path dir;


    @Test
    void theRobotsVoiceReachesAPlayerNodeSampleForSampleAndSilenceIsNotSent() throws Exception {
        List<AudioFrame> played = new CopyOnWriteArrayList<>();
        List<String> ended = new CopyOnWriteArrayList<>();
        Loudspeaker loudspeaker = new Loudspeaker(RosSpeaker.RATE, new Loudspeaker.Listener() {
            @Override
            public void started(String utteranceId, String text, long atNanos) {
            }

            @Override
            public void ended(UtterancePlayed p) {
                ended.add(p.utteranceId());
            }
        });
        // One second of a 440 Hz tone: 50 chunks, then 10 of silence so that a player drains.
        short[] tone = new short[RosSpeaker.RATE];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (short) Math.round(8000 * Math.cos(2 * Math.PI * 440 * i / RosSpeaker.RATE));   // starts at 8000, not 0
        }
        Path heard = dir.resolve("heard.raw");
        WallClock clock = new WallClock();
        try (RosSpeaker speaker = new RosSpeaker(ROS.transport(), "/vigil_robot_audio", "/vigil_robot_audio_info", 50)) {
            speaker.start(clock, loudspeaker, played::add, new DeviceListener() {
                @Override
                public void error(String message) {
                    throw new AssertionError(message);
                }

                @Override
                public void recovered(String message) {
                }
            });
            try (CyclonePeer audio = CyclonePeer.start(ROS.domain(), Map.of("PEER_AUDIO_OUT", heard.toString()),
                    "sub-audio", "/vigil_robot_audio", "60", "20", "matched")) {
                Thread.sleep(1000);   // the player's reader discovered on both sides: volatile chunks reach it
                // A player that joins late still learns the format (transient local).
                try (CyclonePeer info = CyclonePeer.start(ROS.domain(), "sub-info", "/vigil_robot_audio_info", "1", "20", "matched")) {
                    assertThat(info.await(20)).as(info.errors()).isZero();
                    assertThat(info.lines()).containsExactly("1|16000|S16LE|0|wave");
                }
                assertThat(audio.lines()).as("nothing is sent while the robot is quiet").isEmpty();
                loudspeaker.begin("robot-1", "a tone");
                loudspeaker.enqueue("robot-1", "a tone", tone, RosSpeaker.RATE);
                loudspeaker.complete("robot-1");
                assertThat(audio.await(20)).as(audio.errors()).isZero();
                Thread.sleep(500);
                assertThat(audio.lines()).as("no more than the tone and its tail").hasSize(60)
                        .allSatisfy(line -> assertThat(line).endsWith(" robot_speaker 640"));
            }
            assertThat(speaker.latencyNanos()).isEqualTo(50_000_000L);
        }
        assertThat(ended).containsExactly("robot-1");
        short[] got = new short[(int) Files.size(heard) / 2];
        ByteBuffer.wrap(Files.readAllBytes(heard)).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(got);
        assertThat(got).hasSize(60 * 320);
        int start = 0;
        while (start < got.length && got[start] == 0) {
            start++;
        }
        assertThat(start).as("the tone starts in the first chunk").isLessThan(320);
        for (int i = 0; i < tone.length; i++) {
            assertThat(got[start + i]).as("sample %d", i).isEqualTo(tone[i]);
        }
        // Every 20 ms was reported as played (the echo canceller's reference), tone or silence.
        assertThat(played.size()).isGreaterThan(100);
        for (int i = 1; i < played.size(); i++) {
            assertThat(played.get(i).captureNanos() - played.get(i - 1).captureNanos()).isEqualTo(20_000_000L);
        }
    }
}
