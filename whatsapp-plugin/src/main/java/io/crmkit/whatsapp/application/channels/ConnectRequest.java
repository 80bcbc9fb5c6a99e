package io.crmkit.whatsapp.application.channels;

import io.crmkit.whatsapp.domain.ChannelMode;

import java.util.List;
import java.util.Optional;

/**
 * What an administrator submits to connect a number. MANUAL needs phone number id, WABA id and token;
 * EMBEDDED_SIGNUP needs the signup's code, WABA id and phone number id; SANDBOX needs nothing more.
 */
public record ConnectRequest(ChannelMode mode, String name, List<Long> assigneeIds, Optional<String> phoneNumberId,
                            Optional<String> wabaId, Optional<String> accessToken, Optional<String> code) {
    public ConnectRequest {
        assigneeIds = assigneeIds == null ? List.of() : List.copyOf(assigneeIds);
    }
}
