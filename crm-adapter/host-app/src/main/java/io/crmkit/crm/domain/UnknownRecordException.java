package io.crmkit.crm.domain;

import java.util.Locale;

/** No record with this id in the caller's organisation (records of other organisations count as unknown). */
public class UnknownRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Kind kind;
    private final long id;

    /** What was looked for, with the name plugins are told and the refusal users read. */
    public enum Kind {
        ORGANISATION("organisation", RefusalText.NO_SUCH_ORGANISATION),
        USER("user", RefusalText.NO_SUCH_USER),
        CONTACT("contact", RefusalText.NO_SUCH_CONTACT),
        COMPANY("company", RefusalText.NO_SUCH_COMPANY),
        PIPELINE_RECORD("pipeline record", RefusalText.NO_SUCH_PIPELINE_RECORD);

        private final String englishName;
        private final RefusalText refusal;

        Kind(String englishName, RefusalText refusal) {
            this.englishName = englishName;
            this.refusal = refusal;
        }

        public String englishName() {
            return englishName;
        }
    }

    public UnknownRecordException(Kind kind, long id) {
        super(kind.refusal.format(Locale.ENGLISH, id));
        this.kind = kind;
        this.id = id;
    }

    public Kind kind() {
        return kind;
    }

    public long id() {
        return id;
    }

    public String detailIn(Locale locale) {
        return kind.refusal.format(locale, id);
    }
}
