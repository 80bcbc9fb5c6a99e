package io.crmkit.whatsapp.application.repository;

import io.crmkit.whatsapp.domain.DeliveryStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Statuses Meta sent for a message id the plugin did not know yet: the send call had not returned. */
public interface EarlyStatusRepository {

    record EarlyStatus(String wamid, DeliveryStatus status, Instant at, Optional<Integer> errorCode,
                       Optional<String> errorDetail) {
    }

    /** Keeps a status until its message is known; the same status twice is kept once. */
    void keep(EarlyStatus status);

    /** Removes and answers the statuses kept for the message id. */
    List<EarlyStatus> takeFor(String wamid);
}
