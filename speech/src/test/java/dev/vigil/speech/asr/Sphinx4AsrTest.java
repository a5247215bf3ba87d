package dev.vigil.speech.asr;

import dev.vigil.agent.message.Transcript;
import dev.vigil.speech.tts.engine.FliteSynthesizer;
import dev.vigil.speech.tts.engine.SynthesizedAudio;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Sphinx4 with the robot grammar, on flite speech and on real human recordings. */
class Sphinx4AsrTest {

    static final List<String> COMMANDS = List.of("go forward ten meters", "move back two meters", "stop", "turn left",
            "turn right", "could you rotate a bit to your left", "come here", "follow me", "go to the kitchen",
            "please take me to the meeting room", "hello robot", "hi there", "what can you do", "say that again",
            "cancel that", "never mind", "walk forward three meters", "turn around", "head to the charging station",
            "stop right there", "could you come over here", "good morning", "what are you able to do",
            "move to the left one meter");
    static final List<String> OUT_OF_DOMAIN = List.of("what is the weather like today", "make me a sandwich",
            "sing me a song", "the cat sat on the mat");

    private static FliteSynthesizer flite;
    private static Sphinx4Asr asr;

    @BeforeAll
    static void engines() {
        flite = new FliteSynthesizer();
        asr = new Sphinx4Asr(AsrGrammar.robot()).warmUp(say("go forward ten meters", "slt"));
    }

    @AfterAll
    static void close() {
        asr.close();
        flite.close();
    }

    static short[] say(String text, String voice) {
        SynthesizedAudio audio = flite.synthesize(text, voice);
        assertThat(audio.sampleRate()).isEqualTo(16_000);
        return audio.samples();
    }

    /** Feeds in 20 ms chunks, as the front end does, then finishes. */
    static Transcript recognise(Sphinx4Asr engine, short[] audio, List<Transcript> partials) {
        AsrStream stream = engine.open(0, partials::add);
        for (int at = 0; at < audio.length; at += 320) {
            stream.accept(java.util.Arrays.copyOfRange(audio, at, Math.min(audio.length, at + 320)));
        }
        return stream.finish(audio.length * 62_500L);
    }

    @Test
    void robotCommandsInThreeVoices() {
        int exact = 0;
        int total = 0;
        List<String> misses = new ArrayList<>();
        for (String voice : List.of("slt", "rms", "awb")) {
            for (String command : COMMANDS) {
                Transcript t = recognise(asr, say(command, voice), new ArrayList<>());
                total++;
                if (t.text().equals(command)) {
                    exact++;
                } else {
                    misses.add(voice + ": \"" + command + "\" → \"" + t.text() + "\" (" + t.confidence() + ")");
                }
            }
        }
        System.out.printf("robot grammar: %d/%d exact; misses: %s%n", exact, total, misses);
        assertThat(exact).as("exact transcripts of %d", total).isGreaterThanOrEqualTo((int) (0.8 * total));
    }

    @Test
    void outOfDomainSpeechIsNotForcedOntoACommand() {
        for (String sentence : OUT_OF_DOMAIN) {
            for (String voice : List.of("slt", "rms")) {
                Transcript t = recognise(asr, say(sentence, voice), new ArrayList<>());
                System.out.printf("out of domain (%s): \"%s\" → \"%s\" (%.2f)%n", voice, sentence, t.text(), t.confidence());
                // Never a motion command the policy would act on (it acts only at confidence >= 0.5).
                if (asr.isMotion(t.text())) {
                    assertThat(t.confidence()).as("confidence of \"%s\" heard for \"%s\"", t.text(), sentence)
                            .isLessThan(0.5f);
                }
            }
        }
    }

    @Test
    void silenceGivesAnEmptyTranscript() {
        Transcript t = recognise(asr, new short[16_000], new ArrayList<>());
        assertThat(t.isFinal()).isTrue();
        assertThat(t.text()).isEmpty();
    }

    @Test
    void aShortWordFollowedByDigitalSilenceIsStillHeard() {
        // What a replayed room gives after the user says "stop" and the robot falls silent at once.
        short[] stop = say("stop", "rms");
        short[] audio = java.util.Arrays.copyOf(stop, stop.length + 16_000 * 3 / 10);
        assertThat(recognise(asr, audio, new ArrayList<>()).text()).isEqualTo("stop");
    }

    @Test
    void finishWithoutAudioIsEmptyNotAnError() {
        Transcript t = asr.open(0, p -> { }).finish(0);
        assertThat(t.text()).isEmpty();
    }

    @Test
    void partialsArriveBeforeTheEndAndTheFinalComesFast() {
        // Two phrases with a pause: the first is published as a partial before the utterance ends.
        short[] first = say("please take me to the meeting room", "rms");
        short[] second = say("turn left", "rms");
        short[] audio = new short[first.length + 8_000 + second.length];
        System.arraycopy(first, 0, audio, 0, first.length);
        System.arraycopy(second, 0, audio, first.length + 8_000, second.length);
        List<Transcript> partials = new ArrayList<>();
        // How much audio the stream had taken when each partial came: fed in lockstep, as a full-speed
        // replay does, so that is exactly the audio the decoder had heard.
        List<Long> fedAtPartial = new ArrayList<>();
        long[] fed = {0};
        AsrStream stream = asr.open(0, p -> {
            partials.add(p);
            fedAtPartial.add(fed[0]);
        });
        for (int at = 0; at < audio.length; at += 320) {
            short[] chunk = java.util.Arrays.copyOfRange(audio, at, Math.min(audio.length, at + 320));
            fed[0] += chunk.length;
            stream.accept(chunk);
            stream.awaitDecoded();
        }
        long before = System.nanoTime();
        Transcript t = stream.finish(0);
        double ms = (System.nanoTime() - before) / 1e6;
        System.out.printf("final %.0f ms after the last audio (%.1f s utterance); %d partials%n", ms,
                audio.length / 16_000.0, partials.size());
        assertThat(t.text()).isEqualTo("please take me to the meeting room turn left");
        assertThat(partials).isNotEmpty().allSatisfy(p -> assertThat(p.isFinal()).isFalse());
        assertThat(partials.get(0).text()).isEqualTo("please take me to the meeting room");
        // A partial ends where the audio it was decoded from ends: the recogniser's own lead-in is not
        // the utterance's (it once put every partial 300 ms in the future).
        for (int i = 0; i < partials.size(); i++) {
            assertThat(partials.get(i).endNanos()).as("end of partial %d", i).isEqualTo(fedAtPartial.get(i) * 62_500L);
        }
        // A generous bound that only catches a decoder that hangs or decodes everything at the end: the
        // figure itself is asr_final_ms in `./vigil replay --report` (docs/performance.md). 1500 ms failed
        // at 1508–1986 ms on this shared 2-core machine while other builds ran.
        assertThat(ms).isLessThan(5000);
    }

    /** {@code first}, {@code pauseS} of silence, {@code rest}, in one voice. */
    private static short[] withPause(String first, double pauseS, String rest, String voice) {
        short[] a = say(first, voice);
        short[] b = say(rest, voice);
        short[] audio = new short[a.length + (int) (pauseS * 16_000) + b.length];
        System.arraycopy(a, 0, audio, 0, a.length);
        System.arraycopy(b, 0, audio, audio.length - b.length, b.length);
        return audio;
    }

    @Test
    void aPauseInsideACommandKeepsTheWordsOfBothParts() {
        // Sphinx4's endpointer cuts a phrase at a pause; each phrase is decoded on its own, so the
        // grammar must take the parts as they are, not force "ten meters" onto "go ten meters".
        List<String> misses = new ArrayList<>();
        int total = 0;
        for (double pause : new double[] {0.3, 0.5, 0.8}) {
            for (String voice : List.of("slt", "rms", "awb")) {
                for (String[] parts : List.of(new String[] {"go forward", "ten meters"},
                        new String[] {"turn to the", "left"})) {
                    String whole = parts[0] + " " + parts[1];
                    String heard = recognise(asr, withPause(parts[0], pause, parts[1], voice), new ArrayList<>()).text();
                    total++;
                    if (!heard.equals(whole)) {
                        misses.add(voice + " " + pause + " s: \"" + whole + "\" → \"" + heard + "\"");
                    }
                }
            }
        }
        System.out.printf("pauses inside commands: %d/%d exact; misses: %s%n", total - misses.size(), total, misses);
        assertThat(misses.size()).as("misses of %d: %s", total, misses).isLessThanOrEqualTo(total / 6);
    }

    @Test
    void eachPartAloneIsHeardAsSaid() {
        for (String part : List.of("go forward", "ten meters", "turn to the", "left")) {
            assertThat(recognise(asr, say(part, "rms"), new ArrayList<>()).text()).as(part).isEqualTo(part);
        }
    }

    @Test
    void cancelReturnsAtOnceAndTheNextUtteranceWorks() {
        AsrStream stream = asr.open(0, p -> { });
        stream.accept(say("go to the kitchen", "slt"));
        long before = System.nanoTime();
        stream.cancel();
        assertThat((System.nanoTime() - before) / 1e6).isLessThan(50);
        assertThat(recognise(asr, say("turn right", "slt"), new ArrayList<>()).text()).isEqualTo("turn right");
    }

    @Test
    void realHumanSpeechWithTheCardsGrammar() throws Exception {
        Path cards = Path.of("/usr/share/pocketsphinx/test/data/cards");
        assumeTrue(Files.isDirectory(cards), "Debian package pocketsphinx-testdata is not installed");
        try (Sphinx4Asr cardsAsr = new Sphinx4Asr(AsrGrammar.file(cards.resolve("cards.gram")))) {
            List<String> truth = Files.readAllLines(cards.resolve("cards.transcription")).stream()
                    .map(l -> l.replaceAll("</?s>|\\(.*\\)", "").trim()).toList();
            int exact = 0;
            for (int i = 1; i <= 5; i++) {
                byte[] wav = Files.readAllBytes(cards.resolve(String.format("%03d.wav", i)));
                short[] pcm = new short[(wav.length - 44) / 2];
                ByteBuffer.wrap(wav, 44, pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
                Transcript t = recognise(cardsAsr, pcm, new ArrayList<>());
                System.out.printf("cards %03d: \"%s\" → \"%s\"%n", i, truth.get(i - 1), t.text());
                exact += t.text().equals(truth.get(i - 1)) ? 1 : 0;
            }
            assertThat(exact).as("cards clips recognised exactly").isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void aMissingGrammarFileIsOneClearLine() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AsrGrammar.file(Path.of("/nowhere/commands.gram")))
                .hasMessage("/nowhere/commands.gram: no such grammar file");
    }
}
