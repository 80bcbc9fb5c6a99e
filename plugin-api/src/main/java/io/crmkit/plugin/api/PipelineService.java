package io.crmkit.plugin.api;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Pipeline records (deals) of one organisation. */
public interface PipelineService {

    /** The stages a record may be in, in pipeline order; never empty. */
    List<String> stages();

    /**
     * A stage's name as the host shows it to readers of {@code language}: a host may translate the stages every
     * organisation starts with, and shows one an organisation named itself as it was named. This default shows every
     * stage as named.
     */
    default String stageLabel(String stage, Locale language) {
        return stage;
    }

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

    /**
     * Changes a record's stage, amount or owner, all or nothing. A host that does not let plugins change records
     * beyond their stage keeps this default, which moves the stage and refuses the rest.
     *
     * @throws RecordNotFoundException for an unknown record
     * @throws InvalidRecordException  for a stage not in {@link #stages()}, a negative or too precise amount, or an
     *                                 owner who is not a user of the organisation (naming the field)
     * @throws UnsupportedOperationException from a host that only moves stages, for an amount or an owner
     */
    default PipelineRecord update(long recordId, PipelineRecordChanges changes) {
        if (changes.amount().isPresent() || changes.ownerId().isPresent()) {
            throw new UnsupportedOperationException("this host lets plugins change only a record's stage");
        }
        return changes.stage().map(stage -> moveToStage(recordId, stage))
                .orElseGet(() -> find(recordId).orElseThrow(() -> new RecordNotFoundException("pipeline record", recordId)));
    }
}
