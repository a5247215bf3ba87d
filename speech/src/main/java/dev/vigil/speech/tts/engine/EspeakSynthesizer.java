package dev.vigil.speech.tts.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Speech from the {@code espeak-ng} program, for languages flite cannot speak (e.g. {@code cmn},
 * Mandarin).
 *
 * <p>espeak-ng is GPL-3, so it is run as a separate program and never linked. Each call starts one
 * process; text goes in on stdin (never as an argument, so text starting with {@code -} cannot be
 * read as an option) and a WAV comes back on stdout. Safe to call from several threads: calls share
 * nothing but the stream-pumping threads.
 */
public final class EspeakSynthesizer {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    // espeak-ng's own rate; only used to label empty audio without starting the program.
    private static final int NOMINAL_RATE = 22_050;

    // Voice names and variants look like "cmn", "en-us", "en-us+f3", "mb/mb-en1".
    private static final Pattern VOICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_+/-]*");

    // Pipes must be drained while the program runs or it blocks on a full pipe; daemon threads so an
    // idle pool never keeps the JVM alive.
    private static final ExecutorService PUMPS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "espeak-ng-pipe");
        thread.setDaemon(true);
        return thread;
    });

    private final String program;
    private final Duration timeout;

    /** Runs {@code espeak-ng} from the PATH with a {@link #DEFAULT_TIMEOUT}. */
    public EspeakSynthesizer() {
        this("espeak-ng", DEFAULT_TIMEOUT);
    }

    /**
     * @param program the espeak-ng executable, a name on the PATH or a path
     * @param timeout how long one synthesis may take before the process is killed
     */
    public EspeakSynthesizer(String program, Duration timeout) {
        this.program = Objects.requireNonNull(program, "program");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("espeak-ng timeout must be positive, got " + timeout);
        }
    }

    /** Why the program cannot be used, as one line fit to show a user; empty when it can. */
    public Optional<String> unavailableReason() {
        try {
            run(List.of(program, "--version"), new byte[0]);
            return Optional.empty();
        } catch (SynthesisException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Synthesizes {@code text} with an espeak-ng voice such as {@code cmn} or {@code en-us}.
     *
     * @return mono 16-bit audio at espeak-ng's rate (22,050 Hz); empty for blank text
     * @throws IllegalArgumentException for a malformed voice name
     * @throws SynthesisException if the program is missing, fails, times out or returns no WAV
     */
    public SynthesizedAudio synthesize(String text, String voice) {
        if (voice == null || !VOICE_NAME.matcher(voice).matches()) {
            throw new IllegalArgumentException("invalid espeak-ng voice name '" + voice + "'");
        }
        if (text == null || text.isBlank()) {
            return SynthesizedAudio.empty(NOMINAL_RATE);
        }
        // -b 1: the text is UTF-8 whatever the locale says.
        byte[] wav = run(List.of(program, "-v", voice, "-b", "1", "--stdin", "--stdout"),
                text.getBytes(StandardCharsets.UTF_8));
        return parseWav(wav);
    }

    private byte[] run(List<String> command, byte[] stdin) {
        String what = String.join(" ", command.subList(0, Math.min(3, command.size())));
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new SynthesisException("espeak-ng is not available: cannot run '" + program
                    + "' (install the Debian package espeak-ng): "
                    + Optional.ofNullable(firstLine(e.getMessage())).orElse(e.toString()), e);
        }
        CompletableFuture<byte[]> stdout =
                CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()), PUMPS);
        CompletableFuture<byte[]> stderr =
                CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()), PUMPS);
        CompletableFuture.runAsync(() -> writeAll(process.getOutputStream(), stdin), PUMPS);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new SynthesisException(what + " timed out after " + timeout.toMillis() + " ms");
            }
            // The process has exited, so both pipes are at end of stream.
            byte[] out = stdout.get(5, TimeUnit.SECONDS);
            String err = new String(stderr.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new SynthesisException(what + " failed (exit " + process.exitValue() + "): "
                        + Optional.ofNullable(firstLine(err)).orElse("no error output"));
            }
            return out;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SynthesisException(what + " was interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new SynthesisException(
                    what + " output could not be read: " + firstLine(String.valueOf(e.getCause())), e);
        }
    }

    /**
     * Reads a PCM WAV of mono 16-bit samples. espeak-ng writes to a pipe before it knows the length,
     * so the RIFF and data sizes are placeholders; the data chunk is taken to end where the bytes do.
     */
    static SynthesizedAudio parseWav(byte[] wav) {
        ByteBuffer in = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < 12 || !"RIFF".equals(fourCc(in, 0)) || !"WAVE".equals(fourCc(in, 8))) {
            throw new SynthesisException("espeak-ng output is not a WAV file (" + wav.length + " bytes)");
        }
        int sampleRate = 0;
        int position = 12;
        while (position + 8 <= wav.length) {
            String id = fourCc(in, position);
            long declared = Integer.toUnsignedLong(in.getInt(position + 4));
            int body = position + 8;
            int size = (int) Math.min(declared, wav.length - body);
            if ("fmt ".equals(id)) {
                if (size < 16) {
                    throw new SynthesisException("espeak-ng WAV has a truncated fmt chunk");
                }
                int format = Short.toUnsignedInt(in.getShort(body));
                int channels = in.getShort(body + 2);
                int bits = in.getShort(body + 14);
                if (format != 1 || channels != 1 || bits != 16) {
                    throw new SynthesisException("espeak-ng WAV is format " + format + ", " + channels
                            + " channel(s), " + bits + " bits; expected PCM mono 16-bit");
                }
                sampleRate = in.getInt(body + 4);
            } else if ("data".equals(id)) {
                if (sampleRate <= 0) {
                    throw new SynthesisException("espeak-ng WAV has its data before a valid fmt chunk");
                }
                short[] samples = new short[size / 2];
                in.position(body);
                in.asShortBuffer().get(samples);
                return new SynthesizedAudio(samples, sampleRate);
            }
            // Chunks are padded to an even length.
            position = body + size + (size & 1);
        }
        throw new SynthesisException("espeak-ng WAV has no data chunk");
    }

    private static String fourCc(ByteBuffer in, int offset) {
        byte[] id = new byte[4];
        in.get(offset, id);
        return new String(id, StandardCharsets.US_ASCII);
    }

    private static byte[] readAll(InputStream stream) {
        try (stream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            stream.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeAll(OutputStream stream, byte[] bytes) {
        try (stream) {
            stream.write(bytes);
        } catch (IOException ignored) {
            // The program exited without reading its input (e.g. unknown voice); its exit status and
            // stderr explain why, so this broken pipe adds nothing.
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return null;
        }
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse(null);
    }
}
