package dev.vigil.speech.asr;

import edu.cmu.sphinx.api.AbstractSpeechRecognizer;
import edu.cmu.sphinx.api.Configuration;
import edu.cmu.sphinx.api.Context;
import edu.cmu.sphinx.api.SpeechResult;
import edu.cmu.sphinx.decoder.search.Token;
import edu.cmu.sphinx.linguist.HMMSearchState;
import edu.cmu.sphinx.result.Result;
import edu.cmu.sphinx.util.LogMath;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Scores one short segment against the word "stop", for a segment the grammar decoder heard nothing
 * in: "stop" said over the robot's own voice (echo residue under it, the canceller not yet converged
 * on a session's first reply) came out of the command decoder as nothing, and the robot resumed.
 * <p>
 * Two Sphinx4 decodes of the whole segment, without Sphinx4's endpointer (which lost the short word
 * in the residue): a <i>keyword</i> decode forced onto "stop" (silence around it allowed, no
 * out-of-grammar branch) and a <i>background</i> decode with a free phone loop (the same
 * acoustic model's context-independent phones). The confidence is a frame-normalised likelihood
 * ratio, the classic keyword-spotting confidence, taken per phone: {@code exp(min over the word's
 * phones of the mean over the phone's frames of (a_keyword(f) − a_loop(f)))}, where a(f) is a path's
 * acoustic log-likelihood (natural log) of the 10 ms frame f and a phone's frames are those the forced
 * path gives it; capped at 1. A stop word is explained about as well by the keyword as by free
 * phones (near 1); a cough, "okay" or "uh huh" forced onto "stop" fits some of its phones much worse
 * (near 0). Only the word's frames count: the rest of the segment (echo residue, a breath) is forced onto
 * silence in one path and free in the other. The threshold that separates stops from the rest is the
 * caller's ({@code turn.stop_confidence}).
 * <p>
 * Costly (two decodes; the decoders are allocated at the first call and kept): meant for the few
 * segments that interrupted the robot and brought no words. Not thread-safe: one call at a time.
 */
public final class StopWordSpotter implements AutoCloseable {

    /**
     * The word scored. Only "stop": with "halt" and "freeze" as alternatives, an "uh huh" forced onto
     * "halt" fitted it as well as free phones did (measured: 1.0 for flite's slt voice); the command
     * decoder still hears those two.
     */
    public static final String GRAMMAR = """
            #JSGF V1.0;
            grammar stopwords;
            public <stop> = stop;
            """;

    private final Decoder keyword;
    private final Decoder background;

    /** Loads both decoders (the en-US acoustic model of sphinx4-data). */
    public StopWordSpotter() {
        java.util.logging.Logger.getLogger("edu.cmu.sphinx").setLevel(java.util.logging.Level.WARNING);
        try {
            Path grammarDir = Files.createTempDirectory("vigil-stopwords-");
            grammarDir.toFile().deleteOnExit();
            Path grammar = grammarDir.resolve("stopwords.gram");
            Files.writeString(grammar, GRAMMAR, StandardCharsets.UTF_8);
            grammar.toFile().deleteOnExit();
            String location = grammarDir.toUri().toString();
            keyword = new Decoder(location, false);
            background = new Decoder(location, true);
        } catch (IOException e) {
            throw new IllegalStateException("cannot load the stop-word spotter: " + e.getMessage(), e);
        }
    }

    /**
     * The stop word that best fits {@code pcm16k} (16 kHz mono; lead-in silence included, as fed to the
     * recogniser) and its confidence, or empty when a decode gave no path. Blocking: two decodes.
     */
    public Optional<SpottedStop> spot(short[] pcm16k) {
        Scored forced = keyword.decode(pcm16k);
        Scored loop = background.decode(pcm16k);
        if (forced == null || loop == null || forced.word().isEmpty() || forced.wordEnd() <= forced.wordStart()
                || loop.frames().length < forced.wordEnd()) {
            return Optional.empty();
        }
        // Only the word's own frames: the rest of the segment (the robot's echo residue, a breath) is
        // forced onto silence in one path and free in the other, and says nothing about the word. Each
        // phone must fit: "uh huh" fitted the vowel of "stop" well and its plosives badly, and a mean
        // over the whole word let the vowel carry it (measured: 0.77 for flite's slt voice).
        double worst = Double.POSITIVE_INFINITY;
        int phoneStart = forced.wordStart();
        for (int f = forced.wordStart() + 1; f <= forced.wordEnd(); f++) {
            if (f == forced.wordEnd() || !forced.phones()[f].equals(forced.phones()[f - 1])) {
                double ratio = 0;
                for (int g = phoneStart; g < f; g++) {
                    ratio += forced.frames()[g] - loop.frames()[g];
                }
                worst = Math.min(worst, ratio / (f - phoneStart));
                phoneStart = f;
            }
        }
        int frames = forced.wordEnd() - forced.wordStart();
        float confidence = (float) Math.min(1.0, Math.exp(worst));
        return Optional.of(new SpottedStop(forced.word(), confidence, frames));
    }

    /**
     * A decoded path: the acoustic log-likelihood (natural log) and the phone of each 10 ms frame, its
     * first real word and the frames {@code [wordStart, wordEnd)} that word takes.
     */
    private record Scored(double[] frames, String[] phones, String word, int wordStart, int wordEnd) {
    }

    private static final class Decoder extends AbstractSpeechRecognizer {
        private boolean allocated;

        Decoder(String grammarLocation, boolean phoneLoop) throws IOException {
            super(context(grammarLocation, phoneLoop));
        }

        private static Context context(String grammarLocation, boolean phoneLoop) throws IOException {
            Configuration configuration = new Configuration();
            configuration.setAcousticModelPath("resource:/edu/cmu/sphinx/models/en-us/en-us");
            configuration.setDictionaryPath("resource:/edu/cmu/sphinx/models/en-us/cmudict-en-us.dict");
            configuration.setGrammarPath(grammarLocation);
            configuration.setGrammarName("stopwords");
            configuration.setUseGrammar(true);
            Context context = new Context(spottingConfiguration(), configuration);
            if (phoneLoop) {
                context.setLocalProperty("decoder->searchManager", "allphoneSearchManager");
            }
            return context;
        }

        /**
         * Sphinx4's default configuration, whole-segment: no endpointer (the segment is already one
         * utterance), no out-of-grammar branch (the keyword path is forced), no monitors.
         */
        private static String spottingConfiguration() throws IOException {
            String tuned = Sphinx4Asr.defaultConfiguration()
                    .replace("<item>speechClassifier </item>", "")
                    .replace("<item>speechMarker </item>", "")
                    .replace("<property name=\"addOutOfGrammarBranch\" value=\"true\"/>",
                            "<property name=\"addOutOfGrammarBranch\" value=\"false\"/>")
                    .replace("<property name=\"logLevel\" value=\"INFO\"/>", "<property name=\"logLevel\" value=\"WARNING\"/>")
                    .replaceAll("(?s)<propertylist name=\"monitors\">.*?</propertylist>", "");
            if (tuned.contains("speechMarker </item>") || tuned.contains("addOutOfGrammarBranch\" value=\"true")) {
                throw new IOException("Sphinx4's default.config.xml changed: the endpointer or the out-of-grammar branch was not found");
            }
            return Sphinx4Asr.configurationFile(tuned);
        }

        /** The best path through the whole segment, or null when the decoder gave none. */
        Scored decode(short[] pcm16k) {
            // Exact zeros get the recogniser's faint noise floor (see Sphinx4Asr): a replayed room is
            // digitally silent once the robot is cut, and the features of digital silence are no room's.
            java.util.Random noiseFloor = new java.util.Random(16_000);
            byte[] bytes = new byte[pcm16k.length * 2];
            for (int i = 0; i < pcm16k.length; i++) {
                short sample = pcm16k[i] != 0 ? pcm16k[i] : (short) (noiseFloor.nextInt(7) - 3);
                bytes[2 * i] = (byte) sample;
                bytes[2 * i + 1] = (byte) (sample >> 8);
            }
            if (!allocated) {
                // Once: allocating compiles the search graph, and per call it was most of the cost.
                synchronized (Sphinx4Asr.ALLOCATION) {
                    recognizer.allocate();
                }
                allocated = true;
            }
            context.setSpeechSource(new ByteArrayInputStream(bytes));
            SpeechResult result = getResult();
            // The whole segment is one utterance; a result left unread would start the next call.
            while (result != null && getResult() != null) {
                // drain to the end of the stream
            }
            return result == null ? null : path(result.getResult());
        }

        void close() {
            if (allocated) {
                synchronized (Sphinx4Asr.ALLOCATION) {
                    recognizer.deallocate();
                }
                allocated = false;
            }
        }

        private static Scored path(Result result) {
            Token best = result.getBestFinalToken() != null ? result.getBestFinalToken() : result.getBestToken();
            if (best == null) {
                return null;
            }
            List<Token> forward = new ArrayList<>();
            for (Token t = best; t != null; t = t.getPredecessor()) {
                forward.add(t);
            }
            Collections.reverse(forward);
            LogMath logMath = LogMath.getLogMath();
            int emitting = (int) forward.stream().filter(Token::isEmitting).count();
            double[] frames = new double[emitting];
            String[] phones = new String[emitting];
            // A word's frames follow its word token when the search puts word tokens first, else precede it.
            boolean wordFirst = result.getWordTokenFirst();
            String word = "";
            int wordStart = 0;
            int wordEnd = 0;
            int frame = 0;
            int lastWordAt = 0;
            boolean inWord = false;
            for (Token t : forward) {
                if (t.isEmitting()) {
                    phones[frame] = t.getSearchState() instanceof HMMSearchState hmm
                            ? hmm.getHMMState().getHMM().getBaseUnit().getName() : "";
                    frames[frame++] = logMath.logToLn(t.getAcousticScore());
                } else if (t.isWord()) {
                    if (inWord) {
                        wordEnd = frame;
                        inWord = false;
                    }
                    String spelling = t.getWord().getSpelling().toLowerCase(Locale.ROOT);
                    if (word.isEmpty() && !t.getWord().isFiller() && !spelling.startsWith("<")) {
                        word = spelling;
                        if (wordFirst) {
                            wordStart = frame;
                            inWord = true;
                        } else {
                            wordStart = lastWordAt;
                            wordEnd = frame;
                        }
                    }
                    lastWordAt = frame;
                }
            }
            if (inWord) {
                wordEnd = frame;
            }
            return new Scored(frames, phones, word, wordStart, wordEnd);
        }
    }

    @Override
    public void close() {
        keyword.close();
        background.close();
    }
}
