package dev.vigil.launch.replay;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.clock.Clock;
import dev.vigil.agent.clock.VirtualClock;
import dev.vigil.agent.clock.WorkInFlight;
import dev.vigil.agent.message.AudioDropped;
import dev.vigil.agent.message.AudioFrame;
import dev.vigil.agent.message.AudioProcessed;
import dev.vigil.agent.message.CameraFrame;
import dev.vigil.agent.message.ComponentError;
import dev.vigil.agent.message.InputRejected;
import dev.vigil.agent.runtime.ThreadPriority;
import dev.vigil.launch.Agent;
import dev.vigil.launch.video.FrameStream;
import dev.vigil.launch.video.VideoException;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.EventBus;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Plays the simulated room into the agent: for each 20 ms step, the loudspeaker frame first (so the
 * echo canceller has its reference before the echo arrives), then the microphone frame.
 * <p>
 * In real time it follows the wall clock and never waits for the agent, from a thread of its own at
 * the audio path's priority that hands frames straight to the agent (like a capture device does), so
 * a starved event loop cannot bunch the audio up. At full speed it advances the virtual clock one
 * frame at a time, and only when the agent is quiet: nothing in flight ({@link WorkInFlight}) and no
 * message sent since it last looked (a handler's message queues more handlers behind the replay's
 * own turn on the event loop). Everything a frame causes (a decision, a transcript, a pause, a reply
 * being synthesized) happens before the next frame, so a replay gives the same result on any machine
 * and on every run; the recogniser's partial results are part of it because a full-speed replay
 * decodes in lockstep ({@link LockstepAsr}).
 * Timers due before a frame's end (a false-interruption window, a question's expiry) fire first,
 * at their own time, and what they cause happens before the clock moves on.
 * <p>
 * The scenario's video, if any, is interleaved in time order: at full speed a camera frame due
 * within a step is published ({@code vigil.camera.frames}) in that step, before its audio, and the
 * step waits for quiet as ever; in real time a camera thread of its own (below the audio pacer's
 * priority) hands each frame to the agent when the wall
 * clock reaches it. Frames are read one at a time as they fall due (a decoder holds a few ahead),
 * stamped with their scenario time, which is the session time of a replay.
 */
final class ReplaySource extends AbstractVerticle {

    /** The camera as rejected-input counts name it. */
    static final String CAMERA_INPUT = "scenario:video";

    private final SimulatedRoom room;
    private final Speed speed;
    private final Clock clock;
    private final WorkInFlight work;
    private final Consumer<EventBus> observers;
    private final Agent agent;
    private Thread pacer;
    private volatile boolean stopped;
    private final Promise<Void> done = Promise.promise();
    /** Frames handed to the agent: written by the pacer thread in real time, else on the event loop. */
    private volatile int next;
    private int accounted;
    /** Set when the run is cut short ({@link #cut}): no more frames are sent. */
    private volatile boolean cut;
    /** Frames sent before the cut, once it took effect; until then the scenario's length. */
    private int last = -1;
    /** The scenario's camera, read as its frames fall due; null without video, or once it ended. */
    private FrameStream camera;
    /** The camera's next frame, read but not yet due; null when there is none. */
    private CameraFrame nextFrame;
    /** Messages sent on the bus so far: the replay's way to see handlers still to run. */
    private final AtomicLong messagesSent = new AtomicLong();

    /**
     * @param observers attached to the bus on this verticle's event loop, so that {@link #settled()}
     *                  can tell when they have seen everything published before it
     */
    ReplaySource(SimulatedRoom room, Speed speed, Clock clock, WorkInFlight work, Consumer<EventBus> observers,
                 Agent agent) {
        this.agent = agent;
        this.room = room;
        this.speed = speed;
        this.clock = clock;
        this.work = work;
        this.observers = observers;
    }

    /** Completes when every frame was sent, processed (or dropped), and the agent is idle. */
    Future<Void> done() {
        return done.future();
    }

    /**
     * Completes once the agent is quiet (see {@link #whenQuiet}): everything started so far, and
     * everything that caused in turn, has happened and reached the observers. The end of a run waits
     * for it, so that a final transcript or reply still on its way is in the report every time.
     */
    Future<Void> quiet() {
        Promise<Void> quiet = Promise.promise();
        whenQuiet(quiet::complete);
        return quiet.future();
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
        bus.addOutboundInterceptor(delivery -> {
            delivery.next();
            // Counted once its deliveries are queued, never before: a check that sees the count
            // (whenQuiet reads it on a worker's thread) is then queued behind the handlers. Counted
            // first, a check could slip in ahead of them and move the clock on before they ran.
            messagesSent.incrementAndGet();
        });
        openCamera();
        if (speed == Speed.REALTIME) {
            pacer = new Thread(this::pace, "vigil-replay-clock");
            pacer.setDaemon(true);
            pacer.start();
            if (nextFrame != null) {
                // A camera of its own, like a real one: decoding or drawing a 720p frame must not hold
                // up the audio pacer, which runs at the audio path's priority.
                Thread camera = new Thread(this::paceCamera, "vigil-replay-camera");
                camera.setDaemon(true);
                camera.start();
            }
        } else {
            whenQuiet(this::step);
        }
    }

    private void account() {
        if (++accounted == framesToSend()) {
            work.whenIdle(() -> context.runOnContext(v -> done.tryComplete()));
        }
    }

    private int framesToSend() {
        return last >= 0 ? last : room.frames();
    }

    /**
     * Ends the replay early (any thread): no frame is sent after the one in progress, and {@link #done()}
     * completes once the frames already sent are processed and the agent is idle, as at the scenario's end.
     */
    void cut() {
        cut = true;
        if (done.future().isComplete()) {
            return;   // played to the end already; the agent may be stopping
        }
        Thread paced = pacer;
        if (paced != null) {
            try {
                paced.join(1000);   // it sleeps 20 ms at most between frames
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        context.runOnContext(v -> {
            last = next;
            if (accounted >= last) {
                work.whenIdle(() -> context.runOnContext(w -> done.tryComplete()));
            }
        });
    }

    /** Frames sent to the agent: the whole scenario, or up to the cut. */
    int framesSent() {
        return next;
    }

    /** Real time: every frame whose end has passed on the wall clock, drift-free however late the thread wakes. */
    private void pace() {
        ThreadPriority.setNice(ThreadPriority.AUDIO_NICE);
        try {
            while (next < room.frames() && !stopped && !cut) {
                long due = SimulatedRoom.frameNanos(next + 1) - clock.nanos();
                if (due > 0) {
                    Thread.sleep(due / 1_000_000, (int) (due % 1_000_000));
                    continue;
                }
                int k = next++;
                long at = SimulatedRoom.frameNanos(k);
                agent.played(new AudioFrame(at, SimulatedRoom.RATE, room.speaker(k)));
                agent.hear(new AudioFrame(at, SimulatedRoom.RATE, room.microphone(k)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Real time: hands the agent each camera frame when the wall clock reaches its time. */
    private void paceCamera() {
        try {
            while (nextFrame != null && !stopped && !cut) {
                long due = nextFrame.captureNanos() - clock.nanos();
                if (due > 0) {
                    Thread.sleep(due / 1_000_000, (int) (due % 1_000_000));
                    continue;
                }
                agent.see(nextFrame);
                readFrame();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeCamera();
        }
    }

    @Override
    public void stop() {
        stopped = true;
        if (pacer == null) {
            closeCamera();   // at full speed the camera is read on this verticle's event loop only
        }
        // In real time the camera thread closes it when it sees the stop.
    }

    private void openCamera() {
        try {
            camera = room.camera(problem -> vertx.eventBus().publish(Addresses.INPUT_REJECTED,
                    new InputRejected(CAMERA_INPUT, "unreadable_frame", problem)));
        } catch (VideoException e) {
            cameraFailed(e);
        }
        readFrame();
    }

    /** Reads the camera's next frame into {@link #nextFrame}; none after the scenario's last audio frame. */
    private void readFrame() {
        nextFrame = null;
        if (camera == null) {
            return;
        }
        try {
            CameraFrame frame = camera.next();
            if (frame != null && frame.captureNanos() < SimulatedRoom.frameNanos(room.frames())) {
                nextFrame = frame;
            } else {
                closeCamera();
            }
        } catch (VideoException e) {
            cameraFailed(e);
        }
    }

    private void cameraFailed(VideoException e) {
        closeCamera();
        vertx.eventBus().publish(Addresses.ERRORS, new ComponentError("camera", e.getMessage(), clock.nanos()));
    }

    private void closeCamera() {
        if (camera != null) {
            camera.close();
            camera = null;
        }
    }

    /**
     * Runs {@code action} on the event loop once the agent is quiet: nothing in flight, and no message
     * sent since nothing was (it looks again, behind every delivery queued so far, until both hold).
     */
    private void whenQuiet(Runnable action) {
        work.whenIdle(() -> {
            long seen = messagesSent.get();
            context.runOnContext(v -> {
                if (work.idle() && messagesSent.get() == seen) {
                    action.run();
                } else {
                    // A handler that ran meanwhile started work, or sent messages whose handlers are
                    // queued behind this one: look again once they have run.
                    whenQuiet(action);
                }
            });
        });
    }

    private void step() {
        if (next >= room.frames() || cut) {
            return;
        }
        VirtualClock virtual = (VirtualClock) clock;
        long frameEnd = SimulatedRoom.frameNanos(next + 1);
        OptionalLong due = virtual.nextDue();
        if (due.isPresent() && due.getAsLong() <= frameEnd) {
            // Timers due in this frame fire first, at their own time (a timer's task counts as work in
            // flight until it has run); what they cause settles before the clock moves on.
            virtual.advanceTo(Math.max(due.getAsLong(), virtual.nanos()));
        } else {
            virtual.advanceTo(frameEnd);
            emit(next++);
        }
        whenQuiet(this::step);
    }

    private void emit(int k) {
        long at = SimulatedRoom.frameNanos(k);
        var bus = vertx.eventBus();
        while (nextFrame != null && nextFrame.captureNanos() < SimulatedRoom.frameNanos(k + 1)) {
            bus.publish(Addresses.CAMERA_FRAMES, nextFrame);
            readFrame();
        }
        bus.publish(Addresses.SPEAKER_AUDIO, new AudioFrame(at, SimulatedRoom.RATE, room.speaker(k)));
        bus.publish(Addresses.MIC_AUDIO, new AudioFrame(at, SimulatedRoom.RATE, room.microphone(k)));
    }
}
