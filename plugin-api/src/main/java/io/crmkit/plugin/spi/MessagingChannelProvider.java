package io.crmkit.plugin.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A messaging channel (WhatsApp, and whatever a partner adds: SMS, LINE, ...) that the Messages tab can
 * send through. A partner implements this interface, registers it in
 * {@code META-INF/services/io.crmkit.plugin.spi.MessagingChannelProvider} (or as a CDI bean), and the
 * messaging plugin routes outbound messages of that channel type to it.
 *
 * <p>Implementations are thread-safe. {@link #send} may be called concurrently for different channels and
 * must not block longer than its own timeout.
 */
public interface MessagingChannelProvider {

    /** Stable id of the channel type, for example {@code whatsapp}; lowercase. */
    String channelType();

    /** The channel's name for users, for example "WhatsApp". */
    LocalizedText displayName();

    /**
     * Hands one text message to the channel.
     *
     * @param channelId   the messaging plugin's id of the connected channel (number, account, ...)
     * @param recipient   the recipient's address in the channel's own notation (E.164 for phone channels)
     * @param text        the message text
     * @param referenceId the sender's own id of the message; the provider reports it back in delivery updates
     * @return what the channel said on accepting it
     * @throws ChannelSendException when the channel refused the message or could not be reached
     */
    SendReceipt send(long channelId, String recipient, String text, String referenceId);

    /**
     * The channel's acknowledgement of an accepted message.
     *
     * @param externalId the channel's id for the message, used to match later delivery updates
     */
    record SendReceipt(String externalId, Instant acceptedAt) {
        public SendReceipt {
            Objects.requireNonNull(externalId, "externalId");
            Objects.requireNonNull(acceptedAt, "acceptedAt");
        }
    }

    /** A refusal of {@link #send}; {@link #transientFailure()} says whether trying again later may succeed. */
    class ChannelSendException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean transientFailure;
        private final String errorCode;

        public ChannelSendException(String errorCode, String message, boolean transientFailure) {
            super(message);
            this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
            this.transientFailure = transientFailure;
        }

        public boolean transientFailure() {
            return transientFailure;
        }

        /** The channel's own error code, shown to users beside the message. */
        public Optional<String> errorCode() {
            return Optional.of(errorCode);
        }
    }
}
