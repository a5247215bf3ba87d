/**
 * Open-vocabulary recognition with Whisper tiny (ONNX, Olive all-in-one graph): the second tier next
 * to the command grammar. It transcribes whole utterances (no partials) and is not yet wired into the
 * agent's decision.
 */
package dev.vigil.speech.asr.whisper;
