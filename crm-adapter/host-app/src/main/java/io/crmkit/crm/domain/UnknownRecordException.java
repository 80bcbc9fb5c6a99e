package io.crmkit.crm.domain;

/** No record with this id in the caller's organisation (records of other organisations count as unknown). */
public class UnknownRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String kind;
    private final long id;

    public UnknownRecordException(String kind, long id) {
        super(kind + " " + id + " does not exist");
        this.kind = kind;
        this.id = id;
    }

    public String kind() {
        return kind;
    }

    public long id() {
        return id;
    }
}
