package dev.vigil.launch.video;

import dev.vigil.agent.message.CameraFrame;

import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A display filmed at a steady rate: frame k at {@code startS + k / fps}, showing the state that
 * {@code states} gives for its time (nothing lit before the first), up to {@code endS}. Each state is
 * drawn once and its pixels shared by every frame that shows it (frames are never mutated).
 */
abstract class GeneratedVideo implements Video {

    private final List<Shown> states;
    private final DisplayStyle style;
    private final double startS;
    private final double endS;

    /**
     * @param states what is shown from when, video seconds (from {@code startS}), sorted
     * @param endS   scenario time after which no frame is made
     */
    GeneratedVideo(List<Shown> states, DisplayStyle style, double startS, double endS) {
        this.states = List.copyOf(states);
        this.style = style;
        this.startS = startS;
        this.endS = endS;
    }

    /** The picture of {@code state}, or of the dark display when it is null. */
    abstract BufferedImage draw(String state, DisplayStyle style);

    DisplayStyle style() {
        return style;
    }

    @Override
    public List<Shown> truth() {
        return states.stream().map(s -> new Shown(startS + s.atS(), s.what())).toList();
    }

    @Override
    public FrameStream open(Consumer<String> rejected) {
        Map<String, byte[]> drawn = new HashMap<>();
        Function<String, byte[]> pixels = state -> drawn.computeIfAbsent(state == null ? "" : state,
                s -> Rgb.of(draw(s.isEmpty() ? null : s, style)));
        return new FrameStream() {
            private long k;

            @Override
            public CameraFrame next() {
                double videoS = k / style.fps();
                double t = startS + videoS;
                if (t >= endS) {
                    return null;
                }
                k++;
                return new CameraFrame(Math.round(t * 1e9), Math.round(videoS * 1e9), "scenario",
                        style.width(), style.height(), pixels.apply(stateAt(videoS)));
            }

            @Override
            public void close() {
            }
        };
    }

    /** The state shown at {@code videoS}, or null before the first. */
    String stateAt(double videoS) {
        String state = null;
        for (Shown s : states) {
            if (s.atS() > videoS + 1e-9) {
                break;
            }
            state = s.what();
        }
        return state;
    }
}
