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
import dev.vigil.speech.tts.engine.FliteSynthesizer;

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
