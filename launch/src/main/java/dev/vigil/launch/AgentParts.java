package dev.vigil.launch;

import dev.vigil.engines.EngineException;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.Engines;
import dev.vigil.engines.models.ModelCatalog;
import dev.vigil.engines.models.ModelFetchException;
import dev.vigil.engines.models.ModelFile;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.perception.audio.vad.SileroVad;
import dev.vigil.perception.audio.vad.VoiceActivityModel;

import dev.vigil.policy.cascade.CascadeModel;
import dev.vigil.policy.intent.IntentRecognizer;
import dev.vigil.speech.asr.AsrGrammar;
import dev.vigil.speech.asr.Sphinx4Asr;
import dev.vigil.speech.tts.Tts;
import dev.vigil.speech.tts.engine.FliteSynthesizer;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** Builds the engines an agent needs, checking first that the machine has what they need. */
final class AgentParts {

    static final String INSTALL_HINT = "run ./vigil once as root, or: sudo apt-get install -y ";

    private AgentParts() {
    }

    /** Fetches (or finds in the cache) the Silero model and checks it opens. */
    static Supplier<VoiceActivityModel> voiceActivity(ModelStore store) throws ModelFetchException, EngineException {
        ModelFile model = store.resolve(ModelCatalog.load().get(SileroVad.MODEL));
        Engines.open(model, EngineOptions.defaults()).close();
        return () -> {
            try {
                return new SileroVad(Engines.open(model, EngineOptions.defaults()));
            } catch (EngineException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        };
    }

    /**
     * The speaking half of the agent: Sphinx4 with the scenario's grammar (or the robot grammar),
     * flite, and the cascade model over the intent policy. Models are fetched and loaded here, before
     * anything runs.
     */
    static Agent.Conversation conversation(ModelStore store, Optional<Path> grammar) throws Exception {
        AsrGrammar asrGrammar = grammar.map(AsrGrammar::file).orElse(AsrGrammar.robot());
        IntentRecognizer intents = new IntentRecognizer(ModelCatalog.load(), store, EngineOptions.defaults());
        short[] warmUp;
        try (FliteSynthesizer flite = flite()) {
            warmUp = flite.synthesize("go forward ten meters", "slt").samples();
        }
        return new Agent.Conversation(
                () -> new Sphinx4Asr(asrGrammar).warmUp(warmUp),
                executor -> Tts.forLanguage("en-US", executor),
                () -> new CascadeModel(intents));
    }

    static FliteSynthesizer flite() throws SetupException {
        var reason = FliteSynthesizer.unavailableReason();
        if (reason.isPresent()) {
            throw new SetupException(reason.get() + " (" + INSTALL_HINT + "flite)");
        }
        return new FliteSynthesizer();
    }

    static void requireSpeex() throws SetupException {
        var reason = dev.vigil.perception.audio.aec.SpeexEchoCanceller.unavailableReason();
        if (reason.isPresent()) {
            throw new SetupException(reason.get() + " (" + INSTALL_HINT + "libspeexdsp1)");
        }
    }
}
