package dev.vigil.ros.bridge;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.bus.Codecs;
import dev.vigil.agent.message.ComponentError;
import dev.vigil.agent.message.ComponentRecovered;
import dev.vigil.ros.testing.CyclonePeer;
import dev.vigil.ros.transport.DdsTransport;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent's health on /diagnostics, read by a real ROS 2 peer (Cyclone DDS, in C). */
class RosDiagnosticsTest {

    private static final int DOMAIN = ThreadLocalRandom.current().nextInt(100, 200);

    @Test
    void countersAndAFailedComponentReachAPeerOnceASecondAndTheRecoveryToo() throws Exception {
        CyclonePeer.prepareLoopback();
        Vertx vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
        Map<String, Long> counters = Map.of("vigil.audio.dropped_ms{lane=device:microphone}", 0L, "vigil.errors{component=microphone}", 1L);
        try (DdsTransport ros = DdsTransport.open("vigil_diag_test", DOMAIN, InetAddress.getLoopbackAddress());
             RosDiagnostics diagnostics = RosDiagnostics.open(ros, "/vigil_diagnostics", "vigil", () -> counters);
             CyclonePeer peer = CyclonePeer.start(DOMAIN, "sub-diagnostics", "/vigil_diagnostics", "5", "20", "matched")) {
            diagnostics.attach(vertx.eventBus());
            Thread.sleep(1500);
            vertx.eventBus().publish(Addresses.ERRORS, new ComponentError("microphone", "pulsesrc: no such device", 0));
            Thread.sleep(1500);
            vertx.eventBus().publish(Addresses.RECOVERED, new ComponentRecovered("microphone", "back", 0));
            assertThat(peer.await(10)).as("five arrays, a second apart: " + peer.errors()).isZero();
            String agent = "0|vigil: agent|running|vigil.audio.dropped_ms{lane=device:microphone}=0,vigil.errors{component=microphone}=1";
            String failed = agent + " || 2|vigil: microphone|pulsesrc: no such device|";
            String back = agent + " || 0|vigil: microphone|back|";
            assertThat(peer.lines()).hasSize(5).first().isEqualTo(agent);
            assertThat(peer.lines()).contains(failed).last().isEqualTo(back);
            assertThat(peer.lines().indexOf(failed)).isLessThan(peer.lines().indexOf(back));
        } finally {
            vertx.close();
        }
    }
}
