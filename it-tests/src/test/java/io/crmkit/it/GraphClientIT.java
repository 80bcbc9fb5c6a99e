package io.crmkit.it;

import io.crmkit.it.support.Deployments;
import io.crmkit.it.support.Eventually;
import io.crmkit.whatsapp.application.channels.AccessTokens;
import io.crmkit.whatsapp.application.channels.ChannelHealthCheck;
import io.crmkit.whatsapp.application.meta.CloudApi;
import io.crmkit.whatsapp.application.meta.MetaAuthorizationException;
import io.crmkit.whatsapp.application.meta.PermanentMetaException;
import io.crmkit.whatsapp.application.meta.PhoneNumberDetails;
import io.crmkit.whatsapp.application.repository.ChannelRepository;
import io.crmkit.whatsapp.domain.Channel;
import io.crmkit.whatsapp.domain.ChannelMode;
import io.crmkit.whatsapp.domain.ChannelStatus;
import io.crmkit.whatsapp.sandbox.SandboxFaults;
import io.crmkit.whatsapp.sandbox.SandboxState;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The fault-tolerant Graph client inside the deployed application, against the sandbox over HTTP with
 * injected faults. The deployment shortens the client's timings (3 s timeout, 50 ms retry delay, 2 s
 * circuit delay) through MicroProfile Fault Tolerance configuration.
 */
@ExtendWith(ArquillianExtension.class)
class GraphClientIT {

    @Deployment
    static WebArchive application() {
        return Deployments.application().addClasses(GraphClientIT.class, Eventually.class);
    }

    @Inject
    CloudApi meta;
    @Inject
    SandboxState sandbox;
    @Inject
    SandboxFaults faults;
    @Inject
    ChannelHealthCheck healthCheck;
    @Inject
    ChannelRepository channels;
    @Inject
    AccessTokens tokens;

    @AfterEach
    void clearFaults() {
        faults.clear();
    }

    /**
     * The circuit breakers live as long as the application, so each test starts from closed breakers with a
     * window of successes: otherwise failures provoked by one test would decide another's outcome.
     */
    @BeforeEach
    void closeTheBreakers() throws InterruptedException {
        Account healthy = account();
        int successes = 0;
        for (int attempt = 0; attempt < 100 && successes < 10; attempt++) {
            try {
                meta.phoneNumber(healthy.token(), healthy.number().id());
                meta.phoneNumbers(healthy.token(), healthy.number().wabaId());
                successes++;
            } catch (CircuitBreakerOpenException open) {
                successes = 0;
                Thread.sleep(250);
            }
        }
        assertEquals(10, successes, "the breakers closed");
    }

    private record Account(SandboxState.Number number, String token) {
    }

    private Account account() {
        SandboxState.Number number = sandbox.createAccount(true);
        return new Account(number, sandbox.grantToken(number.wabaId()));
    }

    private long requestsTo(String path) {
        return sandbox.countReceived("GET", path);
    }

    @Test
    void transientFaultsAreRetriedUntilTheCallSucceeds() {
        Account account = account();
        faults.add(new SandboxFaults.Fault(account.number().id(), 500, 131000, 0, 2));
        faults.add(new SandboxFaults.Fault(account.number().id(), 400, 130429, 0, 1));

        PhoneNumberDetails number = meta.phoneNumber(account.token(), account.number().id());
        assertEquals(account.number().displayPhoneNumber(), number.displayPhoneNumber());
        assertEquals(4, requestsTo(account.number().id()), "two 500s and a rate limit (HTTP 400), then success");
    }

    @Test
    void theHealthCheckMarksChannelsWhoseTokenMetaNoLongerAccepts() {
        Account healthy = account();
        Account revoked = account();
        Channel stillFine = channels.add(channelFor(healthy));
        Channel refused = channels.add(channelFor(revoked));
        sandbox.revokeAccount(revoked.number().wabaId());

        healthCheck.checkAll();
        assertEquals(ChannelStatus.CONNECTED, channels.find(1, stillFine.id()).orElseThrow().status());
        assertEquals(ChannelStatus.NEEDS_REAUTH, channels.find(1, refused.id()).orElseThrow().status());
    }

    private Channel channelFor(Account account) {
        return new Channel(1, "Checked", ChannelMode.MANUAL, new Channel.MetaNumber(account.number().id(),
                account.number().wabaId(), account.number().displayPhoneNumber(), null),
                tokens.seal(account.number().id(), account.token()), java.util.List.of(1L),
                java.time.Instant.now());
    }

    @Test
    void aConnectionDroppedMidAnswerIsRetried() {
        Account account = account();
        faults.add(new SandboxFaults.Fault(account.number().id(), 200, 0, 0, 1, true, 1.0));
        assertEquals(account.number().id(), meta.phoneNumber(account.token(), account.number().id()).id());
        assertEquals(2, requestsTo(account.number().id()));
    }

    @Test
    void permanentErrorsAreNotRetried() {
        Account account = account();
        faults.add(new SandboxFaults.Fault(account.number().id(), 400, 131026, 0, 5));
        assertThrows(PermanentMetaException.class, () -> meta.phoneNumber(account.token(), account.number().id()));
        assertEquals(1, requestsTo(account.number().id()));

        faults.clear();
        assertThrows(MetaAuthorizationException.class, () -> meta.phoneNumber("revoked-token", account.number().id()));
        assertEquals(2, requestsTo(account.number().id()), "an invalid token (190) is not retried either");
    }

    @Test
    void timeoutsCutSlowAnswersAndTheRetrySucceeds() {
        Account account = account();
        faults.add(new SandboxFaults.Fault(account.number().id(), 200, 0, 10_000, 1));
        long started = System.nanoTime();
        PhoneNumberDetails number = meta.phoneNumber(account.token(), account.number().id());
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(account.number().id(), number.id());
        assertTrue(seconds < 9, "the 10 s answer was abandoned at the 3 s timeout, took " + seconds);
        assertEquals(2, requestsTo(account.number().id()));
    }

    @Test
    void theCircuitOpensUnderABurstOfFailuresAndClosesAgain() throws InterruptedException {
        Account account = account();
        faults.add(new SandboxFaults.Fault("/phone_numbers", 500, 131000, 0, 1_000));
        CircuitBreakerOpenException open = null;
        for (int call = 0; call < 10 && open == null; call++) {
            try {
                meta.phoneNumbers(account.token(), account.number().wabaId());
                fail("every call fails while the fault lasts");
            } catch (CircuitBreakerOpenException opened) {
                open = opened;
            } catch (RuntimeException failed) {
                // counted by the breaker
            }
        }
        assertTrue(open != null, "the circuit opened");
        long attempts = sandbox.countReceived("GET", "/phone_numbers");
        assertThrows(CircuitBreakerOpenException.class, () -> meta.phoneNumbers(account.token(), account.number().wabaId()));
        assertEquals(attempts, sandbox.countReceived("GET", "/phone_numbers"), "an open circuit does not call Meta");

        faults.clear();
        // Calls are refused without reaching Meta until the breaker's delay is over; then a trial call passes.
        Eventually.eventually("half-open: a trial call passes", 15, () -> {
            try {
                return meta.phoneNumbers(account.token(), account.number().wabaId()).size() == 1;
            } catch (CircuitBreakerOpenException stillOpen) {
                return false;
            }
        });
        assertEquals(1, meta.phoneNumbers(account.token(), account.number().wabaId()).size(), "and the circuit closes");
    }
}
