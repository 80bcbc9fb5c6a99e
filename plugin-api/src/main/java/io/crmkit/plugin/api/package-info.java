/**
 * What a plugin calls: the services a host CRM offers to its plugins. Version 1.
 *
 * <p><b>Who it is for.</b> Plugin authors call these interfaces; host authors implement them in an
 * adapter over their own entities (the reference host's adapter lives in {@code crm-adapter}).
 *
 * <p><b>Entry point.</b> The host makes one {@link io.crmkit.plugin.api.CrmHost} available for CDI
 * injection ({@code @Inject CrmHost host}) and hands the same instance to
 * {@link io.crmkit.plugin.spi.CrmPlugin#start(io.crmkit.plugin.spi.PluginContext)}.
 *
 * <p><b>Organisations.</b> A host may serve several organisations. Every service except
 * {@link io.crmkit.plugin.api.CrmHost#currentUser()} is obtained for one organisation and never reads or
 * writes another organisation's records: an id that belongs to another organisation is treated as unknown.
 *
 * <p><b>Nulls.</b> No method accepts or returns {@code null}. Absent values are {@link java.util.Optional}
 * (finders and optional fields) or empty lists.
 *
 * <p><b>Threading and transactions.</b> Implementations are thread-safe and may be called from any thread,
 * including threads without a request (webhook processing, schedulers). A call joins the caller's JTA
 * transaction when there is one and runs in its own otherwise.
 *
 * <p><b>Errors.</b> Invalid input raises {@link io.crmkit.plugin.api.InvalidRecordException} naming the
 * field; an unknown id raises {@link io.crmkit.plugin.api.RecordNotFoundException}. These two are the only
 * refusals; each method's {@code @throws} says when it raises which, and a method that names none raises none.
 *
 * <p><b>A refusal leaves the caller's transaction usable.</b> A host decides a refusal before it writes
 * anything, so a call that throws one of the two stored nothing and changed nothing, and it does not mark
 * the caller's JTA transaction for rollback: the caller may catch the refusal, try again differently (for
 * example create the contact without the phone number the host refused) and commit everything else it did
 * in the same transaction. A host whose persistence layer marks the transaction on every exception must check
 * the input before it reaches that layer, or let its transactional boundaries not roll back on these two
 * exceptions. Any other exception (the database failing, a bug) may leave the transaction marked for
 * rollback, as any JTA resource may.
 *
 * <p><b>Evolution.</b> Version 1 evolves only by adding methods with default implementations and record
 * factory methods; nothing is removed or changed in meaning before version 2.
 */
package io.crmkit.plugin.api;
