package io.crmkit.whatsapp.application.channels;

import io.crmkit.whatsapp.domain.Channel;

/**
 * Channels' access tokens, sealed for storage (encrypted, and bound to their number so that a sealed token
 * copied to another channel does not open) and opened only for the call that needs them. Never logged.
 */
public interface AccessTokens {

    /** The token of the number, sealed for {@link Channel}'s storage. */
    byte[] seal(String phoneNumberId, String accessToken);

    /** The channel's token, opened. */
    String of(Channel channel);
}
