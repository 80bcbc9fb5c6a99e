package io.crmkit.whatsapp.domain;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a channel was connected. */
public enum ChannelMode {
    /** A test number of the built-in Cloud API emulator: no Meta account needed. */
    SANDBOX,
    /** Phone number id, WABA id and a permanent system-user token pasted by an administrator. */
    MANUAL,
    /** Meta's Embedded Signup in the browser, the code exchanged for a business token on the server. */
    EMBEDDED_SIGNUP;

    /** The modes as a request names them, for a refusal to list. */
    public static String choices() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
