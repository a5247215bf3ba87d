package dev.vigil.speech.playback;

import dev.vigil.agent.audio.PcmAudio;
import dev.vigil.agent.audio.Resampler;
import dev.vigil.agent.message.UtterancePlayed;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What the robot is about to say, as audio, and what it has said. Synthesis appends chunks
 * ({@link #enqueue}) as they are made; the output pulls fixed frames ({@link #pull}) at the pace of
 * the device or the replay clock; {@link #pause} holds everything where it is (the output plays
 * silence, the queue and the position in the current chunk are kept, synthesis may go on filling
 * the queue) until {@link #resume}; {@link #flush} empties everything at once. Because every sample
 * is tagged with its utterance and chunk, the robot's turn can be truncated to the words that really
 * left the loudspeaker. Every utterance begun is reported ended exactly once, also when none of it
 * played. Thread-safe: producer, puller and flusher are different threads.
 */
public final class Loudspeaker {

    /** What the loudspeaker tells the rest of the agent. Called on the pulling or flushing thread. */
    public interface Listener {
        /** The first sample of an utterance was played. */
        void started(String utteranceId, String text, long atNanos);

        /**
         * An utterance ended: played to its end, or cut, or dropped before any of it played (then
         * {@code playedMillis} is 0 and {@link #started} was never called for it).
         */
        void ended(UtterancePlayed played);

        /** Playback of a started utterance was paused; its last sample played ended at {@code lastSampleNanos}. */
        default void paused(String utteranceId, long lastSampleNanos) {
        }

        /** The paused utterance plays on; its next sample plays at {@code atNanos}. */
        default void resumed(String utteranceId, long atNanos) {
        }
    }

    private record Chunk(String utteranceId, String text, short[] samples) {
    }

    /** Bookkeeping for the utterance being played. */
    private static final class Playing {
        final String id;
        final String text;
        final long startNanos;
        final StringBuilder playedText = new StringBuilder();
        long playedSamples;

        Playing(String id, String text, long startNanos) {
            this.id = id;
            this.text = text;
            this.startNanos = startNanos;
        }
    }

    private final int rate;
    private final Listener listener;
    private final Deque<Chunk> queue = new ArrayDeque<>();
    /** Full text per utterance id, in the order they were begun, and which have all their chunks queued. */
    private final java.util.Map<String, String> texts = new java.util.LinkedHashMap<>();
    private final java.util.Set<String> complete = new java.util.HashSet<>();
    private Chunk current;
    private int position;
    private Playing playing;
    private long lastSampleNanos;
    /** Session time of the latest pull: "now" for the loudspeaker. */
    private long lastPullNanos;
    private boolean paused;
    /** Paused in the middle of an utterance: its next sample announces that it plays on. */
    private boolean resuming;

    /** @param sampleRate the output rate; chunks at other rates are resampled on the way in */
    public Loudspeaker(int sampleRate, Listener listener) {
        this.rate = sampleRate;
        this.listener = listener;
    }

    public int sampleRate() {
        return rate;
    }

    /** Announces an utterance and its whole text before its audio arrives. */
    public synchronized void begin(String utteranceId, String text) {
        texts.put(utteranceId, text);
    }

    /** Appends a chunk of an utterance; {@code chunkText} is the words it holds. */
    public synchronized void enqueue(String utteranceId, String chunkText, short[] samples, int sampleRate) {
        if (!texts.containsKey(utteranceId)) {
            return;   // flushed (or never begun): late audio of a cancelled utterance is dropped
        }
        short[] pcm = sampleRate == rate ? samples : resample(samples, sampleRate, rate);
        queue.addLast(new Chunk(utteranceId, chunkText, pcm));
    }

    /**
     * All chunks of the utterance are queued: once they are played, it has ended. One with no audio
     * at all (its synthesis failed or said nothing) ends here, unplayed.
     */
    public void complete(String utteranceId) {
        UtterancePlayed unplayed = null;
        synchronized (this) {
            if (!texts.containsKey(utteranceId)) {
                return;
            }
            complete.add(utteranceId);
            boolean hasAudio = (playing != null && playing.id.equals(utteranceId))
                    || queue.stream().anyMatch(c -> c.utteranceId().equals(utteranceId));
            if (!hasAudio) {
                unplayed = unplayed(utteranceId, texts.remove(utteranceId), lastPullNanos);
                complete.remove(utteranceId);
            }
        }
        if (unplayed != null) {
            listener.ended(unplayed);
        }
    }

    /**
     * Holds playback: from the next pull the output is silence, and everything queued (the current
     * chunk's position included) waits for {@link #resume}. Does nothing if already paused.
     */
    public void pause() {
        String id;
        long last;
        synchronized (this) {
            if (paused) {
                return;
            }
            paused = true;
            resuming = playing != null;
            id = playing == null ? null : playing.id;
            last = lastSampleNanos;
        }
        if (id != null) {
            listener.paused(id, last);
        }
    }

    /** Plays on from where {@link #pause} held it, at the next pull. Does nothing if not paused. */
    public synchronized void resume() {
        paused = false;
    }

    /** True between {@link #pause} and {@link #resume} (or a flush). */
    public synchronized boolean paused() {
        return paused;
    }

    /** True while anything is queued or playing. */
    public synchronized boolean busy() {
        return current != null || !queue.isEmpty() || playing != null;
    }

    /**
     * The next {@code frame.length} samples to play, written into {@code frame} (silence when idle).
     *
     * @param atNanos session time at which the frame's first sample plays
     */
    public void pull(short[] frame, long atNanos) {
        List<Runnable> events = new ArrayList<>(2);
        synchronized (this) {
            lastPullNanos = atNanos;
            if (paused) {
                java.util.Arrays.fill(frame, (short) 0);
                return;
            }
            int filled = 0;
            while (filled < frame.length) {
                if (current == null) {
                    current = queue.pollFirst();
                    position = 0;
                    if (current == null) {
                        break;
                    }
                    if (playing == null || !playing.id.equals(current.utteranceId())) {
                        endPlaying(atNanos + nanos(filled), false, events);
                        Playing started = new Playing(current.utteranceId(), texts.get(current.utteranceId()),
                                atNanos + nanos(filled));
                        playing = started;
                        resuming = false;
                        events.add(() -> listener.started(started.id, started.text, started.startNanos));
                    }
                }
                if (resuming) {
                    // The first sample after a pause, of the utterance the pause held.
                    resuming = false;
                    String id = playing.id;
                    long at = atNanos + nanos(filled);
                    events.add(() -> listener.resumed(id, at));
                }
                int n = Math.min(frame.length - filled, current.samples().length - position);
                System.arraycopy(current.samples(), position, frame, filled, n);
                position += n;
                filled += n;
                playing.playedSamples += n;
                if (position == current.samples().length) {
                    appendWords(playing.playedText, current.text());
                    current = null;
                }
            }
            java.util.Arrays.fill(frame, filled, frame.length, (short) 0);
            if (filled > 0) {
                lastSampleNanos = atNanos + nanos(filled);
            }
            if (current == null && playing != null && complete.contains(playing.id)
                    && queue.stream().noneMatch(c -> c.utteranceId().equals(playing.id))) {
                endPlaying(lastSampleNanos, false, events);
            }
        }
        events.forEach(Runnable::run);
    }

    /**
     * Stops at once: drops everything queued, reports the utterance in progress as truncated and the
     * ones that had not started as unplayed, and ends a pause.
     *
     * @return the cut utterance, or null if nothing was playing
     */
    public UtterancePlayed flush(long atNanos) {
        List<Runnable> events = new ArrayList<>(1);
        UtterancePlayed cut;
        synchronized (this) {
            if (current != null && playing != null && position > 0) {
                // The share of the chunk's words that was heard, rounded down: never claim unsaid words.
                String[] words = current.text().trim().split("\\s+");
                int heard = (int) Math.floor(words.length * (double) position / current.samples().length);
                appendWords(playing.playedText, String.join(" ", java.util.Arrays.copyOf(words, heard)));
            }
            cut = playing == null ? null : report(playing, lastSampleNanos, true);
            if (cut != null) {
                events.add(() -> listener.ended(cut));
            }
            for (var waiting : texts.entrySet()) {
                if (playing == null || !playing.id.equals(waiting.getKey())) {
                    UtterancePlayed dropped = unplayed(waiting.getKey(), waiting.getValue(), atNanos);
                    events.add(() -> listener.ended(dropped));
                }
            }
            paused = false;
            resuming = false;
            playing = null;
            current = null;
            queue.clear();
            texts.clear();
            complete.clear();
        }
        events.forEach(Runnable::run);
        return cut;
    }

    private void endPlaying(long atNanos, boolean truncated, List<Runnable> events) {
        if (playing != null) {
            UtterancePlayed done = report(playing, atNanos, truncated);
            texts.remove(playing.id);
            complete.remove(playing.id);
            playing = null;
            events.add(() -> listener.ended(done));
        }
    }

    private UtterancePlayed report(Playing p, long endNanos, boolean truncated) {
        return new UtterancePlayed(p.id, p.text == null ? "" : p.text, p.playedText.toString().trim(), p.startNanos,
                Math.max(p.startNanos, endNanos), p.playedSamples * 1000 / rate, truncated);
    }

    private static UtterancePlayed unplayed(String id, String text, long atNanos) {
        return new UtterancePlayed(id, text == null ? "" : text, "", atNanos, atNanos, 0, true);
    }

    private long nanos(int samples) {
        return samples * 1_000_000_000L / rate;
    }

    private static void appendWords(StringBuilder into, String words) {
        if (!words.isBlank()) {
            if (into.length() > 0) {
                into.append(' ');
            }
            into.append(words.trim());
        }
    }

    private static short[] resample(short[] samples, int from, int to) {
        float[] out = Resampler.resample(PcmAudio.ofPcm16(samples, from).samples(), from, to);
        return new PcmAudio(to, 1, out).toPcm16();
    }
}
