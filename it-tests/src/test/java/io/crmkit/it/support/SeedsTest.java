package io.crmkit.it.support;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeedsTest {

    private static String seedOf(Throwable failure) {
        String text = failure.getMessage();
        return text.substring(text.indexOf("seed ") + 5, text.indexOf(':', text.indexOf("seed ")));
    }

    @Test
    void aFailedAssertionNamesTheSeedAndKeepsWhatWasExpected() {
        Seeds seeds = new Seeds();
        seeds.beforeEach(null);
        String chosen = seeds.japaneseMobile();

        AssertionFailedError named = assertThrows(AssertionFailedError.class, () -> seeds.handleTestExecutionException(null,
                new AssertionFailedError("the balance", 1, 2)));

        assertTrue(named.getMessage().startsWith("the balance (random choices from seed "), named.getMessage());
        assertEquals(1, named.getExpected().getValue());
        assertEquals(2, named.getActual().getValue());
        String seed = seedOf(named);
        System.setProperty(Seeds.PROPERTY, seed);
        try {
            Seeds again = new Seeds();
            again.beforeEach(null);
            assertEquals(chosen, again.japaneseMobile(), "the seed makes the same choices again");
        } finally {
            System.clearProperty(Seeds.PROPERTY);
        }
    }

    @Test
    void anyOtherFailureCarriesTheSeedBesideIt() {
        Seeds seeds = new Seeds();
        seeds.beforeEach(null);

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> seeds.handleTestExecutionException(null,
                new IllegalStateException("no server")));

        assertEquals("no server", failure.getMessage());
        assertTrue(failure.getSuppressed()[0].getMessage().contains("-Dtest.seed="), failure.getSuppressed()[0].getMessage());
    }

    @Test
    void chosenNumbersAreJapaneseMobileNumbers() {
        Seeds seeds = new Seeds();
        seeds.beforeEach(null);
        IntStream.range(0, 1_000).mapToObj(i -> seeds.japaneseMobile())
                .forEach(number -> assertTrue(number.matches("8190[1-9]\\d{7}"), number));
    }
}
