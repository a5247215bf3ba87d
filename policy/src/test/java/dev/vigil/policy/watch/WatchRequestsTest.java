package dev.vigil.policy.watch;

import dev.vigil.policy.watch.WatchRequests.Cancel;
import dev.vigil.policy.watch.WatchRequests.Create;
import dev.vigil.policy.watch.WatchRequests.ListWatches;
import dev.vigil.policy.watch.WatchRequests.Unsupported;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Watch requests in free phrasing, as Whisper writes them (capitals, punctuation, digits). */
class WatchRequestsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Could you tell me when we get to floor 12?                     | text shows \"12\"  | We've reached floor 12.",
            "Let me know once we're on the fourth floor, please.            | text shows \"4\"   | We've reached floor 4.",
            "Ping me the moment the lift reaches level twenty one.          | text shows \"21\"  | We've reached floor 21.",
            "Shout when the elevator gets to B2                             | text shows \"B2\"  | We've reached floor B2.",
            "Tell me once we arrive at 7.                                   | text shows \"7\"   | We've reached floor 7.",
            "tell me when we reach flower 14                                | text shows \"14\"  | We've reached floor 14.",
            "Alert me as soon as the monitor says DONE.                     | text shows \"DONE\" | The monitor says done.",
            "Notify me if the board shows gate 7.                           | text shows \"GATE 7\" | The board says gate 7.",
            "Tell me when the traffic light goes yellow.                    | light is amber    | The light is amber now.",
            "Let me know if the light changes to green.                     | light is green    | The light is green now.",
            "Give me a shout once the signal goes red.                      | light is red      | The light is red now.",
            "Tell me when there are over five people here.                  | count(person) > 5 | There are over five people now.",
            "Warn me if at least 3 dogs show up.                            | count(dog) > 2    | There are at least 3 dogs now.",
            "Give me a heads up when somebody walks in.                     | count(person) rises | Someone has come in.",
            "Let me know when a cat appears.                                | count(cat) rises  | A cat has come in.",
            "Tell me once the man walks away.                               | count(person) falls to 0 | The man has left.",
            "Say something when everybody has left.                         | count(person) falls to 0 | Everyone has left.",
    })
    void requestsBecomeConditionsAndAlerts(String said, String condition, String alert) {
        assertThat(WatchRequests.read(said)).get().isInstanceOfSatisfying(Create.class, c -> {
            assertThat(c.condition().describe()).isEqualTo(condition);
            assertThat(c.alert()).isEqualTo(alert);
        });
    }

    @Test
    void theClauseIsSaidBackFromTheRobotsSideAndADurationIsRead() {
        assertThat(WatchRequests.read("Tell me when I get to my floor, floor 9, for the next ten minutes."))
                .get().isInstanceOfSatisfying(Create.class, c -> {
                    assertThat(c.clause()).isEqualTo("you get to your floor floor 9");
                    assertThat(c.forNanos()).isEqualTo(600_000_000_000L);
                });
    }

    @Test
    void everyTimeMakesAWatchThatRepeats() {
        assertThat(WatchRequests.read("Let me know every time the light goes green.")).get()
                .isInstanceOfSatisfying(Create.class, c -> {
                    assertThat(c.repeat()).isTrue();
                    assertThat(c.condition().describe()).isEqualTo("light is green");
                });
        assertThat(WatchRequests.read("Ping me whenever someone walks in")).get()
                .isInstanceOfSatisfying(Create.class, c -> assertThat(c.repeat()).isTrue());
        assertThat(WatchRequests.read("Tell me when the light goes green.")).get()
                .isInstanceOfSatisfying(Create.class, c -> assertThat(c.repeat()).isFalse());
    }

    @Test
    void askingToBeToldOfWhatNoConditionCoversIsUnsupportedNotIgnored() {
        assertThat(WatchRequests.read("Tell me when it starts to rain.")).get()
                .isInstanceOfSatisfying(Unsupported.class, u -> assertThat(u.clause()).isEqualTo("it starts to rain"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"What are you watching for?", "So what are you keeping an eye on?",
            "What alerts do you have?", "Are you watching anything?"})
    void listing(String said) {
        assertThat(WatchRequests.read(said)).get().isInstanceOf(ListWatches.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Stop watching the front door.   | the front door",
            "Cancel the alert for floor 12.  | floor 12",
            "Forget about the light.         | the light",
            "Don't tell me about the dog.    | the dog",
            "Cancel all the watches.         | ''",
    })
    void takingBack(String said, String reference) {
        assertThat(WatchRequests.read(said)).get()
                .isInstanceOfSatisfying(Cancel.class, c -> assertThat(c.reference()).isEqualTo(reference));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tell me what you can do.", "Go to the kitchen.", "When is dinner?",
            "Turn left when you reach the door", "Let me know what you think."})
    void otherWordsAreNotAboutWatches(String said) {
        assertThat(WatchRequests.read(said)).isEmpty();
    }
}
