package io.crmkit.whatsapp.application.repository;

import io.crmkit.whatsapp.domain.QuickReply;

import java.util.List;
import java.util.Optional;

/** The organisation's quick replies. */
public interface QuickReplyRepository {

    /** By shortcut. */
    List<QuickReply> list(long organisationId);

    Optional<QuickReply> find(long organisationId, long id);

    boolean shortcutTaken(long organisationId, String shortcut, Optional<Long> exceptId);

    /** Stores a new quick reply; its id is known on return. */
    QuickReply add(QuickReply reply);

    void remove(QuickReply reply);
}
