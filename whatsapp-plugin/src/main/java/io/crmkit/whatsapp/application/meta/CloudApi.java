package io.crmkit.whatsapp.application.meta;

import java.util.List;

/**
 * The Cloud API calls the plugin makes: connecting numbers, sending, media. Every call may throw {@link MetaApiException}:
 * {@link TransientMetaException} after the client's own retries gave up, {@link MetaAuthorizationException}
 * when the token is no longer accepted, {@link PermanentMetaException} for anything retrying cannot fix.
 */
public interface CloudApi {

    /** Exchanges an Embedded Signup code (valid 30 s) for a business token. */
    String exchangeCode(String code);

    /** What a token may manage. */
    TokenScopes inspectToken(String accessToken);

    /** The numbers of a WhatsApp Business Account. */
    List<PhoneNumberDetails> phoneNumbers(String accessToken, String wabaId);

    /** One number; fails with {@link MetaAuthorizationException} when the token may not read it. */
    PhoneNumberDetails phoneNumber(String accessToken, String phoneNumberId);

    /** Subscribes the app to the account's webhooks. */
    void subscribeApp(String accessToken, String wabaId);

    /** Stops the account's webhooks at once. */
    void unsubscribeApp(String accessToken, String wabaId);

    /**
     * Sends a message; answers Meta's id for it. Never retried by the client: after a timeout Meta may have
     * accepted it, which only its status webhooks (carrying the message's reference) can tell.
     */
    String send(String accessToken, String phoneNumberId, OutgoingMessage message);

    /** Uploads a file to send (Meta keeps it 30 days); answers its media id. Safe to repeat. */
    String uploadMedia(String accessToken, String phoneNumberId, String mimeType, String fileName, byte[] content);

    /** Tells WhatsApp the business read a message (and every earlier one): the customer sees blue ticks. */
    void markRead(String accessToken, String phoneNumberId, String wamid);

    /** Where a medium can be downloaded now: the URL is valid for five minutes. */
    MediaLocation locateMedia(String accessToken, String mediaId);

    /**
     * The bytes at a media URL.
     *
     * @throws MediaUrlExpiredException when the URL is no longer valid: ask {@link #locateMedia} for a new one
     */
    byte[] downloadMedia(String accessToken, String url);

    /** Registers a number for the Cloud API (needed once for a new number). */
    void register(String accessToken, String phoneNumberId, String pin);
}
