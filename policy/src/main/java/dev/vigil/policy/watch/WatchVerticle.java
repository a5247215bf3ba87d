package dev.vigil.policy.watch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.clock.Clock;
import dev.vigil.agent.clock.ContextTimers;
import dev.vigil.agent.clock.WorkInFlight;
import dev.vigil.agent.message.Intent;
import dev.vigil.agent.message.SayRequest;
import dev.vigil.agent.message.SceneObservations;
import dev.vigil.agent.message.VisionDemand;
import dev.vigil.agent.message.WatchUpdate;
import io.vertx.core.AbstractVerticle;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Puts a {@link WatchBook} on the bus: judges every engine's observations
 * ({@code vigil.perceive.observations}), and for each watch that fires asks for its alert to be said
 * ({@code SayRequest}, an alert that cuts the robot's own speech unless the watch says otherwise),
 * publishes an intent {@code watch_fired} from the robot itself ({@code __myself__}, with the
 * watch's id, request and condition in its data) and a {@link WatchUpdate}. Publishes every other
 * change of the book too, ends watches at their expiry (timers on the session clock), and asks the
 * frame sampler for {@code sampleHz} while any watch is active, naming the engines their conditions
 * need ({@link VisionDemand}).
 */
public final class WatchVerticle extends AbstractVerticle {

    static final String REQUESTER = "watches";
    /** Alerts outrank the robot's own chatter; below 255, which is left to safety. */
    static final int ALERT_PRIORITY = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WatchBook book;
    private final Clock clock;
    private final WorkInFlight work;
    private ContextTimers timers;
    private final Map<String, Clock.Timer> expiries = new HashMap<>();
    private VisionDemand demanded = new VisionDemand(REQUESTER, 0);

    public WatchVerticle(WatchBook book, Clock clock, WorkInFlight work) {
        this.book = book;
        this.clock = clock;
        this.work = work;
    }

    @Override
    public void start() {
        timers = new ContextTimers(clock, context, work);
        // Changes come from the model's worker (speech), the API's caller or this loop (firings): each
        // is published from this loop, and is work in flight until it is.
        book.onChange(change -> {
            work.begin();
            context.runOnContext(v -> {
                try {
                    changed(change);
                } finally {
                    work.end();
                }
            });
        });
        vertx.eventBus().<SceneObservations>localConsumer(Addresses.OBSERVATIONS, m -> judge(m.body()));
    }

    /**
     * Publishes the watches made before the agent started (configuration) as created, arms their
     * expiry and the sampler's demand. The agent calls it once its {@code started} event is out, so
     * that the event stream begins with {@code started}.
     */
    public void announceStanding() {
        context.runOnContext(v -> {
            for (Watch w : book.list()) {
                changed(new WatchBook.Change(WatchUpdate.CREATED, w, w.createdNanos()));
            }
        });
    }

    private void judge(SceneObservations scene) {
        for (WatchBook.Firing firing : book.judge(scene)) {
            Watch w = firing.watch();
            vertx.eventBus().publish(Addresses.SAY_REQUESTS, new SayRequest(w.alert(), true, w.interrupts(), "watch:" + w.id()));
            ObjectNode data = JSON.createObjectNode()
                    .put("watch", w.id())
                    .put("request", w.text())
                    .put("condition", w.condition().describe())
                    .put("alert", w.alert());
            vertx.eventBus().publish(Addresses.INTENTS, new Intent("watch_fired", data.toString(), Intent.ROBOT_ITSELF,
                    Intent.MODALITY_INTERNAL, ALERT_PRIORITY, (float) Math.min(1, firing.score()), firing.atNanos()));
        }
    }

    private void changed(WatchBook.Change change) {
        Watch w = change.watch();
        vertx.eventBus().publish(Addresses.WATCHES, new WatchUpdate(change.kind(), w.id(), w.text(),
                w.condition().describe(), w.alert(), change.atNanos(), change.sinceNanos()));
        if (change.kind().equals(WatchUpdate.CREATED) && w.expiresNanos() != Long.MAX_VALUE) {
            expiries.put(w.id(), timers.at(w.expiresNanos(), () -> book.expire(clock.nanos())));
        } else if (!change.kind().equals(WatchUpdate.CREATED)) {
            Clock.Timer expiry = expiries.remove(w.id());
            if (expiry != null) {
                expiry.cancel();
            }
        }
        List<Watch> active = book.list();
        VisionDemand wanted = new VisionDemand(REQUESTER, active.isEmpty() ? 0 : book.settings().sampleHz(),
                active.stream().map(a -> a.condition().engine()).collect(Collectors.toSet()));
        if (!wanted.equals(demanded)) {
            demanded = wanted;
            vertx.eventBus().publish(Addresses.VISION_DEMAND, wanted);
        }
    }

    @Override
    public void stop() {
        expiries.values().forEach(Clock.Timer::cancel);
    }
}
