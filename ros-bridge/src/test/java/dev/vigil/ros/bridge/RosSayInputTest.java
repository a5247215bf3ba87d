package dev.vigil.ros.bridge;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.bus.Codecs;
import dev.vigil.agent.message.SayRequest;
import dev.vigil.ros.testing.CyclonePeer;
import dev.vigil.ros.transport.DdsTransport;
import dev.vigil.ros.transport.InputProblems;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A robot behaviour (a real ROS 2 peer: Cyclone DDS, in C) asks the agent to speak on /say. */
class RosSayInputTest {

    private static final int DOMAIN = ThreadLocalRandom.current().nextInt(100, 200);
    private static Vertx vertx;
    private static DdsTransport ros;

    @BeforeAll
    static void start() throws Exception {
        CyclonePeer.prepareLoopback();
        vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
        ros = DdsTransport.open("vigil_say_test", DOMAIN, InetAddress.getLoopbackAddress());
    }

    @AfterAll
    static void stop() {
        ros.close();
        vertx.close();
    }

    @Test
    void aStringOnSayBecomesARequestToSpeakAndABlankOneIsCounted() throws Exception {
        List<SayRequest> requests = new CopyOnWriteArrayList<>();
        List<String> problems = new CopyOnWriteArrayList<>();
        vertx.eventBus().<SayRequest>localConsumer(Addresses.SAY_REQUESTS, m -> requests.add(m.body()));
        InputProblems counted = new InputProblems("ROS /vigil_say", (kind, line) -> problems.add(kind + ": " + line));
        try (RosSayInput in = RosSayInput.open(ros, "/vigil_say", vertx.eventBus(), counted)) {
            try (CyclonePeer behaviour = CyclonePeer.start(DOMAIN, "pub-string", "/vigil_say", "We have reached floor 16.", "1", "20")) {
                assertThat(behaviour.await(30)).as(behaviour.errors()).isZero();
            }
            try (CyclonePeer broken = CyclonePeer.start(DOMAIN, "pub-string", "/vigil_say", "   ", "2", "20")) {
                assertThat(broken.await(30)).as(broken.errors()).isZero();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((requests.isEmpty() || problems.size() < 2) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        assertThat(requests).containsExactly(new SayRequest("We have reached floor 16.", false, "ros:/vigil_say"));
        assertThat(problems).containsExactly("blank: ROS /vigil_say: a blank text: nothing to say",
                "blank: ROS /vigil_say: a blank text: nothing to say");
        assertThat(counted.counts()).containsEntry("blank", 2L);
    }
}
