/**
 * The loudspeaker side: a queue of synthesized audio that a device (or the replay's simulated room)
 * pulls at its own pace, which knows exactly which utterance and words each sample belongs to, can be
 * flushed at once on barge-in, and reports what was really played.
 */
package dev.vigil.speech.playback;
