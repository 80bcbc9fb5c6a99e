package io.crmkit.whatsapp.domain;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * What a {@link Refusal} says: a sentence that names the problem and then what to do next.
 *
 * <p>The English text is the constant's; other languages are in {@code RefusalText_<language>.properties} beside this class
 * under the constant's name. Texts are {@link MessageFormat} patterns: {@code {0}}, {@code {1}}… are the
 * arguments (always shown as given, never as formatted numbers), and an apostrophe is written {@code ''}.
 * Names of request fields and of values the API accepts stay as they are in every language.
 */
public enum RefusalText {
    REQUIRED("{0} is required"),
    REQUIRED_ONE_OF("{0} is required: one of {1}"),
    MUST_BE_ONE_OF("{0} must be one of {1}"),
    MUST_BE_TEXT("{0} must be a string"),
    MUST_BE_USER_ID("{0} must be a user id"),
    MUST_BE_USER_IDS("{0} must be a list of user ids"),
    OUT_OF_RANGE("{0} must be between {1} and {2}"),
    LONGER_THAN("{0} is longer than {1} characters"),
    UNKNOWN_CURSOR("cursor is not one this server gave out: start again without it"),
    PART_UNREADABLE("the {0} could not be read: send it again"),

    LOG_IN_FIRST("log in first"),
    ADMINISTRATORS_ONLY("only administrators manage WhatsApp settings: ask one of your administrators"),
    NO_WHATSAPP_ACCESS("your profile has no access to WhatsApp messages: ask an administrator "
            + "(Settings > Messages > Permissions)"),
    VIEW_ONLY("your profile may only view incoming messages"),
    ADMINISTRATOR_LEVEL_FIXED("administrators always have full access; their level cannot be changed"),
    NOT_AN_ACTIVE_USER("user {0} is not an active user of your organisation"),

    NO_SUCH_CHANNEL("channel {0} does not exist"),
    NO_SUCH_CONVERSATION("conversation {0} does not exist"),
    NO_SUCH_MESSAGE("message {0} does not exist"),
    NO_SUCH_PROFILE("profile {0} does not exist"),
    NO_SUCH_QUICK_REPLY("quick reply {0} does not exist"),
    NO_SUCH_DELIVERY_PROBLEM("delivery problem {0} does not exist: it was retried or dismissed already"),
    NO_SUCH_TEMPLATE("template {0} does not exist: no template is approved for this account yet"),
    FILE_NOT_DOWNLOADED("the file of this message is not downloaded yet: try again in a moment"),
    FILE_NOT_WAITING_FOR_RETRY("this file is not waiting for a retry: it is downloaded or still being downloaded"),

    CHANNEL_NAME_REQUIRED("name is required: call the channel after the number or team, e.g. \"Sales\""),
    CHOOSE_ASSIGNEES("choose at least one user to receive new chats"),
    ASSIGNEE_TWICE("each user can be chosen once"),
    NUMBER_OF_ANOTHER_ORGANISATION("this number is connected to another organisation of this CRM"),
    NUMBER_CONNECTED_ALREADY("this number is connected already: edit its channel, or re-authorise it if Meta "
            + "refused its token"),
    NUMBER_CONNECTED("this number is connected: edit it, or re-authorise it if Meta refused its token"),
    NUMBER_DISCONNECTED("this number is disconnected: connect it again in Settings > Channels > Messages"),
    NUMBER_NEEDS_REAUTH("Meta refused this number''s token: an administrator must re-authorise it first"),
    SIGNUP_CODE_REFUSED("Meta did not accept the signup code (it is valid for 30 seconds): start the signup again"),
    SIGNUP_MISSES_ACCOUNT("the authorisation does not cover WhatsApp Business Account {0}: start the signup again "
            + "and choose that account"),
    NUMBER_NOT_IN_ACCOUNT("phone number id {0} is not a number of WhatsApp Business Account {1}: copy both from "
            + "WhatsApp Manager > Phone numbers"),
    NUMBER_REFUSED_NOW("Meta does not accept this number now {0}: disconnect it and connect it again"),
    TOKEN_REFUSED("Meta refused the access token {0}: create a new system-user token with the "
            + "whatsapp_business_management and whatsapp_business_messaging permissions"),
    META_REFUSED("Meta refused the request {0}"),
    META_PAUSED("Meta failed repeatedly, so calls are paused for a few seconds: try again in a minute. "
            + "Nothing was changed."),
    META_UNREACHABLE("Meta could not be reached or is busy ({0}): try again in a minute. Nothing was changed."),
    SANDBOX_OFF("the sandbox is turned off on this server: connect a real number instead"),
    SANDBOX_FORGOT_NUMBER("the sandbox no longer knows this test number: connect a new sandbox number"),

    WRITE_FIRST("write a message first"),
    TEXT_TOO_LONG("WhatsApp messages have at most {0} characters"),
    NO_CAPTION_WITH_AUDIO("WhatsApp shows no caption with audio: send the text as a message of its own"),
    CAPTION_TOO_LONG("captions have at most {0} characters"),
    WINDOW_CLOSED("the customer last wrote more than 24 hours ago: WhatsApp allows only an approved template until "
            + "they write again"),
    ONLY_FAILED_RESENT("only a failed message of yours can be sent again"),
    CHOOSE_FILE("choose a file to send"),
    UPLOAD_BROKE_OFF("the upload broke off: send the file again"),
    FILE_UNNAMED("the file has no name: choose it again"),
    FILE_EMPTY("\"{0}\" is empty: choose the file again"),
    FILE_TOO_LARGE("\"{0}\" is larger than WhatsApp allows for {1} files ({2} MB): send a smaller file"),
    FILE_KIND_REFUSED("\"{0}\" is not a file WhatsApp answers can carry here: send a {1} file"),
    FILE_NOT_WHAT_IT_CLAIMS("the content of \"{0}\" is not a real .{1} file: send a {2} file"),
    FILE_OF_ANOTHER_KIND("\"{0}\" contains a .{1} file, not a .{2} one: rename it or choose the right file"),

    SHORTCUT_FORM("a shortcut is / followed by 1 to 30 letters or digits of any script, - or _, e.g. /hours or /お礼"),
    SHORTCUT_TAKEN("{0} is used by another quick reply: choose another shortcut"),
    QUICK_REPLY_TOO_LONG("text is longer than WhatsApp''s {0} characters"),
    NOT_A_MERGE_FIELD("{0} is not a merge field; use one of {1}"),

    SIGNATURE_MISMATCH("X-Hub-Signature-256 is missing or does not match the body: check the app secret"),
    VERIFY_TOKEN_MISMATCH("hub.verify_token does not match this installation''s verify token"),
    WEBHOOK_TOO_LARGE("webhook payloads are at most 3 MB"),
    WEBHOOK_NOT_JSON("the body is not JSON"),
    WEBHOOK_NOT_AN_OBJECT("the body is JSON but not a webhook object"),
    WEBHOOK_TOO_DEEP("the body nests deeper than {0} levels, which no webhook of Meta''s does"),
    WEBHOOK_MALFORMED("{0}");

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

    public String format(Locale locale, Object... arguments) {
        Object[] shownAsGiven = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            shownAsGiven[i] = String.valueOf(arguments[i]);
        }
        return new MessageFormat(patternIn(locale), locale).format(shownAsGiven);
    }
}
