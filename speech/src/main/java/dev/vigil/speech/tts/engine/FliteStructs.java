package dev.vigil.speech.tts.engine;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * flite's C structs that {@link FliteSynthesizer} reads or writes, as JNA {@link Structure}s, so
 * JNA computes their layout (field sizes, alignment, 32- or 64-bit pointers) from the declarations
 * in flite 2.2's headers. Each wraps memory flite allocated and owns.
 *
 * <p>The types and fields are public because JNA reaches them by reflection; the class itself is
 * package-private. Only touched under {@link FliteSynthesizer}'s native lock.
 */
final class FliteStructs {

    private FliteStructs() {
    }

    /** flite's {@code cst_audio_stream_callback} (cst_audio.h); returns CST_AUDIO_STREAM_CONT or _STOP. */
    public interface StreamCallback extends Callback {
        int invoke(Pointer wave, int start, int size, int last, Pointer info);
    }

    /**
     * flite's {@code cst_wave} (cst_wave.h), read from flite's memory: {@code num_channels}
     * interleaved 16-bit channels of {@code num_samples} samples at {@code sample_rate} Hz, owned by
     * flite (freed with {@code delete_wave}).
     */
    @Structure.FieldOrder({"type", "sample_rate", "num_samples", "num_channels", "samples"})
    public static final class CstWave extends Structure {
        public Pointer type;
        public int sample_rate;
        public int num_samples;
        public int num_channels;
        public Pointer samples;

        CstWave(Pointer wave) {
            super(wave);
            read();
        }

        /** Samples {@code [start, start + count)}; empty when {@code count <= 0}. */
        short[] samples(int start, int count) {
            return count <= 0 ? new short[0] : samples.getShortArray(2L * start, count);
        }
    }

    /**
     * The head of flite's {@code cst_voice} (cst_voice.h): name and feature table, all Vigil reads.
     * flite allocates the whole struct; JNA reads only these fields.
     */
    @Structure.FieldOrder({"name", "features"})
    public static final class CstVoice extends Structure {
        public Pointer name;
        public Pointer features;

        CstVoice(Pointer voice) {
            super(voice);
            read();
        }
    }

    /**
     * The head of flite's {@code cst_audio_streaming_info} (cst_audio.h): flite 2 adds
     * {@code utt}, {@code item} and {@code userdata} after these; flite allocates it
     * ({@code new_audio_streaming_info}) and Vigil writes only {@code asc}.
     */
    @Structure.FieldOrder({"min_buffsize", "asc"})
    public static final class CstAudioStreamingInfo extends Structure {
        public int min_buffsize;
        public StreamCallback asc;

        CstAudioStreamingInfo(Pointer info) {
            super(info);
        }
    }
}
