package io.crmkit.whatsapp.infrastructure.persistence;

import io.crmkit.whatsapp.application.repository.ChannelRepository;
import io.crmkit.whatsapp.domain.Channel;
import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.domain.RefusalText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Channels, always read within one organisation. Each change is its own short transaction. */
@ApplicationScoped
public class JpaChannelRepository extends JpaRepository implements ChannelRepository {
    @Override
    public List<Channel> list(long organisationId) {
        return listOfOrganisation(Channel.class, organisationId, "id");
    }

    @Override
    public Optional<Channel> find(long organisationId, long channelId) {
        return findInOrganisation(Channel.class, channelId, Channel::organisationId, organisationId);
    }

    @Override
    public Optional<Channel> find(long channelId) {
        return Optional.ofNullable(em.find(Channel.class, channelId));
    }

    /** Every connected channel of every organisation, for background checks. */
    @Override
    public List<Channel> connected() {
        return em.createQuery("select c from Channel c where c.status = io.crmkit.whatsapp.domain.ChannelStatus.CONNECTED"
                + " order by c.id", Channel.class).getResultList();
    }

    /** The channel of a number in any organisation: a number is connected to one organisation at a time. */
    @Override
    public Optional<Channel> findByPhoneNumberId(String phoneNumberId) {
        return em.createQuery("select c from Channel c where c.phoneNumberId = :id", Channel.class)
                .setParameter("id", phoneNumberId).getResultStream().findFirst();
    }

    /** Whether another channel still receives the account's webhooks (they are subscribed per account). */
    @Override
    public boolean otherConnectedChannelOfAccount(String wabaId, long exceptChannelId) {
        return !em.createQuery("""
                        select c.id from Channel c where c.wabaId = :waba and c.id <> :except
                          and c.status <> io.crmkit.whatsapp.domain.ChannelStatus.DISCONNECTED""", Long.class)
                .setParameter("waba", wabaId).setParameter("except", exceptChannelId)
                .setMaxResults(1).getResultList().isEmpty();
    }

    @Override
    @Transactional
    public Channel add(Channel channel) {
        return persistNow(channel);
    }

    /** Loads the channel, applies the change and commits it. */
    @Override
    @Transactional
    public Channel change(long organisationId, long channelId, Consumer<Channel> change) {
        Channel channel = find(organisationId, channelId)
                .orElseThrow(() -> Refusal.notFound(RefusalText.NO_SUCH_CHANNEL, channelId));
        change.accept(channel);
        em.flush();
        return channel;
    }
}
