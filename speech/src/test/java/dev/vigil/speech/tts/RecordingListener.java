package dev.vigil.speech.tts;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Records every listener call with when and on which thread it came; tests wait on it. */
final class RecordingListener implements TtsListener {

    sealed interface Event {
        String id();

        long nanos();
    }

    record Audio(String id, int chunkIndex, short[] samples, int sampleRate, String chunkText, long nanos,
                 Thread thread) implements Event {}

    record Done(String id, boolean cancelled, long nanos) implements Event {}

    record Failed(String id, String message, long nanos) implements Event {}

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstAudio = new CountDownLatch(1);
    private final Semaphore ends = new Semaphore(0);
    private final Consumer<Audio> onAudio;

    RecordingListener() {
        this(audio -> {});
    }

    /** @param onAudio runs inside each audio call, after it is recorded */
    RecordingListener(Consumer<Audio> onAudio) {
        this.onAudio = onAudio;
    }

    @Override
    public void audio(String utteranceId, int chunkIndex, short[] samples, int sampleRate, String chunkText) {
        Audio audio = new Audio(utteranceId, chunkIndex, samples, sampleRate, chunkText, System.nanoTime(),
                Thread.currentThread());
        events.add(audio);
        firstAudio.countDown();
        onAudio.accept(audio);
    }

    @Override
    public void done(String utteranceId, boolean cancelled) {
        events.add(new Done(utteranceId, cancelled, System.nanoTime()));
        ends.release();
    }

    @Override
    public void failed(String utteranceId, String message) {
        events.add(new Failed(utteranceId, message, System.nanoTime()));
        ends.release();
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    List<Audio> audio() {
        return events.stream().filter(Audio.class::isInstance).map(Audio.class::cast).toList();
    }

    List<Event> ends() {
        return events.stream().filter(e -> !(e instanceof Audio)).toList();
    }

    int audioCount() {
        return (int) events.stream().filter(Audio.class::isInstance).count();
    }

    long totalSamples() {
        return audio().stream().mapToLong(a -> a.samples().length).sum();
    }

    void awaitFirstAudio() throws InterruptedException {
        if (!firstAudio.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("no audio within 30 s: " + events);
        }
    }

    /** Waits until {@code count} utterances have ended (done or failed). */
    void awaitEnds(int count) throws InterruptedException {
        if (!ends.tryAcquire(count, 30, TimeUnit.SECONDS)) {
            throw new AssertionError("fewer than " + count + " utterances ended within 30 s: " + ends());
        }
        ends.release(count);
    }
}
