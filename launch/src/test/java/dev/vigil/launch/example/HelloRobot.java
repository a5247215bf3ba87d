package dev.vigil.launch.example;

import dev.vigil.launch.Agent;
import dev.vigil.launch.config.AgentConfig;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** A robot program that embeds Vigil: it listens, answers, and acts on what it is asked. */
public final class HelloRobot {

    public static void main(String[] args) throws Exception {
        // vigil.yaml names the microphone and loudspeaker (docs/configuration.md); no file: defaults.
        AgentConfig config = args.length > 0 ? AgentConfig.load(Path.of(args[0])) : AgentConfig.defaults();
        CountDownLatch done = new CountDownLatch(1);
        try (Agent agent = Agent.fromConfig(config)
                .events(event -> {
                    // Every event of docs/events.md arrives here, in order, on the agent's event loop:
                    // hand real work to your own threads.
                    if (event.type().equals("intent")) {
                        System.out.println("robot, do: " + event.fields().get("intent") + " "
                                + event.fields().get("data"));
                        if (event.fields().get("intent").equals("stop")) {
                            done.countDown();
                        }
                    }
                })
                .build()) {
            agent.start();
            System.out.println("listening; say \"stop\" to end");
            done.await();
        }
    }
}
