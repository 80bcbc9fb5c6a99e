package io.crmkit.whatsapp.application.channels;

/**
 * Test numbers of the built-in sandbox, the one thing a sandbox connect does differently from a manual one:
 * everything after it goes through the Graph API client like a real number.
 */
public interface TestNumbers {

    /** A WhatsApp Business Account with one number and a token for it. */
    record TestNumber(String wabaId, String phoneNumberId, String accessToken) {
    }

    /**
     * A new test number.
     *
     * @throws io.crmkit.whatsapp.domain.Refusal when the sandbox is turned off on this server
     */
    TestNumber provision();

    /**
     * A new token for a test number the sandbox made before, to connect it again with its history.
     *
     * @throws io.crmkit.whatsapp.domain.Refusal when the sandbox is off or no longer knows the account
     */
    TestNumber reissue(String wabaId);
}
