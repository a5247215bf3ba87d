package dev.vigil.launch.replay;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.clock.Clock;
import dev.vigil.agent.clock.VirtualClock;
import dev.vigil.agent.message.AudioDropped;
import dev.vigil.agent.message.AudioFrame;
import dev.vigil.agent.message.AudioProcessed;
import dev.vigil.agent.message.RobotSpeaking;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.EventBus;

import java.util.function.Consumer;

/**
 * Plays the simulated room into the agent: for each 20 ms step, the loudspeaker frame first (so the
 * echo canceller has its reference before the echo arrives), then the microphone frame. In real time
 * it follows the wall clock; at full speed it keeps at most {@value #MAX_IN_FLIGHT} frames ahead of
 * what the front end has processed, so it never outruns it and nothing is dropped for speed.
 */
final class ReplaySource extends AbstractVerticle {

    static final int MAX_IN_FLIGHT = 25;

    private final SimulatedRoom room;
    private final Speed speed;
    private final Clock clock;
    private final Consumer<EventBus> observers;
    private final Promise<Void> done = Promise.promise();
    private int next;
    private int nextLine;
    private boolean lineOpen;
    private int accounted;
    private long timer = -1;

    /**
     * @param observers attached to the bus on this verticle's event loop, so that {@link #settled()}
     *                  can tell when they have seen everything published before it
     */
    ReplaySource(SimulatedRoom room, Speed speed, Clock clock, Consumer<EventBus> observers) {
        this.room = room;
        this.speed = speed;
        this.clock = clock;
        this.observers = observers;
    }

    /**
     * Completes once this verticle's event loop has run everything queued on it so far: messages
     * published before the call have then reached the observers.
     */
    Future<Void> settled() {
        Promise<Void> settled = Promise.promise();
        context.runOnContext(v -> settled.complete());
        return settled.future();
    }

    /** Completes when every frame was sent and processed or dropped by the front end. */
    Future<Void> done() {
        return done.future();
    }

    /** Robot speaking on and off as the scripted lines reach the loudspeaker within this frame. */
    private void announceRobot(EventBus bus, long from, long to) {
        var lines = room.robotLines();
        if (nextLine >= lines.size()) {
            return;
        }
        var line = lines.get(nextLine);
        long start = Math.round(line.span().start() * 1e9);
        long end = Math.round(line.span().end() * 1e9);
        if (!lineOpen && start < to) {
            lineOpen = true;
            bus.publish(Addresses.ROBOT_SPEAKING, new RobotSpeaking(true, Math.max(start, from), line.text()));
        }
        if (lineOpen && end < to) {
            lineOpen = false;
            nextLine++;
            bus.publish(Addresses.ROBOT_SPEAKING, new RobotSpeaking(false, end, line.text()));
        }
    }

    @Override
    public void start() {
        var bus = vertx.eventBus();
        observers.accept(bus);
        bus.<AudioProcessed>localConsumer(Addresses.AUDIO_PROCESSED, m -> {
            if (Addresses.MIC_AUDIO.equals(m.body().lane())) {
                account();
            }
        });
        bus.<AudioDropped>localConsumer(Addresses.AUDIO_DROPPED, m -> {
            if (Addresses.MIC_AUDIO.equals(m.body().lane())) {
                account();
            }
        });
        if (speed == Speed.REALTIME) {
            timer = vertx.setPeriodic(5, id -> emitDue());
        } else {
            emitAhead();
        }
    }

    private void account() {
        accounted++;
        if (speed == Speed.MAX) {
            emitAhead();
        }
        if (accounted == room.frames()) {
            done.tryComplete();
        }
    }

    private void emitDue() {
        // Every frame whose end has passed on the wall clock: drift-free however late the timer fires.
        while (next < room.frames() && SimulatedRoom.frameNanos(next + 1) <= clock.nanos()) {
            emit(next++);
        }
        if (next == room.frames() && timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    private void emitAhead() {
        while (next < room.frames() && next - accounted < MAX_IN_FLIGHT) {
            ((VirtualClock) clock).advanceTo(SimulatedRoom.frameNanos(next + 1));
            emit(next++);
        }
    }

    private void emit(int k) {
        long at = SimulatedRoom.frameNanos(k);
        var bus = vertx.eventBus();
        announceRobot(bus, at, SimulatedRoom.frameNanos(k + 1));
        bus.publish(Addresses.SPEAKER_AUDIO, new AudioFrame(at, SimulatedRoom.RATE, room.speaker(k)));
        bus.publish(Addresses.MIC_AUDIO, new AudioFrame(at, SimulatedRoom.RATE, room.microphone(k)));
    }
}
