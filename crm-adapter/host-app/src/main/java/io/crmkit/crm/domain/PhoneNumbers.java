package io.crmkit.crm.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.Optional;

/**
 * Phone numbers as the CRM stores them: E.164 ({@code +819012345678}). Numbers written without a country
 * code are read in the organisation's region.
 */
public final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /** The E.164 form of a valid number, or empty for anything that is not a valid number. */
    public static Optional<String> toE164(String text, String defaultRegion) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = UTIL.parse(text, defaultRegion);
            if (!UTIL.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException notANumber) {
            return Optional.empty();
        }
    }

    /** Like {@link #toE164} but refusing invalid input, for a field the user filled in. */
    public static Optional<String> requireValidIfPresent(String field, String text, String defaultRegion) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(toE164(text, defaultRegion).orElseThrow(() -> new InvalidInputException(field,
                RefusalText.NOT_A_PHONE_NUMBER, field)));
    }
}
