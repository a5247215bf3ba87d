package dev.vigil.policy.watch;

import dev.vigil.agent.message.Observation;
import dev.vigil.agent.message.SceneObservations;
import dev.vigil.agent.message.WatchUpdate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The session's watches and their judgement of what the camera shows. Made from speech by the
 * cascade (on the model's worker), by configuration and by the Java API; judged by the
 * {@link WatchVerticle} on its event loop. Thread-safe (one lock, never held while calling out).
 * <p>
 * <b>Judging.</b> Each sampled frame's observations from a watch's engine are judged by its
 * condition; it fires when the condition held in {@code debounceFrames} consecutive frames of that
 * engine with a mean score of at least {@code minScore}. A frame where it does not hold starts the
 * count again. It then ends, unless it repeats: a repeating watch fires again once the condition has
 * stopped holding and comes back.
 */
public final class WatchBook {

    /**
     * A change to the book, for whoever publishes it.
     *
     * @param sinceNanos for a firing, the capture time of the first frame of the run in which the
     *                   condition held ({@link Firing#sinceNanos()}); else {@code atNanos}
     */
    public record Change(String kind, Watch watch, long atNanos, long sinceNanos) {

        /** A change that is no firing. */
        public Change(String kind, Watch watch, long atNanos) {
            this(kind, watch, atNanos, atNanos);
        }
    }

    /**
     * A watch whose condition held long enough in the frame captured at {@code atNanos}, having held
     * in every frame of its engine since the one captured at {@code sinceNanos} (session time; the
     * first frame that showed it, as vision saw it).
     */
    public record Firing(Watch watch, long atNanos, long sinceNanos, double score) {
    }

    private static final class State {
        final Watch watch;
        int held;
        /** Capture time of the first frame of the current run of frames in which the condition held. */
        long heldSinceNanos;
        double scoreSum;
        boolean fired;
        boolean judged;
        int lowest = Integer.MAX_VALUE;
        int highest;

        State(Watch watch) {
            this.watch = watch;
        }
    }

    private final WatchSettings settings;
    /** For {@link #add}: a watch that lasts until it fires or is taken back (configured ones). */
    public static final long NEVER = -1;

    /**
     * A book with standing watches made from requests in words (configuration), at session time 0,
     * never expiring.
     *
     * @throws IllegalArgumentException a request the reader does not understand as a watch
     */
    public static WatchBook withRequests(WatchSettings settings, List<String> requests) {
        WatchBook book = new WatchBook(settings);
        for (String request : requests) {
            WatchRequests.Create create = WatchRequests.read(request).filter(WatchRequests.Create.class::isInstance)
                    .map(WatchRequests.Create.class::cast)
                    .orElseThrow(() -> new IllegalArgumentException("not a watch request: " + request));
            book.add(request, create.condition(), create.alert(), 0, NEVER, true, false);
        }
        return book;
    }

    /** Every watch the session made, active or ended, for reports; the oldest are forgotten past this. */
    static final int HISTORY = 1000;
    private final Map<String, State> active = new LinkedHashMap<>();
    private final java.util.ArrayDeque<Watch> history = new java.util.ArrayDeque<>();
    private int created;
    private final List<Consumer<Change>> listeners = new ArrayList<>();

    public WatchBook(WatchSettings settings) {
        this.settings = settings;
    }

    public WatchSettings settings() {
        return settings;
    }

    /** Called with every change, on the thread that made it; must not block. */
    public synchronized void onChange(Consumer<Change> listener) {
        listeners.add(listener);
    }

    /**
     * Adds a watch.
     *
     * @param text       the request as said or configured
     * @param alert      what to say when it fires
     * @param nowNanos   session time
     * @param forNanos   how long it lasts unfired; 0: the settings' expiry; {@link #NEVER}: it never expires
     * @return the watch made
     */
    public Watch add(String text, Condition condition, String alert, long nowNanos, long forNanos, boolean interrupts,
                     boolean repeat) {
        long lasts = forNanos == NEVER ? 0 : forNanos > 0 ? forNanos : Math.round(settings.expirySeconds() * 1e9);
        Watch watch;
        synchronized (this) {
            watch = new Watch("w" + ++created, text, condition, alert, nowNanos,
                    lasts == 0 ? Long.MAX_VALUE : nowNanos + lasts, interrupts, repeat);
            active.put(watch.id(), new State(watch));
            if (history.size() == HISTORY) {
                history.removeFirst();
            }
            history.addLast(watch);
        }
        tell(new Change(WatchUpdate.CREATED, watch, nowNanos));
        return watch;
    }

    /** Every watch made (at most the last {@value #HISTORY}), active or ended, oldest first. */
    public synchronized List<Watch> all() {
        return List.copyOf(history);
    }

    /** The active watches, oldest first. */
    public synchronized List<Watch> list() {
        return active.values().stream().map(s -> s.watch).toList();
    }

    /** Ends watch {@code id}; empty if there is no such active watch. */
    public Optional<Watch> cancel(String id, long nowNanos) {
        State removed;
        synchronized (this) {
            removed = active.remove(id);
        }
        if (removed == null) {
            return Optional.empty();
        }
        tell(new Change(WatchUpdate.CANCELLED, removed.watch, nowNanos));
        return Optional.of(removed.watch);
    }

    /**
     * The active watches a spoken reference picks out ("the door", "floor 16", "the light", "the
     * elevator"): those sharing a word of meaning with their request or condition; every one for
     * "everything", "all", "it" when only one is active.
     */
    public synchronized List<Watch> matching(String reference) {
        Set<String> words = WatchRequests.meaningful(reference);
        List<Watch> all = list();
        if (words.isEmpty() || words.contains("everything") || words.contains("all") || words.contains("anything")) {
            return words.isEmpty() && all.size() != 1 ? List.of() : all;
        }
        List<Watch> found = new ArrayList<>();
        for (Watch w : all) {
            Set<String> theirs = WatchRequests.meaningful(w.text() + " " + w.condition().describe()
                    + (w.condition() instanceof Condition.TextShown t && t.target().matches("[0-9A-Z]{1,4}")
                    ? " floor elevator lift display" : ""));
            if (theirs.stream().anyMatch(words::contains)) {
                found.add(w);
            }
        }
        return found;
    }

    /** Ends every watch whose expiry has come; returns them. */
    public List<Watch> expire(long nowNanos) {
        List<Watch> ended = new ArrayList<>();
        synchronized (this) {
            active.values().removeIf(s -> {
                if (s.watch.expiresNanos() <= nowNanos) {
                    ended.add(s.watch);
                    return true;
                }
                return false;
            });
        }
        ended.forEach(w -> tell(new Change(WatchUpdate.EXPIRED, w, nowNanos)));
        return ended;
    }

    /** Judges one engine's observations of one frame; returns the watches that fire on it. */
    public List<Firing> judge(SceneObservations scene) {
        List<Firing> firings = new ArrayList<>();
        List<Watch> ended = new ArrayList<>();
        synchronized (this) {
            for (State s : active.values()) {
                Condition c = s.watch.condition();
                if (!c.engine().equals(scene.engine()) || scene.captureNanos() < s.watch.createdNanos()) {
                    continue;
                }
                List<Observation> seen = scene.observations();
                int baseline = switch (c.baseline()) {
                    case NONE -> 0;
                    case LOWEST -> s.lowest;
                    case HIGHEST -> s.highest;
                };
                boolean first = !s.judged;
                s.judged = true;
                double score = first && c.baseline() != Condition.Baseline.NONE ? 0 : c.holds(seen, baseline);
                int count = c.count(seen);
                s.lowest = Math.min(s.lowest, count);
                s.highest = Math.max(s.highest, count);
                if (score <= 0) {
                    s.held = 0;
                    s.scoreSum = 0;
                    s.fired = false;   // a repeating watch may fire again when it comes back
                    continue;
                }
                if (s.held++ == 0) {
                    s.heldSinceNanos = scene.captureNanos();
                }
                s.scoreSum += score;
                if (s.fired || s.held < settings.debounceFrames()) {
                    continue;
                }
                double mean = s.scoreSum / s.held;
                if (mean < settings.minScore()) {
                    continue;
                }
                s.fired = true;
                firings.add(new Firing(s.watch, scene.captureNanos(), s.heldSinceNanos, mean));
                if (!s.watch.repeat()) {
                    ended.add(s.watch);
                }
            }
            ended.forEach(w -> active.remove(w.id()));
        }
        firings.forEach(f -> tell(new Change(WatchUpdate.FIRED, f.watch(), f.atNanos(), f.sinceNanos())));
        return firings;
    }

    private void tell(Change change) {
        List<Consumer<Change>> to;
        synchronized (this) {
            to = List.copyOf(listeners);
        }
        to.forEach(l -> l.accept(change));
    }
}
