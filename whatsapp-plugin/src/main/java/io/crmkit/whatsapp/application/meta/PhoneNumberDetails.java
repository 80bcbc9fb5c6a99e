package io.crmkit.whatsapp.application.meta;

import java.util.Locale;
import java.util.Objects;

/**
 * A business phone number as Meta describes it.
 *
 * @param platformType {@link PlatformType#NOT_APPLICABLE} for a number not yet registered for the Cloud API
 */
public record PhoneNumberDetails(String id, String displayPhoneNumber, String verifiedName, QualityRating qualityRating,
                                 PlatformType platformType) {
    public PhoneNumberDetails {
        Objects.requireNonNull(id);
        Objects.requireNonNull(displayPhoneNumber);
        Objects.requireNonNull(qualityRating);
        Objects.requireNonNull(platformType);
    }

    public boolean needsRegistration() {
        return platformType == PlatformType.NOT_APPLICABLE;
    }

    /** Meta's quality rating of a number. */
    public enum QualityRating {
        GREEN, YELLOW, RED, NA, UNKNOWN;

        public static QualityRating fromWire(String value) {
            return WireEnums.parse(QualityRating.class, value, UNKNOWN);
        }
    }

    /** Where the number runs. */
    public enum PlatformType {
        CLOUD_API, ON_PREMISE, NOT_APPLICABLE, UNKNOWN;

        public static PlatformType fromWire(String value) {
            return WireEnums.parse(PlatformType.class, value, UNKNOWN);
        }
    }

    /** Reads Meta's enum strings without ever failing on a value Meta adds later. */
    static final class WireEnums {
        private WireEnums() {
        }

        static <E extends Enum<E>> E parse(Class<E> type, String value, E unknown) {
            if (value == null) {
                return unknown;
            }
            try {
                return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException added) {
                return unknown;
            }
        }
    }
}
