package io.crmkit.whatsapp.sandbox;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Message templates as Meta keeps them: created PENDING after Meta's format checks, then reviewed, approved
 * or rejected with one of Meta's reasons. The review is a plain rule set so that tests can predict it:
 * scam wording → SCAM, spam wording → PROMOTIONAL, a promotion filed as UTILITY → INCORRECT_CATEGORY, text
 * in another language than declared → TAG_CONTENT_MISMATCH, anything else → APPROVED.
 */
@ApplicationScoped
public class SandboxTemplates {
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,512}");
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{(\\d+)}}");
    private static final List<String> SCAM = List.of("lottery", "you have won", "wire transfer", "bitcoin", "gift card code",
            "当選しました");
    private static final List<String> SPAM = List.of("click here", "act now", "100% free", "!!!", "guaranteed", "今すぐクリック");
    private static final List<String> PROMOTION = List.of("sale", "discount", "% off", "coupon", "promo", "offer",
            "セール", "割引", "クーポン");
    private static final Set<String> CATEGORIES = Set.of("MARKETING", "UTILITY", "AUTHENTICATION");

    /** A template of an account. */
    public record Template(String id, String wabaId, String name, String language, String category, String body,
                           String status, String rejectedReason, Instant createdAt) {
        Template withReview(String newStatus, String reason) {
            return new Template(id, wabaId, name, language, category, body, newStatus, reason, createdAt);
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

    Template create(String id, String wabaId, String name, String language, String category, String body,
                    boolean hasExample) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidTemplate("Invalid parameter: name may contain only lowercase letters, digits and underscores");
        }
        if (language == null || language.isBlank()) {
            throw new InvalidTemplate("Invalid parameter: language is required");
        }
        if (category == null || !CATEGORIES.contains(category)) {
            throw new InvalidTemplate("Invalid parameter: category must be MARKETING, UTILITY or AUTHENTICATION");
        }
        if (body == null || body.isBlank() || body.length() > 1024) {
            throw new InvalidTemplate("Invalid parameter: a BODY component with text of at most 1024 characters is required");
        }
        checkVariables(body, hasExample);
        String normalisedLanguage = language.replace('-', '_');
        boolean exists = templates.values().stream().anyMatch(t -> t.wabaId().equals(wabaId) && t.name().equals(name)
                && t.language().equals(normalisedLanguage));
        if (exists) {
            throw new InvalidTemplate("Message template \"" + name + "\" already exists in " + normalisedLanguage);
        }
        Template template = new Template(id, wabaId, name, normalisedLanguage, category, body, "PENDING", "NONE", Instant.now());
        templates.put(id, template);
        return template;
    }

    private static void checkVariables(String body, boolean hasExample) {
        Matcher matcher = VARIABLE.matcher(body);
        int expected = 1;
        int lastEnd = -1;
        while (matcher.find()) {
            if (Integer.parseInt(matcher.group(1)) != expected++) {
                throw new InvalidTemplate("Invalid parameter: variables must be numbered {{1}}, {{2}}, ... in order");
            }
            if (matcher.start() == 0 || matcher.end() == body.length()) {
                throw new InvalidTemplate("Invalid parameter: a variable cannot be at the start or end of the body");
            }
            if (matcher.start() == lastEnd) {
                throw new InvalidTemplate("Invalid parameter: variables cannot be adjacent");
            }
            lastEnd = matcher.end();
        }
        if (expected > 1 && !hasExample) {
            throw new InvalidTemplate("Invalid parameter: example.body_text is required when the body has variables");
        }
    }

    /** Meta's review of a pending template: the new status and reason. */
    Template review(String id) {
        return templates.computeIfPresent(id, (key, template) -> {
            String text = template.body().toLowerCase(Locale.ROOT);
            if (SCAM.stream().anyMatch(text::contains)) {
                return template.withReview("REJECTED", "SCAM");
            }
            if (SPAM.stream().anyMatch(text::contains)) {
                return template.withReview("REJECTED", "PROMOTIONAL");
            }
            if ("UTILITY".equals(template.category()) && PROMOTION.stream().anyMatch(text::contains)) {
                return template.withReview("REJECTED", "INCORRECT_CATEGORY");
            }
            boolean japaneseText = template.body().codePoints().anyMatch(SandboxTemplates::isJapanese);
            boolean japaneseTag = template.language().startsWith("ja");
            if (japaneseText != japaneseTag) {
                return template.withReview("REJECTED", "TAG_CONTENT_MISMATCH");
            }
            return template.withReview("APPROVED", "NONE");
        });
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

    /** Deletes every language of a template name; answers how many were deleted. */
    int delete(String wabaId, String name) {
        List<String> ids = templates.values().stream().filter(t -> t.wabaId().equals(wabaId) && t.name().equals(name))
                .map(Template::id).toList();
        ids.forEach(templates::remove);
        return ids.size();
    }
}
