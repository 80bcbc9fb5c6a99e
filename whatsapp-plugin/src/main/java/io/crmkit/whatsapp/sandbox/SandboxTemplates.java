package io.crmkit.whatsapp.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Message templates as Meta keeps them: created PENDING after Meta's format checks (components, positional or
 * named variables with their examples), then reviewed, approved or rejected with one of Meta's reasons. The review
 * is a plain rule set so that tests can predict it: scam wording → SCAM, spam wording → PROMOTIONAL, a promotion
 * filed as UTILITY → INCORRECT_CATEGORY, text in another language than declared → TAG_CONTENT_MISMATCH, anything
 * else → APPROVED. A tester may also decide a review, pause, disable, re-categorise or rate a template.
 */
@ApplicationScoped
public class SandboxTemplates {
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,512}");
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([a-z0-9_]+)\\s*}}");
    private static final List<String> SCAM = List.of("lottery", "you have won", "wire transfer", "bitcoin", "gift card code",
            "当選しました");
    private static final List<String> SPAM = List.of("click here", "act now", "100% free", "!!!", "guaranteed", "今すぐクリック");
    private static final List<String> PROMOTION = List.of("sale", "discount", "% off", "coupon", "promo", "offer",
            "セール", "割引", "クーポン");
    private static final Set<String> CATEGORIES = Set.of("MARKETING", "UTILITY", "AUTHENTICATION");
    /** What a send of a template with an image, video or document header must give for it. */
    private static final String MEDIA = "media";
    private static final Set<String> MEDIA_TYPES = Set.of("image", "video", "document");

    /**
     * A template of an account.
     *
     * @param named whether its variables are named ({@code parameter_format: NAMED}) rather than {@code {{1}}}
     */
    public record Template(String id, String wabaId, String name, String language, String category, JsonArray components,
                           boolean named, String status, String rejectedReason, Instant createdAt) {
        Template withStatus(String newStatus, String reason) {
            return new Template(id, wabaId, name, language, category, components, named, newStatus, reason, createdAt);
        }

        Template withCategory(String newCategory) {
            return new Template(id, wabaId, name, language, newCategory, components, named, status, rejectedReason, createdAt);
        }

        Template edited(String newCategory, JsonArray newComponents, boolean newNamed) {
            return new Template(id, wabaId, name, language, newCategory, newComponents, newNamed, "PENDING", "NONE", createdAt);
        }

        String body() {
            return component("BODY").map(c -> c.getString("text", "")).orElse("");
        }

        Optional<JsonObject> component(String type) {
            return components.stream().map(JsonValue::asJsonObject)
                    .filter(c -> type.equalsIgnoreCase(c.getString("type", ""))).findFirst();
        }

        /** The variables a send must fill, per component: {@code header}, {@code body}, {@code button:<index>}. */
        Map<String, Set<String>> variables() {
            Map<String, Set<String>> variables = new java.util.LinkedHashMap<>();
            component("HEADER").ifPresent(h -> variables.put("header", "TEXT".equalsIgnoreCase(h.getString("format", "TEXT"))
                    ? variablesOf(h.getString("text", "")) : Set.of(MEDIA)));
            variables.put("body", variablesOf(body()));
            component("BUTTONS").ifPresent(buttons -> {
                List<JsonObject> list = buttons.getJsonArray("buttons").getValuesAs(JsonObject.class);
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i).containsKey("url") && !variablesOf(list.get(i).getString("url")).isEmpty()) {
                        variables.put("button:" + i, Set.of("1"));
                    }
                }
            });
            variables.values().removeIf(Set::isEmpty);
            return variables;
        }
    }

    /** Meta's refusal of a creation: error code 100 with its message. */
    public static class InvalidTemplate extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidTemplate(String message) {
            super(message);
        }
    }

    private final Map<String, Template> templates = new ConcurrentHashMap<>();

    /** The distinct variable names of a text, in order. */
    static Set<String> variablesOf(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = VARIABLE.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    Template create(String id, String wabaId, JsonObject request) {
        String name = request.getString("name", null);
        String language = request.getString("language", null);
        String category = request.getString("category", null);
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidTemplate("Invalid parameter: name may contain only lowercase letters, digits and underscores");
        }
        if (language == null || language.isBlank()) {
            throw new InvalidTemplate("Invalid parameter: language is required");
        }
        checkCategory(category);
        boolean named = "NAMED".equalsIgnoreCase(request.getString("parameter_format", "POSITIONAL"));
        JsonArray components = request.getJsonArray("components");
        checkComponents(components, named);
        String normalisedLanguage = language.replace('-', '_');
        boolean exists = templates.values().stream().anyMatch(t -> t.wabaId().equals(wabaId) && t.name().equals(name)
                && t.language().equals(normalisedLanguage));
        if (exists) {
            throw new InvalidTemplate("Message template \"" + name + "\" already exists in " + normalisedLanguage);
        }
        Template template = new Template(id, wabaId, name, normalisedLanguage, category, components, named, "PENDING",
                "NONE", Instant.now());
        templates.put(id, template);
        return template;
    }

    /** New content for a template: reviewed again. */
    Optional<Template> edit(String id, JsonObject request) {
        Template template = templates.get(id);
        if (template == null) {
            return Optional.empty();
        }
        String category = request.getString("category", template.category());
        checkCategory(category);
        boolean named = "NAMED".equalsIgnoreCase(request.getString("parameter_format", "POSITIONAL"));
        JsonArray components = request.containsKey("components") ? request.getJsonArray("components") : template.components();
        checkComponents(components, named);
        Template edited = template.edited(category, components, named);
        templates.put(id, edited);
        return Optional.of(edited);
    }

    private static void checkCategory(String category) {
        if (category == null || !CATEGORIES.contains(category)) {
            throw new InvalidTemplate("Invalid parameter: category must be MARKETING, UTILITY or AUTHENTICATION");
        }
    }

    private static void checkComponents(JsonArray components, boolean named) {
        if (components == null) {
            throw new InvalidTemplate("Invalid parameter: components are required");
        }
        Optional<JsonObject> body = components.stream().map(JsonValue::asJsonObject)
                .filter(c -> "BODY".equalsIgnoreCase(c.getString("type", ""))).findFirst();
        String text = body.map(c -> c.getString("text", "")).orElse("");
        if (text.isBlank() || text.length() > 1024) {
            throw new InvalidTemplate("Invalid parameter: a BODY component with text of at most 1024 characters is required");
        }
        checkVariables(text, named, body.get().getJsonObject("example"), "body");
        for (JsonValue value : components) {
            JsonObject component = value.asJsonObject();
            String type = component.getString("type", "").toUpperCase(Locale.ROOT);
            if ("HEADER".equals(type) && !"TEXT".equalsIgnoreCase(component.getString("format", "TEXT"))) {
                JsonObject example = component.getJsonObject("example");
                if (example == null || !example.containsKey("header_handle") || example.getJsonArray("header_handle").isEmpty()) {
                    throw new InvalidTemplate("Invalid parameter: a media header needs example.header_handle from an upload");
                }
            }
            if ("HEADER".equals(type) && "TEXT".equalsIgnoreCase(component.getString("format", "TEXT"))) {
                String header = component.getString("text", "");
                if (header.isBlank() || header.length() > 60) {
                    throw new InvalidTemplate("Invalid parameter: a text header has 1 to 60 characters");
                }
                checkVariables(header, named, component.getJsonObject("example"), "header");
            }
            if ("FOOTER".equals(type) && component.getString("text", "").length() > 60) {
                throw new InvalidTemplate("Invalid parameter: a footer has at most 60 characters");
            }
            if ("BUTTONS".equals(type)) {
                for (JsonObject button : component.getJsonArray("buttons").getValuesAs(JsonObject.class)) {
                    String buttonText = button.getString("text", "");
                    if (buttonText.isEmpty() || buttonText.length() > 25) {
                        throw new InvalidTemplate("Invalid parameter: button text has 1 to 25 characters");
                    }
                }
            }
        }
    }

    /** Meta's rules for variables: in order when positional, lowercase names when named, never at an edge or side by side, with examples. */
    private static void checkVariables(String text, boolean named, JsonObject example, String part) {
        Matcher matcher = VARIABLE.matcher(text);
        int expected = 1;
        int lastEnd = -1;
        Set<String> names = new LinkedHashSet<>();
        while (matcher.find()) {
            String variable = matcher.group(1);
            boolean positional = variable.chars().allMatch(Character::isDigit);
            if (named == positional) {
                throw new InvalidTemplate("Invalid parameter: " + (named ? "a NAMED template has named variables, not {{"
                        + variable + "}}" : "variables are {{1}}, {{2}} ... unless parameter_format is NAMED"));
            }
            if (positional && Integer.parseInt(variable) != expected++) {
                throw new InvalidTemplate("Invalid parameter: variables must be numbered {{1}}, {{2}}, ... in order");
            }
            if ("body".equals(part) && (matcher.start() == 0 || matcher.end() == text.length())) {
                throw new InvalidTemplate("Invalid parameter: a variable cannot be at the start or end of the body");
            }
            if (lastEnd >= 0 && text.substring(lastEnd, matcher.start()).isBlank()) {
                throw new InvalidTemplate("Invalid parameter: variables cannot be adjacent");
            }
            lastEnd = matcher.end();
            names.add(variable);
        }
        if (names.isEmpty()) {
            return;
        }
        String key = part + (named ? "_text_named_params" : "_text");
        if (example == null || !example.containsKey(key)) {
            throw new InvalidTemplate("Invalid parameter: example." + key + " is required when the " + part
                    + " has variables");
        }
        if (named) {
            Set<String> given = new LinkedHashSet<>();
            example.getJsonArray(key).getValuesAs(JsonObject.class).forEach(p -> given.add(p.getString("param_name", "")));
            if (!given.equals(names)) {
                throw new InvalidTemplate("Invalid parameter: example." + key + " must give every variable " + names);
            }
        }
    }

    /** Meta's review of a pending template: the new status and reason. */
    Template review(String id) {
        return templates.computeIfPresent(id, (key, template) -> {
            String text = template.body().toLowerCase(Locale.ROOT);
            if (SCAM.stream().anyMatch(text::contains)) {
                return template.withStatus("REJECTED", "SCAM");
            }
            if (SPAM.stream().anyMatch(text::contains)) {
                return template.withStatus("REJECTED", "PROMOTIONAL");
            }
            if ("UTILITY".equals(template.category()) && PROMOTION.stream().anyMatch(text::contains)) {
                return template.withStatus("REJECTED", "INCORRECT_CATEGORY");
            }
            boolean japaneseText = template.body().codePoints().anyMatch(SandboxTemplates::isJapanese);
            boolean japaneseTag = template.language().startsWith("ja");
            if (japaneseText != japaneseTag) {
                return template.withStatus("REJECTED", "TAG_CONTENT_MISMATCH");
            }
            return template.withStatus("APPROVED", "NONE");
        });
    }

    /** A status a tester decides: APPROVED, REJECTED (with a reason), PAUSED, DISABLED, FLAGGED ... */
    Optional<Template> decide(String id, String status, String reason) {
        return Optional.ofNullable(templates.computeIfPresent(id, (key, template) -> template.withStatus(status,
                reason == null || reason.isBlank() ? "NONE" : reason)));
    }

    Optional<Template> recategorise(String id, String category) {
        checkCategory(category);
        return Optional.ofNullable(templates.computeIfPresent(id, (key, template) -> template.withCategory(category)));
    }

    Optional<Template> find(String id) {
        return Optional.ofNullable(templates.get(id));
    }

    private static boolean isJapanese(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA
                || script == Character.UnicodeScript.HAN;
    }

    List<Template> of(String wabaId) {
        return templates.values().stream().filter(t -> t.wabaId().equals(wabaId))
                .sorted(Comparator.comparing(Template::id)).toList();
    }

    Optional<Template> find(String wabaId, String name, String language) {
        String normalised = language == null ? "" : language.replace('-', '_');
        return templates.values().stream().filter(t -> t.wabaId().equals(wabaId) && t.name().equals(name)
                && t.language().equals(normalised)).findFirst();
    }

    /** Deletes every language of a template name, or the one template of {@code hsmId}; answers how many were deleted. */
    int delete(String wabaId, String name, String hsmId) {
        List<String> ids = templates.values().stream().filter(t -> t.wabaId().equals(wabaId) && t.name().equals(name))
                .filter(t -> hsmId == null || t.id().equals(hsmId)).map(Template::id).toList();
        ids.forEach(templates::remove);
        return ids.size();
    }

    /** The template of the account a send names, by name and exact language. */
    private Optional<Template> templateOfSend(String wabaId, JsonObject send) {
        String language = send.getJsonObject("language") == null ? null : send.getJsonObject("language").getString("code", null);
        return templates.values().stream().filter(t -> t.wabaId().equals(wabaId) && t.name().equals(send.getString("name", ""))
                && t.language().equals(language)).findFirst();
    }

    /** The category (as Meta's pricing names it: {@code marketing}, {@code utility}) of the template a send names. */
    Optional<String> categoryOfSend(String wabaId, JsonObject send) {
        return templateOfSend(wabaId, send).map(t -> t.category().toLowerCase(Locale.ROOT));
    }

    /**
     * Meta's checks of a template send: the template approved in exactly that language, and every variable of every
     * component given (by name for a named template); empty when the send may go, else Meta's error code.
     */
    Optional<Integer> refusalOfSend(String wabaId, JsonObject send) {
        Optional<Template> template = templateOfSend(wabaId, send);
        if (template.isEmpty() || "PENDING".equals(template.get().status()) || "REJECTED".equals(template.get().status())) {
            return Optional.of(132001);
        }
        if ("PAUSED".equals(template.get().status())) {
            return Optional.of(132015);
        }
        if ("DISABLED".equals(template.get().status())) {
            return Optional.of(132016);
        }
        Map<String, Set<String>> given = new java.util.LinkedHashMap<>();
        JsonArray components = send.getJsonArray("components");
        for (JsonObject component : components == null ? List.<JsonObject>of() : components.getValuesAs(JsonObject.class)) {
            String type = component.getString("type", "").toLowerCase(Locale.ROOT);
            String key = "button".equals(type) ? "button:" + component.getString("index", "0") : type;
            List<String> names = new ArrayList<>();
            List<JsonObject> parameters = component.getJsonArray("parameters") == null ? List.of()
                    : component.getJsonArray("parameters").getValuesAs(JsonObject.class);
            for (int i = 0; i < parameters.size(); i++) {
                JsonObject parameter = parameters.get(i);
                if (MEDIA_TYPES.contains(parameter.getString("type", ""))) {
                    names.add(MEDIA);
                    continue;
                }
                if (parameter.getString("text", "").isBlank()) {
                    return Optional.of(132000);
                }
                names.add(template.get().named() && !key.startsWith("button") ? parameter.getString("parameter_name", "")
                        : Integer.toString(i + 1));
            }
            given.put(key, new LinkedHashSet<>(names));
        }
        return given.equals(template.get().variables()) ? Optional.empty() : Optional.of(132000);
    }
}
