package dev.vigil.agent.duplex;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FloorSettingsTest {

    @Test
    void aNegativeStopConfidenceIsRefused() {
        assertThatThrownBy(() -> FloorSettings.defaults().withStopConfidence(-0.1f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stop confidence must not be negative, was -0.1");
        assertThatThrownBy(() -> FloorSettings.defaults().withStopConfidence(Float.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStopConfidenceAboveOneTurnsTheCheckOffAndIsAccepted() {
        assertThat(FloorSettings.defaults().withStopConfidence(1.5f).stopConfidence()).isEqualTo(1.5f);
        assertThat(FloorSettings.defaults().stopConfidence()).isEqualTo(FloorSettings.DEFAULT_STOP_CONFIDENCE);
    }
}
