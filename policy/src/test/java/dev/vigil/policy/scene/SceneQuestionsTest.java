package dev.vigil.policy.scene;

import dev.vigil.agent.message.Box;
import dev.vigil.agent.message.Observation;
import dev.vigil.agent.message.SceneObservations;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SceneQuestionsTest {

    private static final long NOW = 20_000_000_000L;

    private static Observation seen(Observation.Kind kind, String label) {
        return new Observation(kind, label, 0.9, Box.WHOLE_FRAME);
    }

    private static final List<SceneObservations> LOBBY = List.of(
            new SceneObservations("ocr", NOW - 300_000_000L, 640, 480,
                    List.of(seen(Observation.Kind.TEXT, "12"), seen(Observation.Kind.TEXT, "EXIT")), 0),
            new SceneObservations("objects", NOW - 300_000_000L, 640, 480, List.of(seen(Observation.Kind.OBJECT, "person"),
                    seen(Observation.Kind.OBJECT, "person"), seen(Observation.Kind.OBJECT, "dog")), 0),
            new SceneObservations("light", NOW - 300_000_000L, 640, 480, List.of(seen(Observation.Kind.LIGHT, "red")), 0));

    @Test
    void questionsAboutTheSceneAreAnsweredFromTheObservations() {
        assertThat(SceneQuestions.answer("So, what can you see?", LOBBY, NOW)).contains(
                "I see 2 people, a dog; I can read \"12\" and \"EXIT\"; a signal light shows red.");
        assertThat(SceneQuestions.answer("Which floor is this?", LOBBY, NOW)).contains("We're on floor 12.");
        assertThat(SceneQuestions.answer("What does that sign say?", LOBBY, NOW)).contains("It says \"12\" and \"EXIT\".");
        assertThat(SceneQuestions.answer("How many people are there?", LOBBY, NOW)).contains("I see 2 people.");
        assertThat(SceneQuestions.answer("how many cats do you see", LOBBY, NOW)).contains("I don't see any cats.");
        assertThat(SceneQuestions.answer("What colour is the traffic light?", LOBBY, NOW)).contains("The light is red.");
    }

    @Test
    void aStaleSceneIsWhatTheRobotLastSawAndNoVisionIsSaidPlainly() {
        assertThat(SceneQuestions.answer("what do you see", LOBBY, NOW + 10_000_000_000L)).get().asString()
                .startsWith("Last I saw, I see 2 people");
        assertThat(SceneQuestions.answer("what do you see", List.of(), NOW)).contains(
                "I can't see anything: I have no camera, or it shows me nothing yet.");
        assertThat(SceneQuestions.answer("read the sign", List.of(new SceneObservations("ocr", NOW, 10, 10, List.of(), 0)),
                NOW)).contains("I can't read any text right now.");
    }

    @Test
    void otherQuestionsAreNotAboutTheScene() {
        assertThat(SceneQuestions.answer("what can you do", LOBBY, NOW)).isEmpty();
        assertThat(SceneQuestions.answer("how many meters did you go", LOBBY, NOW)).isEmpty();
        assertThat(SceneQuestions.answer("go to the kitchen", LOBBY, NOW)).isEmpty();
    }
}
