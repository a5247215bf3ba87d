package dev.vigil.launch;

import dev.vigil.agent.audio.AudioFormatException;
import dev.vigil.agent.audio.WavFile;
import dev.vigil.agent.measure.Summary;
import dev.vigil.agent.vocabulary.Vocabulary;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.models.ModelCatalog;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.speech.asr.SpeechCorpus;
import dev.vigil.speech.asr.WordErrorRate;
import dev.vigil.speech.asr.whisper.Transcription;
import dev.vigil.speech.asr.whisper.WhisperAsr;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code vigil bench whisper}: word error rate and decode time of {@link WhisperAsr} on real
 * recordings (Debian's {@code pocketsphinx-testdata}): the five LibriVox clips, scored against their
 * transcripts, then the {@code cards} clips and {@code goforward.raw} transcribed. Every clip is
 * decoded once to warm up and then {@code runs} times; times are medians, because the machine may be
 * shared (the load average is printed before and after). Acceptance: overall LibriVox WER ≤ 10 %.
 */
final class WhisperBench {

    /** Where Debian's {@code pocketsphinx-testdata} puts its recordings. */
    static final Path DEFAULT_CORPUS = Path.of("/usr/share/pocketsphinx/test/data");
    static final double ACCEPTED_WER = 0.10;

    /** One clip's figures over all measured runs. */
    record ClipResult(String id, double audioSeconds, String reference, Transcription last, Summary decodeMillis,
                      boolean sameTextEveryRun) {

        WordErrorRate wer() {
            return WordErrorRate.of(reference, last.text());
        }
    }

    /** What the bench measured. */
    record Result(double openMillis, List<ClipResult> libriVox, List<ClipResult> cards, ClipResult goForward,
                  WordErrorRate overall) {

        boolean accepted() {
            return overall.rate() <= ACCEPTED_WER;
        }
    }

    private final Path corpus;
    private final int runs;
    private final int threads;
    private final PrintStream out;
    private double openMillis;

    WhisperBench(Path corpus, int runs, int threads, PrintStream out) {
        this.corpus = corpus;
        this.runs = runs;
        this.threads = threads;
        this.out = out;
    }

    Result run() throws Exception {
        Path libriVoxFile = corpus.resolve("librivox/transcription");
        if (!Files.isRegularFile(libriVoxFile)) {
            throw new SetupException(libriVoxFile + ": no such file (install the Debian package pocketsphinx-testdata,"
                    + " or point --corpus at its test/data directory)");
        }
        EngineOptions options = EngineOptions.defaults().withIntraOpThreads(threads);
        String loadAtStart = loadAverage();
        long opening = System.nanoTime();
        try (WhisperAsr whisper = WhisperAsr.open(ModelCatalog.load(), ModelStore.fromEnvironment(), options,
                Vocabulary.builtIn().promptText())) {
            // From the cache: the store hashes the 75 MB file, then ONNX Runtime builds the session.
            openMillis = (System.nanoTime() - opening) / 1e6;
            out.printf(Locale.ROOT, "bench whisper: model %s opened in %.0f ms, %d intra-op thread%s, %d runs after"
                            + " 1 warm-up, %d cores, load %s (1, 5, 15 min)%n", WhisperAsr.MODEL, openMillis, threads,
                    threads == 1 ? "" : "s", runs, Runtime.getRuntime().availableProcessors(), loadAtStart);

            List<ClipResult> libriVox = measure(whisper, SpeechCorpus.read(libriVoxFile));
            out.printf("%nLibriVox (%s):%n", libriVoxFile);
            WordErrorRate overall = new WordErrorRate(0, 0);
            for (ClipResult c : libriVox) {
                WordErrorRate wer = c.wer();
                overall = overall.plus(wer);
                out.printf(Locale.ROOT, "  %s  %.2f s  WER %d/%d  decode median %.0f ms (p95 %.0f)  %.1fx real time%s%n"
                                + "    ref: %s%n    hyp: %s%n", c.id(), c.audioSeconds(), wer.errors(), wer.referenceWords(),
                        c.decodeMillis().median(), c.decodeMillis().p95(), 1000 * c.audioSeconds() / c.decodeMillis().median(),
                        c.sameTextEveryRun() ? "" : "  (transcript changed between runs)", c.reference(), c.last().raw());
            }
            Result result = new Result(openMillis, libriVox, measure(whisper, SpeechCorpus.read(corpus.resolve("cards/cards.transcription"))),
                    measureGoForward(whisper), overall);
            out.printf(Locale.ROOT, "overall WER %d/%d = %.1f %% (acceptance: at most %.0f %%: %s)%n", overall.errors(),
                    overall.referenceWords(), 100 * overall.rate(), 100 * ACCEPTED_WER, result.accepted() ? "pass" : "FAIL");

            out.printf("%ncards (%s), transcribed:%n", corpus.resolve("cards"));
            for (ClipResult c : result.cards()) {
                printTranscribed(c);
            }
            if (result.goForward() != null) {
                out.println();
                printTranscribed(result.goForward());
            }
            out.printf(Locale.ROOT, "%nload at the end: %s%n", loadAverage());
            return result;
        }
    }

    private void printTranscribed(ClipResult c) {
        out.printf(Locale.ROOT, "  %-14s %.2f s  \"%s\" -> \"%s\"  [%s]  decode median %.0f ms%n", c.id(),
                c.audioSeconds(), c.reference(), c.last().raw(), c.last().text(), c.decodeMillis().median());
    }

    private ClipResult measureGoForward(WhisperAsr whisper) throws Exception {
        Path raw = corpus.resolve("goforward.raw");
        if (!Files.isRegularFile(raw)) {
            return null;
        }
        short[] pcm;
        try {
            pcm = SpeechCorpus.toPcm16(WavFile.readRaw(raw, 16_000).samples());
        } catch (AudioFormatException e) {
            throw new IOException(e.getMessage(), e);
        }
        return measure(whisper, List.of(new SpeechCorpus.Clip("goforward.raw", "go forward ten meters", pcm))).get(0);
    }

    private List<ClipResult> measure(WhisperAsr whisper, List<SpeechCorpus.Clip> clips) throws Exception {
        List<ClipResult> results = new ArrayList<>();
        for (SpeechCorpus.Clip clip : clips) {
            Transcription first = whisper.transcribe(clip.pcm16k()); // warm-up, not timed
            List<Double> millis = new ArrayList<>();
            Transcription last = first;
            boolean same = true;
            for (int run = 0; run < runs; run++) {
                last = whisper.transcribe(clip.pcm16k());
                millis.add(last.decodeNanos() / 1e6);
                same &= last.raw().equals(first.raw());
            }
            results.add(new ClipResult(clip.id(), clip.seconds(), clip.reference(), last, Summary.of(millis), same));
        }
        return results;
    }

    /** The machine's load, because it may be shared: the 1, 5 and 15 minute averages, or "unknown". */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The figures as JSON-ready maps, for {@code --report}. */
    static Map<String, Object> figures(Result r, int runs, int threads) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("bench", "whisper");
        figures.put("model", WhisperAsr.MODEL);
        figures.put("intra_op_threads", threads);
        figures.put("runs", runs);
        figures.put("cores", Runtime.getRuntime().availableProcessors());
        figures.put("load_at_end", loadAverage());
        figures.put("open_ms", r.openMillis());
        figures.put("librivox", r.libriVox().stream().map(WhisperBench::clipFigures).toList());
        figures.put("librivox_wer", r.overall().rate());
        figures.put("accepted", r.accepted());
        figures.put("cards", r.cards().stream().map(WhisperBench::clipFigures).toList());
        if (r.goForward() != null) {
            figures.put("goforward", clipFigures(r.goForward()));
        }
        return figures;
    }

    private static Map<String, Object> clipFigures(ClipResult c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("audio_s", c.audioSeconds());
        m.put("reference", c.reference());
        m.put("raw", c.last().raw());
        m.put("text", c.last().text());
        m.put("wer_errors", c.wer().errors());
        m.put("wer_words", c.wer().referenceWords());
        m.put("decode_ms", c.decodeMillis());
        m.put("same_text_every_run", c.sameTextEveryRun());
        return m;
    }
}
