package dev.vigil.agent.bus;

/**
 * Every event-bus address. Data lanes carry media and may queue; control lanes carry decisions and
 * are consumed on their own handlers so they are never stuck behind media or inference.
 */
public final class Addresses {

    // Data lanes.
    /** {@code AudioFrame}: microphone capture, any rate, mono. */
    public static final String MIC_AUDIO = "vigil.mic.audio";
    /** {@code AudioFrame}: what reached the loudspeaker, stamped with when it played (the AEC reference). */
    public static final String SPEAKER_AUDIO = "vigil.speaker.audio";

    /** {@code AudioFrame}: the microphone after echo cancellation, 16 kHz, for recognition. */
    public static final String VOICE_AUDIO = "vigil.voice.audio";
    /** {@code CameraFrame}: camera images, packed RGB (a camera source that falls behind skips to the newest). */
    public static final String CAMERA_FRAMES = "vigil.camera.frames";
    /** {@code SceneObservations}: what each vision engine saw in each sampled frame (its compute time too). */
    public static final String OBSERVATIONS = "vigil.perceive.observations";

    // Control lanes.
    /** {@code VoiceStarted}. */
    public static final String VOICE_STARTED = "vigil.control.voice.started";
    /** {@code VoiceStopped}. */
    public static final String VOICE_STOPPED = "vigil.control.voice.stopped";
    /** {@code DoubleTalk}: a sound over the robot that is not its echo, before the voice model is sure. */
    public static final String DOUBLE_TALK = "vigil.control.voice.double_talk";
    /** {@code VoicePaused}: the voice went quiet inside a segment, which may yet go on. */
    public static final String VOICE_PAUSED = "vigil.control.voice.paused";
    /** {@code RobotSpeaking}. */
    public static final String ROBOT_SPEAKING = "vigil.control.robot.speaking";

    /** {@code Transcript}: partial and final recognition results. */
    public static final String TRANSCRIPTS = "vigil.control.transcripts";
    /** {@code Intent}: what the robot was asked to do (ROS: /intents). */
    public static final String INTENTS = "vigil.control.intents";

    /** {@code Say}: something for the robot to say. */
    public static final String SAY = "vigil.control.say";
    /** {@code SayRequest}: a behaviour asks the agent to say something when the floor is free. */
    public static final String SAY_REQUESTS = "vigil.control.say.request";
    /** {@code StopSpeaking}: flush the loudspeaker and cancel synthesis, now. */
    public static final String STOP_SPEAKING = "vigil.control.speech.stop";
    /** {@code PauseSpeaking}: hold playback, queued audio and synthesis where they are. */
    public static final String PAUSE_SPEAKING = "vigil.control.speech.pause";
    /** {@code ResumeSpeaking}: play on what the pause held. */
    public static final String RESUME_SPEAKING = "vigil.control.speech.resume";
    /** {@code BargeIn}: the robot yielded the floor to the user. */
    public static final String BARGE_IN = "vigil.control.barge_in";
    /** {@code FalseInterruption}: a barge-in without words; the robot resumes. */
    public static final String FALSE_INTERRUPTION = "vigil.control.false_interruption";
    /** {@code ResetSession}: forget the session (model state and conversation history). */
    public static final String RESET = "vigil.control.reset";
    /** {@code VisionDemand}: how often a component needs the camera looked at. */
    public static final String VISION_DEMAND = "vigil.control.vision.demand";

    // Observability lanes.
    /** {@code EchoRejected}. */
    public static final String ECHO_REJECTED = "vigil.observe.echo.rejected";
    /** {@code WatchUpdate}: a watch was created, fired, cancelled or expired. */
    public static final String WATCHES = "vigil.observe.watches";
    /** {@code ComponentError}. */
    public static final String ERRORS = "vigil.observe.errors";
    /** {@code ComponentRecovered}: a component that failed works again. */
    public static final String RECOVERED = "vigil.observe.recovered";
    /** {@code InputRejected}: an input dropped as unusable, counted. */
    public static final String INPUT_REJECTED = "vigil.observe.input.rejected";
    /** {@code AudioDropped}. */
    public static final String AUDIO_DROPPED = "vigil.observe.audio.dropped";
    /** {@code UtteranceStarted}: a robot utterance's first sample played. */
    public static final String UTTERANCE_STARTED = "vigil.observe.utterance.started";
    /** {@code UtterancePlayed}: what a robot utterance really played. */
    public static final String UTTERANCE_PLAYED = "vigil.observe.utterance.played";
    /** {@code MicrophoneMuted}: the microphone was muted or unmuted. */
    public static final String MICROPHONE_MUTED = "vigil.control.microphone.muted";
    /** {@code AudioProcessed}: flow-control feedback from audio consumers. */
    public static final String AUDIO_PROCESSED = "vigil.observe.audio.processed";
    /** {@code Measured}: a live measure of a turn (voice to voice, end of turn, …), from the agent's own timestamps. */
    public static final String MEASURED = "vigil.observe.measured";
    /** {@code UnitDeadlineMissed}: the duplex model fell behind the audio by a unit. */
    public static final String UNIT_DEADLINE_MISSED = "vigil.observe.unit.deadline_missed";

    private Addresses() {
    }
}
