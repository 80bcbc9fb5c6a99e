package io.crmkit.whatsapp.application.channels;

import io.crmkit.whatsapp.application.WakeableLoop;
import io.crmkit.whatsapp.application.meta.CloudApi;
import io.crmkit.whatsapp.application.meta.MetaAuthorizationException;
import io.crmkit.whatsapp.application.repository.ChannelRepository;
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
 * Asks Meta now and then whether each connected channel's token still works, so that an expired or revoked
 * token shows as "needs re-authorisation" to administrators before anyone tries to send.
 */
@ApplicationScoped
public class ChannelHealthCheck {
    private static final Logger LOG = Logger.getLogger(ChannelHealthCheck.class.getName());

    @Inject
    ChannelRepository channels;
    @Inject
    CloudApi meta;
    @Inject
    AccessTokens tokens;
    @Inject
    @ConfigProperty(name = "whatsapp.channels.health-check-minutes", defaultValue = "30")
    long intervalMinutes;
    @Resource
    ManagedThreadFactory threads;

    private final WakeableLoop loop = new WakeableLoop();

    /** Checks on a thread of its own, like every background loop of the plugin (see {@link WakeableLoop}). */
    public void start() {
        loop.start(threads, "whatsapp-channel-health", Duration.ofMinutes(intervalMinutes), this::checkAll);
    }

    public void stop() {
        loop.stop();
    }

    /** Checks every connected channel; answers how many were marked for re-authorisation. */
    public int checkAll() {
        int refused = 0;
        for (Channel channel : channels.connected()) {
            try {
                meta.phoneNumber(tokens.of(channel), channel.phoneNumberId());
            } catch (MetaAuthorizationException tokenRefused) {
                channels.change(channel.organisationId(), channel.id(), Channel::requireReauthorisation);
                refused++;
            } catch (RuntimeException unavailable) {
                // Meta busy or unreachable says nothing about the token: check again next time.
                LOG.log(Level.FINE, "Channel {0} could not be checked: {1}",
                        new Object[]{channel.id(), unavailable.getMessage()});
            }
        }
        return refused;
    }
}
