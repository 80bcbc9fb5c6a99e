package io.crmkit.whatsapp.application.meta;

import io.crmkit.whatsapp.domain.TemplateContent;

import java.util.List;
import java.util.Optional;

/**
 * A message for Meta's send call.
 *
 * @param to          the customer: E.164 with {@code +}, or a username-based id
 * @param quotedWamid the message this one answers, shown quoted to the customer
 * @param referenceId the plugin's own id, sent as {@code biz_opaque_callback_data} and echoed in status webhooks
 */
public record OutgoingMessage(String to, Content content, Optional<String> quotedWamid, String referenceId) {

    /** What the message carries; one record per message type. */
    public sealed interface Content permits Text, Media, Template {
    }

    /** Free text, at most 4,096 characters. */
    public record Text(String body) implements Content {
    }

    /**
     * A file uploaded to Meta beforehand.
     *
     * @param wireType {@code image}, {@code document}, {@code audio} or {@code video}
     * @param caption  not sent for audio, which has none
     * @param fileName shown to the customer for documents only
     */
    public record Media(String wireType, String mediaId, Optional<String> caption, Optional<String> fileName)
            implements Content {
    }

    /**
     * An approved template with a value for each of its parameters.
     *
     * @param language the code exactly as Meta approved the template ({@code en_US})
     */
    public record Template(String name, String language, List<TemplateContent.FilledParameter> values,
                           Optional<HeaderMedia> header) implements Content {
        public Template {
            values = List.copyOf(values);
        }
    }

    /**
     * The file a template's image, video or document header shows, uploaded to Meta beforehand.
     *
     * @param wireType {@code image}, {@code video} or {@code document}
     */
    public record HeaderMedia(String wireType, String mediaId, Optional<String> fileName) {
    }
}
