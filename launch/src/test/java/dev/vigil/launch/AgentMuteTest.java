package dev.vigil.launch;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.message.AudioFrame;
import dev.vigil.agent.message.MicrophoneMuted;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.launch.events.AgentEvent;
import dev.vigil.launch.io.AudioDeviceProvider;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Muting through the Java API on a real GStreamer source (a live test tone): the agent hears
 * silence while muted, the tone again after, and the stream says so with {@code muted} events.
 */
class AgentMuteTest {

    @Test
    void mutedMeansSilenceAndAnEvent() throws Exception {
        List<AudioFrame> heard = new CopyOnWriteArrayList<>();
        List<AgentEvent> events = new CopyOnWriteArrayList<>();
        List<MicrophoneMuted> onBus = new CopyOnWriteArrayList<>();
        AudioDeviceProvider gst = AudioDeviceProvider.of("gst");
        try (Agent agent = Agent.builder()
                .voiceActivity(AgentParts.voiceActivity(ModelStore.fromEnvironment()))
                .microphone(gst.microphone("audiotestsrc is-live=true wave=sine freq=440 volume=0.3", -1))
                .muted(true)
                .onHeard(heard::add)
                .events(events::add)
                .observe(bus -> bus.<MicrophoneMuted>localConsumer(Addresses.MICROPHONE_MUTED, m -> onBus.add(m.body())))
                .build()) {
            agent.start();
            Thread.sleep(500);
            int mutedFrames = heard.size();
            agent.setMuted(false);
            Thread.sleep(500);
            agent.setMuted(true);
            Thread.sleep(300);

            assertThat(mutedFrames).as("frames keep flowing while muted").isGreaterThan(10);
            // A snapshot: frames keep arriving, and a live sub-list of the copy-on-write list then throws.
            List<AudioFrame> frames = List.copyOf(heard);
            assertThat(frames.subList(0, mutedFrames)).allSatisfy(f -> assertThat(peak(f)).isZero());
            assertThat(frames.subList(mutedFrames, frames.size())).anySatisfy(f -> assertThat(peak(f)).isGreaterThan(5000));
            assertThat(onBus).extracting(MicrophoneMuted::muted).containsExactly(false, true);
        }
        assertThat(events).filteredOn(e -> e.type().equals("muted")).extracting(e -> e.fields().get("muted"))
                .containsExactly(false, true);
        assertThat(events.get(0).fields().get("muted")).as("started says it began muted").isEqualTo(true);
    }

    private static int peak(AudioFrame frame) {
        int peak = 0;
        for (short s : frame.samples()) {
            peak = Math.max(peak, Math.abs(s));
        }
        return peak;
    }
}
