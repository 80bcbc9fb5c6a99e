package io.crmkit.whatsapp.application.meta;

import io.crmkit.whatsapp.domain.TemplateContent;

import java.util.List;
import java.util.Optional;

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

    /**
     * Submits a template for Meta's review; answers Meta's id for it. Merge fields go as named parameters with
     * their examples.
     */
    String createTemplate(String accessToken, String wabaId, String name, String language, String category,
                          TemplateContent content);

    /** Submits new content for an existing template; Meta reviews it again. */
    void editTemplate(String accessToken, String metaTemplateId, String category, TemplateContent content);

    /** Deletes a template at Meta: every language of the name, or the one language when its id is given. */
    void deleteTemplate(String accessToken, String wabaId, String name, Optional<String> metaTemplateId);

    /** One page of the account's templates, after the cursor of the page before (none for the first). */
    MetaTemplate.Page templates(String accessToken, String wabaId, Optional<String> after);

    /**
     * Uploads a template header's sample through Meta's resumable upload (an upload session of the app, then the
     * bytes); answers the handle a template's {@code header_handle} example names.
     */
    String uploadTemplateSample(String accessToken, String mimeType, String fileName, byte[] content);

    /** Registers a number for the Cloud API (needed once for a new number). */
    void register(String accessToken, String phoneNumberId, String pin);
}
