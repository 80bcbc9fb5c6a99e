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
    MUST_BE_AN_ID("{0} must be an id (a whole number)"),
    MUST_BE_IDS("{0} must be a list of ids"),
    MUST_BE_A_NUMBER("{0} must be a number"),
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
    NO_SUCH_CONTACT("contact {0} does not exist"),
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

    TEMPLATE_BODY_REQUIRED("write the template''s text first"),
    TEMPLATE_TOO_LONG("a template has at most {0} characters; this one has {1}: shorten it"),
    TOO_MANY_MERGE_FIELDS("a template has at most {0} merge fields; this one has {1}: remove some"),
    TEMPLATE_VARIABLE_AT_EDGE("WhatsApp refuses a template that starts or ends with a merge field: add words before "
            + "or after it"),
    TEMPLATE_ADJACENT_VARIABLES("WhatsApp refuses merge fields side by side ({0} {1}): put words between them"),
    TEMPLATE_PART_TOO_LONG("the {0} has at most {1} characters"),
    TEMPLATE_FOOTER_VARIABLE("the footer cannot hold merge fields"),
    TEMPLATE_HEADER_VARIABLES("a text header holds at most one merge field"),
    TEMPLATE_HEADER_SAMPLE_REQUIRED("an image, video or document header needs a sample file: choose one"),
    TEMPLATE_TOO_MANY_BUTTONS("a template has at most {0} buttons"),
    TEMPLATE_BUTTON_TEXT("a button''s text has 1 to {0} characters"),
    TEMPLATE_QUICK_REPLIES_APART("quick-reply buttons must come together: move them next to each other"),
    TEMPLATE_BUTTON_PHONE("a call button needs a phone number with its country code, for example +81 3 1234 5678"),
    TEMPLATE_BUTTON_KINDS("a template has at most 2 link buttons and 1 call button"),
    TEMPLATE_URL_VARIABLE("a link may end in one merge field, and hold none elsewhere"),
    TEMPLATE_BUTTON_URL("a link button needs a web address starting with https://"),
    TEMPLATE_NAME_FORM("a template name has lowercase letters, digits and _ only, for example order_update"),
    TEMPLATE_LANGUAGE_FORM("{0} is not a language code WhatsApp knows: use one such as en, en_US or ja"),
    TEMPLATE_CATEGORY("a template is MARKETING or UTILITY"),
    TEMPLATE_NAME_TAKEN("this account has a template {0} in {1} already: choose another name or language"),
    TEMPLATE_LIMIT_REACHED("this account has {0} templates, the most it may have: delete ones you no longer use"),
    TEMPLATE_CREATIONS_PAUSED("Meta allows 100 new templates an hour for an account: try again in an hour"),
    TEMPLATE_NOT_APPROVED("template {0} is {1} at Meta: only an approved template can be sent"),
    TEMPLATE_VALUES_MISSING("fill in {0} first: WhatsApp would refuse the template without it"),
    INSUFFICIENT_CREDITS("the credit balance is {1} and this message needs {0}: an administrator buys credits in "
            + "Settings > Messages > Credits, or turns on auto-recharge"),
    PAYMENT_DECLINED("the payment was declined: {0}"),
    PAYMENTS_NOT_SUPPORTED("this CRM takes no payments, so credits cannot be bought here: ask the CRM''s provider"),
    CREDITS_FORM("{0} must be a number of credits above 0 and at most {1}, with at most 2 decimals"),
    MUST_BE_A_DAY("{0} must be a day written as 2026-11-30"),
    NO_SUCH_TOP_UP("purchase {0} does not exist"),
    TOP_UP_NOT_RETRIABLE("purchase {0} was not declined: only a declined purchase is retried"),
    TEMPLATE_MARKETING_OPTED_OUT("this customer has stopped marketing messages on WhatsApp: send a utility template "
            + "or wait for them to write"),
    TEMPLATE_EDIT_REFUSED("Meta does not allow editing this template now ({0}): create a new one instead"),
    TEMPLATE_NEEDS_A_NUMBER("connect a WhatsApp number first: templates belong to its WhatsApp Business Account"),
    TEMPLATE_CHOOSE_A_NUMBER("choose the number whose WhatsApp Business Account gets the template"),
    TEMPLATE_OF_ANOTHER_ACCOUNT("template {0} belongs to another number''s account: choose one of this number''s"),
    TEMPLATE_PARAMS_FORM("params must give each value as text under its key, for example contact_first_name: Hanako"),
    TEMPLATE_BUTTON_FORM("each button needs a type and a text, and a url or phoneNumber for those kinds"),
    TEMPLATE_SAMPLE_KIND("a header sample is an image (.jpg, .png), a video (.mp4) or a document (.pdf)"),
    NO_SUCH_RELATED_RECORD("{0} record {1} is not one of this customer''s: choose one shown beside the chat"),
    HOST_REFUSED("{0}"),
    HOST_RECORD_GONE("the CRM no longer has it ({0}): reload the page"),
    HOST_DOES_NOT_ALLOW("this CRM does not let WhatsApp make this change ({0})"),
    NO_SUCH_CONTACT_CARD("message {0} has no contact card {1}"),
    CONTACT_CARD_WITHOUT_NUMBER("this contact card has no phone number: add the person by hand"),
    NO_NUMBER_CHANGE("message {0} is not WhatsApp''s notice of a new number"),
    NO_CONTACT_PHONE("contact {0} has no phone number: add one to the contact first"),

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
