package io.crmkit.plugin.api;

import java.util.List;
import java.util.Optional;

/** Pipeline records (deals) of one organisation. */
public interface PipelineService {

    /** The stages a record may be in, in pipeline order; never empty. */
    List<String> stages();

    Optional<PipelineRecord> find(long recordId);

    /** Records of a contact, newest first. */
    List<PipelineRecord> findByContact(long contactId);

    /**
     * Opens a record.
     *
     * @throws InvalidRecordException for a blank name, a stage not in {@link #stages()}, a negative amount,
     *                                or an unknown contact, company or owner
     */
    PipelineRecord create(NewPipelineRecord record);

    /**
     * Moves a record to another stage.
     *
     * @throws RecordNotFoundException for an unknown record
     * @throws InvalidRecordException  for a stage not in {@link #stages()}
     */
    PipelineRecord moveToStage(long recordId, String stage);
}
