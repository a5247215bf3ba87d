package dev.vigil.speech.tts;

import dev.vigil.agent.runtime.ThreadPriority;
import dev.vigil.speech.tts.engine.SynthesisException;
import dev.vigil.speech.tts.engine.SynthesizedAudio;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * What every chunk-at-a-time engine shares: the queue that runs one utterance at a time on the
 * caller's pool, chunking, cancellation and delivery. An engine only turns a chunk into audio.
 */
final class ChunkedSpeaker {

    /** Turns one chunk of text into audio. */
    @FunctionalInterface
    interface ChunkEngine {
        /**
         * @param keepGoing false once the utterance is cancelled; an engine that can stop early
         *                  polls it, and the worker is interrupted in case the engine is blocked
         */
        SynthesizedAudio synthesize(String chunk, BooleanSupplier keepGoing);
    }

    private static final System.Logger LOG = System.getLogger(ChunkedSpeaker.class.getName());

    private final String name;
    private final ChunkEngine engine;
    private final TextChunker chunker;
    private final Executor executor;

    private final Object lock = new Object();
    private final ArrayDeque<Utterance> queue = new ArrayDeque<>(); // lock
    private Utterance current; // lock
    private boolean draining; // lock; a drain task is submitted or running
    private boolean closed; // lock

    ChunkedSpeaker(String name, ChunkEngine engine, TextChunker chunker, Executor executor) {
        this.name = Objects.requireNonNull(name, "name");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.chunker = Objects.requireNonNull(chunker, "chunker");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    Synthesis speak(String utteranceId, String text, TtsListener listener) {
        Utterance utterance = new Utterance(
                Objects.requireNonNull(utteranceId, "utteranceId"),
                Objects.requireNonNull(text, "text"),
                Objects.requireNonNull(listener, "listener"));
        boolean startDrain;
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException(name + " is closed");
            }
            queue.add(utterance);
            startDrain = !draining;
            draining = true;
        }
        if (startDrain) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // Nowhere else to report it: the pool is full or shut down, so no worker will run.
                List<Utterance> stranded;
                synchronized (lock) {
                    draining = false;
                    stranded = new ArrayList<>(queue);
                    queue.clear();
                }
                String message = name + ": the worker pool rejected the utterance (" + oneLine(e) + ")";
                stranded.forEach(u -> u.finish(new Ending.Failed(message)));
            }
        }
        return utterance;
    }

    void close() {
        List<Utterance> toCancel;
        synchronized (lock) {
            closed = true;
            toCancel = new ArrayList<>(queue);
            if (current != null) {
                toCancel.add(0, current);
            }
        }
        // Outside the lock: cancel waits for an audio call in progress, which may call speak().
        toCancel.forEach(Utterance::cancel);
    }

    private void drain() {
        boolean exitedNormally = false;
        try {
            while (true) {
                Utterance utterance;
                synchronized (lock) {
                    utterance = queue.poll();
                    current = utterance;
                    if (utterance == null) {
                        draining = false;
                        exitedNormally = true;
                        return;
                    }
                }
                Ending ending;
                try {
                    ending = speakAll(utterance);
                } catch (RuntimeException e) {
                    ending = new Ending.Failed(name + ": " + oneLine(e)); // a bug here must not silence the listener
                }
                utterance.finish(ending);
            }
        } finally {
            if (!exitedNormally) {
                // An Error escaped; let the next speak() start a fresh drain rather than hang forever.
                synchronized (lock) {
                    draining = false;
                    current = null;
                }
            }
        }
    }

    private Ending speakAll(Utterance utterance) {
        if (utterance.cancelled()) {
            return new Ending.Stopped();
        }
        List<String> chunks = chunker.split(utterance.text);
        for (int index = 0; index < chunks.size(); index++) {
            if (utterance.cancelled()) {
                return new Ending.Stopped();
            }
            String chunk = chunks.get(index);
            SynthesizedAudio audio;
            utterance.enterEngine();
            try {
                audio = engine.synthesize(chunk, () -> !utterance.cancelled());
            } catch (RuntimeException | LinkageError e) {
                return utterance.cancelled() ? new Ending.Stopped() : new Ending.Failed(describe(e));
            } finally {
                utterance.leaveEngine();
            }
            if (audio.isEmpty()) {
                continue; // flite has nothing to say for text in a script it cannot read
            }
            try {
                if (!utterance.deliver(index, audio, chunk)) {
                    return new Ending.Stopped();
                }
            } catch (RuntimeException e) {
                return new Ending.Failed(name + ": listener failed in audio(): " + oneLine(e));
            }
        }
        return new Ending.Spoken();
    }

    private String describe(Throwable failure) {
        // The engines' own exceptions already read as a sentence about the engine.
        if (failure instanceof SynthesisException) {
            String line = firstLine(failure.getMessage());
            return line != null ? line : name + ": speech engine failed";
        }
        return name + ": " + oneLine(failure);
    }

    static String oneLine(Throwable failure) {
        String line = firstLine(failure.getMessage());
        return failure.getClass().getSimpleName() + (line == null ? "" : ": " + line);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return null;
        }
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse(null);
    }

    /** How an utterance ended, as the worker saw it. */
    private sealed interface Ending {
        record Spoken() implements Ending {}

        record Stopped() implements Ending {}

        record Failed(String message) implements Ending {}
    }

    private static final class Utterance implements Synthesis {

        final String id;
        final String text;
        final TtsListener listener;

        // Held around every listener call and around cancel()'s flip of the flag, so that once
        // cancel() returns no audio call is in progress and none can start.
        private final ReentrantLock delivery = new ReentrantLock();
        private volatile boolean cancelled;
        private boolean ended; // delivery
        private Thread engineThread; // delivery; the worker while it is inside the engine
        private boolean interruptedByCancel; // delivery

        Utterance(String id, String text, TtsListener listener) {
            this.id = id;
            this.text = text;
            this.listener = listener;
        }

        @Override
        public void cancel() {
            delivery.lock();
            try {
                if (ended || cancelled) {
                    return;
                }
                cancelled = true;
                if (engineThread != null) {
                    // Frees a worker blocked in the engine (espeak-ng's process is killed on
                    // interrupt); flite polls keepGoing instead and ignores it.
                    engineThread.interrupt();
                    interruptedByCancel = true;
                }
            } finally {
                delivery.unlock();
            }
        }

        @Override
        public boolean cancelled() {
            return cancelled;
        }

        @Override
        public String utteranceId() {
            return id;
        }

        void enterEngine() {
            // The first chunk's synthesis is part of the user's wait for a reply.
            ThreadPriority.ensureNice(ThreadPriority.DECISION_NICE);
            delivery.lock();
            try {
                engineThread = Thread.currentThread();
            } finally {
                delivery.unlock();
            }
        }

        void leaveEngine() {
            boolean clearInterrupt;
            delivery.lock();
            try {
                engineThread = null;
                clearInterrupt = interruptedByCancel;
                interruptedByCancel = false;
            } finally {
                delivery.unlock();
            }
            if (clearInterrupt) {
                // The pool's thread must not carry our interrupt into its next task.
                Thread.interrupted();
            }
        }

        boolean deliver(int index, SynthesizedAudio audio, String chunkText) {
            delivery.lock();
            try {
                if (cancelled) {
                    return false;
                }
                listener.audio(id, index, audio.samples(), audio.sampleRate(), chunkText);
                return true;
            } finally {
                delivery.unlock();
            }
        }

        void finish(Ending ending) {
            delivery.lock();
            try {
                if (ended) {
                    return;
                }
                ended = true;
                // A cancelled utterance reads as cancelled even if the engine failed while stopping:
                // the caller no longer wants it either way.
                if (cancelled) {
                    listener.done(id, true);
                } else if (ending instanceof Ending.Failed failed) {
                    listener.failed(id, failed.message());
                } else {
                    listener.done(id, false);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "TTS listener threw on the end of utterance '" + id + "': " + oneLine(e), e);
            } finally {
                delivery.unlock();
            }
        }
    }
}
