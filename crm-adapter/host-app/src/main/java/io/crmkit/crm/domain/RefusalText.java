package io.crmkit.crm.domain;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * What the CRM says when it refuses a request: the problem, then what to do next.
 *
 * <p>The English text is the constant's; other languages are in {@code RefusalText_<language>.properties} beside
 * this class, under the constant's name. Texts are {@link MessageFormat} patterns: {@code {0}}, {@code {1}}… are
 * the arguments (shown as given, never as formatted numbers), and an apostrophe is written {@code ''}. Names of
 * request fields stay as they are in every language.
 */
public enum RefusalText {
    REQUIRED("{0} is required"),
    LONGER_THAN("{0} is longer than {1} characters"),
    NOT_AN_EMAIL("email is not an email address: write it as name@example.com"),
    NOT_A_PHONE_NUMBER("{0} is not a valid phone number: write it with its country code, for example +81 90 1234 5678"),
    CONTACT_NEEDS_NAME("a contact needs a first or a last name"),
    NEGATIVE_AMOUNT("amount cannot be negative"),
    AMOUNT_TOO_PRECISE("amount has at most 13 digits and 2 decimals"),
    UNKNOWN_STAGE("stage must be one of {0}"),
    USERNAME_FORM("username may contain only letters, digits and . _ @ - (2 to 100 characters)"),
    USERNAME_TAKEN("username {0} is taken: choose another"),
    PASSWORD_TOO_SHORT("password needs at least {0} characters"),
    PROFILE_NAME_TAKEN("a profile named {0} exists already"),
    NOT_YOUR_COMPANY("{0} {1} is not a company of yours"),
    NOT_YOUR_CONTACT("{0} {1} is not a contact of yours"),
    NOT_YOUR_USER("{0} {1} is not a user of yours"),
    NOT_YOUR_PROFILE("profileId {0} is not a profile of yours"),
    CANNOT_CHANGE_ONESELF("you cannot deactivate yourself or change your own profile"),

    JSON_OBJECT_REQUIRED("a JSON object is required"),
    MUST_BE_TEXT("{0} must be a string"),
    MUST_BE_ID("{0} must be a whole number (an id)"),
    MUST_BE_NUMBER("{0} must be a number"),
    MUST_BE_BOOLEAN("{0} must be true or false"),
    OUT_OF_RANGE("{0} must be between {1} and {2}"),
    UNKNOWN_CURSOR("cursor is not one this server gave out: start again without it"),

    NO_SUCH_ORGANISATION("organisation {0} does not exist"),
    NO_SUCH_USER("user {0} does not exist"),
    NO_SUCH_CONTACT("contact {0} does not exist"),
    NO_SUCH_COMPANY("company {0} does not exist"),
    NO_SUCH_PIPELINE_RECORD("pipeline record {0} does not exist"),

    FAKE_PROCESSOR_DECLINES("the fake payment processor is set to decline every payment: an administrator turns that off "
            + "in Settings > Payments"),

    ADMINISTRATORS_ONLY("only administrators may do this: ask one of your administrators"),
    LOG_IN("log in on the login page, or send HTTP Basic credentials of an active user"),
    TOO_MANY_LOGINS("too many failed logins for this user or from this address: try again in {0} s"),
    CSRF_TOKEN_MISSING("reload the page and try again: the request did not carry this session''s {0} header"),
    REQUEST_TOO_LARGE("the request is larger than {0} MB, more than this server takes: send a smaller file"),
    METRICS_FOR_ADMINISTRATORS("metrics are for administrators, or for a monitoring system that sends the scrape token "
            + "(CRM_METRICS_TOKEN) as \"Authorization: Bearer <token>\""),
    MALFORMED_BODY("the body is not the JSON object this endpoint expects: check the syntax and field types"),
    UNEXPECTED("the server failed to handle the request; nothing was changed. Try again, and tell your "
            + "administrator if it persists.");

    private static final String TRANSLATIONS = RefusalText.class.getName();

    private final String english;

    RefusalText(String english) {
        this.english = english;
    }

    /** The pattern in the language of {@code locale}, English where there is no translation. */
    public String patternIn(Locale locale) {
        if (locale.getLanguage().equals(Locale.ENGLISH.getLanguage())) {
            return english;
        }
        try {
            ResourceBundle translations = ResourceBundle.getBundle(TRANSLATIONS, locale,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            return translations.containsKey(name()) ? translations.getString(name()) : english;
        } catch (MissingResourceException untranslatedLanguage) {
            return english;
        }
    }

    /**
     * The text in {@code locale}'s language. An English one starts with a capital as a sentence does; other
     * languages are left as written, so that a field name that starts a Japanese text stays as the API spells it.
     */
    public String format(Locale locale, Object... arguments) {
        Object[] shownAsGiven = Arrays.stream(arguments).map(String::valueOf).toArray();
        String text = new MessageFormat(patternIn(locale), locale).format(shownAsGiven);
        boolean readsEnglish = patternIn(locale).equals(english);
        return !readsEnglish || text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }
}
