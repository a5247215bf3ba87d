package dev.vigil.agent.bus;

import dev.vigil.agent.message.AudioDropped;
import dev.vigil.agent.message.AudioFrame;
import dev.vigil.agent.message.AudioProcessed;
import dev.vigil.agent.message.DoubleTalk;
import dev.vigil.agent.message.Measured;
import dev.vigil.agent.message.BargeIn;
import dev.vigil.agent.message.CameraFrame;
import dev.vigil.agent.message.ComponentError;
import dev.vigil.agent.message.ComponentRecovered;
import dev.vigil.agent.message.EchoRejected;
import dev.vigil.agent.message.FalseInterruption;
import dev.vigil.agent.message.InputRejected;
import dev.vigil.agent.message.Intent;
import dev.vigil.agent.message.MicrophoneMuted;
import dev.vigil.agent.message.PauseSpeaking;
import dev.vigil.agent.message.ResetSession;
import dev.vigil.agent.message.ResumeSpeaking;
import dev.vigil.agent.message.RobotSpeaking;
import dev.vigil.agent.message.Say;
import dev.vigil.agent.message.SayRequest;
import dev.vigil.agent.message.SceneObservations;
import dev.vigil.agent.message.StopSpeaking;
import dev.vigil.agent.message.Transcript;
import dev.vigil.agent.message.UnitDeadlineMissed;
import dev.vigil.agent.message.UtterancePlayed;
import dev.vigil.agent.message.UtteranceStarted;
import dev.vigil.agent.message.VisionDemand;
import dev.vigil.agent.message.VoiceStarted;
import dev.vigil.agent.message.WatchUpdate;
import dev.vigil.agent.message.VoicePaused;
import dev.vigil.agent.message.VoiceStopped;
import io.vertx.core.eventbus.EventBus;

import java.util.List;

/** Registers the by-reference codec for every message record, once per Vert.x instance. */
public final class Codecs {

    /** Every record that travels on the bus. Later capabilities add theirs here. */
    public static final List<Class<?>> MESSAGES = List.of(
            AudioFrame.class, VoiceStarted.class, VoiceStopped.class, VoicePaused.class, DoubleTalk.class, EchoRejected.class,
            ComponentError.class, ComponentRecovered.class, InputRejected.class, AudioDropped.class, AudioProcessed.class, RobotSpeaking.class, Transcript.class, Intent.class,
            Say.class, SayRequest.class, StopSpeaking.class, PauseSpeaking.class, ResumeSpeaking.class, UtteranceStarted.class, MicrophoneMuted.class,
            UtterancePlayed.class, BargeIn.class, FalseInterruption.class, UnitDeadlineMissed.class, ResetSession.class,
            CameraFrame.class, SceneObservations.class, VisionDemand.class, WatchUpdate.class, Measured.class);

    private Codecs() {
    }

    public static void registerAll(EventBus bus) {
        for (Class<?> type : MESSAGES) {
            register(bus, type);
        }
    }

    public static <T> void register(EventBus bus, Class<T> type) {
        bus.registerDefaultCodec(type, new LocalCodec<>(type));
    }
}
