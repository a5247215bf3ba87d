package dev.vigil.ros.camera;

import dev.vigil.agent.clock.Clock;
import dev.vigil.agent.message.CameraFrame;
import dev.vigil.ros.msg.CompressedImage;
import dev.vigil.ros.msg.Image;
import dev.vigil.ros.transport.InputProblems;
import dev.vigil.ros.transport.RosException;
import dev.vigil.ros.transport.RosListener;
import dev.vigil.ros.transport.RosQos;
import dev.vigil.ros.transport.RosTransport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * A camera on ROS 2 topics, as camera drivers publish it ({@code usb_cam}, {@code v4l2_camera},
 * {@code realsense2_camera}, through {@code image_transport}): {@code sensor_msgs/Image} on one topic
 * ({@link #DEFAULT_IMAGE_TOPIC}) and, where the raw images are too heavy for the link,
 * {@code sensor_msgs/CompressedImage} on another ({@link #DEFAULT_COMPRESSED_TOPIC}). Subscribe to one of
 * the two: a driver publishes the same picture on both. Each image becomes a {@link CameraFrame}
 * (packed 8-bit RGB).
 * <p>
 * <b>Supported:</b> raw {@code rgb8}, {@code bgr8}, {@code rgba8}, {@code bgra8}, {@code mono8}, any row
 * padding ({@code step}); compressed JPEG and PNG (and whatever else {@code javax.imageio} reads), the
 * decoder chosen by the data's signature. Alpha is dropped. Images up to {@link Image#MAX_DATA} bytes of
 * raw data (1920 × 1080 rgba8) or 3840 × 2160 decoded pixels.
 * <p>
 * <b>Threads:</b> the DDS thread copies the sample out of the DDS layer, checks a raw image's fields (a
 * few comparisons) and leaves it in a hand-off that holds one image: a newer one replaces an image the
 * camera's thread ({@code vigil-camera-in}) has not taken yet, and those are counted ({@link #dropped()}).
 * That thread converts (a pass over the pixels, or a JPEG/PNG decode) and calls the consumer. A consumer
 * slower than the camera thus sees the newest picture, never a queue of old ones.
 * <p>
 * <b>Time:</b> {@link CameraFrame#captureNanos()} is the session time the sample reached the agent (taken
 * on the DDS thread, before any wait); the header stamp is kept as {@link CameraFrame#stampNanos()}.
 * <p>
 * <b>QoS:</b> best effort, volatile, keep last 5 (ROS 2's sensor data profile, which camera drivers
 * publish with; a best-effort reader matches a reliable writer too).
 * <p>
 * <b>Bad input</b> is dropped, counted by kind and logged once per kind ({@link InputProblems}), and the
 * stream goes on: {@code malformed} (not valid CDR of the type, or more data than the bound),
 * {@code empty_image} (zero width or height), {@code unsupported_encoding}, {@code short_step} (a row
 * shorter than width × bytes per pixel), {@code short_data} (fewer than height × step bytes),
 * {@code unsupported_format} (a compressed depth image), {@code undecodable} (compressed data that do not
 * decode, or decode with a warning: cut short, corrupt), {@code too_large} (a compressed image over the
 * pixel bound).
 */
public final class RosCameraIn implements AutoCloseable {

    public static final String DEFAULT_IMAGE_TOPIC = "/image_raw";
    public static final String DEFAULT_COMPRESSED_TOPIC = "/image_raw/compressed";
    /** ROS 2's sensor data profile: best effort, volatile, keep last 5. */
    public static final RosQos QOS = RosQos.SENSOR_DATA;

    private static final Logger LOG = Logger.getLogger(RosCameraIn.class.getName());

    /** An image waiting for the camera thread, checked; converting it may still reject it. */
    @FunctionalInterface
    private interface Pending {
        CameraFrame convert() throws ImageRejected;
    }

    private final Clock clock;
    private final Consumer<CameraFrame> frames;
    private final InputProblems problems;
    private final NewestOnly<Pending> handOff = new NewestOnly<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicBoolean consumerFailed = new AtomicBoolean();
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    private final Thread worker;

    private RosCameraIn(Clock clock, Consumer<CameraFrame> frames, InputProblems problems) {
        this.clock = clock;
        this.frames = frames;
        this.problems = problems;
        worker = new Thread(this::work, "vigil-camera-in");
        worker.setDaemon(true);
    }

    /**
     * Subscribes and starts the camera thread.
     *
     * @param imageTopic      {@code sensor_msgs/Image}, e.g. {@link #DEFAULT_IMAGE_TOPIC}; null for none
     * @param compressedTopic {@code sensor_msgs/CompressedImage}, e.g. {@link #DEFAULT_COMPRESSED_TOPIC};
     *                        null for none
     * @param clock           the session clock, for {@link CameraFrame#captureNanos()}
     * @param frames          receives each frame on the camera thread; may take its time (images that come
     *                        meanwhile replace each other), should not throw (what it throws is logged once)
     * @param problems        counts and logs bad input
     * @throws IllegalArgumentException neither topic given
     * @throws RosException             a topic name is not valid, or DDS refused (one line)
     */
    public static RosCameraIn open(RosTransport transport, String imageTopic, String compressedTopic, Clock clock,
                                   Consumer<CameraFrame> frames, InputProblems problems) throws RosException {
        if (imageTopic == null && compressedTopic == null) {
            throw new IllegalArgumentException("a camera needs an image topic or a compressed image topic");
        }
        RosCameraIn in = new RosCameraIn(clock, frames, problems);
        try {
            if (imageTopic != null) {
                in.subscriptions.add(transport.subscribe(imageTopic, Image.TYPE, QOS, in.listener(in::onImage)));
            }
            if (compressedTopic != null) {
                in.subscriptions.add(transport.subscribe(compressedTopic, CompressedImage.TYPE, QOS,
                        in.listener(in::onCompressed)));
            }
        } catch (RosException e) {
            in.close();
            throw e;
        }
        in.worker.start();
        return in;
    }

    /** Images that arrived on either topic, usable or not (malformed samples included). */
    public long received() {
        return received.get();
    }

    /** Frames handed to the consumer. */
    public long delivered() {
        return delivered.get();
    }

    /** Good images a newer one replaced before the camera thread took them. */
    public long dropped() {
        return handOff.replaced();
    }

    private <T> RosListener<T> listener(Consumer<T> onMessage) {
        return new RosListener<>() {
            @Override
            public void message(T message) {
                received.incrementAndGet();
                onMessage.accept(message);
            }

            @Override
            public void malformed(String problem) {
                received.incrementAndGet();
                problems.report("malformed", problem);
            }
        };
    }

    private void onImage(Image image) {
        long arrived = clock.nanos();
        try {
            // Checked here, so a bad image never replaces a good one waiting.
            PixelEncoding encoding = RawImages.check(image);
            handOff.put(() -> RawImages.convert(image, encoding, arrived));
        } catch (ImageRejected e) {
            problems.report(e.kind(), e.getMessage());
        }
    }

    private void onCompressed(CompressedImage image) {
        long arrived = clock.nanos();
        handOff.put(() -> CompressedImages.decode(image, arrived));
    }

    private void work() {
        try {
            for (Pending next; (next = handOff.take()) != null; ) {
                CameraFrame frame;
                try {
                    frame = next.convert();
                } catch (ImageRejected e) {
                    problems.report(e.kind(), e.getMessage());
                    continue;
                }
                try {
                    frames.accept(frame);
                    delivered.incrementAndGet();
                } catch (RuntimeException e) {
                    if (consumerFailed.compareAndSet(false, true)) {
                        LOG.warning("camera frame consumer failed (further failures are not logged): " + e);
                    }
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    @Override
    public void close() {
        for (AutoCloseable s : subscriptions) {
            try {
                s.close();
            } catch (Exception e) {
                // Leaving the graph ends it anyway.
            }
        }
        handOff.close();
        worker.interrupt();
    }
}
