package dev.vigil.perception.audio.aec;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

import java.util.Optional;

/**
 * The few libspeexdsp entry points Vigil uses, bound with JNA direct mapping (a plain JNI call per
 * frame, no reflection). Debian/Ubuntu ship only {@code libspeexdsp.so.1} without the dev symlink, so
 * the versioned name is loaded.
 */
final class SpeexDsp {

    static final String LIBRARY = "libspeexdsp.so.1";

    static final int ECHO_SET_SAMPLING_RATE = 24;
    static final int PREPROCESS_SET_DENOISE = 0;
    static final int PREPROCESS_SET_AGC = 2;
    static final int PREPROCESS_SET_NOISE_SUPPRESS = 18;
    static final int PREPROCESS_SET_ECHO_SUPPRESS = 20;
    static final int PREPROCESS_SET_ECHO_SUPPRESS_ACTIVE = 22;
    static final int PREPROCESS_SET_ECHO_STATE = 24;

    private static final Throwable LOAD_FAILURE;

    static {
        Throwable failure = null;
        try {
            Native.register(SpeexDsp.class, NativeLibrary.getInstance(LIBRARY));
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            failure = e;
        }
        LOAD_FAILURE = failure;
    }

    private SpeexDsp() {
    }

    /** Why the library cannot be used, or empty when it loaded. */
    static Optional<String> unavailableReason() {
        return LOAD_FAILURE == null ? Optional.empty()
                : Optional.of(LIBRARY + " could not be loaded (install the Debian package libspeexdsp1): "
                        + LOAD_FAILURE.getMessage().lines().findFirst().orElse(""));
    }

    static native Pointer speex_echo_state_init(int frameSize, int filterLength);

    static native void speex_echo_state_destroy(Pointer state);

    static native void speex_echo_cancellation(Pointer state, short[] rec, short[] play, short[] out);

    static native void speex_echo_state_reset(Pointer state);

    // One signature per symbol: JNA direct mapping binds by name, so an overload would silently
    // shadow the other. Integer arguments go through a small native int (see ctl helpers below).
    static native int speex_echo_ctl(Pointer state, int request, Pointer value);

    static native Pointer speex_preprocess_state_init(int frameSize, int sampleRate);

    static native void speex_preprocess_state_destroy(Pointer state);

    static native int speex_preprocess_run(Pointer state, short[] frame);

    static native int speex_preprocess_ctl(Pointer state, int request, Pointer value);

    static void echoCtl(Pointer state, int request, int value) {
        check(speex_echo_ctl(state, request, intArgument(value)), "speex_echo_ctl", request);
    }

    static void preprocessCtl(Pointer state, int request, int value) {
        check(speex_preprocess_ctl(state, request, intArgument(value)), "speex_preprocess_ctl", request);
    }

    private static Pointer intArgument(int value) {
        Memory memory = new Memory(Integer.BYTES);
        memory.setInt(0, value);
        return memory;
    }

    static void check(int result, String function, int request) {
        if (result != 0) {
            throw new IllegalStateException(function + " refused request " + request + " (returned " + result + ")");
        }
    }
}
