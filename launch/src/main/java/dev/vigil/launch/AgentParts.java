package dev.vigil.launch;

import dev.vigil.engines.EngineException;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.Engines;
import dev.vigil.engines.opencv.OpenCvNatives;
import dev.vigil.engines.models.ModelCatalog;
import dev.vigil.engines.models.ModelFetchException;
import dev.vigil.engines.models.ModelFile;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.perception.audio.vad.SileroVad;
import dev.vigil.perception.audio.vad.VoiceActivityModel;
import dev.vigil.perception.vision.VisionEngine;
import dev.vigil.perception.vision.faces.BlazeFaceDetector;
import dev.vigil.perception.vision.faces.FaceSettings;
import dev.vigil.perception.vision.light.LightReader;
import dev.vigil.perception.vision.objects.ObjectSettings;
import dev.vigil.perception.vision.objects.SsdObjectDetector;
import dev.vigil.perception.vision.ocr.OcrSettings;
import dev.vigil.perception.vision.ocr.PpOcr;

import dev.vigil.policy.cascade.CascadeModel;
import dev.vigil.policy.watch.WatchBook;
import dev.vigil.policy.intent.CommandReader;
import dev.vigil.policy.intent.IntentRecognizer;
import dev.vigil.speech.asr.Asr;
import dev.vigil.speech.asr.AsrGrammar;
import dev.vigil.speech.asr.whisper.WhisperAsr;
import dev.vigil.speech.asr.whisper.WhisperUnavailableException;
import dev.vigil.speech.asr.SoundsAlike;
import dev.vigil.speech.asr.Sphinx4Asr;
import dev.vigil.speech.tts.Tts;
import dev.vigil.speech.tts.engine.FliteSynthesizer;

import dev.vigil.agent.duplex.FloorSettings;
import dev.vigil.agent.vocabulary.Vocabulary;
import dev.vigil.launch.config.AgentConfig;
import dev.vigil.launch.config.RecognitionSettings;
import dev.vigil.launch.config.VisionConfig;
import dev.vigil.launch.config.WatchConfig;
import dev.vigil.launch.gst.GstCamera;
import dev.vigil.launch.io.AudioDeviceProvider;
import dev.vigil.launch.io.CameraSource;
import dev.vigil.launch.io.MicrophoneSource;
import dev.vigil.launch.io.SpeakerSink;
import dev.vigil.speech.tts.FliteTts;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.Optional;
import java.util.function.Supplier;

/** Builds the engines an agent needs, checking first that the machine has what they need. */
final class AgentParts {

    static final String INSTALL_HINT = "run ./vigil once as root, or: sudo apt-get install -y ";

    private AgentParts() {
    }

    /** Fetches (or finds in the cache) the Silero model and checks it opens. */
    static Supplier<VoiceActivityModel> voiceActivity(ModelStore store) throws ModelFetchException, EngineException {
        return voiceActivity(store, EngineOptions.defaults());
    }

    static Supplier<VoiceActivityModel> voiceActivity(ModelStore store, EngineOptions options)
            throws ModelFetchException, EngineException {
        ModelFile model = store.resolve(ModelCatalog.load().get(SileroVad.MODEL));
        Engines.open(model, options).close();
        return () -> {
            try {
                return new SileroVad(Engines.open(model, options));
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
        return conversation(store, asrGrammar, CommandReader.builtIn(), EngineOptions.defaults(),
                RecognitionSettings.defaults().openTierThreads(), Vocabulary.builtIn().promptText(),
                executor -> Tts.forLanguage("en-US", executor),
                WatchConfig.defaults());
    }

    /** The same, with the robot speaking in this flite voice (slt, rms, awb, kal16, kal). */
    static Agent.Conversation conversation(ModelStore store, Optional<Path> grammar, String voice) throws Exception {
        AsrGrammar asrGrammar = grammar.map(AsrGrammar::file).orElse(AsrGrammar.robot());
        return conversation(store, asrGrammar, CommandReader.builtIn(), EngineOptions.defaults(),
                RecognitionSettings.defaults().openTierThreads(), Vocabulary.builtIn().promptText(),
                executor -> new FliteTts(voice, executor),
                WatchConfig.defaults());
    }

    /**
     * Everything an {@link Agent} needs from a configuration: models fetched and opened, devices
     * described (not opened), the event sink opened. Checked in that order of cost: a bad device
     * description fails before any model loads.
     */
    static Agent.Builder configured(AgentConfig config) throws Exception {
        return configured(config, null);
    }

    /**
     * The same, on the ROS graph: with {@code rosNode} given, a microphone or loudspeaker of kind
     * {@code ros} (or {@code auto} with no pipeline named) is the node's audio topics.
     *
     * @throws SetupException a device is of kind {@code ros} and ROS is not enabled
     */
    static Agent.Builder configured(AgentConfig config, RosNode rosNode) throws Exception {
        var mic = config.microphone();
        MicrophoneSource microphone;
        if (mic.resolvedKind(rosNode != null).equals("ros")) {
            if (rosNode == null) {
                throw new SetupException("microphone.kind: ros needs the agent on ROS (--ros, or ros.enabled: true)");
            }
            microphone = rosNode.microphone(mic.channel());
        } else {
            microphone = AudioDeviceProvider.of(mic.resolvedKind(false)).microphone(mic.pipelineOrDefault(), mic.channel());
        }
        var out = config.speaker();
        SpeakerSink speaker;
        if (out.resolvedKind(rosNode != null).equals("ros")) {
            if (rosNode == null) {
                throw new SetupException("speaker.kind: ros needs the agent on ROS (--ros, or ros.enabled: true)");
            }
            speaker = rosNode.speaker();
        } else {
            speaker = AudioDeviceProvider.of(out.resolvedKind(false)).speaker(out.pipelineOrDefault());
        }
        String cameraPipeline = config.camera().pipeline();
        CameraSource camera = cameraPipeline == null ? null : new GstCamera(cameraPipeline);
        requireSpeex();
        ModelStore store = ModelStore.fromEnvironment();
        var speaking = config.speaking();
        Function<Executor, Tts> tts = speaking.language().toLowerCase(java.util.Locale.ROOT).startsWith("en")
                ? executor -> new FliteTts(speaking.voice(), executor)
                : executor -> Tts.forLanguage(speaking.language(), executor);
        var turn = config.turn();
        Agent.Builder builder = Agent.builder()
                .frontEnd(config.frontEnd())
                .floor(new FloorSettings(turn.unitMillis(), turn.falseInterruptionMillis(), turn.minWordConfidence(),
                        java.util.Set.copyOf(turn.fillers()), turn.confirmationTimeoutMillis(),
                        turn.incompleteWaitMillis(), turn.extensionWindowMillis(), turn.stopConfidence()))
                .voiceActivity(voiceActivity(store, config.engineOptions()))
                .conversation(conversation(store, config.recognition().asrGrammar(config.robot().vocabulary()),
                        config.robot().commandReader(), config.engineOptions(), config.recognition().openTierThreads(),
                        config.robot().vocabulary().promptText(), tts, config.watches()))
                .microphone(microphone)
                .speaker(speaker)
                .camera(camera)
                .muted(config.microphone().muted());
        // Vision runs where there is something to look at: a camera device, or the ROS camera topics.
        var topics = config.ros().topics();
        boolean sees = camera != null || rosNode != null && (topics.image() != null || topics.imageCompressed() != null);
        if (sees && !config.vision().engines().isEmpty()) {
            builder.vision(config.vision().settings(), vision(store, config.engineOptions(), config.vision().engines()));
        }
        RunOptions.events(config.events().file()).forEach(builder::events);
        return builder;
    }

    private static Agent.Conversation conversation(ModelStore store, AsrGrammar asrGrammar, CommandReader commands,
                                                   EngineOptions engines, int openTierThreads, String openTierPrompt,
                                                   Function<Executor, Tts> tts, WatchConfig watches) throws Exception {
        IntentRecognizer intents = new IntentRecognizer(ModelCatalog.load(), store, engines, commands,
                SoundsAlike::mayHaveBeen);
        short[] warmUp;
        try (FliteSynthesizer flite = flite()) {
            warmUp = flite.synthesize("go forward ten meters", "slt").samples();
        }
        return new Agent.Conversation(
                () -> new Sphinx4Asr(asrGrammar).warmUp(warmUp),
                tts,
                () -> new CascadeModel(intents, WatchBook.withRequests(watches.settings(), watches.requests())),
                openTierThreads == 0 ? null : openTier(store, engines.withIntraOpThreads(openTierThreads), openTierPrompt),
                intents::worthAnotherListen);
    }

    /**
     * The default vision engines: PP-OCRv4 reading text (displays, signs), the light reader naming lit
     * signal lamps (no model), the MediaPipe object detector and BlazeFace. Their models are fetched (or
     * found in the cache) now, and OpenCV's natives loaded, so a missing download or a platform OpenCV
     * does not run on fails at setup with one line; the engines themselves are opened on the vision
     * thread when the agent starts.
     */
    static Supplier<List<VisionEngine>> vision(ModelStore store, EngineOptions options)
            throws ModelFetchException, EngineException {
        return vision(store, options, VisionConfig.defaults().engines());
    }

    /** The named engines ({@code vision.engines}: {@code ocr}, {@code objects}, {@code faces}), in that order. */
    static Supplier<List<VisionEngine>> vision(ModelStore store, EngineOptions options, List<String> engines)
            throws ModelFetchException, EngineException {
        ModelCatalog catalog = ModelCatalog.load();
        List<String> models = new java.util.ArrayList<>();
        if (engines.contains(PpOcr.NAME)) {
            models.addAll(List.of(PpOcr.DETECTION_MODEL, PpOcr.RECOGNITION_MODEL, PpOcr.KEYS));
        }
        if (engines.contains(SsdObjectDetector.NAME)) {
            models.addAll(List.of(SsdObjectDetector.MODEL, SsdObjectDetector.LABELS));
        }
        if (engines.contains(BlazeFaceDetector.NAME)) {
            models.add(BlazeFaceDetector.MODEL);
        }
        for (String model : models) {
            store.resolve(catalog.get(model));
        }
        for (String engine : List.of(SsdObjectDetector.NAME, BlazeFaceDetector.NAME)) {
            if (engines.contains(engine)) {
                OpenCvNatives.load(engine);
                break;
            }
        }
        return () -> {
            List<VisionEngine> made = new java.util.ArrayList<>();
            for (String engine : engines) {
                switch (engine) {
                    case PpOcr.NAME -> made.add(PpOcr.open(catalog, store, options, OcrSettings.defaults()));
                    case LightReader.NAME -> made.add(new LightReader());
                    case SsdObjectDetector.NAME -> made.add(SsdObjectDetector.open(catalog, store, options,
                            ObjectSettings.defaults()));
                    case BlazeFaceDetector.NAME -> made.add(BlazeFaceDetector.open(catalog, store, options,
                            FaceSettings.defaults()));
                    default -> throw new IllegalArgumentException("unknown vision engine " + engine);
                }
            }
            return made;
        };
    }

    /**
     * Whisper tiny for the open tier of recognition, fetched and verified like every model, its
     * decoder prompted with the robot's words ({@code Vocabulary#promptText}); null, said once on the
     * log, where {@code onnxruntime-extensions} has no native library (linux-aarch64): the agent then
     * hears its command grammar alone.
     */
    static Asr openTier(ModelStore store, EngineOptions engines, String prompt) throws ModelFetchException, EngineException {
        try {
            return WhisperAsr.open(ModelCatalog.load(), store, engines, prompt);
        } catch (WhisperUnavailableException e) {
            System.getLogger(AgentParts.class.getName()).log(System.Logger.Level.WARNING, e.getMessage());
            return null;
        }
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
