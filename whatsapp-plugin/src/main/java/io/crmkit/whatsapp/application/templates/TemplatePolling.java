package io.crmkit.whatsapp.application.templates;

import io.crmkit.whatsapp.application.WakeableLoop;
import io.crmkit.whatsapp.domain.Channel;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Syncs every connected account's templates now and then, since Meta's webhooks may never arrive, and at once
 * when a number is connected, so that its account's templates are there to send.
 */
@ApplicationScoped
public class TemplatePolling {
    private static final Logger LOG = Logger.getLogger(TemplatePolling.class.getName());

    @Inject
    TemplateSync sync;
    @Inject
    @ConfigProperty(name = "whatsapp.templates.poll-minutes", defaultValue = "15")
    long intervalMinutes;
    @Resource
    ManagedThreadFactory threads;

    private final WakeableLoop loop = new WakeableLoop();

    public void start() {
        loop.start(threads, "whatsapp-template-sync", Duration.ofMinutes(intervalMinutes), this::syncAll);
    }

    public void stop() {
        loop.stop();
    }

    /** Syncs soon, on the loop's thread: after a number was connected. */
    public void syncSoon() {
        loop.wakeUp();
    }

    private void syncAll() {
        for (Channel channel : sync.accountsToPoll()) {
            try {
                TemplateSync.Outcome outcome = sync.syncAccount(channel);
                if (outcome.imported() + outcome.removed() > 0) {
                    LOG.log(Level.INFO, "Templates of account {0}: {1} imported, {2} updated, {3} gone at Meta",
                            new Object[]{channel.wabaId(), outcome.imported(), outcome.updated(), outcome.removed()});
                }
            } catch (RuntimeException unavailable) {
                // Meta busy, unreachable or refusing the token: the next round tries again; the health check reports tokens.
                LOG.log(Level.FINE, "Templates of account {0} could not be synced: {1}",
                        new Object[]{channel.wabaId(), unavailable.getMessage()});
            }
        }
    }
}
