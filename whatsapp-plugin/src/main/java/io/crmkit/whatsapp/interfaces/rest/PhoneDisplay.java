package io.crmkit.whatsapp.interfaces.rest;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;

/**
 * A customer's number as people of its country write it, with its country code: {@code +81 90-1234-5678},
 * {@code +44 7700 900123}. A number the phone library cannot read is shown as it is.
 */
final class PhoneDisplay {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private PhoneDisplay() {
    }

    static String of(String e164) {
        try {
            return PHONES.format(PHONES.parse(e164, "ZZ"), PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException unreadable) {
            return e164;
        }
    }
}
