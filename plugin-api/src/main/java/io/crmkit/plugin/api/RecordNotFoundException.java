package io.crmkit.plugin.api;

/** The id names no record of the organisation (it may belong to another organisation). */
public class RecordNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RecordNotFoundException(String what, long id) {
        super(what + " " + id + " does not exist");
    }
}
