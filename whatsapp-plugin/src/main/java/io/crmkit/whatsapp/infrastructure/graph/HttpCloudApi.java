package io.crmkit.whatsapp.infrastructure.graph;

import io.crmkit.whatsapp.application.Jsonp;
import io.crmkit.whatsapp.application.meta.CloudApi;
import io.crmkit.whatsapp.application.meta.MetaError;
import io.crmkit.whatsapp.application.meta.MetaTemplate;
import io.crmkit.whatsapp.application.meta.OutgoingMessage;
import io.crmkit.whatsapp.application.meta.PermanentMetaException;
import io.crmkit.whatsapp.application.meta.PhoneNumberDetails;
import io.crmkit.whatsapp.application.meta.TokenScopes;
import io.crmkit.whatsapp.application.meta.TransientMetaException;
import io.crmkit.whatsapp.infrastructure.InstallationSecrets;
import io.crmkit.whatsapp.domain.TemplateContent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Cloud API over HTTP, Meta's JSON translated into the plugin's records. Every call is fault tolerant:
 * a time limit (the HTTP client's, {@code whatsapp.graph.request-timeout-ms}), retries with jittered back-off for transient failures only (Meta's error code decides),
 * a circuit breaker that stops hammering Meta while it fails, and a bulkhead that bounds concurrent calls.
 * These calls are idempotent, so a timed-out one may be retried; sending is not, and is never retried here.
 */
@ApplicationScoped
@Retry(maxRetries = 3, delay = 400, jitter = 200, maxDuration = 60_000,
        retryOn = TransientMetaException.class, abortOn = PermanentMetaException.class)
@CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
        successThreshold = 2, skipOn = PermanentMetaException.class)
@Bulkhead(40)
public class HttpCloudApi implements CloudApi {
    @Inject
    GraphSettings settings;
    @Inject
    InstallationSecrets secrets;
    @Inject
    @ConfigProperty(name = "whatsapp.graph.request-timeout-ms", defaultValue = "15000")
    long requestTimeoutMs;

    private GraphHttp http;

    @PostConstruct
    void connect() {
        http = new GraphHttp(Duration.ofMillis(requestTimeoutMs));
    }

    private URI at(String path) {
        return settings.versionedRoot().resolve(path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String exchangeCode(String code) {
        URI uri = at("oauth/access_token?client_id=" + encode(settings.appId()) + "&client_secret="
                + encode(secrets.appSecret()) + "&code=" + encode(code));
        return http.get(uri, Optional.empty()).getString("access_token");
    }

    @Override
    public TokenScopes inspectToken(String accessToken) {
        URI uri = at("debug_token?input_token=" + encode(accessToken));
        JsonObject data = http.get(uri, Optional.of(settings.appId() + "|" + secrets.appSecret()))
                .getJsonObject("data");
        Map<String, List<String>> targets = new LinkedHashMap<>();
        for (JsonValue scope : data.getJsonArray("granular_scopes") == null ? List.<JsonValue>of()
                : data.getJsonArray("granular_scopes")) {
            JsonObject granular = scope.asJsonObject();
            List<String> ids = new ArrayList<>();
            if (granular.containsKey("target_ids")) {
                granular.getJsonArray("target_ids").forEach(id -> ids.add(text(id)));
            }
            targets.put(granular.getString("scope", ""), ids);
        }
        return new TokenScopes(data.getBoolean("is_valid", false), targets);
    }

    @Override
    public List<PhoneNumberDetails> phoneNumbers(String accessToken, String wabaId) {
        JsonObject answer = http.get(at(encode(wabaId)
                + "/phone_numbers?fields=id,display_phone_number,verified_name,quality_rating,platform_type"),
                Optional.of(accessToken));
        return answer.getJsonArray("data").stream().map(JsonValue::asJsonObject).map(HttpCloudApi::phoneNumber).toList();
    }

    @Override
    public PhoneNumberDetails phoneNumber(String accessToken, String phoneNumberId) {
        return phoneNumber(http.get(at(encode(phoneNumberId)
                + "?fields=id,display_phone_number,verified_name,quality_rating,platform_type"), Optional.of(accessToken)));
    }

    private static PhoneNumberDetails phoneNumber(JsonObject json) {
        return new PhoneNumberDetails(text(json.get("id")), json.getString("display_phone_number", ""),
                json.getString("verified_name", null),
                PhoneNumberDetails.QualityRating.fromWire(json.getString("quality_rating", null)),
                PhoneNumberDetails.PlatformType.fromWire(json.getString("platform_type", null)));
    }

    @Override
    public void subscribeApp(String accessToken, String wabaId) {
        http.post(at(encode(wabaId) + "/subscribed_apps"), accessToken, JsonValue.EMPTY_JSON_OBJECT);
    }

    @Override
    public void unsubscribeApp(String accessToken, String wabaId) {
        http.delete(at(encode(wabaId) + "/subscribed_apps"), accessToken);
    }

    @Override
    @Retry(maxRetries = 0)
    public String send(String accessToken, String phoneNumberId, OutgoingMessage message) {
        var body = Jsonp.createObjectBuilder().add("messaging_product", "whatsapp").add("recipient_type", "individual")
                .add("to", message.to()).add("biz_opaque_callback_data", message.referenceId());
        if (message.content() instanceof OutgoingMessage.Text text) {
            body.add("type", "text").add("text", Jsonp.createObjectBuilder().add("body", text.body()).add("preview_url", false));
        } else if (message.content() instanceof OutgoingMessage.Media media) {
            var object = Jsonp.createObjectBuilder().add("id", media.mediaId());
            media.caption().ifPresent(caption -> object.add("caption", caption));
            media.fileName().ifPresent(name -> object.add("filename", name));
            body.add("type", media.wireType()).add(media.wireType(), object);
        } else if (message.content() instanceof OutgoingMessage.Template template) {
            body.add("type", "template").add("template", MetaTemplateJson.send(template));
        }
        message.quotedWamid().ifPresent(w -> body.add("context", Jsonp.createObjectBuilder().add("message_id", w)));
        JsonObject answer = http.post(at(encode(phoneNumberId) + "/messages"), accessToken, body.build());
        return answer.getJsonArray("messages").getJsonObject(0).getString("id");
    }

    /** Files reach 100 MB: the upload has minutes, not the seconds of other calls. */
    @Override
    public String uploadMedia(String accessToken, String phoneNumberId, String mimeType, String fileName, byte[] content) {
        return http.postMultipart(at(encode(phoneNumberId) + "/media"), accessToken, new GraphHttp.FormData()
                .field("messaging_product", "whatsapp").field("type", mimeType).file("file", fileName, mimeType, content))
                .getString("id");
    }

    @Override
    public void markRead(String accessToken, String phoneNumberId, String wamid) {
        http.post(at(encode(phoneNumberId) + "/messages"), accessToken, Jsonp.createObjectBuilder()
                .add("messaging_product", "whatsapp").add("status", "read").add("message_id", wamid).build());
    }

    @Override
    public io.crmkit.whatsapp.application.meta.MediaLocation locateMedia(String accessToken, String mediaId) {
        JsonObject media = http.get(at(encode(mediaId)), Optional.of(accessToken));
        return new io.crmkit.whatsapp.application.meta.MediaLocation(media.getString("url"),
                media.getString("mime_type", "application/octet-stream"),
                media.containsKey("file_size") ? media.getJsonNumber("file_size").longValue() : -1);
    }

    /**
     * Fetches a medium from the URL Meta gave. With Meta as the Graph API, the access token goes only to Meta's
     * own hosts over HTTPS: a URL elsewhere is refused, never fetched with the token.
     */
    @Override
    public byte[] downloadMedia(String accessToken, String url) {
        URI uri = URI.create(url);
        if (settings.pointsAtMeta() && !MetaHosts.servesMedia(uri)) {
            throw new PermanentMetaException(new MetaError(0, -2, Optional.empty(), "UntrustedMediaUrl",
                    "the media URL does not lead to one of Meta's hosts: " + uri.getScheme() + "://" + uri.getHost(),
                    Optional.empty(), Optional.empty()));
        }
        return http.bytes(uri, accessToken);
    }

    @Override
    @Retry(maxRetries = 0)
    public String createTemplate(String accessToken, String wabaId, String name, String language, String category,
                                 TemplateContent content) {
        var body = Jsonp.createObjectBuilder().add("name", name).add("language", language).add("category", category)
                .add("components", MetaTemplateJson.components(content));
        if (MetaTemplateJson.hasNamedParameters(content)) {
            body.add("parameter_format", "NAMED");
        }
        return text(http.post(at(encode(wabaId) + "/message_templates"), accessToken, body.build()).get("id"));
    }

    @Override
    public void editTemplate(String accessToken, String metaTemplateId, String category, TemplateContent content) {
        var body = Jsonp.createObjectBuilder().add("category", category).add("components", MetaTemplateJson.components(content));
        if (MetaTemplateJson.hasNamedParameters(content)) {
            body.add("parameter_format", "NAMED");
        }
        http.post(at(encode(metaTemplateId)), accessToken, body.build());
    }

    @Override
    public void deleteTemplate(String accessToken, String wabaId, String name, Optional<String> metaTemplateId) {
        http.delete(at(encode(wabaId) + "/message_templates?name=" + encode(name)
                + metaTemplateId.map(id -> "&hsm_id=" + encode(id)).orElse("")), accessToken);
    }

    @Override
    public MetaTemplate.Page templates(String accessToken, String wabaId, Optional<String> after) {
        JsonObject page = http.get(at(encode(wabaId) + "/message_templates?fields=id,name,language,category,status,"
                + "components,rejected_reason&limit=100" + after.map(cursor -> "&after=" + encode(cursor)).orElse("")),
                Optional.of(accessToken));
        List<MetaTemplate> templates = page.getJsonArray("data").stream().map(JsonValue::asJsonObject)
                .map(MetaTemplateJson::listed).toList();
        JsonObject paging = page.getJsonObject("paging");
        Optional<String> next = Optional.ofNullable(paging).filter(p -> p.containsKey("next"))
                .map(p -> p.getJsonObject("cursors")).map(cursors -> cursors.getString("after", null));
        return new MetaTemplate.Page(templates, next);
    }

    @Override
    public String uploadTemplateSample(String accessToken, String mimeType, String fileName, byte[] content) {
        String session = http.post(at(encode(settings.appId()) + "/uploads?file_name=" + encode(fileName) + "&file_length="
                + content.length + "&file_type=" + encode(mimeType)), accessToken, JsonValue.EMPTY_JSON_OBJECT).getString("id");
        // The session id is Meta's "upload:<id>?sig=<signature>", used as given: a path with its own query.
        return http.postFileBytes(at("./" + session), accessToken, content).getString("h");
    }

    @Override
    public void register(String accessToken, String phoneNumberId, String pin) {
        http.post(at(encode(phoneNumberId) + "/register"), accessToken,
                Jsonp.createObjectBuilder().add("messaging_product", "whatsapp").add("pin", pin).build());
    }

    /** Meta writes ids as strings, and sometimes as numbers. */
    private static String text(JsonValue value) {
        return value instanceof jakarta.json.JsonString string ? string.getString() : String.valueOf(value);
    }
}
