package dev.vigil.ros.msg;

/**
 * {@code audio_common_msgs/msg/AudioStamped} of mgonzs13/audio_common (4.x, common on Jazzy): a header
 * and {@code Audio} = {@code AudioData audio_data} (typed arrays {@code float32[] float32_data},
 * {@code int32[] int32_data}, {@code int16[] int16_data}, {@code int8[] int8_data},
 * {@code uint8[] uint8_data}: the one that matches {@code info.format} holds the samples, interleaved)
 * and {@code AudioInfo info} ({@code int32 format} — PortAudio's sample format constant —,
 * {@code int32 channels}, {@code int32 rate}, {@code int32 chunk}). Same package name as
 * ros-drivers/audio_common's messages ({@link AudioDataStamped}), other types and bytes.
 *
 * @param header  when the chunk was captured (the capturer stamps it as it publishes)
 * @param float32 samples when {@code format} is paFloat32
 * @param int32   samples when paInt32
 * @param int16   samples when paInt16 (the capturer's default)
 * @param int8    samples when paInt8 (signed bytes)
 * @param uint8   samples when paUInt8 (offset binary, 128 is silence)
 * @param format  PortAudio's constant: {@link #PA_FLOAT32}, {@link #PA_INT32}, {@link #PA_INT16},
 *                {@link #PA_INT8}, {@link #PA_UINT8}
 * @param channels interleaved channels
 * @param rate    samples per second per channel
 * @param chunk   instants per chunk, as configured on the capturer
 */
public record AudioStamped(RosHeader header, float[] float32, int[] int32, short[] int16, byte[] int8, byte[] uint8,
                           int format, int channels, int rate, int chunk) {

    public static final int PA_FLOAT32 = 0x01;
    public static final int PA_INT32 = 0x02;
    public static final int PA_INT16 = 0x08;
    public static final int PA_INT8 = 0x10;
    public static final int PA_UINT8 = 0x20;

    /** The most samples one array may hold: a second of 48 kHz stereo, twice over. */
    public static final int MAX_SAMPLES = 192_000;

    public static final RosType<AudioStamped> TYPE = RosType.of("audio_common_msgs/msg/AudioStamped",
            MAX_SAMPLES * 4 + 4096,
            (m, out) -> {
                m.header().write(out);
                out.float32s(m.float32()).int32s(m.int32()).int16s(m.int16());
                out.bytes(java.nio.ByteBuffer.wrap(m.int8())).bytes(java.nio.ByteBuffer.wrap(m.uint8()));
                out.int32(m.format()).int32(m.channels()).int32(m.rate()).int32(m.chunk());
            },
            in -> {
                RosHeader header = RosHeader.read(in);
                float[] f = in.float32s(MAX_SAMPLES);
                int[] i32 = in.int32s(MAX_SAMPLES);
                short[] i16 = in.int16s(MAX_SAMPLES);
                byte[] i8 = copy(in.bytes(MAX_SAMPLES));
                byte[] u8 = copy(in.bytes(MAX_SAMPLES));
                return new AudioStamped(header, f, i32, i16, i8, u8, in.int32(), in.int32(), in.int32(), in.int32());
            });

    private static byte[] copy(java.nio.ByteBuffer view) {
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }
}
