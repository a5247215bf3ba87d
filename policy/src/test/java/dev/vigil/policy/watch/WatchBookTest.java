package dev.vigil.policy.watch;

import dev.vigil.agent.message.Box;
import dev.vigil.agent.message.Observation;
import dev.vigil.agent.message.SceneObservations;
import dev.vigil.agent.message.WatchUpdate;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WatchBookTest {

    private final WatchBook book = new WatchBook(WatchSettings.defaults());
    private final List<String> changes = Collections.synchronizedList(new ArrayList<>());

    {
        book.onChange(c -> changes.add(c.kind() + " " + c.watch().id()));
    }

    private static SceneObservations ocr(double atSeconds, String... lines) {
        List<Observation> seen = new ArrayList<>();
        for (String line : lines) {
            seen.add(new Observation(Observation.Kind.TEXT, line, 0.9, Box.WHOLE_FRAME));
        }
        return new SceneObservations("ocr", Math.round(atSeconds * 1e9), 640, 480, seen, 0);
    }

    private static SceneObservations objects(double atSeconds, String... labels) {
        List<Observation> seen = new ArrayList<>();
        for (String label : labels) {
            seen.add(new Observation(Observation.Kind.OBJECT, label, 0.8, Box.WHOLE_FRAME));
        }
        return new SceneObservations("objects", Math.round(atSeconds * 1e9), 640, 480, seen, 0);
    }

    @Test
    void firesOnceAfterTwoFramesInARowAndNotOnAMisreadInBetween() {
        Watch w = book.add("tell me at 16", new Condition.TextShown("16"), "We've reached floor 16.", 0, 0, true, false);
        assertThat(book.judge(ocr(1, "15"))).isEmpty();
        assertThat(book.judge(ocr(1.25, "16"))).isEmpty();          // one frame: could be a misread
        assertThat(book.judge(ocr(1.5, "18"))).isEmpty();           // the count starts again
        assertThat(book.judge(ocr(1.75, "FLOOR 16"))).isEmpty();
        assertThat(book.judge(ocr(2.0, "16"))).singleElement().satisfies(f -> {
            assertThat(f.watch()).isEqualTo(w);
            assertThat(f.atNanos()).isEqualTo(2_000_000_000L);
            assertThat(f.sinceNanos()).as("the first frame of the run that fired").isEqualTo(1_750_000_000L);
        });
        assertThat(book.judge(ocr(2.25, "16"))).isEmpty();
        assertThat(book.list()).isEmpty();
        assertThat(changes).containsExactly("created w1", "fired w1");
    }

    @Test
    void aNumberIsAWholeTokenNotPartOfAnother() {
        book.add("floor 6", new Condition.TextShown("6"), "We've reached floor 6.", 0, 0, true, false);
        for (double t = 1; t < 3; t += 0.25) {
            assertThat(book.judge(ocr(t, "16", "B6A", "60"))).isEmpty();
        }
    }

    @Test
    void framesFromBeforeTheRequestAndFromOtherEnginesDoNotCount() {
        book.add("floor 3", new Condition.TextShown("3"), "We've reached floor 3.", 5_000_000_000L, 0, true, false);
        assertThat(book.judge(ocr(4.5, "3"))).isEmpty();
        assertThat(book.judge(ocr(4.75, "3"))).isEmpty();
        assertThat(book.judge(objects(5.25, "person"))).isEmpty();
        assertThat(book.judge(ocr(5.25, "3"))).isEmpty();
        assertThat(book.judge(ocr(5.5, "3"))).hasSize(1);
    }

    @Test
    void someoneComingInIsCountedFromTheFewestSinceTheRequest() {
        book.add("someone comes in", new Condition.Arrives("person"), "Someone has come in.", 0, 0, true, false);
        assertThat(book.judge(objects(1, "person"))).isEmpty();       // already there when asked
        assertThat(book.judge(objects(2, "person"))).isEmpty();
        assertThat(book.judge(objects(3))).isEmpty();                 // stepped out
        assertThat(book.judge(objects(4, "person"))).isEmpty();
        assertThat(book.judge(objects(5, "person", "dog"))).hasSize(1);
    }

    @Test
    void theDogLeavesOnlyAfterItWasSeen() {
        book.add("the dog leaves", new Condition.Leaves("dog"), "The dog has left.", 0, 0, true, false);
        assertThat(book.judge(objects(1))).isEmpty();
        assertThat(book.judge(objects(2))).isEmpty();
        assertThat(book.judge(objects(3, "dog"))).isEmpty();
        assertThat(book.judge(objects(4))).isEmpty();
        assertThat(book.judge(objects(5, "person"))).hasSize(1);
    }

    @Test
    void aRepeatingWatchFiresAgainWhenTheConditionComesBack() {
        book.add("light green", new Condition.LightIs("green"), "Green.", 0, 0, true, true);
        SceneObservations green = new SceneObservations("light", 0, 10, 10,
                List.of(new Observation(Observation.Kind.LIGHT, "green", 0.95, Box.WHOLE_FRAME)), 0);
        SceneObservations red = new SceneObservations("light", 0, 10, 10,
                List.of(new Observation(Observation.Kind.LIGHT, "red", 0.95, Box.WHOLE_FRAME)), 0);
        int fired = 0;
        for (SceneObservations s : List.of(green, green, green, red, green, green, green)) {
            fired += book.judge(s).size();
        }
        assertThat(fired).isEqualTo(2);
        assertThat(book.list()).hasSize(1);
    }

    @Test
    void lowScoresDoNotFire() {
        book.add("floor 2", new Condition.TextShown("2"), "Two.", 0, 0, true, false);
        SceneObservations faint = new SceneObservations("ocr", 1, 10, 10,
                List.of(new Observation(Observation.Kind.TEXT, "2", 0.3, Box.WHOLE_FRAME)), 0);
        for (int i = 0; i < 5; i++) {
            assertThat(book.judge(faint)).isEmpty();
        }
    }

    @Test
    void expiryAndCancelEndWatchesAndSayWhichChanged() {
        Watch floor = book.add("tell me at floor 16", new Condition.TextShown("16"), "16.", 0, 10_000_000_000L, true, false);
        Watch door = book.add("someone comes through the door", new Condition.Arrives("person"), "In.", 0, 0, true, false);
        Watch light = book.add("the light turns green", new Condition.LightIs("green"), "Green.", 0, 0, true, false);
        assertThat(book.matching("the door")).containsExactly(door);
        assertThat(book.matching("the elevator")).containsExactly(floor);
        assertThat(book.matching("the traffic light")).containsExactly(light);
        assertThat(book.matching("")).isEmpty();                    // three: which one?
        assertThat(book.expire(9_000_000_000L)).isEmpty();
        assertThat(book.expire(10_000_000_000L)).containsExactly(floor);
        assertThat(book.cancel(door.id(), 11)).contains(door);
        assertThat(book.matching("it")).containsExactly(light);     // the only one left
        assertThat(changes).containsExactly("created w1", "created w2", "created w3", WatchUpdate.EXPIRED + " w1",
                WatchUpdate.CANCELLED + " w2");
    }

    @Test
    void configuredRequestsAreStandingWatchesThatNeverExpire() {
        WatchBook configured = WatchBook.withRequests(WatchSettings.defaults(),
                List.of("let me know when the light turns green", "tell me when we get to floor 3"));
        assertThat(configured.list()).extracting(w -> w.condition().describe())
                .containsExactly("light is green", "text shows \"3\"");
        assertThat(configured.list()).allSatisfy(w -> assertThat(w.expiresNanos()).isEqualTo(Long.MAX_VALUE));
        assertThat(configured.expire(Long.MAX_VALUE - 1)).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WatchBook.withRequests(WatchSettings.defaults(),
                List.of("go to the kitchen"))).hasMessage("not a watch request: go to the kitchen");
    }
}
