package dev.vigil.agent.bus;

import dev.vigil.agent.message.AudioFrame;
import dev.vigil.agent.message.Say;
import dev.vigil.agent.testing.BusHarness;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodecsTest {

    @Test
    void aMessageTravelsByReferenceNeverCopied() {
        try (BusHarness bus = new BusHarness()) {
            bus.record(Addresses.MIC_AUDIO);
            AudioFrame frame = new AudioFrame(0, 16_000, new short[320]);
            bus.send(Addresses.MIC_AUDIO, frame);
            assertThat(bus.published(Addresses.MIC_AUDIO)).singleElement().isSameAs(frame);
        }
    }

    @Test
    void everyMessageRecordHasACodec() {
        try (BusHarness bus = new BusHarness()) {
            bus.record("test.any");
            for (Class<?> type : Codecs.MESSAGES) {
                assertThat(type.isRecord()).as(type + " is a record").isTrue();
                Object message = sample(type);
                bus.send("test.any", message);
                assertThat(bus.published("test.any")).last().isSameAs(message);
            }
            assertThat(bus.published("test.any")).hasSameSizeAs(Codecs.MESSAGES);
        }
    }

    @Test
    void theLocalCodecRefusesTheWire() {
        LocalCodec<Say> codec = new LocalCodec<>(Say.class);
        Say say = new Say("robot-1", "hello", 0);
        assertThat(codec.transform(say)).isSameAs(say);
        assertThat(codec.name()).isEqualTo("local:" + Say.class.getName());
        assertThatThrownBy(() -> codec.encodeToWire(Buffer.buffer(), say))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("local bus only");
        assertThatThrownBy(() -> codec.decodeFromWire(0, Buffer.buffer()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    /**
     * An instance of a record with plain values: 1 for numbers, text for strings, empty arrays and
     * lists and sets, an enum's first constant.
     */
    private static Object sample(Class<?> type) {
        try {
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                Class<?> t = components[i].getType();
                types[i] = t;
                values[i] = t == long.class ? 1L : t == int.class ? 1 : t == float.class ? 0.5f : t == double.class ? 0.5
                        : t == boolean.class ? true : t == String.class ? "x" : t.isArray()
                        ? java.lang.reflect.Array.newInstance(t.getComponentType(), 0)
                        : t == java.util.List.class ? java.util.List.of() : t == java.util.Set.class ? java.util.Set.of()
                        : t.isEnum() ? t.getEnumConstants()[0] : null;
            }
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot make a " + type.getSimpleName(), e);
        }
    }
}
