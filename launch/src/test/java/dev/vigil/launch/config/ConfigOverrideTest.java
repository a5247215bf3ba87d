package dev.vigil.launch.config;

import dev.vigil.perception.audio.aec.AecSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code --set KEY=VALUE} and the dedicated flags: one key changed, checked like a file. */
class ConfigOverrideTest {

    private final AgentConfig defaults = AgentConfig.defaults();

    private static void refused(ThrowingOverride override, String message) {
        ConfigException e = catchThrowableOfType(ConfigException.class, override::apply);
        assertThat(e).as("refused").isNotNull();
        assertThat(e.getMessage()).isEqualTo(message);
    }

    private interface ThrowingOverride {
        void apply() throws Exception;
    }

    @Test
    void aScalarChangesOneKeyAndNothingElse() throws Exception {
        AgentConfig config = defaults.withOverride("hearing.aec.enabled", "false");

        assertThat(config.frontEnd().aec()).isEqualTo(AecSettings.defaults().withEnabled(false));
        assertThat(config.withOverride("hearing.aec.enabled", "true")).isEqualTo(defaults);
        assertThat(defaults.frontEnd().aec().enabled()).as("the original is unchanged").isTrue();
    }

    @Test
    void valuesAreYaml() throws Exception {
        assertThat(defaults.withOverride("turn.min_word_confidence", "0.45").turn().minWordConfidence()).isEqualTo(0.45f);
        assertThat(defaults.withOverride("turn.fillers", "[uh, erm]").turn().fillers()).containsExactly("uh", "erm");
        assertThat(defaults.withOverride("microphone.pipeline", "pulsesrc device=mic").microphone().pipeline())
                .isEqualTo("pulsesrc device=mic");
        assertThat(defaults.withOverride("events.file", "\"-\"").events().toStdout()).isTrue();
        assertThat(defaults.withOverride("out", "runs/today").outDir()).map(Object::toString).contains("runs/today");
    }

    @Test
    void anEmptyValueIsNull() throws Exception {
        AgentConfig withOut = defaults.withOverride("out", "runs");

        assertThat(withOut.withOverride("out", "").out()).isNull();
    }

    @Test
    void aSectionTakesAMappingOfSomeOfItsKeys() throws Exception {
        AgentConfig config = defaults.withOverride("hearing.vad", "{start_threshold: 0.6, hangover_ms: 240}");

        assertThat(config.frontEnd().vad().startThreshold()).isEqualTo(0.6f);
        assertThat(config.frontEnd().vad().hangoverMillis()).isEqualTo(240);
        assertThat(config.frontEnd().vad().onsetWindows()).isEqualTo(defaults.frontEnd().vad().onsetWindows());
    }

    @Test
    void overridesApplyOverAFileInOrder() throws Exception {
        AgentConfig config = AgentConfig.parse("turn: {unit_ms: 500, min_interruption_ms: 100}\n", "vigil.yaml")
                .withOverride("turn.unit_ms", "800")
                .withOverride("turn.unit_ms", "900");

        assertThat(config.turn().unitMillis()).isEqualTo(900);
        assertThat(config.turn().minInterruptionMillis()).isEqualTo(100);
    }

    @Test
    void dedicatedFlagsSetTextLiterally() throws Exception {
        AgentConfig config = defaults
                .withText("microphone.pipeline", "filesrc location=in.wav ! decodebin", "--mic")
                .withText("speaker.pipeline", "[not yaml", "--speaker")
                .withText("events.file", "-", "--events")
                .withText("out", "runs/today", "--out");

        assertThat(config.microphone().pipeline()).isEqualTo("filesrc location=in.wav ! decodebin");
        assertThat(config.speaker().pipeline()).isEqualTo("[not yaml");
        assertThat(config.events().toStdout()).isTrue();
        assertThat(config.out()).isEqualTo("runs/today");
    }

    @Test
    void errorsAreOneLineFromSet() {
        refused(() -> defaults.withOverride("hearing.aec.enabeld", "false"),
                "--set: hearing.aec.enabeld: unknown key 'enabeld'; did you mean enabled? (valid here: enabled, filter_ms, "
                        + "track_delay, max_delay_ms, echo_suppress_db, echo_suppress_active_db, noise_suppress_db)");
        refused(() -> defaults.withOverride("turn.unit_ms", "fast"), "--set: turn.unit_ms: expected an integer, got \"fast\"");
        refused(() -> defaults.withOverride("hearing.aec.enabled", "1"), "--set: hearing.aec.enabled: expected true or false, got 1");
        refused(() -> defaults.withOverride("hearing.aec.filter_ms", "5000"),
                "--set: hearing.aec.filter_ms: aec filter length must be 10..1000 ms, was 5000");
        refused(() -> defaults.withOverride("speaking.rate", "0.1"),
                "--set: speaking.rate: must be between 0.5 and 2.0, was 0.1");
        refused(() -> defaults.withOverride("turn.fillers", "[uh, um"),
                "--set: turn.fillers: not valid YAML: expected ',' or ']', but got <stream end> (while parsing a flow sequence from line 1)");
        refused(() -> defaults.withOverride("turn.unit_ms.fast", "1"), "--set: turn.unit_ms: expected an integer, got a mapping");
        refused(() -> defaults.withOverride("hearing..vad", "1"),
                "--set: hearing..vad: not a key path: give dotted keys such as hearing.aec.enabled");
        refused(() -> defaults.withOverride("events.file", "-"), "--set: events.file: expected text, got a list");
        refused(() -> defaults.withText("turn.unit_ms", "fast", "--unit"), "--unit: turn.unit_ms: expected an integer, got \"fast\"");
        refused(() -> defaults.withText("microphone.pipeline", "", "--mic"), "--mic: microphone.pipeline: must not be empty (leave it out or write null for none)");
    }
}
