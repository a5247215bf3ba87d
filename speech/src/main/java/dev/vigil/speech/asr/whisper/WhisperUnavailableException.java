package dev.vigil.speech.asr.whisper;

import dev.vigil.engines.EngineException;

/**
 * Whisper cannot run on this platform: the {@code onnxruntime-extensions} jar ships no custom-op
 * library for it (it has linux-x64, osx-x64 and win-x64; not linux-aarch64, so not a Jetson) and
 * {@link WhisperAsr#LIBRARY_VARIABLE} names none that loads. A
 * caller catches this to fall back to the grammar recogniser alone; any other
 * {@link EngineException} from {@link WhisperAsr#open} is a real fault (a broken model file).
 */
public final class WhisperUnavailableException extends EngineException {

    public WhisperUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
