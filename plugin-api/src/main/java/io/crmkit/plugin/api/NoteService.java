package io.crmkit.plugin.api;

import java.util.List;

/** Notes on contacts, companies and pipeline records of one organisation. */
public interface NoteService {

    /** Notes of a record, oldest first; empty for a record without notes. */
    List<Note> list(RecordRef record);

    /**
     * Adds a note to a record.
     *
     * @throws RecordNotFoundException for an unknown record
     * @throws InvalidRecordException  for blank or over-long text, or an unknown author
     */
    Note add(RecordRef record, String text, long authorId);
}
