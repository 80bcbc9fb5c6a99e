package io.crmkit.whatsapp.application.repository;

import io.crmkit.whatsapp.domain.Channel;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The organisation's connected (and once connected) numbers. */
public interface ChannelRepository {

    List<Channel> list(long organisationId);

    Optional<Channel> find(long organisationId, long channelId);

    /** A channel whatever its organisation, for background work that already holds its id. */
    Optional<Channel> find(long channelId);

    /** Every connected channel of every organisation, for background checks. */
    List<Channel> connected();

    /** The channel of a number in any organisation: a number is connected to one organisation at a time. */
    Optional<Channel> findByPhoneNumberId(String phoneNumberId);

    /** Whether another channel still receives the account's webhooks (they are subscribed per account). */
    boolean otherConnectedChannelOfAccount(String wabaId, long exceptChannelId);

    /** Stores a new channel and commits it. */
    Channel add(Channel channel);

    /**
     * Loads the channel, applies the change and commits it.
     *
     * @throws io.crmkit.whatsapp.domain.Refusal NOT_FOUND when the organisation has no such channel
     */
    Channel change(long organisationId, long channelId, Consumer<Channel> change);
}
